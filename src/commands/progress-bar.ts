import cliProgress from 'cli-progress';
import type { OutputSink } from '../io/sink.js';

/** Reports `done` of `total` for one labelled stage; `stop()` clears the bar. */
export interface ProgressReporter {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

const SILENT: ProgressReporter = { update: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar on stderr, through the sink, only when stderr is a terminal (`sink.interactive`);
 * silent otherwise, so logs and CI output stay clean. The bar is redrawn at most every 100 ms.
 */
export function createProgressReporter(sink: OutputSink, columns = 80): ProgressReporter {
  if (!sink.interactive) return SILENT;
  // cli-progress writes through readline's cursor helpers, which only need `write`.
  const stream = { isTTY: true, columns, write: (text: string) => (sink.err(text), true) };
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WriteStream,
      format: '{stage} [{bar}] {value}/{total}',
      clearOnComplete: true,
      hideCursor: true,
      fps: 10,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(stage, done, total) {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { stage });
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
