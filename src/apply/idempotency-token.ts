import { createHash } from 'node:crypto';
import { canonicalJson } from '../model/ownership-tags.js';

/** ClientToken is 1-64 printable ASCII (`^[!-~]*$`): a short prefix plus hex digits always fits. */
const MAX_TOKEN_LENGTH = 64;

/** A deterministic idempotency token: `prefix` and the digest of `value`, so the same value always gives the same token. */
export function clientTokenOf(prefix: string, value: unknown): string {
  const digest = createHash('sha256').update(canonicalJson(value)).digest('hex');
  return `${prefix}${digest}`.slice(0, MAX_TOKEN_LENGTH);
}
