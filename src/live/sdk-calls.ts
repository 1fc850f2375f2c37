/**
 * What the SDK adapter (sdk-channel-api.ts) hands each kind's operations (KindReader.sdkApi): the clients, one
 * request through the rate limiter with its failure as an ApiError, and paging. Loads no SDK code itself.
 */
import type { PartnerCentralChannelClient } from '@aws-sdk/client-partnercentral-channel';
import { ApiError } from './api-error.js';
import type { AccessLevel } from './request-limiter.js';

export interface SdkCalls {
  /** The client, with the SDK's adaptive retries. */
  client: PartnerCentralChannelClient;
  /** A client with one attempt, for requests whose blind retry could duplicate (handshakes, which the service does not promise to refuse twice). */
  onceClient: PartnerCentralChannelClient;
  /** One request, through the client-side limits; a failure is thrown as an ApiError (a credential one explained). */
  call<T>(operation: string, access: AccessLevel, send: () => Promise<T>): Promise<T>;
}

/** 50 PMAs of 1,000 relationships are 500 full pages; far beyond that, the pager is not ending. */
const MAX_PAGES = 10_000;

/**
 * Every page of a paginated operation, each read through `fetchPage` (so through the rate limiter). Paged by hand,
 * not with the SDK paginator, for that reason. A token handed out twice would page forever: that ends with an
 * ApiError rather than a hang or a partial list.
 */
export async function* readAllPages<T extends { nextToken?: string }>(operation: string, fetchPage: (nextToken: string | undefined) => Promise<T>): AsyncGenerator<T> {
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await fetchPage(nextToken);
    yield page;
    nextToken = page.nextToken;
    if (nextToken && (seen.has(nextToken) || seen.size >= MAX_PAGES)) {
      const why = seen.has(nextToken) ? 'repeated a nextToken' : 'kept handing out nextTokens';
      throw new ApiError(operation, 'internal', `the service ${why} after ${seen.size + 1} pages`, undefined, 1, 'PagingLoop');
    }
    if (nextToken) seen.add(nextToken);
  } while (nextToken);
}

/** Tags as the API takes them. */
export const toTagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

/** `items` in runs of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
