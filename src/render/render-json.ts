/**
 * The plan as JSON: the plan value itself, which is the documented, versioned shape (SPEC.md "The plan").
 * Nothing is added or computed here.
 */
import type { Plan } from '../plan/plan-types.js';

// JSON.stringify escapes C0 controls but passes C1 controls, bidi controls and line separators through;
// written as \u escapes they parse back to the same strings but cannot act on a terminal that shows them.
const UNSAFE_IN_TERMINAL = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

// In a GitHub Actions log the runner reads `##[command]` anywhere in a line (see io/sanitize.ts). In JSON a
// `##[` can only be inside a string, where `\u005b` is the same `[`.
const LEGACY_WORKFLOW_COMMAND = /##\[/g;

/**
 * `JSON.stringify(value, null, 2)` and a newline, safe to print: `JSON.parse` of the result equals the value,
 * and nothing in it can act on a terminal or on the Actions runner that logs stdout.
 */
export function stringifyJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2)
    .replace(UNSAFE_IN_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(LEGACY_WORKFLOW_COMMAND, '##\\u005b');
  return `${json}\n`;
}

/** The plan as printable JSON (see `stringifyJson`); `JSON.parse` of the result equals the plan. */
export function renderJson(plan: Plan): string {
  return stringifyJson(plan);
}
