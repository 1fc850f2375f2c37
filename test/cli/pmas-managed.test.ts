import { describe, expect, it } from 'vitest';
import { markManaged } from '../../src/commands/pmas.js';
import { ApiError } from '../../src/live/api-error.js';

const arnOf = (id: string) => `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/program-management-account/${id}`;

describe('markManaged', () => {
  it('true only for pcc:managed=true; null, said once per cause, where the tags cannot be read or there is no ARN', async () => {
    const tags: Record<string, Record<string, string>> = {
      [arnOf('pma-a')]: { 'pcc:managed': 'true' },
      [arnOf('pma-b')]: { 'pcc:managed': 'false', team: 'x' },
    };
    const api = {
      listTags: (arn: string) => {
        const found = tags[arn];
        return found ? Promise.resolve(found) : Promise.reject(new ApiError('ListTagsForResource', 'not-found', 'gone\u001b[31m', 404, 1, 'ResourceNotFoundException'));
      },
    };
    const { listed, problems } = await markManaged(api, [
      { catalog: 'AWS', id: 'pma-a', arn: arnOf('pma-a') },
      { catalog: 'AWS', id: 'pma-b', arn: arnOf('pma-b') },
      { catalog: 'AWS', id: 'pma-c', arn: arnOf('pma-c') },
      { catalog: 'AWS', id: 'pma-d', arn: arnOf('pma-d') },
      { catalog: 'AWS', id: 'pma-e' },
    ]);
    expect(listed.map(({ id, managed }) => [id, managed])).toEqual([
      ['pma-a', true],
      ['pma-b', false],
      ['pma-c', null],
      ['pma-d', null],
      ['pma-e', null],
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^pcc: cannot tell whether pcc manages pma-c, pma-d \(MANAGED \?\): cannot read their tags: .*ListTagsForResource/),
      'pcc: cannot tell whether pcc manages pma-e (MANAGED ?): cannot read its tags: the service gave no ARN for it\n',
    ]);
    expect(problems.join('')).not.toContain('\u001b');
  });

  it('an error that is not the API’s is not swallowed', async () => {
    const api = { listTags: () => Promise.reject(new TypeError('bug')) };
    await expect(markManaged(api, [{ catalog: 'AWS', id: 'pma-a', arn: arnOf('pma-a') }])).rejects.toThrow('bug');
  });
});
