/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`) that show problems on
 * the pull request's diff. GitHub shows at most 10 error and 10 warning annotations per step, so no more
 * than that are emitted, followed by a plain line saying how many were left out.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { failureProblem, type ApplyOutcome, type ApplyResult } from '../apply/outcome.js';
import type { Problem } from '../diagnostics/diagnostic.js';
import { groupFailures } from '../render/render-apply.js';
import { sanitizeForTerminal } from '../io/sanitize.js';

/** GitHub's per-step limit for each of error and warning annotations. */
const MAX_ANNOTATIONS_PER_SEVERITY = 10;

/** Escaping for the message part (the runner's `EscapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for `key=value` properties (the runner's `EscapeProperty`): also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line; `title` defaults to `pcc: <code>`. */
export function formatAnnotation(diagnostic: Problem, title = `pcc: ${diagnostic.code}`): string {
  const command = diagnostic.severity === 'error' ? 'error' : 'warning';
  const properties: string[] = [];
  if (diagnostic.file !== undefined) properties.push(`file=${escapeProperty(sanitizeForTerminal(diagnostic.file))}`);
  if (diagnostic.line !== undefined) properties.push(`line=${diagnostic.line}`);
  if (diagnostic.column !== undefined) properties.push(`col=${diagnostic.column}`);
  properties.push(`title=${escapeProperty(title)}`);
  // Sanitised first (no control characters, so no forged workflow commands), escaped second.
  const message = sanitizeForTerminal(diagnostic.message) + (diagnostic.hint ? `\nhint: ${sanitizeForTerminal(diagnostic.hint)}` : '');
  return `::${command} ${properties.join(',')}::${escapeData(message)}\n`;
}

/** The annotation lines for `diagnostics` (at most 10 of each kind), then a line counting the rest. */
export function formatAnnotations(diagnostics: readonly Problem[]): string {
  const shown = { error: 0, warning: 0 };
  let omitted = 0;
  let text = '';
  for (const diagnostic of diagnostics) {
    if (shown[diagnostic.severity] >= MAX_ANNOTATIONS_PER_SEVERITY) {
      omitted++;
      continue;
    }
    shown[diagnostic.severity]++;
    text += formatAnnotation(diagnostic);
  }
  if (omitted > 0) {
    text += `${omitted} more problem${omitted === 1 ? '' : 's'} not shown as annotations (GitHub shows at most ${MAX_ANNOTATIONS_PER_SEVERITY} of each kind per step); see the full list in the log.\n`;
  }
  return text;
}

/**
 * In GitHub Actions: one `::error` annotation per kind of failure (see {@link groupFailures}), on the file entry
 * that declares its first change; GitHub shows at most 10 per step, so no more are emitted, and a plain line
 * counts the rest.
 */
export function renderApplyAnnotations(result: ApplyResult): string {
  const groups = groupFailures(result.outcomes.filter((o) => o.status === 'failed' || o.status === 'unknown'));
  const lines = groups.slice(0, MAX_ANNOTATIONS_PER_SEVERITY).map((group) => {
    const o = group[0] as ApplyOutcome;
    const alike = group.length > 1 ? ` (and ${group.length - 1} more changes failed alike)` : '';
    return formatAnnotation(failureProblem(o, alike), `pcc apply: ${o.action} failed`);
  });
  const omitted = groups.slice(MAX_ANNOTATIONS_PER_SEVERITY).reduce((n, group) => n + group.length, 0);
  if (omitted > 0) {
    lines.push(
      `${omitted} more failed change${omitted === 1 ? '' : 's'} not shown as annotations (GitHub shows at most ${MAX_ANNOTATIONS_PER_SEVERITY} per step); see the list above and the job summary.\n`,
    );
  }
  return lines.join('');
}
