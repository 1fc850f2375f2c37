import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { planFromFiles } from '../../src/commands/plan-from-files.js';
import { createRecordingSink, type RecordingSink } from '../../src/io/sink.js';
import { pickReporter } from '../../src/report/reporter.js';
import { ApiError } from '../../src/live/api-error.js';
import { createFakeChannelApi } from '../support/fake-channel-api.js';
import { liveEntry, PMA } from '../support/state-builders.js';

const GLOBALS = { dir: 'relationships', parallelism: 4, readRate: 5, writeRate: 3, refresh: 'cached' as const };
const YAML = `catalog: AWS
programManagementAccountIdentifier: ${PMA}
relationships:
  - associatedAccountId: "111122223333"
    associationType: INTERNAL
    displayName: Acme Corp
    sector: COMMERCIAL
  - associatedAccountId: "444455556666"
    associationType: END_CUSTOMER
    displayName: Globex
    sector: COMMERCIAL
`;

async function project(text: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'pcc-plan-from-files-'));
  await mkdir(join(cwd, 'relationships'));
  await writeFile(join(cwd, 'relationships', 'a.yaml'), text);
  return cwd;
}

function context(cwd: string, sink: RecordingSink): CommandContext {
  return { sink, reporter: pickReporter({ sink, env: {} }), env: {}, cwd, stdin: process.stdin, setExitCode: () => undefined, onInterrupt: () => () => undefined };
}

describe('planFromFiles', () => {
  it('reports blocked replacements on stderr and as annotations in GitHub Actions, exit 1, stdout untouched', async () => {
    const cwd = await project(YAML);
    const sink = createRecordingSink({ github: true });
    const api = createFakeChannelApi({ relationships: [liveEntry('111122223333', 'rs-aaaaaaaaaaaaa', { displayName: 'Acme Corp', tags: { 'pcc:managed': 'true' } })] });
    const result = await planFromFiles(context(cwd, sink), { ...GLOBALS, prune: false, allowReplace: false, api });
    expect(result.exitCode).toBe(1);
    expect(result.plan?.summary).toMatchObject({ replace: 1, blocked: 1, create: 1 });
    expect(sink.stdout).toBe('');
    expect(sink.stderr).toContain(
      'relationships/a.yaml:5:22: error: AWS/pma-u8ic702rtzng8/111122223333: replacement blocked: associationType cannot be changed in place',
    );
    expect(sink.stderr).toContain('::error file=relationships/a.yaml,line=5,col=22,title=pcc%3A replace-blocked-no-allow::');
  });

  it('is exit 0 with a plan when all is well, and leaves the caller’s API alone', async () => {
    const cwd = await project(YAML.replace('INTERNAL', 'END_CUSTOMER'));
    const sink = createRecordingSink();
    const api = createFakeChannelApi({ relationships: [] });
    const result = await planFromFiles(context(cwd, sink), { ...GLOBALS, prune: false, allowReplace: false, api });
    expect(result.exitCode).toBe(0);
    expect(result.plan?.summary.create).toBe(2);
    expect(sink.stderr).toBe('');
    expect(api.listCalls).toHaveLength(1);
  });

  it('invalid files: diagnostics like pcc validate, annotations in Actions, exit 1, no plan and no API call', async () => {
    const cwd = await project(YAML.replace('"111122223333"', '111122223333x'));
    const sink = createRecordingSink({ github: true });
    const api = createFakeChannelApi({ relationships: [] });
    const result = await planFromFiles(context(cwd, sink), { ...GLOBALS, prune: false, allowReplace: false, api });
    expect(result).toEqual({ exitCode: 1 });
    expect(sink.stderr).toMatch(/^relationships\/a\.yaml:4:\d+: error: /m);
    expect(sink.stderr).toContain('::error file=relationships/a.yaml,line=4');
    expect(sink.stderr).toContain('(nothing was read from the API)');
    expect(api.listCalls.length + api.tagCalls.length).toBe(0);
  });

  it('a failed read is one line on stderr (sanitised), no plan, exit 1', async () => {
    const cwd = await project(YAML);
    const sink = createRecordingSink();
    const hostile = new ApiError('ListRelationships', 'access-denied', 'denied \u001b[31mred\u001b[0m\nsecond line', 403, 1, 'AccessDeniedException');
    const api = createFakeChannelApi({ inject: { ListRelationships: () => hostile } });
    const result = await planFromFiles(context(cwd, sink), { ...GLOBALS, prune: false, allowReplace: false, api });
    expect(result).toEqual({ exitCode: 1 });
    expect(sink.stderr).toBe(
      'pcc: cannot read the live state: ListRelationships was denied (403 AccessDeniedException: denied red second line): ' +
        'allow partnercentral:ListRelationships for these credentials, or use --profile to pick others\n',
    );
  });

  it('shows a progress bar on stderr only when stderr is a terminal', async () => {
    const cwd = await project(YAML.replace('INTERNAL', 'END_CUSTOMER'));
    const relationships = Array.from({ length: 5 }, (_, i) => liveEntry(`99999999999${i}`, `rs-${'b'.repeat(12)}${i}`));
    const interactive = createRecordingSink({ interactive: true });
    await planFromFiles(context(cwd, interactive), { ...GLOBALS, prune: false, allowReplace: false, api: createFakeChannelApi({ relationships }) });
    expect(interactive.stderr).toContain('Reading tags and details');
    expect(interactive.stdout).toBe('');
    const quiet = createRecordingSink();
    await planFromFiles(context(cwd, quiet), { ...GLOBALS, prune: false, allowReplace: false, api: createFakeChannelApi({ relationships }) });
    expect(quiet.stderr).toBe('');
  });

  it('shows the reads the refresh cache avoided on the progress bar', async () => {
    const cwd = await project(YAML.replace('INTERNAL', 'END_CUSTOMER'));
    const updatedAt = '2026-01-01T00:00:00.000Z';
    const relationships = Array.from({ length: 5 }, (_, i) => liveEntry(`99999999999${i}`, `rs-${'b'.repeat(12)}${i}`, { updatedAt }));
    const options = { ...GLOBALS, prune: false, allowReplace: false, cache: join(cwd, 'cache') };
    const cold = createRecordingSink({ interactive: true });
    await planFromFiles(context(cwd, cold), { ...options, api: createFakeChannelApi({ relationships }) });
    expect(cold.stderr).not.toContain('avoided');
    const warm = createRecordingSink({ interactive: true });
    const api = createFakeChannelApi({ relationships });
    const result = await planFromFiles(context(cwd, warm), { ...options, api });
    expect(api.tagCalls).toEqual([]);
    expect(warm.stderr).toContain('0/0, 5 avoided (cache)');
    expect(result.plan?.summary).toMatchObject({ reads: 0, readsSaved: 5 });
  });
});
