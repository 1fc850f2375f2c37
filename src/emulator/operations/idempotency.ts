/**
 * clientToken idempotency for Create and Delete operations. The same token with the same request gives the
 * first answer again (even if the resource has since gone); the same token with a different request is a
 * 409 ConflictException, as the Smithy-era AWS services that share this ConflictException shape answer (with
 * `replayMismatchedTokens`, the first answer again, as services that compare only the token).
 * Only successful answers are remembered, for `clientTokenTtlMs` (default forever; real AWS forgets them after
 * some hours).
 */
import { conflict, type ResourceType } from '../errors.js';
import { canonicalJson, type OperationContext } from './context.js';

export interface FirstAnswer {
  resourceId: string;
  response: unknown;
}

export function runIdempotent(ctx: OperationContext, operation: string, resourceType: ResourceType, input: Record<string, unknown>, run: () => FirstAnswer): unknown {
  const clientToken = typeof input.clientToken === 'string' ? input.clientToken : undefined;
  if (clientToken === undefined) return run().response;
  const { clientToken: _omit, ...rest } = input;
  const fingerprint = canonicalJson(rest);
  const ttl = ctx.settings.envelope.clientTokenTtlMs;
  const recalled = ctx.state.recallToken(operation, clientToken);
  // A forgotten token (older than the TTL) makes the request a new one, as after AWS's hours-long memory.
  const earlier = recalled && (ttl === undefined || Date.now() - (recalled.at ?? 0) <= ttl) ? recalled : undefined;
  if (earlier) {
    if (earlier.fingerprint === fingerprint || ctx.settings.envelope.replayMismatchedTokens) return structuredClone(earlier.response);
    throw conflict(`The clientToken was already used with different parameters for ${operation}; use a new clientToken.`, resourceType, earlier.resourceId);
  }
  const answer = run();
  ctx.state.rememberToken({ operation, clientToken, fingerprint, resourceId: answer.resourceId, response: answer.response, at: Date.now() });
  return answer.response;
}
