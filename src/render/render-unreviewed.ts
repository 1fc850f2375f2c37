/**
 * `pcc apply --reviewed`: the changes the fresh plan has that the reviewed plan does not, for the terminal and
 * for the GitHub job summary. Reads plan changes only; untrusted strings go through the sanitisers.
 */
import { escapeMarkdown, markdownCodeBlock, sanitizeForTerminal as clean } from '../io/sanitize.js';
import type { PlannedChange } from '../plan/plan-types.js';
import { changeSymbol, describeChange, formatFieldLine, locationOf } from './format.js';

/** One change as plain lines: `~ AWS/pma-…/… will be updated in place`, its location, one line per field. */
function changeLines(change: PlannedChange): string[] {
  const location = locationOf(change);
  return [
    `${changeSymbol(change).padStart(3)} ${change.address} ${describeChange(change)}`,
    ...(location ? [`      # ${location}`] : []),
    ...change.fields.map((field) => {
      const { symbol, text } = formatFieldLine(change, field);
      return `      ${symbol} ${text}`;
    }),
  ];
}

export const UNREVIEWED_HEAD = 'refusing to apply anything: the fresh plan has changes that are not in the reviewed plan';

/** For stderr: what nobody reviewed, then what to do. */
export function renderUnreviewedText(unseen: readonly PlannedChange[]): string {
  const lines = [`${UNREVIEWED_HEAD} (${unseen.length}):`, ...unseen.flatMap(changeLines).map((line) => clean(line))];
  lines.push('Nothing was changed. Review these in a new plan (a pull request, or pcc plan), then apply that plan.');
  return `${lines.join('\n')}\n`;
}

/** For the job summary: the same, as markdown. */
export function renderUnreviewedMarkdown(unseen: readonly PlannedChange[]): string {
  return [
    '## pcc apply refused',
    '',
    `> [!CAUTION]\n> **Nothing was applied.** ${escapeMarkdown(UNREVIEWED_HEAD)}: ${unseen.length}.`,
    '',
    markdownCodeBlock(unseen.flatMap(changeLines), 'diff'),
    '',
    'Review these changes in a new plan (a pull request), then apply that plan.',
    '',
  ].join('\n');
}
