/**
 * GitHub Actions step files: the job summary (`$GITHUB_STEP_SUMMARY`) and step outputs (`$GITHUB_OUTPUT`).
 *
 * The action (action.yml) only maps inputs to a `pcc` command; what GitHub shows about a run is written
 * here, by the CLI, so it is tested once. Callers pass the environment in: nothing here reads process.env.
 *
 * Why not `@actions/core` (3.0.1, measured 2026-12): it reads `process.env` and writes annotations to
 * `process.stdout` itself, where pcc takes the environment as a parameter and keeps stdout for what scripts read
 * (`--format json`); outside Actions its `setOutput` prints the retired `::set-output` command to stdout; its
 * summary has no 1 MiB budget; and it pulls in undici and tunnel through its OIDC client: +816 KB to the action
 * bundle (pcc.mjs is 2.29 MB) and about +0.09 s CPU at each step's start (0.39 → 0.48 s for `pcc --version`).
 * What it would bring, its escaping and file-command format, pcc matches, and
 * test/report/github-commands-vs-actions-core.test.ts holds it to the library's output.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, stat } from 'node:fs/promises';

/** The environment as cli.ts hands it to commands. */
export type StepEnv = Readonly<Record<string, string | undefined>>;

/** GitHub refuses (and drops) a step summary over 1 MiB; the limit counts every append in the step. */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** What {@link appendStepSummary} did. `written` is false outside Actions or when no room is left. */
export interface SummaryResult {
  written: boolean;
  truncated: boolean;
}

/**
 * Appends markdown to the step summary. When the step's summary would pass 1 MiB, the markdown is cut at
 * a line end, open code fences and `<details>` are closed, and a note says how much was left out.
 * After earlier text a blank line comes first: an HTML block such as `</details>` runs on until a blank
 * line, and would swallow a heading written straight after it.
 * Does nothing when `GITHUB_STEP_SUMMARY` is unset (not in Actions).
 */
export async function appendStepSummary(env: StepEnv, markdown: string): Promise<SummaryResult> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return { written: false, truncated: false };
  const size = await sizeOf(file);
  const budget = STEP_SUMMARY_LIMIT_BYTES - size;
  const text = (size > 0 ? '\n' : '') + (markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  if (Buffer.byteLength(text, 'utf8') <= budget) {
    await appendFile(file, text, 'utf8');
    return { written: true, truncated: false };
  }
  const cut = truncateMarkdown(text, budget);
  if (cut === undefined) return { written: false, truncated: true };
  await appendFile(file, cut, 'utf8');
  return { written: true, truncated: true };
}

/**
 * The longest prefix of `markdown` (cut at a line end where there is one) that, with closers for open
 * code fences and `<details>` and a truncation note, fits in `maxBytes` of UTF-8. Undefined when not even
 * the note fits.
 */
export function truncateMarkdown(markdown: string, maxBytes: number): string | undefined {
  const totalBytes = Buffer.byteLength(markdown, 'utf8');
  const note = truncationNote(totalBytes);
  // Closers are at most a fence and a few </details>; reserve room for them before choosing the cut.
  const reserve = Buffer.byteLength(note, 'utf8') + 256;
  if (maxBytes < reserve) return undefined;
  let kept = prefixWithinBytes(markdown, maxBytes - reserve);
  let closed = kept + closersFor(kept) + note;
  // Pathological nesting can need more closers than reserved: drop lines until everything fits.
  while (Buffer.byteLength(closed, 'utf8') > maxBytes && kept.length > 0) {
    kept = kept.slice(0, Math.max(0, kept.lastIndexOf('\n', kept.length - 2) + 1));
    closed = kept + closersFor(kept) + note;
  }
  return Buffer.byteLength(closed, 'utf8') <= maxBytes ? closed : undefined;
}

function truncationNote(totalBytes: number): string {
  const mib = (totalBytes / STEP_SUMMARY_LIMIT_BYTES).toFixed(1);
  return (
    `\n> [!WARNING]\n> pcc cut this summary here: the full text is ${mib} MiB and GitHub shows at most 1 MiB per step. ` +
    'The log of this step and the saved plan (`--out`) have everything.\n'
  );
}

/** Prefix of at most `maxBytes` UTF-8 bytes, never splitting a character, ending at a line end if any. */
function prefixWithinBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) so the cut lands before a character's first byte.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const prefix = bytes.subarray(0, end).toString('utf8');
  const lineEnd = prefix.lastIndexOf('\n');
  return lineEnd >= 0 ? prefix.slice(0, lineEnd + 1) : prefix;
}

/** Text that closes a code fence and `<details>` elements left open in `kept`, so the note renders. */
function closersFor(kept: string): string {
  let fence: string | undefined;
  let openDetails = 0;
  for (const line of kept.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    openDetails += (line.match(/<details\b/gi) ?? []).length;
    openDetails -= (line.match(/<\/details>/gi) ?? []).length;
  }
  const lineBreak = kept.length === 0 || kept.endsWith('\n') ? '' : '\n';
  return lineBreak + (fence !== undefined ? `${fence}\n` : '') + '</details>\n'.repeat(Math.max(0, openDetails));
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Step output names GitHub accepts: letters, digits, `-` and `_`, starting with a letter or `_`. */
const OUTPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Appends step outputs to `$GITHUB_OUTPUT`, in one write. Single-line values use `name=value`; values with a
 * line break use the heredoc form with a random delimiter (`name<<ghadelimiter_<uuid>`), so a value can never
 * end its own block early and inject another output. Returns false when `GITHUB_OUTPUT` is unset.
 */
export async function setOutputs(env: StepEnv, outputs: Readonly<Record<string, string | number | boolean>>): Promise<boolean> {
  const file = env.GITHUB_OUTPUT;
  if (!file) return false;
  const text = Object.entries(outputs)
    .map(([name, value]) => formatOutput(name, String(value)))
    .join('');
  if (text !== '') await appendFile(file, text, 'utf8');
  return true;
}

/** One output in the file-command syntax the runner parses. Exported for tests. */
export function formatOutput(name: string, value: string, newDelimiter: () => string = randomDelimiter): string {
  if (!OUTPUT_NAME.test(name)) throw new Error(`invalid GitHub step output name: ${JSON.stringify(name)}`);
  if (!/[\r\n]/.test(value)) return `${name}=${value}\n`;
  let delimiter = newDelimiter();
  // A random UUID will not occur in a value by chance; the check makes "never" hold even if it does.
  while (value.includes(delimiter)) delimiter = newDelimiter();
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function randomDelimiter(): string {
  return `ghadelimiter_${randomUUID()}`;
}
