/**
 * The pieces of the markdown plan. Each piece is a run of complete lines, so the document can be cut
 * between any two pieces and stay well-formed. Untrusted text reaches markdown only through the escapers
 * in `io/sanitize`: `escapeHtml` inside `<summary>`, `escapeMarkdown` in prose and table cells, code
 * spans and fenced blocks (which GitHub shows literally) for addresses and values.
 */
import { escapeHtml, escapeMarkdown, markdownCodeBlock, markdownCodeSpan } from '../io/sanitize.js';
import { KINDS, kindOfLeftAlone } from '../kinds/registry.js';
import { ACTION_SYMBOLS } from '../plan/actions.js';
import type { FieldChange, Plan, PlanError, PlannedChange, PlanSummary, PruneCandidate, UnmanagedRelationship } from '../plan/plan-types.js';
import type { PlanCountWords } from './kind-words.js';
import {
  changeSymbol,
  describeChange,
  extraLines,
  fieldChangeType,
  formatBefore,
  formatAfter,
  FORCES_REPLACEMENT,
  hasChanges,
  locationOf,
  heldBackLine,
  NO_CHANGES_LINE,
  partialPlanTail,
  refreshLine,
  freshnessLine,
  SUMMARY_ACTIONS,
  summaryLine,
} from './format.js';
import { formatFieldName, formatValue } from './format-value.js';

/** What a piece shows, for counting what a shortened comment left out; structure pieces have none. */
export type PieceSubject = 'change' | 'blocked' | 'error' | 'unmanaged' | 'pruneCandidate';

export interface Piece {
  text: string;
  subject?: PieceSubject;
}

const structure = (text: string): Piece => ({ text });

/** A summary table row: `` | `+` create | 2 | ``; without a code span when there is no symbol (an adopt). */
const countRow = (symbol: string | undefined, label: string, count: number | undefined) => `| ${symbol?.trim() ? `\`${symbol.trim()}\` ` : ''}${label} | ${count ?? 0} |`;

/** The rows of the kinds' counts (or notes) that are non-zero, kinds in registry order. */
const kindRows = (summary: PlanSummary, words: (kind: (typeof KINDS)[number]) => readonly PlanCountWords[]) =>
  KINDS.flatMap((kind) => words(kind).filter((word) => ((summary[word.key] as number | undefined) ?? 0) > 0)).map((word) =>
    countRow(word.row.symbol, word.row.label, summary[word.key] as number | undefined),
  );

export function headPieces(plan: Plan): Piece[] {
  const s = plan.summary;
  const pruneCandidates = plan.pruneCandidates?.length ?? 0;
  const headline = hasChanges(s) || !plan.applyable ? summaryLine(s, { deletesFirst: true }) : (heldBackLine(plan) ?? NO_CHANGES_LINE);
  const rows = [
    ...SUMMARY_ACTIONS.map((action) => countRow(ACTION_SYMBOLS[action], action, s[action])),
    ...kindRows(s, (kind) => kind.words.planCounts),
    ...((s.release ?? 0) > 0 ? [countRow(ACTION_SYMBOLS.release, 'release (stop managing, keep)', s.release)] : []),
    ...kindRows(s, (kind) => kind.words.planNotes),
    `| no change | ${s.noOp} |`,
    `| unmanaged | ${s.unmanaged} |`,
    ...(s.blocked > 0 ? [`| \`!\` replace blocked, not applied | ${s.blocked} |`] : []),
    ...(pruneCandidates > 0 ? [`| managed, in no file (kept) | ${pruneCandidates} |`] : []),
    ...(plan.errors.length > 0 ? [`| errors | ${plan.errors.length} |`] : []),
  ];
  // Built from a saved plan's summary (a file): escaped like any other text from one, though the lines print only numbers and times.
  const closing = [refreshLine(s), freshnessLine(s)].flatMap((line) => (line === undefined ? [] : [`<sub>${escapeHtml(line)}</sub>`, '']));
  const targets = plan.options.targets ?? [];
  const partial = `> **Partial plan** (\`--target\`): only ${targets.map(markdownCodeSpan).join(', ')}, ${partialPlanTail(targets.length)}`;
  const note = targets.length === 0 ? [] : ['> [!WARNING]', partial, ''];
  return [structure(['## pcc plan', '', ...note, `**${headline}**`, '', '| Action | Count |', '| --- | ---: |', ...rows, '', ...closing, ''].join('\n'))];
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function errorItem(error: PlanError): string {
  const where = [error.source ? `${error.source.file}:${error.source.line}` : undefined, error.address]
    .filter((part): part is string => part !== undefined)
    .map(markdownCodeSpan);
  const at = where.length > 0 ? ` (${where.join(', ')})` : '';
  const hint = error.hint ? ` Hint: ${escapeMarkdown(error.hint)}` : '';
  return `> - **${escapeMarkdown(error.code)}**: ${escapeMarkdown(error.message)}${at}${hint}\n`;
}

export function errorPieces(errors: readonly PlanError[]): Piece[] {
  if (errors.length === 0) return [];
  const header = `> [!CAUTION]\n> **${plural(errors.length, 'error', 'errors')} in the plan.**\n`;
  return [structure(header), ...errors.map((error): Piece => ({ text: errorItem(error), subject: 'error' })), structure('\n')];
}

/** What to do about blocked replacements, by their reason codes: --allow-replace helps only those pcc manages. */
function blockedAdvice(blocked: readonly PlannedChange[]): string {
  const unmanaged = blocked.filter((change) => change.reasonCode === 'replace-blocked-unmanaged').length;
  if (unmanaged === 0) return 'These changes need delete and create; re-run with `--allow-replace` to allow that.';
  const never = 'pcc never deletes a relationship it does not manage, even with `--allow-replace`';
  if (unmanaged === blocked.length) return `These changes need delete and create, and ${never}: delete by hand or change the file back.`;
  return `These changes need delete and create: \`--allow-replace\` allows that for the relationships pcc manages, but ${never}.`;
}

export function blockedPieces(changes: readonly PlannedChange[]): Piece[] {
  const blocked = changes.filter((change) => change.blocked);
  if (blocked.length === 0) return [];
  const header = `> [!CAUTION]\n> **${plural(blocked.length, 'replacement', 'replacements')} blocked.** ${blockedAdvice(blocked)}\n`;
  const items = blocked.map((change): Piece => {
    const reason = change.reason ? `: ${escapeMarkdown(change.reason)}` : '';
    return { text: `> - ${markdownCodeSpan(change.address)}${reason}\n`, subject: 'blocked' };
  });
  return [structure(header), ...items, structure('\n')];
}

// In a diff block an in-place change reads best as the old line removed and the new one added.
function diffLines(change: PlannedChange, field: FieldChange): string[] {
  const suffix = field.forcesReplace ? `  ${FORCES_REPLACEMENT}` : '';
  switch (fieldChangeType(field)) {
    case 'add':
      return [`+ ${formatFieldName(field.name)} = ${formatAfter(change, field)}${suffix}`];
    case 'remove':
      return [`- ${formatFieldName(field.name)} = ${formatBefore(change, field)}${suffix}`];
    case 'change':
      return [`- ${formatFieldName(field.name)} = ${formatBefore(change, field)}`, `+ ${formatFieldName(field.name)} = ${formatAfter(change, field)}${suffix}`];
  }
}

function changeDetails(change: PlannedChange): string {
  const symbol = changeSymbol(change).trim(); // a no-op (shown for its warning) has none
  const summary =
    (symbol ? `<code>${escapeHtml(symbol)}</code> ` : '') +
    `<code>${escapeHtml(change.address)}</code> ` +
    (change.blocked ? `<strong>${escapeHtml(describeChange(change))}</strong>` : escapeHtml(describeChange(change)));
  const body: string[] = [];
  const location = locationOf(change);
  if (location) body.push(`At ${markdownCodeSpan(location)}`);
  for (const line of extraLines(change)) body.push(`**${escapeMarkdown(line.label)}:** ${escapeMarkdown(line.text)}`);
  for (const warning of change.warnings ?? []) body.push(`**Warning:** ${escapeMarkdown(warning)}`);
  if (change.fields.length > 0)
    body.push(
      markdownCodeBlock(
        change.fields.flatMap((field) => diffLines(change, field)),
        'diff',
      ),
    );
  // The blank lines around the body let GitHub render markdown inside the HTML block.
  return [`<details><summary>${summary}</summary>`, '', ...body.flatMap((part) => [part, '']), '</details>', '', ''].join('\n');
}

export function changePieces(changes: readonly PlannedChange[]): Piece[] {
  if (changes.length === 0) return [];
  return [structure('### Changes\n\n'), ...changes.map((change): Piece => ({ text: changeDetails(change), subject: 'change' }))];
}

function relationshipRow(item: UnmanagedRelationship | PruneCandidate): string {
  const mark = 'managedTag' in item && item.managedTag !== undefined ? ` (pcc:managed=${formatValue(item.managedTag)}, not "true")` : '';
  const cells = [item.address, item.id, `${item.displayName === undefined ? '' : formatFieldName(item.displayName)}${mark}`].map(escapeMarkdown);
  return `| ${cells.join(' | ')} |\n`;
}

function relationshipTable(heading: string, items: readonly (UnmanagedRelationship | PruneCandidate)[], subject: PieceSubject): Piece[] {
  if (items.length === 0) return [];
  const header = `${heading}\n\n| Address | Id | Display name |\n| --- | --- | --- |\n`;
  return [structure(header), ...items.map((item): Piece => ({ text: relationshipRow(item), subject })), structure('\n')];
}

/** `items` by kind, in registry order, with the kind's plural noun. */
function byKind<T extends UnmanagedRelationship | PruneCandidate>(items: readonly T[]): Array<{ noun: string; items: T[] }> {
  return KINDS.map((kind) => ({ noun: kind.words.noun[1], items: items.filter((item) => kindOfLeftAlone(item) === kind) })).filter((group) => group.items.length > 0);
}

export function unmanagedPieces(unmanaged: readonly UnmanagedRelationship[]): Piece[] {
  return byKind(unmanaged).flatMap(({ noun, items }) =>
    relationshipTable(`### Unmanaged ${noun}\n\nNot in any file and not managed by pcc: never touched.`, items, 'unmanaged'),
  );
}

export function pruneCandidatePieces(candidates: readonly PruneCandidate[]): Piece[] {
  return byKind(candidates).flatMap(({ noun, items }) =>
    relationshipTable(
      `### ${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} managed by pcc but in no file\n\nKept by this plan; \`--prune\` would delete them.`,
      items,
      'pruneCandidate',
    ),
  );
}
