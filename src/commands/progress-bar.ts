import cliProgress from 'cli-progress';
import type { OutputSink } from '../io/sink.js';

/** Reports `done` of `total` for one labelled stage (and reads `saved` by the refresh cache); `stop()` clears the bar. */
export interface ProgressReporter {
  update(stage: string, done: number, total: number, saved?: number): void;
  stop(): void;
}

/**
 * cli-progress draws through readline's cursor helpers, which only need `write`: this routes its output
 * through the sink's stderr, as a terminal of `columns` width.
 */
function progressStream(sink: OutputSink, columns: number): NodeJS.WriteStream {
  return { isTTY: true, columns, write: (text: string) => (sink.err(text), true) } as unknown as NodeJS.WriteStream;
}

/** The bar options every pcc progress bar shares; `format` names what is counted. */
export function barOptions(sink: OutputSink, columns: number, format: string): cliProgress.Options {
  return { stream: progressStream(sink, columns), format, clearOnComplete: true, hideCursor: true, fps: 10 };
}

const SILENT: ProgressReporter = { update: () => undefined, stop: () => undefined };

/**
 * A cli-progress bar on stderr, through the sink, only when stderr is a terminal (`sink.interactive`);
 * silent otherwise, so logs and CI output stay clean. The bar is redrawn at most every 100 ms.
 */
export function createProgressReporter(sink: OutputSink, columns = 80): ProgressReporter {
  if (!sink.interactive) return SILENT;
  const bar = new cliProgress.SingleBar(barOptions(sink, columns, '{stage} [{bar}] {value}/{total}{saved}'), cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(stage, done, total, saved = 0) {
      const payload = { stage, saved: saved > 0 ? `, ${saved} avoided (cache)` : '' };
      if (!started) {
        bar.start(total, done, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
