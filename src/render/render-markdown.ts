/**
 * The plan as a pull-request comment: heading and summary table first, blocked replacements and errors
 * called out, then one collapsed `<details>` per change and the unmanaged relationships. GitHub rejects
 * comments over 65,536 characters, so the rendering never exceeds `MARKDOWN_MAX_CHARS`: when the whole plan
 * does not fit, pieces are dropped from the end and a closing note says exactly what was left out.
 */
import type { Plan } from '../plan/plan-types.js';
import { blockedPieces, changePieces, errorPieces, headPieces, type Piece, type PieceSubject, pruneCandidatePieces, unmanagedPieces } from './markdown-sections.js';
import { visibleChanges } from './format.js';

/** The most characters (UTF-16 code units, so never more code points) a markdown plan may have. */
export const MARKDOWN_MAX_CHARS = 60_000;

// Room kept for the closing note when the plan is shortened; the note is a few hundred characters at most.
const NOTE_RESERVE = 600;

const SUBJECT_NAMES: Readonly<Record<PieceSubject, [string, string]>> = {
  change: ['change', 'changes'],
  blocked: ['blocked replacement', 'blocked replacements'],
  error: ['error', 'errors'],
  unmanaged: ['unmanaged resource', 'unmanaged resources'],
  pruneCandidate: ['managed resource in no file', 'managed resources in no file'],
};
const SUBJECT_ORDER: readonly PieceSubject[] = ['change', 'blocked', 'error', 'unmanaged', 'pruneCandidate'];

function countBySubject(pieces: readonly Piece[]): Map<PieceSubject, number> {
  const counts = new Map<PieceSubject, number>();
  for (const piece of pieces) if (piece.subject) counts.set(piece.subject, (counts.get(piece.subject) ?? 0) + 1);
  return counts;
}

function leftOutNote(all: readonly Piece[], kept: readonly Piece[], maxChars: number): string {
  const total = countBySubject(all);
  const shown = countBySubject(kept);
  const parts = SUBJECT_ORDER.filter((subject) => (total.get(subject) ?? 0) > (shown.get(subject) ?? 0)).map((subject) => {
    const of = total.get(subject) ?? 0;
    const left = of - (shown.get(subject) ?? 0);
    return `${left} of ${of} ${SUBJECT_NAMES[subject][of === 1 ? 0 : 1]}`;
  });
  return (
    `\n> [!NOTE]\n> **Left out: ${parts.join(', ')}**, to keep this comment under ${maxChars} characters. ` +
    'The full plan is in the job summary and the saved plan artifact (`pcc plan --format text` shows it too).\n'
  );
}

function endWithOneNewline(text: string): string {
  return text.replace(/\n*$/, '\n');
}

export interface MarkdownOptions {
  /**
   * The most characters the rendering may have; default `MARKDOWN_MAX_CHARS` (a PR comment). The job
   * summary passes `Infinity`: it has its own 1 MiB limit, enforced where it is written.
   */
  maxChars?: number;
}

/** The plan as GitHub-flavoured markdown, at most `maxChars` (default `MARKDOWN_MAX_CHARS`) long. */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? MARKDOWN_MAX_CHARS;
  const changes = visibleChanges(plan);
  const pieces = [
    ...headPieces(plan),
    ...errorPieces(plan.errors),
    ...blockedPieces(changes),
    ...changePieces(changes),
    ...unmanagedPieces(plan.unmanaged),
    ...pruneCandidatePieces(plan.pruneCandidates ?? []),
  ];
  const whole = endWithOneNewline(pieces.map((piece) => piece.text).join(''));
  if (whole.length <= maxChars) return whole;

  // Keep a prefix: the head always, then pieces in order until the first that does not fit.
  const budget = maxChars - NOTE_RESERVE;
  const kept: Piece[] = [];
  let used = 0;
  for (const [index, piece] of pieces.entries()) {
    if (index > 0 && used + piece.text.length > budget) break;
    kept.push(piece);
    used += piece.text.length;
  }
  const text = endWithOneNewline(kept.map((piece) => piece.text).join('') + leftOutNote(pieces, kept, maxChars));
  // Only a head larger than the budget could break the promise; the head holds no untrusted text.
  return text.length <= maxChars ? text : text.slice(0, maxChars);
}
