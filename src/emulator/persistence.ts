/**
 * `--data FILE`: state loaded at start, saved after changes and on stop. Saves are coalesced (a burst of
 * changes makes one write a few milliseconds later) and atomic (temp file + rename), so a reader or a
 * crash never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { EmulatorState } from './state.js';

const SAVE_DELAY_MS = 10;

export interface Persistence {
  /** Writes now if anything changed since the last write, or whatever happened with `force`. */
  flush(options?: { force?: boolean }): void;
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
  writeFileSync(temp, `${JSON.stringify(state.toJSON(), null, 2)}\n`);
  renameSync(temp, path);
}

/** `onError` hears about failed background saves (a failed `flush()` throws instead). */
export function persistState(path: string, state: EmulatorState, onError: (error: unknown) => void): Persistence {
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  const flush = (options: { force?: boolean } = {}): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!dirty && !options.force) return;
    dirty = false;
    saveStateFile(path, state);
  };
  const unsubscribe = state.onChange(() => {
    dirty = true;
    timer ??= setTimeout(() => {
      try {
        flush();
      } catch (error) {
        dirty = true;
        onError(error);
      }
    }, SAVE_DELAY_MS);
  });
  return {
    flush,
    detach() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      unsubscribe();
    },
  };
}
