import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorCategory } from '../../src/live/api-error.js';
import { describeApiError } from '../../src/live/describe-api-error.js';

const error = (category: ApiErrorCategory, message = 'server says no', status?: number, attempts = 1, code = 'SomeException') =>
  new ApiError('GetRelationship', category, message, status, attempts, code);

describe('describeApiError', () => {
  it.each<[ApiErrorCategory, number | undefined, number, RegExp]>([
    ['credentials', undefined, 1, /^no AWS credentials found \(server says no\): set AWS_PROFILE or --profile/],
    ['access-denied', 403, 1, /^GetRelationship was denied \(403 SomeException: server says no\): allow partnercentral:GetRelationship/],
    ['not-found', 404, 1, /^GetRelationship found nothing \(404 SomeException: server says no\): check the catalog and programManagementAccountIdentifier/],
    ['throttling', 429, 5, /^GetRelationship was still throttled after 5 attempts \(429 SomeException: server says no\): lower --read-rate/],
    ['network', undefined, 3, /^cannot reach the Partner Central Channel API for GetRelationship \(server says no\): check --endpoint-url/],
    ['internal', 500, 5, /^GetRelationship failed on the server after 5 attempts \(500 SomeException: server says no\): try again later$/],
    ['validation', 400, 1, /^GetRelationship was rejected as invalid \(400 SomeException: server says no\): this is probably a pcc bug/],
    ['conflict', 409, 1, /^GetRelationship failed \(409 SomeException: server says no\)$/],
    ['unknown', undefined, 1, /^GetRelationship failed \(SomeException: server says no\)$/],
  ])('%s: one line saying what failed and what to do', (category, status, attempts, expected) => {
    const line = describeApiError(error(category, 'server says no', status, attempts));
    expect(line).toMatch(expected);
    expect(line).not.toContain('\n');
  });

  it('sanitises and shortens what the server said', () => {
    const line = describeApiError(error('access-denied', `\u001b]8;;http://x\u0007click\u001b]8;;\u0007 ${'a'.repeat(1000)}\nnext`, 403));
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('click a');
    expect(line.length).toBeLessThan(500);
    expect(line).toContain('…');
  });

  it('sanitises and shortens the error code too (the SDK takes it from the answer)', () => {
    const line = describeApiError(error('unknown', 'no', 418, 1, `Evil\u001b[2J\u001b]0;title\u0007Exception\n${'X'.repeat(500)}`));
    expect(line).not.toMatch(/[\u0000-\u001f]/);
    expect(line).toContain('418 EvilException');
    expect(line.length).toBeLessThan(250);
  });
});
