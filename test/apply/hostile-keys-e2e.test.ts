import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TagResourceCommand } from '@aws-sdk/client-partnercentral-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLY_RUN_TAG, MANAGED_TAG } from '../../src/model/ownership-tags.js';
import type { Plan } from '../../src/plan/plan-types.js';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, MANAGED, pcc, PMA, seedEntry, type Workspace } from '../support/e2e-helpers.js';

/**
 * Issue 19 fault 1: tag keys that are names of Object's built-ins. Every map keyed by the user's or the server's
 * strings must hold any string: declared, set live behind pcc's back, and through import → validate.
 */
const HOSTILE = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString'];
/** Built with fromEntries: an object literal `{ __proto__: … }` would set the prototype, not a key. */
const tagsOf = (keys: readonly string[], value: (key: string) => string) => Object.fromEntries(keys.map((key) => [key, value(key)]));

const h = withEmulator({ idSeed: 19 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const planJson = async (args: string[] = []) => {
  const run = await pcc(ws as Workspace, h.env, ['plan', '--format', 'json', ...args]);
  expect(run.stderr).not.toMatch(/TypeError|is not a function/);
  return { ...run, plan: run.stdout ? (JSON.parse(run.stdout) as Plan) : undefined };
};

describe('tag keys named like Object built-ins', () => {
  it('declared: validate, apply, converge, change and remove each of them', async () => {
    const declared = tagsOf(HOSTILE, (key) => `v-${key}`);
    ws = await createWorkspace([entry(1, { tags: declared })]);
    expect((await pcc(ws, h.env, ['validate'])).code).toBe(0);
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).not.toMatch(/TypeError|is not a function/);
    expect(applied.code).toBe(0);
    const live = h.state.relationships()[0];
    expect(live?.tags).toEqual({ ...declared, [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: expect.any(String) });
    expect(Object.keys(live?.tags ?? {}).sort()).toEqual([...HOSTILE, MANAGED_TAG, APPLY_RUN_TAG].sort());
    const settled = await planJson(['--detailed-exitcode']);
    expect(settled.code).toBe(0);
    expect(settled.plan?.changes.map((c) => c.action)).toEqual(['no-op']);

    // Every value changed, and half of the keys removed: one field each, and apply lands exactly that.
    const changed = tagsOf(HOSTILE.slice(0, 4), (key) => `w-${key}`);
    await ws.write([entry(1, { tags: changed })]);
    const planned = await planJson();
    expect(planned.code).toBe(0);
    expect(planned.plan?.changes[0]?.fields.map((f) => [f.name, f.before, f.after])).toEqual(
      HOSTILE.map((key) => [`tags.${key}`, `v-${key}`, Object.hasOwn(changed, key) ? changed[key] : undefined]).sort(([a], [b]) =>
        (a as string) < (b as string) ? -1 : 1,
      ),
    );
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.relationships()[0]?.tags).toEqual({ ...changed, [MANAGED_TAG]: 'true', [APPLY_RUN_TAG]: expect.any(String) });
    expect((await planJson(['--detailed-exitcode'])).code).toBe(0);
  });

  it('set live on a declared relationship (emulator state and TagResource): planned for removal, removed, settled', async () => {
    const a = seedEntry(h.emulator, 1, { tags: { ...MANAGED } });
    const b = seedEntry(h.emulator, 2, { tags: { ...MANAGED } });
    h.state.setTags(a.arn, { ...MANAGED, ...tagsOf(HOSTILE, (key) => `live-${key}`) });
    await h.client().send(new TagResourceCommand({ resourceArn: b.arn, tags: HOSTILE.map((key) => ({ key, value: `sdk-${key}` })) }));
    expect(Object.keys(h.state.tagsOf(b.arn) ?? {}).sort()).toEqual([...HOSTILE, MANAGED_TAG].sort());
    ws = await createWorkspace([entry(1), entry(2)]);
    const planned = await planJson(['--detailed-exitcode']);
    expect(planned.code).toBe(2);
    for (const change of planned.plan?.changes ?? []) {
      expect(change.action).toBe('update');
      expect(change.fields.map((f) => f.name).sort()).toEqual(HOSTILE.map((key) => `tags.${key}`).sort());
      expect(change.fields.every((f) => f.after === undefined && typeof f.before === 'string')).toBe(true);
    }
    const applied = await pcc(ws, h.env, ['apply', '--auto-approve']);
    expect(applied.stderr).not.toMatch(/TypeError|is not a function/);
    expect(applied.code).toBe(0);
    expect(h.state.tagsOf(a.arn)).toEqual(MANAGED);
    expect(h.state.tagsOf(b.arn)).toEqual(MANAGED);
    // Settled: not a change planned forever.
    expect((await planJson(['--detailed-exitcode', '--refresh', 'full'])).code).toBe(0);
    expect((await planJson(['--detailed-exitcode'])).code).toBe(0);
  });

  it('a live value differing from the declared one is updated, for every key', async () => {
    const r = seedEntry(h.emulator, 3, { tags: { ...MANAGED, ...tagsOf(HOSTILE, () => 'old') } });
    ws = await createWorkspace([entry(3, { tags: tagsOf(HOSTILE, () => 'new') })]);
    const planned = await planJson();
    expect(planned.plan?.changes[0]?.fields).toHaveLength(HOSTILE.length);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(h.state.tagsOf(r.arn)).toEqual({ ...MANAGED, ...tagsOf(HOSTILE, () => 'new') });
    expect((await planJson(['--detailed-exitcode'])).code).toBe(0);
  });

  it('import writes them, validate accepts its output, and the plan adopts with no field change', async () => {
    seedEntry(h.emulator, 4, { tags: tagsOf(HOSTILE, (key) => `i-${key}`) });
    ws = await createWorkspace([]);
    const imported = await pcc(ws, h.env, ['import']);
    expect(imported.code).toBe(0);
    for (const key of HOSTILE) expect(imported.stdout).toContain(`${key}: i-${key}`);
    await writeFile(join(ws.cwd, 'relationships', 'main.yaml'), imported.stdout);
    const validated = await pcc(ws, h.env, ['validate']);
    expect(validated.code, validated.stderr).toBe(0);
    expect((await pcc(ws, h.env, ['fmt', '--check'])).code).toBe(0);
    const planned = await planJson();
    expect(planned.plan?.changes.map((c) => [c.address, c.action, c.fields.length])).toEqual([[`AWS/${PMA}/${accountId(4)}`, 'adopt', 0]]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect((await planJson(['--detailed-exitcode'])).code).toBe(0);
  });
});
