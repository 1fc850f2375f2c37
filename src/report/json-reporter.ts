import type { OutputSink } from '../io/sink.js';
import { renderPlan } from '../render/index.js';
import { renderApplyJson } from '../render/render-apply.js';
import { stringifyJson } from '../render/render-json.js';
import type { Reporter } from './reporter.js';
import { createTerminalReporter } from './terminal-reporter.js';

/**
 * `--format json`: each result is one JSON document on stdout (the validate result, the plan, the apply result),
 * for scripts. What is said along the way (problems while planning, refusals) stays on stderr as text.
 */
export function createJsonReporter(sink: OutputSink): Reporter {
  return {
    ...createTerminalReporter(sink, 'text'),
    format: 'json',
    validation: (result) => sink.out(stringifyJson(result)),
    plan: (plan) => sink.out(renderPlan(plan, 'json', { color: false })),
    applied: async (_plan, result) => sink.out(renderApplyJson(result)),
  };
}
