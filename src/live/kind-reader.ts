/**
 * What the live engine (readLive, the SDK adapter) needs of a resource kind: how its part of the live state is read,
 * and how its operations reach the service over the AWS SDK. A kind brings it as `reader` (src/kinds/resource-kind.ts).
 */
import type { DesiredRelationship, DesiredScope } from '../desired/types.js';
import type { KindDesiredParts, KindReadOptions, KindReads } from '../kinds/registry.js';
import type { ChannelApi } from './channel-api.js';
import type { SdkCalls } from './sdk-calls.js';

/**
 * Progress of a refresh: `list` while pages are read (per PMA), then `read` for tag and detail reads;
 * `saved` counts the tag and detail reads the refresh cache made unnecessary.
 */
export interface ReadLiveProgress {
  stage: 'list' | 'read';
  done: number;
  total: number;
  saved: number;
}

/** readLive's options: the engine's own, and each kind's (KindReadOptions). */
export interface ReadLiveOptions extends KindReadOptions {
  /** Reads in flight at once (the adapter rate-limits each operation on its own). Default 8. */
  concurrency?: number;
  onProgress?: (progress: ReadLiveProgress) => void;
}

/**
 * What readLive needs of the desired state: the entries, the PMAs the files name (DesiredState.scopes), and any
 * other kind's part a kind's read looks at (e.g. the declared program management accounts).
 */
export type DesiredScopes = {
  relationships: readonly DesiredRelationship[];
  scopes?: readonly DesiredScope[];
} & Partial<KindDesiredParts>;

/** What a kind's read is given. */
export interface ReadContext {
  api: ChannelApi;
  desired: DesiredScopes;
  /** What the kinds before this one read (registry order), e.g. the listed relationships a service period is about. */
  live: Partial<KindReads>;
  options: ReadLiveOptions;
}

export interface KindReader<Read extends object = object> {
  /** This kind's part of the live state, with what its read reports (e.g. the refresh cache's figures). */
  read(context: ReadContext): Promise<Read>;
  /**
   * This kind's ChannelApi operations over the AWS SDK, given the shared client, limiter and error mapping. Loaded
   * on first use: only commands that call the API load the SDK (commands/channel-api-from-options.ts).
   */
  sdkApi(): Promise<(sdk: SdkCalls) => object>;
}
