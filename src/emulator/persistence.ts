/**
 * `--data FILE`: state loaded at start and saved after changes and on stop. A request that changed state is
 * answered only once the change is on disk (`durable()`: written to a temp file, fsynced, renamed over the
 * file, the folder fsynced), so a crash right after an answer never loses what the answer reported. Saves are
 * group commits: every request handled before the next save shares it. Changes made outside a request (tests
 * and the demo seeding state) are saved a few milliseconds later. A reader or a crash never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorState } from './state.js';

const SAVE_DELAY_MS = 10;

export interface Persistence {
  /** Writes now if anything changed since the last write, or whatever happened with `force`. */
  flush(options?: { force?: boolean }): void;
  /** Resolves once every change made so far is on disk; rejects when the save failed. */
  durable(): Promise<void>;
  /** Stops watching the state (flush first to keep the last changes). */
  detach(): void;
}

/** Loads the file into `state` when it exists; returns whether it did. */
export function loadStateFile(path: string, state: EmulatorState): boolean {
  if (!existsSync(path)) return false;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    state.load(json);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}

export function saveStateFile(path: string, state: EmulatorState): void {
  // A random name, not the pid: two emulators (or two threads) saving at once must not share a temp file.
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(state.toJSON(), null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

/** The rename is durable only once the folder's entry is: fsync the folder where the platform allows it. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync; its rename is durable once it returns.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `onError` hears about failed background saves (a failed `flush()` throws, a failed `durable()` rejects). */
export function persistState(path: string, state: EmulatorState, onError: (error: unknown) => void): Persistence {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const flush = (options: { force?: boolean } = {}): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty && !options.force) return;
    dirty = false;
    try {
      saveStateFile(path, state);
    } catch (error) {
      dirty = true;
      throw error;
    }
  };
  const commit = (): void => {
    const batch = waiting;
    waiting = [];
    try {
      flush();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
      return;
    }
    for (const waiter of batch) waiter.resolve();
  };
  const unsubscribe = state.onChange(() => {
    dirty = true;
    timer ??= setTimeout(() => {
      try {
        flush();
      } catch (error) {
        onError(error);
      }
    }, SAVE_DELAY_MS);
  });
  return {
    flush,
    durable() {
      if (!dirty) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        // The first waiter schedules the save; requests handled before it runs join the same one.
        if (waiting.length === 0) setImmediate(commit);
        waiting.push({ resolve, reject });
      });
    },
    detach() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      unsubscribe();
    },
  };
}
