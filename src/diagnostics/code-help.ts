/**
 * What each problem code means, as docs/codes.md says it (the one list of codes): for tools that show a code's
 * help beside the problem, such as GitHub code scanning reading `pcc validate --format sarif`.
 */

/** `code → meaning` from the tables of docs/codes.md (rows `| \`code\` | meaning |`). */
export function parseCodeHelp(markdown: string): Map<string, string> {
  const help = new Map<string, string>();
  for (const [, code, meaning] of markdown.matchAll(/^\| `([^`]+)` \| (.*) \|$/gm)) help.set(code ?? '', (meaning ?? '').trim());
  return help;
}

/** The meaning of `code`, or of its family (`schema-pattern` → `schema-<keyword>`) when only that is listed. */
export function helpFor(help: ReadonlyMap<string, string>, code: string): string | undefined {
  const exact = help.get(code);
  if (exact !== undefined) return exact;
  const dash = code.indexOf('-');
  return dash > 0 ? help.get(`${code.slice(0, dash)}-<keyword>`) : undefined;
}
