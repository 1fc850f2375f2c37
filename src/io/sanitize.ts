/**
 * Strings that come from files or from the API are untrusted: a display name could carry terminal escape
 * sequences (retitle the window, hide text, fake a prompt) or markdown that reshapes a PR comment.
 * These helpers make such strings inert before they reach a terminal or markdown.
 */

// ESC-introduced sequences: CSI (`ESC [ … final`), OSC/DCS/PM/APC/SOS strings (ended by BEL or ST),
// and the two-character forms (`ESC x`). Also their 8-bit C1 forms (CSI = U+009B, OSC = U+009D, …).
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u007e]?/g;
// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates that
// can make text display in a different order than it is stored ("Trojan Source").
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n|[\n\r\u2028\u2029]/g;
// The GitHub Actions runner reads its legacy `##[command]data` syntax anywhere in a log line (not only at the
// start, as `::command::`): `##[add-mask]`, `##[stop-commands]`, `##[error]`… A zero-width space after the
// `##` breaks it and reads the same. Applied last, so removing a control character cannot rejoin one.
const LEGACY_WORKFLOW_COMMAND = /##\[/g;

export interface SanitizeOptions {
  /** Keep `\n` (multi-line messages). Default false: line breaks become spaces. */
  keepNewlines?: boolean;
}

/**
 * Removes escape sequences and control characters, and breaks `##[` (see above); tabs and (optionally)
 * newlines survive.
 */
export function sanitizeForTerminal(text: string, options: SanitizeOptions = {}): string {
  let result = text.replace(ESCAPE_SEQUENCE, '');
  if (!options.keepNewlines) result = result.replace(LINE_BREAKS, ' ');
  else result = result.replace(/\r\n?/g, '\n');
  return result.replace(CONTROL, '').replace(LEGACY_WORKFLOW_COMMAND, '##\u200b[');
}

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|~]/g;
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// GitHub links some plain text on its own, in markdown and HTML alike: `@user` (a notification),
// `#123` and `owner/repo#123` (a cross-reference, which notifies the other thread), bare URLs and `www.`.
// A zero-width space after the trigger stops that and reads the same (Renovate and Dependabot do this).
// It is a raw character, not an entity, so the escaping that follows cannot disturb it.
const GITHUB_AUTOLINK = /@|#(?=\d)|:(?=\/\/)|\bwww(?=\.)/gi;

/** Breaks @mentions, issue references and bare URLs with a zero-width space; the text reads the same. */
export function defuseGithubReferences(text: string): string {
  return text.replace(GITHUB_AUTOLINK, (trigger) => `${trigger}\u200b`);
}

// In markdown a tab is layout (at a line's start it makes a code block), so the markdown helpers turn it
// into a space as well.
function markdownLine(text: string): string {
  return sanitizeForTerminal(text).replace(/\t/g, ' ');
}

/** For text inside HTML elements (e.g. `<summary>`): control characters go, `& < > " '` become entities. */
export function escapeHtml(text: string): string {
  return defuseGithubReferences(markdownLine(text)).replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] ?? c);
}

/**
 * Makes a string display literally inside GitHub-flavoured markdown, including table cells: control
 * characters and line breaks go (as in `sanitizeForTerminal`), HTML is entity-escaped, and markdown
 * punctuation is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  // Backslashes first, entities second: an entity's own `#` must not be escaped.
  return defuseGithubReferences(markdownLine(text))
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] ?? c);
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/**
 * An inline code span GitHub shows literally, whatever the text holds: the fence is longer than any run
 * of backticks inside, and a space pads text that starts or ends with a backtick.
 */
export function markdownCodeSpan(text: string): string {
  const clean = markdownLine(text);
  const fence = '`'.repeat(longestBacktickRun(clean) + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block (one entry per line) that no line inside can close early. */
export function markdownCodeBlock(lines: readonly string[] | string, language = ''): string {
  const clean = (typeof lines === 'string' ? lines.split('\n') : lines).map((line) => markdownLine(line));
  const fence = '`'.repeat(Math.max(3, ...clean.map((line) => longestBacktickRun(line) + 1)));
  return [`${fence}${sanitizeForTerminal(language).replace(/[`\s]/g, '')}`, ...clean, fence].join('\n');
}
