import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CONFIRM_QUESTION, confirmApply } from '../../src/apply/confirm.js';

async function answer(text: string | undefined): Promise<{ ok: boolean; asked: string }> {
  const input = new PassThrough();
  let asked = '';
  const pending = confirmApply({ input, write: (t) => (asked += t) });
  if (text === undefined) input.end();
  else input.end(text);
  return { ok: await pending, asked };
}

describe('confirmApply', () => {
  it('proceeds only on "yes"', async () => {
    expect(await answer('yes\n')).toEqual({ ok: true, asked: CONFIRM_QUESTION });
    expect((await answer('  yes  \n')).ok).toBe(true);
    for (const no of ['y\n', 'YES\n', 'no\n', '\n', 'yes please\n']) expect((await answer(no)).ok).toBe(false);
  });

  it('end of input is a no', async () => {
    expect((await answer(undefined)).ok).toBe(false);
  });
});
