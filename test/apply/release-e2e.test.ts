/**
 * Releasing a relationship (terraform's `removed` block with `destroy = false`), end to end (built CLI → SDK →
 * emulator): an address listed under `released:` is planned as its own action (`=>`), apply removes its `pcc:` tags
 * through UntagResource (with the revision moved around it, as around every pcc tag write) and nothing else, the next
 * plan reports it unmanaged, and --prune never deletes it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { withEmulator } from '../support/emulator.js';
import { accountId, createWorkspace, entry, pcc, PMA, relationshipAt, seedEntry, type Entry, type Workspace } from '../support/e2e-helpers.js';

const h = withEmulator({ idSeed: 47 }, { per: 'test', seed: (e) => void e.state.createPma({ id: PMA }) });
let ws: Workspace | undefined;
afterEach(async () => {
  await ws?.remove();
  ws = undefined;
});

const address = (i: number) => `AWS/${PMA}/${accountId(i)}`;
const SUPPORT = { resoldEnterprise: { coverage: 'ENTIRE_ORGANIZATION', tamLocation: 'us-east-1' } };

/** relationships/main.yaml with these entries and these released addresses. */
async function writeSet(entries: Entry[], released: string[]): Promise<void> {
  const doc = { catalog: 'AWS', programManagementAccountIdentifier: PMA, relationships: entries, released };
  await writeFile(join(ws!.cwd, 'relationships', 'main.yaml'), stringify(doc), 'utf8');
}

const calls = () => ({ ...h.emulator.stats.calls });
/** Mutating operations called since `before`, by name. */
function mutatingSince(before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(h.emulator.stats.calls)
      .filter(([op, n]) => /^(Create|Update|Delete|Tag|Untag|Cancel|Accept|Reject)/.test(op) && n !== (before[op] ?? 0))
      .map(([op, n]) => [op, n - (before[op] ?? 0)]),
  );
}

describe('released:', () => {
  it('plans a release, removes only the pcc: tags, then reports the relationship unmanaged and never prunes it', async () => {
    ws = await createWorkspace([entry(1, { tags: { team: 'a' }, requestedSupportPlan: SUPPORT }), entry(2)]);
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    const live = relationshipAt(h.emulator, 1)!;
    expect(Object.keys(h.state.tagsOf(live.arn)!).sort()).toEqual(['pcc:apply-run', 'pcc:managed', 'pcc:support-plan', 'team']);

    await writeSet([entry(2)], [address(1)]);
    const planned = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain(` => ${address(1)} will be released (its pcc: tags removed, nothing else changed; then unmanaged)`);
    expect(planned.stdout).toContain('- tags.pcc:managed = "true"');
    expect(planned.stdout).toContain('- tags.pcc:support-plan = ');
    expect(planned.stdout).toContain('1 to release');
    const json = JSON.parse((await pcc(ws, h.env, ['plan', '--format', 'json'])).stdout);
    expect(json.summary).toMatchObject({ release: 1, delete: 0 });
    expect(json.changes).toContainEqual(expect.objectContaining({ address: address(1), action: 'release', id: live.id, reasonCode: 'release-listed' }));
    expect(json.pruneCandidates).toEqual([]);
    const md = await pcc(ws, h.env, ['plan', '--format', 'markdown']);
    expect(md.stdout).toContain('| `=>` release (stop managing, keep) | 1 |');
    expect(md.stdout).toContain(`<code>=&gt;</code> <code>${address(1)}</code> will be released`);

    // The reviewed form: a saved plan, applied as it is.
    expect((await pcc(ws, h.env, ['plan', '--out', 'r.json'])).code).toBe(0);
    const before = calls();
    const applied = await pcc(ws, h.env, ['apply', 'r.json', '--auto-approve']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`=> released ${address(1)}`);
    expect(applied.stderr).toContain('1 released');
    // The UntagResource, and the revision moved before and after it (no-op UpdateRelationships), so that no
    // refresh cache anywhere keeps the pcc: tags read before the release.
    expect(mutatingSince(before)).toEqual({ UntagResource: 1, UpdateRelationship: 2 });
    const after = relationshipAt(h.emulator, 1)!;
    expect(h.state.tagsOf(after.arn)).toEqual({ team: 'a' });
    // Nothing but the pcc: tags changed: every field is as it was; only the revision moved.
    const fieldsOf = ({ tags: _tags, updatedAt: _at, revision: _revision, ...rest }: typeof live) => rest;
    expect(fieldsOf(after)).toEqual(fieldsOf(live));
    expect(after.revision).not.toBe(live.revision);

    const unmanaged = JSON.parse((await pcc(ws, h.env, ['plan', '--format', 'json', '--prune'])).stdout);
    expect(unmanaged.unmanaged).toEqual([expect.objectContaining({ address: address(1), id: live.id })]);
    expect(unmanaged.summary).toMatchObject({ delete: 0, unmanaged: 1 });
    expect(unmanaged.summary.release).toBeUndefined();
    const text = await pcc(ws, h.env, ['plan', '--prune', '--detailed-exitcode']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`released: ${live.id} is not managed by pcc (it carries no pcc:managed tag), so there is nothing to release`);

    // Once the line goes too, it is simply unmanaged: --prune leaves it alone.
    await writeSet([entry(2)], []);
    const pruned = await pcc(ws, h.env, ['apply', '--prune', '--auto-approve']);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(relationshipAt(h.emulator, 1)?.id).toBe(live.id);
  });

  it('an address with no relationship, or one pcc does not manage, gets a message and no call', async () => {
    ws = await createWorkspace([entry(3)]);
    seedEntry(h.emulator, 4, { tags: { team: 'b' } });
    seedEntry(h.emulator, 5, { tags: { 'pcc:managed': 'false' } });
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    await writeSet([entry(3)], [address(4), address(5), address(6)]);

    const planned = await pcc(ws, h.env, ['plan', '--detailed-exitcode']);
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain(`released: ${relationshipAt(h.emulator, 4)!.id} is not managed by pcc (it carries no pcc:managed tag)`);
    expect(planned.stdout).toContain(`released: ${relationshipAt(h.emulator, 5)!.id} is not managed by pcc (its pcc:managed is "false", not "true")`);
    expect(planned.stdout).toContain(`released: no live relationship has the address ${address(6)}`);
    const json = JSON.parse((await pcc(ws, h.env, ['plan', '--format', 'json'])).stdout);
    expect(json.changes.filter((c: { reasonCode?: string }) => c.reasonCode?.startsWith('release-')).map((c: { reasonCode: string }) => c.reasonCode)).toEqual([
      'release-not-managed',
      'release-not-managed',
      'release-not-found',
    ]);
    const before = calls();
    expect((await pcc(ws, h.env, ['apply', '--auto-approve'])).code).toBe(0);
    expect(mutatingSince(before)).toEqual({});
    expect(h.state.tagsOf(relationshipAt(h.emulator, 5)!.arn)).toEqual({ 'pcc:managed': 'false' });
  });

  it('validate refuses a release twice, of a declared entry, or outside the PMAs the files name, at file:line:col', async () => {
    ws = await createWorkspace([entry(7)]);
    await writeSet([entry(7)], [address(8), address(8), address(7), `AWS/pma-aaaaaaaaaaaaa/${accountId(9)}`, 'AWS/111122223333']);
    const text = await readFile(join(ws.cwd, 'relationships', 'main.yaml'), 'utf8');
    const numbered = text.split('\n').map((line, i) => ({ line, n: i + 1 }));
    /** The 1-based number of the `nth` line holding `needle`. */
    const lineOf = (needle: string, nth = 0) => numbered.filter(({ line }) => line.includes(needle))[nth]!.n;
    const result = await pcc(ws, h.env, ['validate']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `relationships/main.yaml:${lineOf(address(8), 1)}:5: error: "${address(8)}" is released twice: here and at relationships/main.yaml:${lineOf(address(8))}:5`,
    );
    expect(result.stderr).toContain(
      `relationships/main.yaml:${lineOf(`- ${address(7)}`)}:5: error: "${address(7)}" is released here but declared at relationships/main.yaml:`,
    );
    expect(result.stderr).toContain('which no document or entry names, so pcc does not read it');
    expect(result.stderr).toContain('A released address is <catalog>/<pma-id>/<associatedAccountId>');
    expect((await pcc(ws, h.env, ['plan'])).code).toBe(1);
  });
});
