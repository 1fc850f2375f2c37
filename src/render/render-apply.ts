/**
 * Apply's output: one line per change as it completes, the closing summary, and the `--format json` result.
 * Text goes to stderr (for people); only the JSON result goes to stdout; the markdown form goes to the GitHub
 * job summary. Every string that came from the plan or the server passes through `sanitizeForTerminal` (or,
 * in markdown, the markdown escapers) on its way out.
 */
import picocolors from 'picocolors';
import type { ApplyOutcome, ApplyResult, ApplySummary } from '../apply/outcome.js';
import { escapeMarkdown, markdownCodeSpan, sanitizeForTerminal as clean } from '../io/sanitize.js';
import { KINDS, kindOf } from '../kinds/registry.js';
import type { Plan, PlannedChange } from '../plan/plan-types.js';
import { heldBackLine, NO_CHANGES_LINE } from './format.js';
import type { OutcomeWords } from './kind-words.js';
import { stringifyJson } from './render-json.js';

/** The version of the `--format json` apply result; keys may be added, none renamed. */
const APPLY_RESULT_FORMAT_VERSION = 1;
/** How a succeeded outcome reads, as its kind says. */
const outcomeWords = (outcome: ApplyOutcome): OutcomeWords => kindOf(outcome).words.outcome(outcome.action);

function idsOf(outcome: ApplyOutcome): string {
  const ids = kindOf(outcome).words.outcomeIds(outcome);
  return ids ? ` (${clean(ids)})` : '';
}

/** `+ created AWS/pma-…/111122223333 (rs-…)`, `✗ failed update AWS/…: reason`, `· skipped delete …: already deleted`. */
export function renderOutcomeLine(outcome: ApplyOutcome, options: { color: boolean }): string {
  const c = picocolors.createColors(options.color);
  const address = clean(outcome.address);
  if (outcome.status === 'failed') {
    return `${c.red('✗ failed')} ${outcome.action} ${address}${idsOf(outcome)}: ${clean(outcome.error ?? 'unknown error')}\n`;
  }
  if (outcome.status === 'unknown') {
    return `${c.yellow('? outcome unknown')} ${outcome.action} ${address}${idsOf(outcome)}: ${clean(outcome.error ?? 'not proven')}\n`;
  }
  if (outcome.status === 'skipped') {
    const why = outcome.note ? `: ${clean(outcome.note)}` : '';
    return `${c.dim(`· skipped ${outcome.action}`)} ${address}${idsOf(outcome)}${why}\n`;
  }
  const note = outcome.note ? c.dim(` (${clean(outcome.note)})`) : '';
  const words = outcomeWords(outcome);
  const paint = words.destroys ? c.magenta : c.green;
  return `${paint(words.symbol ? `${words.symbol} ${words.done}` : words.done)} ${address}${idsOf(outcome)}${note}\n`;
}

/** How an apply ended, as its summary line and the job summary's heading say it. */
export type ApplyEnding = 'complete' | 'failed' | 'incomplete' | 'interrupted';

/**
 * Interrupted when a signal stopped it, failed when a change failed, incomplete when a change was sent but not
 * proven landed (outcome unknown), complete otherwise.
 */
function applyEnding(result: ApplyResult): ApplyEnding {
  if (result.interrupted) return 'interrupted';
  if (result.summary.failed > 0) return 'failed';
  return (result.summary.unknown ?? 0) > 0 ? 'incomplete' : 'complete';
}

/**
 * `Apply complete: 3 created, 2 updated, 0 deleted, 1 failed.`; adopted, replaced, created by another apply and skipped only when non-zero.
 * `ending` replaces "complete" (the job summary says "failed" or "interrupted" when that is what happened).
 */
export function summaryText(summary: ApplySummary, ending: ApplyEnding = 'complete'): string {
  const parts = [`${summary.created} created`];
  if (summary.adopted > 0) parts.push(`${summary.adopted} adopted`);
  parts.push(`${summary.updated} updated`);
  if (summary.replaced > 0) parts.push(`${summary.replaced} replaced`);
  parts.push(`${summary.deleted} deleted`);
  if ((summary.released ?? 0) > 0) parts.push(`${summary.released} released`);
  for (const word of KINDS.flatMap((kind) => kind.words.applyCounts)) {
    const count = summary[word.key] ?? 0;
    if (count > 0) parts.push(word.line(count));
  }
  if ((summary.createdByAnother ?? 0) > 0) parts.push(`${summary.createdByAnother} created by another apply`);
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if ((summary.unknown ?? 0) > 0) parts.push(`${summary.unknown} unknown`);
  parts.push(`${summary.failed} failed`);
  return `Apply ${ending}: ${parts.join(', ')}.`;
}

/** The closing summary, then every failure again with its reason, so a long log need not be scrolled. */
export function renderApplySummary(result: ApplyResult, options: { color: boolean }): string {
  const c = picocolors.createColors(options.color);
  // The log says how it ended, as the job summary's heading does: a failed or unproven apply is not "complete".
  const line = summaryText(result.summary, applyEnding(result));
  const lines = ['', result.summary.failed > 0 ? c.bold(c.red(line)) : (result.summary.unknown ?? 0) > 0 ? c.bold(c.yellow(line)) : c.bold(c.green(line))];
  const unknown = result.outcomes.filter((o) => o.status === 'unknown');
  if (unknown.length > 0) {
    lines.push('', c.bold('Outcome unknown (sent, may have landed; `pcc plan` shows where each stands):'));
    for (const o of unknown) lines.push(`  ${c.yellow('?')} ${o.action} ${clean(o.address)}: ${clean(o.error ?? 'not proven')}`);
  }
  const failures = result.outcomes.filter((o) => o.status === 'failed');
  if (failures.length > 0) {
    lines.push('', c.bold('Failed changes:'));
    for (const group of groupFailures(failures)) {
      const [first] = group;
      if (!first) continue;
      if (group.length === 1) {
        lines.push(`  ${c.red('✗')} ${first.action} ${clean(first.address)}: ${clean(first.error ?? 'unknown error')}`);
        continue;
      }
      lines.push(`  ${c.red('✗')} ${group.length} changes failed alike, e.g. ${first.action} ${clean(first.address)}: ${clean(first.error ?? 'unknown error')}`);
      const shown = group.slice(0, GROUP_ADDRESSES_SHOWN).map((o) => `${o.action} ${clean(o.address)}`);
      const more = group.length - shown.length;
      lines.push(`      ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
    }
    lines.push('', 'Run `pcc plan` to see where things stand, then apply again: changes that succeeded are not repeated.');
  }
  return `${lines.join('\n')}\n`;
}

/** Changes listed as not started after an interrupt; the rest are counted. */
const NOT_STARTED_SHOWN = 20;

/**
 * After Ctrl+C: what was done and what was not. `notStartedNote` is the note apply puts on a change it never began.
 */
export function renderInterrupted(result: ApplyResult, notStartedNote: string): string {
  const notStarted = result.outcomes.filter((o) => o.status === 'skipped' && o.note === notStartedNote);
  const finished = result.outcomes.length - notStarted.length;
  const lines = [`Interrupted: ${finished} change${finished === 1 ? '' : 's'} finished (above), ${notStarted.length} not started:`];
  for (const o of notStarted.slice(0, NOT_STARTED_SHOWN)) lines.push(`  · ${o.action} ${clean(o.address)}`);
  if (notStarted.length > NOT_STARTED_SHOWN) lines.push(`  and ${notStarted.length - NOT_STARTED_SHOWN} more`);
  lines.push('Run `pcc plan` to see where things stand, then apply again to finish.');
  return `${lines.join('\n')}\n`;
}

/** Addresses listed under a group of alike failures; the rest are counted. */
const GROUP_ADDRESSES_SHOWN = 5;

/**
 * The failure text with what differs from change to change (ARNs, relationship and PMA ids, account ids, attempt counts: every number)
 * blanked, so one cause (a missing permission, a quota) repeated for 80 changes reads as one line.
 */
function failureCause(error: string): string {
  return error
    .replace(/arn:aws[\w-]*:[^\s"',;)]*/g, '<arn>')
    .replace(/\b(rs|pma)-[a-z0-9]+\b/g, '<id>')
    .replace(/\d+/g, '<n>');
}

/** Failures grouped by {@link failureCause}, groups in order of their first failure. */
export function groupFailures(failures: readonly ApplyOutcome[]): ApplyOutcome[][] {
  const groups = new Map<string, ApplyOutcome[]>();
  for (const failure of failures) {
    const key = failureCause(failure.error ?? 'unknown error');
    const group = groups.get(key);
    if (group) group.push(failure);
    else groups.set(key, [failure]);
  }
  return [...groups.values()];
}

/**
 * The loud notice before a replace: these are deleted, then created with a new id; one block per kind that warns
 * (a kind whose replace deletes nothing, such as a service period's revoke and request, has no warning).
 */
export function renderReplaceWarning(replaces: readonly PlannedChange[], options: { color: boolean }): string {
  const c = picocolors.createColors(options.color);
  const blocks = KINDS.flatMap((kind) => {
    const warning = kind.words.replaceWarning;
    const ofKind = replaces.filter((change) => change.kind === kind.name);
    if (warning === undefined || ofKind.length === 0) return [];
    const head = `WARNING: ${ofKind.length} ${kind.words.noun[ofKind.length === 1 ? 0 : 1]} will be DELETED and created again (replace):`;
    const lines = [c.bold(c.yellow(head))];
    for (const r of ofKind) {
      const why = r.reason ? ` (${clean(r.reason)})` : '';
      lines.push(`  ${c.yellow('-/+')} ${clean(r.address)}${r.id ? ` ${clean(r.id)}` : ''}${why}`);
    }
    lines.push(c.yellow(`  ${warning.consequence}`));
    return [`${lines.join('\n')}\n`];
  });
  return blocks.join('');
}

/** The `--format json` result: the outcomes as data, one document, on stdout. */
export function renderApplyJson(result: ApplyResult): string {
  const outcomes = result.outcomes.map((o) => {
    const { afterId, afterNote } = kindOf(o).words.outcomeMembers(o);
    return {
      address: o.address,
      action: o.action,
      status: o.status,
      ...(o.id !== undefined ? { id: o.id } : {}),
      ...afterId,
      ...(o.error !== undefined ? { error: o.error } : {}),
      ...(o.note !== undefined ? { note: o.note } : {}),
      ...afterNote,
    };
  });
  return stringifyJson({ formatVersion: APPLY_RESULT_FORMAT_VERSION, outcomes, summary: result.summary });
}

const STATUS_CELL: Readonly<Record<ApplyOutcome['status'], string>> = { succeeded: 'done', failed: '**failed**', skipped: 'skipped', unknown: '**unknown**' };

function outcomeRow(o: ApplyOutcome): string {
  const symbol = o.status === 'failed' ? '✗' : o.status === 'unknown' ? '?' : o.status === 'skipped' ? '·' : outcomeWords(o).symbol;
  const id = kindOf(o).words.outcomeIds(o) ?? '';
  const cells = [o.address, o.action, id, o.status === 'failed' || o.status === 'unknown' ? (o.error ?? 'unknown error') : (o.note ?? '')].map(escapeMarkdown);
  return `| ${symbol ? `\`${symbol}\` ` : ''}${STATUS_CELL[o.status]} | ${cells.join(' | ')} |`;
}

/**
 * The apply outcome for the GitHub job summary: the summary line, every failure called out first (so a cut
 * summary never hides one), then one table row per outcome in plan order. Strings from the plan or the
 * server reach markdown only through `escapeMarkdown` and `markdownCodeSpan`.
 */
export function renderApplyMarkdown(result: ApplyResult, plan?: Plan): string {
  if (result.outcomes.length === 0) return `## pcc apply\n\n**${(plan && heldBackLine(plan)) ?? NO_CHANGES_LINE}** Nothing was applied.\n`;
  // The heading says what happened: a reader of the job summary must not take an interrupted or failed apply for done.
  const ending = applyEnding(result);
  const lines = [`## pcc apply: ${ending}`, '', `**${summaryText(result.summary, ending)}**`, ''];
  if (ending === 'interrupted') {
    lines.push(
      '> [!WARNING]',
      '> **Interrupted:** the changes skipped as not started were never sent. Run `pcc plan` to see where things stand, then apply again to finish.',
      '',
    );
  }
  const failures = result.outcomes.filter((o) => o.status === 'failed');
  if (failures.length > 0) {
    const head = failures.length === 1 ? '1 change failed.' : `${failures.length} changes failed.`;
    lines.push('> [!CAUTION]', `> **${head}** Run \`pcc plan\` to see where things stand, then apply again: changes that succeeded are not repeated.`, '>');
    for (const f of failures) {
      const at = f.source ? ` at ${markdownCodeSpan(`${f.source.file}:${f.source.line}`)}` : '';
      lines.push(`> - ${f.action} ${markdownCodeSpan(f.address)}${at}: ${escapeMarkdown(f.error ?? 'unknown error')}`);
    }
    lines.push('');
  }
  lines.push('### Outcomes', '', '| Result | Address | Action | Id | Details |', '| --- | --- | --- | --- | --- |');
  lines.push(...result.outcomes.map(outcomeRow), '');
  return `${lines.join('\n')}`;
}
