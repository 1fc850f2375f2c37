import { platform } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { refreshCacheDir } from '../live/refresh-cache-file.js';
import { openRefreshCache, type RefreshCacheStore } from '../live/refresh-cache-store.js';
import { cacheTargetOf } from './channel-api-from-options.js';
import type { CommandContext } from './context.js';
import type { GlobalOptions } from './global-options.js';

/** `cached` (default): reuse the refresh cache where revisions are unchanged; `full`: read everything. */
export const REFRESH_MODES = ['cached', 'full'] as const;
export type RefreshMode = (typeof REFRESH_MODES)[number];

/**
 * `pcc plan` also takes `rolling`: as `cached`, and the tags read longest ago are read again, ⌈C/N⌉ a run
 * (`--verify-every N`), so that every relationship's tags are read at least every N runs (the drift workflow's).
 */
export const PLAN_REFRESH_MODES = [...REFRESH_MODES, 'rolling'] as const;
export type PlanRefreshMode = (typeof PLAN_REFRESH_MODES)[number];

/** `--verify-every`'s default: a rolling refresh reads every relationship's tags at least every 10 runs. */
export const DEFAULT_VERIFY_EVERY = 10;

export interface CacheOptions {
  /** `--cache DIR`: the refresh cache folder; default the user's cache folder (refreshCacheDir). */
  cache?: string;
}

export function addCacheOption(command: Command): Command {
  return command.option('--cache <dir>', 'refresh cache folder (default: $XDG_CACHE_HOME/pcc, ~/.cache/pcc, ~/Library/Caches/pcc on macOS)');
}

const shown = (path: string) => JSON.stringify(sanitizeForTerminal(path));

/**
 * The refresh cache a command uses, or undefined when no folder can be known (no home). A file that cannot
 * be used is reported on stderr and treated as empty: the cache only ever saves time.
 */
export async function openCommandCache(ctx: CommandContext, options: GlobalOptions & CacheOptions): Promise<RefreshCacheStore | undefined> {
  const dir = options.cache !== undefined ? resolve(ctx.cwd, options.cache) : refreshCacheDir(ctx.env, platform(), ctx.env.HOME || ctx.env.USERPROFILE);
  if (dir === undefined) return undefined;
  const store = await openRefreshCache(dir, cacheTargetOf(options, ctx.env));
  if (store.warning) ctx.sink.err(`pcc: warning: ignoring the refresh cache ${shown(store.path)}: ${store.warning}; everything is read\n`);
  return store;
}

/** Runs a cache write; a failure is a warning, never a failed command. */
export async function writeCache(ctx: CommandContext, store: RefreshCacheStore, write: (store: RefreshCacheStore) => Promise<void>): Promise<void> {
  try {
    await write(store);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    ctx.sink.err(`pcc: warning: cannot update the refresh cache ${shown(store.path)} (${sanitizeForTerminal(code)}); the next plan reads more\n`);
  }
}
