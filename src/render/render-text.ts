/**
 * The plan for a terminal, terraform-like: one block per change (header, location, one line per field,
 * warnings), then unmanaged relationships, plan errors and the summary line. Every string from the plan
 * passes through `sanitizeForTerminal` on its way out, so nothing from the server or a file can drive the
 * terminal or fake a line.
 */
import picocolors from 'picocolors';
import { sanitizeForTerminal } from '../io/sanitize.js';
import type { Action } from '../plan/actions.js';
import type { Plan, PlanError, PlannedChange, PruneCandidate, UnmanagedRelationship } from '../plan/plan-types.js';
import {
  blockedLine,
  changeSymbol,
  describeChange,
  extraLines,
  formatFieldLine,
  hasChanges,
  locationOf,
  noChangesLine,
  partialPlanLine,
  refreshLine,
  freshnessLine,
  summaryLine,
  visibleChanges,
} from './format.js';
import { formatValue } from './format-value.js';

const UNMANAGED_TITLE = 'Unmanaged (not in any file, never touched)';
const PRUNE_CANDIDATES_TITLE = 'Managed by pcc but in no file (kept; --prune would delete them)';

export interface TextRenderOptions {
  color: boolean;
}

/** One terminal-safe line; tabs too become spaces, so nothing from the plan can shift the layout. */
const clean = (text: string): string => sanitizeForTerminal(text).replace(/\t/g, ' ');

type Colors = ReturnType<typeof picocolors.createColors>;
type Paint = (text: string) => string;

function actionColor(c: Colors, action: Action, blocked: boolean): Paint {
  if (blocked) return (text) => c.bold(c.red(text));
  const byAction: Record<Action, Paint> = {
    create: c.green,
    update: c.yellow,
    adopt: c.cyan,
    replace: c.magenta,
    delete: c.red,
    release: c.blue,
    'no-op': (text) => text,
  };
  return byAction[action];
}

const FIELD_COLORS = { '+': 'green', '-': 'red', '~': 'yellow' } as const;

// Symbols are right-aligned in three columns so addresses line up: "  +", " >>", "-/+".
function renderChange(change: PlannedChange, c: Colors): string {
  const paint = actionColor(c, change.action, change.blocked === true);
  const lines = [`${paint(changeSymbol(change).padStart(3))} ${c.bold(clean(change.address))} ${paint(clean(describeChange(change)))}`];
  const location = locationOf(change);
  if (location) lines.push(c.dim(`      # ${clean(location)}`));
  for (const field of change.fields) {
    const { symbol, text } = formatFieldLine(change, field);
    lines.push(`      ${c[FIELD_COLORS[symbol]](symbol)} ${clean(text)}`);
  }
  for (const line of extraLines(change)) lines.push(`      ${c.bold(c.red(`${clean(line.label)}:`))} ${clean(line.text)}`);
  for (const warning of change.warnings ?? []) lines.push(`      ${c.yellow('Warning:')} ${clean(warning)}`);
  return lines.join('\n');
}

/** Relationships the plan leaves alone but the reviewer should know about: one line each. */
function renderLeftAlone(title: string, items: readonly (UnmanagedRelationship | PruneCandidate)[], c: Colors): string {
  const lines = [c.bold(`${title}: ${items.length}`)];
  for (const item of items) {
    const name = item.displayName === undefined ? '' : ` ${formatValue(item.displayName)}`;
    const mark =
      'managedTag' in item && item.managedTag !== undefined ? ` ${c.yellow(clean(`pcc:managed=${formatValue(item.managedTag)} (not "true": not pcc's)`))}` : '';
    lines.push(`    ${clean(item.address)} ${c.dim(clean(`id ${item.id}`))}${clean(name)}${mark}`);
  }
  return lines.join('\n');
}

function renderError(error: PlanError, c: Colors): string {
  const lines = [`${c.bold(c.red('Error:'))} ${clean(error.message)} ${c.dim(`[${clean(error.code)}]`)}`];
  const where = [error.source ? `${error.source.file}:${error.source.line}` : undefined, error.address].filter((part): part is string => part !== undefined).join(', ');
  if (where) lines.push(c.dim(`    # ${clean(where)}`));
  if (error.hint) lines.push(`    Hint: ${clean(error.hint)}`);
  return lines.join('\n');
}

function renderFooter(plan: Plan, c: Colors): string {
  const closing = [refreshLine(plan.summary), freshnessLine(plan.summary)].filter((line): line is string => line !== undefined).map((line) => c.dim(clean(line)));
  if (!hasChanges(plan.summary) && plan.applyable) return [c.green(noChangesLine(plan)), ...closing].join('\n');
  const lines = [c.bold(summaryLine(plan.summary))];
  if (plan.summary.blocked > 0) lines.push(c.bold(c.red(blockedLine(plan.summary.blocked))));
  if (plan.errors.length > 0) {
    lines.push(c.bold(c.red(`${plan.errors.length} ${plan.errors.length === 1 ? 'error' : 'errors'} in the plan.`)));
  }
  return [...lines, ...closing].join('\n');
}

/** The plan as terminal text. Deterministic: the same plan always gives the same text. */
export function renderText(plan: Plan, options: TextRenderOptions): string {
  const c = picocolors.createColors(options.color);
  const partial = partialPlanLine(plan);
  const blocks = [...(partial === undefined ? [] : [c.yellow(clean(partial))]), ...visibleChanges(plan).map((change) => renderChange(change, c))];
  if (plan.unmanaged.length > 0) blocks.push(renderLeftAlone(UNMANAGED_TITLE, plan.unmanaged, c));
  const pruneCandidates = plan.pruneCandidates ?? [];
  if (pruneCandidates.length > 0) blocks.push(renderLeftAlone(PRUNE_CANDIDATES_TITLE, pruneCandidates, c));
  for (const error of plan.errors) blocks.push(renderError(error, c));
  blocks.push(renderFooter(plan, c));
  return `${blocks.join('\n\n')}\n`;
}
