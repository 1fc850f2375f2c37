/**
 * Diagnostics for people (`file:line:col: error: message [path]`, then `  hint: …`) and for scripts
 * (JSON). Strings from files are sanitised before they reach a terminal; JSON escapes them itself.
 */
import { createColors } from 'picocolors';
import { sanitizeForTerminal } from '../io/sanitize.js';
import { escapeHiddenCharacters } from '../model/hidden-characters.js';
import type { Problem } from './diagnostic.js';

export interface TextFormatOptions {
  /** Colour the output (only when the sink says stderr is a colour terminal). */
  color: boolean;
}

/** `file:line:col`, `file` or '' for a problem not tied to a file. */
function locationOf(diagnostic: Problem): string {
  if (diagnostic.file === undefined) return '';
  if (diagnostic.line === undefined) return diagnostic.file;
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column ?? 1}`;
}

function formatDiagnosticText(diagnostic: Problem, options: TextFormatOptions): string {
  const c = createColors(options.color);
  const location = sanitizeForTerminal(locationOf(diagnostic));
  const severity = diagnostic.severity === 'error' ? c.bold(c.red('error')) : c.bold(c.yellow('warning'));
  // A key in the path may hold a character nobody sees (a zero-width space): shown as its escape, as in the message.
  const path = diagnostic.path ? ` ${c.dim(`[${sanitizeForTerminal(escapeHiddenCharacters(diagnostic.path, 'json'))}]`)}` : '';
  const head = `${location ? `${c.bold(location)}: ` : ''}${severity}: ${sanitizeForTerminal(diagnostic.message)}${path}\n`;
  return diagnostic.hint ? `${head}  ${c.cyan('hint:')} ${sanitizeForTerminal(diagnostic.hint)}\n` : head;
}

export function formatDiagnosticsText(diagnostics: readonly Problem[], options: TextFormatOptions): string {
  return diagnostics.map((diagnostic) => formatDiagnosticText(diagnostic, options)).join('');
}

/** A diagnostic as plain data with a fixed key order (stable output for scripts and golden files). */
export function diagnosticToJson(diagnostic: Problem): Problem {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.hint !== undefined ? { hint: diagnostic.hint } : {}),
    ...(diagnostic.file !== undefined ? { file: diagnostic.file } : {}),
    ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
    ...(diagnostic.column !== undefined ? { column: diagnostic.column } : {}),
    ...(diagnostic.path !== undefined ? { path: diagnostic.path } : {}),
    ...(diagnostic.address !== undefined ? { address: diagnostic.address } : {}),
  };
}

/** Counts in words: "2 errors and 1 warning", "1 error", "no problems". */
export function countProblems(diagnostics: readonly Problem[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const parts = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean);
  return parts.length ? parts.join(' and ') : 'no problems';
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
