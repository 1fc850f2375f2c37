/**
 * A problem, as data: what `pcc validate` finds in the files, what planning finds wrong, why apply refuses a
 * saved plan, a change apply could not make, a file `pcc fmt` cannot rewrite. One shape for all of them
 * (Terraform's tfdiags): commands decide what it means for the exit code; reporters (src/report/) decide how it
 * looks. Every `code` is listed in docs/codes.md. `line` and `column` are 1-based.
 */
type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable, kebab-case, e.g. `schema-pattern`, `duplicate-address`, `yaml-syntax`; listed in docs/codes.md. */
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
  /** The relationship's address (`<catalog>/<pma-id>/<associatedAccountId>`), for problems about one. */
  address?: string;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((d) => d.severity === 'error');
}
