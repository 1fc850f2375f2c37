/** Counters the emulator keeps while it runs: readable in-process, printed when the CLI server stops. */

export interface EmulatorStats {
  /** Requests per operation name, whatever their outcome (throttled and faulted ones included). */
  calls: Record<string, number>;
  /** Requests answered 429: by the rate limits and by injected throttling. */
  throttled: number;
  throttledByOperation: Record<string, number>;
  /** Injected faults of every kind. */
  faults: number;
  injected: { internalError: number; throttle: number; dropAfterCommit: number };
  /** Error answers by error type (`ValidationException`, …), injected ones included. */
  errors: Record<string, number>;
}

/** Counters keyed by names a request chose: no prototype, so `constructor` or `__proto__` is just a name. */
const counter = (): Record<string, number> => Object.create(null) as Record<string, number>;

export function createStats(): EmulatorStats {
  return {
    calls: counter(),
    throttled: 0,
    throttledByOperation: counter(),
    faults: 0,
    injected: { internalError: 0, throttle: 0, dropAfterCommit: 0 },
    errors: counter(),
  };
}

/** Zeroes the counters in place (holders of the object keep seeing the live one). */
export function resetStats(stats: EmulatorStats): void {
  Object.assign(stats, createStats());
}

export function bump(counter: Record<string, number>, key: string): void {
  counter[key] = (Object.hasOwn(counter, key) ? (counter[key] ?? 0) : 0) + 1;
}

/** Plain text for people, one fact a line. */
export function formatStats(stats: EmulatorStats): string {
  const lines: string[] = [];
  const calls = Object.entries(stats.calls).sort(([a], [b]) => a.localeCompare(b));
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  lines.push(`calls: ${total}`);
  for (const [operation, n] of calls) {
    const throttled = stats.throttledByOperation[operation];
    lines.push(`  ${operation}: ${n}${throttled ? ` (${throttled} throttled)` : ''}`);
  }
  lines.push(`throttled: ${stats.throttled}`);
  const { internalError, throttle, dropAfterCommit } = stats.injected;
  lines.push(`injected faults: ${stats.faults} (500: ${internalError}, 429: ${throttle}, dropped after commit: ${dropAfterCommit})`);
  const errors = Object.entries(stats.errors).sort(([a], [b]) => a.localeCompare(b));
  if (errors.length > 0) lines.push(`errors: ${errors.map(([type, n]) => `${type} ${n}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
