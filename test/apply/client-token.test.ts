import { describe, expect, it } from 'vitest';
import { createClientToken, deleteClientToken } from '../../src/kinds/relationship/client-token.js';
import { spec } from '../support/plan-builders.js';
import { addressFor } from '../support/state-builders.js';

// The model's ClientToken: 1-64 characters of printable ASCII.
const CLIENT_TOKEN = /^[!-~]{1,64}$/;

describe('client tokens', () => {
  it('are valid ClientTokens and deterministic for the same address and desired fields', () => {
    const token = createClientToken(addressFor('111122223333'), spec('111122223333'));
    expect(token).toMatch(CLIENT_TOKEN);
    expect(token).toMatch(/^pcc-/);
    expect(createClientToken(addressFor('111122223333'), spec('111122223333'))).toBe(token);
    // Key order does not matter: the token hashes canonical JSON.
    const reordered = Object.fromEntries(Object.entries(spec('111122223333')).reverse()) as ReturnType<typeof spec>;
    expect(createClientToken(addressFor('111122223333'), reordered)).toBe(token);
  });

  it('differ when any desired field, the address or the previous generation differs', () => {
    const base = createClientToken(addressFor('111122223333'), spec('111122223333'));
    const variants = [
      createClientToken(addressFor('111122223333'), spec('111122223333', { displayName: 'Other' })),
      createClientToken(addressFor('111122223333'), spec('111122223333', { tags: { a: 'b' } })),
      createClientToken(addressFor('999922223333'), spec('111122223333')),
      createClientToken(addressFor('111122223333'), spec('111122223333'), 'rs-aaaaaaaaaaaaa'),
    ];
    expect(new Set([base, ...variants]).size).toBe(5);
  });

  it('delete tokens are valid and name the relationship and its revision', () => {
    const token = deleteClientToken(addressFor('111122223333'), 'rs-aaaaaaaaaaaaa', '3');
    expect(token).toMatch(CLIENT_TOKEN);
    expect(token).toBe(deleteClientToken(addressFor('111122223333'), 'rs-aaaaaaaaaaaaa', '3'));
    expect(token).not.toBe(deleteClientToken(addressFor('111122223333'), 'rs-aaaaaaaaaaaaa', '4'));
  });
});
