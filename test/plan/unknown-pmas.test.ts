/**
 * A ListRelationships 404 is explained by the PMAs of the files' scopes that their catalog lacks. A PMA the files
 * name by a declared name (`programManagementAccount: emea`) is read only once it exists: never the cause.
 */
import { describe, expect, it } from 'vitest';
import { explainUnknownPmas } from '../../src/commands/unknown-pmas.js';
import type { ChannelApi } from '../../src/live/channel-api.js';
import { ApiError } from '../../src/live/api-error.js';
import { desiredState } from '../support/state-builders.js';

const notFound = new ApiError('ListRelationships', 'not-found', 'no such PMA', 404, 1, 'ResourceNotFoundException');
const api = { listProgramManagementAccounts: async () => [{ id: 'pma-u8ic702rtzng8', catalog: 'AWS' }] } as unknown as ChannelApi;

describe('explainUnknownPmas', () => {
  it('names a PMA id the catalog lacks, never a declared name', async () => {
    const desired = desiredState([]);
    desired.scopes = [
      { catalog: 'AWS', pmaId: 'pma-u8ic702rtzng8' },
      { catalog: 'AWS', pmaId: 'pma-aaaaaaaaaaaaa', source: { file: 'relationships/a.yaml', line: 2, column: 37 } },
      { catalog: 'AWS', pmaId: 'emea', programManagementAccount: 'emea', source: { file: 'relationships/b.yaml', line: 2, column: 27 } },
    ];
    const problems = await explainUnknownPmas(api, desired, notFound);
    expect(problems?.map((p) => [p.code, p.file, p.message])).toEqual([
      ['unknown-pma', 'relationships/a.yaml', 'program management account pma-aaaaaaaaaaaaa is not in the AWS catalog of this account'],
    ]);
  });
});
