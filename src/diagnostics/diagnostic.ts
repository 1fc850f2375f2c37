/**
 * A problem found in the desired state (or while planning), as data. Commands decide what it means for the
 * exit code; renderers decide how it looks. `line` and `column` are 1-based.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable, kebab-case, e.g. `schema-pattern`, `duplicate-address`, `yaml-syntax`. */
  code: string;
  severity: Severity;
  message: string;
  /** How to fix it, where we know. */
  hint?: string;
  /** Path relative to the working directory, forward slashes. Absent for problems not tied to a file. */
  file?: string;
  line?: number;
  column?: number;
  /** JSON-pointer-like path of the field inside the document, e.g. `/relationships/0/displayName`. */
  path?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
