/**
 * Sending one service-period handshake so that it lands at most once. CreateChannelHandshake goes out without the
 * SDK's blind retries: after an answer that may hide a landed request (a dropped connection, a 500, a throttle)
 * or a 409, pcc first reads the relationship's handshakes back, and only when none shows does it send again, with
 * the same clientToken. The service does not promise to refuse a second pending request, nor to remember tokens.
 */
import type { ChannelApi, CreateServicePeriodRequest } from '../../live/channel-api.js';
import { isApiError } from '../../apply/change-context.js';

/** Attempts at most, and the waits (ms) between them. */
const RETRY_DELAYS_MS = [200, 800, 2_000, 4_000] as const;

export interface Sent {
  id: string;
  note?: string;
}

const mayHaveLanded = (error: unknown) => isApiError(error, 'network') || isApiError(error, 'internal') || isApiError(error, 'throttling');

/**
 * Sends `request` unless `findLanded` shows it landed; returns the handshake's id. `findLanded` reads back the
 * handshake this request would have made (or an equivalent one already there). Throws the last error otherwise.
 */
export async function sendHandshakeOnce(
  api: ChannelApi,
  request: CreateServicePeriodRequest,
  findLanded: () => Promise<string | undefined>,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<Sent> {
  return sendOnce(() => api.createServicePeriodHandshake(request), findLanded, delaysMs);
}

/**
 * Sends one handshake with `create` (one attempt per call, the same clientToken each time) unless `findLanded`
 * shows it landed: any kind's handshake (a service period's, a program management account's).
 */
export async function sendOnce(
  create: () => Promise<{ id?: string }>,
  findLanded: () => Promise<string | undefined>,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
  what = 'a request with these terms',
): Promise<Sent> {
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await create();
      if (created.id) return { id: created.id };
      const found = await findLanded();
      if (found) return { id: found, note: 'the answer named no handshake; a read shows it pending' };
      throw new Error('the service answered without a handshake id and no pending request shows: plan again');
    } catch (error) {
      const conflict = isApiError(error, 'conflict');
      if (!conflict && !mayHaveLanded(error)) throw error;
      const found = await findLanded();
      if (found) return { id: found, note: conflict ? `${what} was already pending` : 'the answer was lost; a read shows the request landed' };
      const delay = delaysMs[attempt];
      if (conflict || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
