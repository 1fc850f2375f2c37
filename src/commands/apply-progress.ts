import cliProgress from 'cli-progress';
import type { OutputSink } from '../io/sink.js';
import { barOptions } from './progress-bar.js';

/** Below this many changes every line is enough; above it a bar shows how far apply is. */
export const PROGRESS_BAR_MIN_CHANGES = 20;

/** Where apply's per-change lines go while it runs, and how far it got. */
export interface ApplyProgress {
  line(text: string): void;
  tick(done: number): void;
  stop(): void;
}

/**
 * On a terminal with a large apply: a cli-progress bar on stderr, with each change's line printed above it.
 * Otherwise (a log, CI, a small apply): the lines alone.
 */
export function createApplyProgress(sink: OutputSink, total: number, columns = 80): ApplyProgress {
  if (!sink.interactive || total < PROGRESS_BAR_MIN_CHANGES) {
    return { line: (text) => sink.err(text), tick: () => undefined, stop: () => undefined };
  }
  const bars = new cliProgress.MultiBar(barOptions(sink, columns, 'Applying [{bar}] {value}/{total}'), cliProgress.Presets.shades_classic);
  const bar = bars.create(total, 0);
  return {
    // MultiBar prints logged lines above the bar on its next redraw.
    line: (text) => bars.log(text),
    tick: (done) => bar.update(done),
    stop: () => {
      // A last redraw flushes lines logged since the previous one; stop() alone would drop them.
      bars.update();
      bars.stop();
    },
  };
}
