import { formatDiagnosticsText } from '../diagnostics/format-diagnostics.js';
import type { OutputSink } from '../io/sink.js';
import { renderPlan } from '../render/index.js';
import type { Reporter } from './reporter.js';

/**
 * For a person at a terminal or reading a log: problems as `file:line:col: error: message` on stderr (coloured
 * where stderr allows), the plan on stdout as text or markdown. Results for scripts are the JSON reporter's.
 */
export function createTerminalReporter(sink: OutputSink, format: 'text' | 'markdown'): Reporter {
  const problems: Reporter['problems'] = (list) => {
    if (list.length > 0) sink.err(formatDiagnosticsText(list, { color: sink.errColor }));
  };
  return {
    format,
    problems,
    validation: (result) => problems(result.problems),
    stopped: (prefix, problem) => sink.err(`${prefix}: ${problem.message}\n`),
    plan: (plan) => sink.out(renderPlan(plan, format, { color: sink.outColor })),
    planned: async () => undefined,
    applied: async () => undefined,
    refusedUnreviewed: async () => undefined,
  };
}
