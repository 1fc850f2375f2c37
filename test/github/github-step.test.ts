import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STEP_SUMMARY_LIMIT_BYTES, appendStepSummary, formatOutput, setOutputs, truncateMarkdown } from '../../src/io/github-step.js';
import { parseOutputFile } from './action-step.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pcc-github-step-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('appendStepSummary', () => {
  it('does nothing outside GitHub Actions', async () => {
    expect(await appendStepSummary({}, '# plan')).toEqual({ written: false, truncated: false });
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: '' }, '# plan')).toEqual({ written: false, truncated: false });
  });

  it('appends, creating the file, ending each part with a newline and parting them with a blank line', async () => {
    const file = join(dir, 'summary.md');
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, '<details>\n\nplan\n</details>')).toEqual({ written: true, truncated: false });
    await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, '## apply\n');
    // Without the blank line the heading would belong to the HTML block that </details> is part of.
    expect(await readFile(file, 'utf8')).toBe('<details>\n\nplan\n</details>\n\n## apply\n');
  });

  it('keeps text that exactly fills the remaining room (with its separating blank line) whole', async () => {
    const file = join(dir, 'summary.md');
    await writeFile(file, 'x'.repeat(1000));
    const text = `${'y'.repeat(STEP_SUMMARY_LIMIT_BYTES - 1000 - 2)}\n`;
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, text)).toEqual({ written: true, truncated: false });
    expect((await stat(file)).size).toBe(STEP_SUMMARY_LIMIT_BYTES);
  });

  it('cuts a plan over 1 MiB at a line end and says so, staying within 1 MiB', async () => {
    const file = join(dir, 'summary.md');
    const lines = Array.from({ length: 30_000 }, (_, i) => `| AWS/pma-u8ic702rtzng8/${String(i).padStart(12, '0')} | create |`);
    const markdown = `# Plan\n\n${lines.join('\n')}\n`;
    expect(bytes(markdown)).toBeGreaterThan(STEP_SUMMARY_LIMIT_BYTES);

    const result = await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, markdown);

    expect(result).toEqual({ written: true, truncated: true });
    const written = await readFile(file, 'utf8');
    expect(bytes(written)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(bytes(written)).toBeGreaterThan(STEP_SUMMARY_LIMIT_BYTES - 2048); // uses the room, not a token amount
    const noteAt = written.indexOf('\n> [!WARNING]');
    expect(noteAt).toBeGreaterThan(0);
    expect(written.slice(noteAt)).toContain('GitHub shows at most 1 MiB per step');
    const kept = written.slice(0, noteAt);
    expect(markdown.startsWith(kept)).toBe(true);
    expect(kept.endsWith('|\n')).toBe(true); // whole table rows only
  });

  it('counts what the step already wrote', async () => {
    const file = join(dir, 'summary.md');
    const earlier = 'e'.repeat(STEP_SUMMARY_LIMIT_BYTES - 10_000);
    await writeFile(file, earlier);
    const result = await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, 'line\n'.repeat(5_000));
    expect(result).toEqual({ written: true, truncated: true });
    const written = await readFile(file, 'utf8');
    expect(written.startsWith(earlier)).toBe(true);
    expect(bytes(written)).toBeLessThanOrEqual(STEP_SUMMARY_LIMIT_BYTES);
    expect(written).toContain('pcc cut this summary here');
  });

  it('writes nothing when not even the note fits, leaving the file as it was', async () => {
    const file = join(dir, 'summary.md');
    const earlier = 'e'.repeat(STEP_SUMMARY_LIMIT_BYTES - 100);
    await writeFile(file, earlier);
    expect(await appendStepSummary({ GITHUB_STEP_SUMMARY: file }, 'x'.repeat(500))).toEqual({ written: false, truncated: true });
    expect(await readFile(file, 'utf8')).toBe(earlier);
  });
});

describe('truncateMarkdown', () => {
  it('never splits a multi-byte character, even in a single long line', () => {
    const line = 'Ünïcödé 🤝 relationships '.repeat(2_000); // no newline at all
    const cut = truncateMarkdown(line, 10_000);
    expect(cut).toBeDefined();
    expect(cut).not.toContain('\uFFFD');
    expect(bytes(cut ?? '')).toBeLessThanOrEqual(10_000);
    // The cut is mid-line, so a line break precedes the note.
    const kept = (cut ?? '').slice(0, (cut ?? '').indexOf('\n\n> [!WARNING]'));
    expect(line.startsWith(kept)).toBe(true);
    expect(kept.length).toBeGreaterThan(1_000);
  });

  it('closes a code fence left open so the note is not swallowed by it', () => {
    const markdown = `# Plan\n\n\`\`\`diff\n${'+ displayName: Acme\n'.repeat(2_000)}\`\`\`\n`;
    const cut = truncateMarkdown(markdown, 4_000) ?? '';
    const beforeNote = cut.slice(0, cut.indexOf('\n> [!WARNING]'));
    expect((beforeNote.match(/^```/gm) ?? []).length).toBe(2);
    expect(beforeNote.endsWith('```\n')).toBe(true);
  });

  it('closes <details> left open, and only those', () => {
    const block = '<details><summary>AWS/pma-x/111122223333</summary>\n\n| field | before | after |\n|---|---|---|\n| displayName | A | B |\n\n</details>\n';
    const markdown = `# Plan\n\n<details>\n<summary>all changes</summary>\n\n${block.repeat(400)}</details>\n`;
    const cut = truncateMarkdown(markdown, 8_000) ?? '';
    const beforeNote = cut.slice(0, cut.indexOf('\n> [!WARNING]'));
    const opened = (beforeNote.match(/<details>/g) ?? []).length;
    const closed = (beforeNote.match(/<\/details>/g) ?? []).length;
    expect(opened).toBeGreaterThan(1);
    expect(closed).toBe(opened);
  });

  it('does not count <details> inside a code fence', () => {
    const markdown = `\`\`\`html\n<details>\n\`\`\`\n${'row\n'.repeat(5_000)}`;
    const cut = truncateMarkdown(markdown, 3_000) ?? '';
    expect(cut).not.toContain('</details>');
  });

  it('gives up when the room is smaller than the note', () => {
    expect(truncateMarkdown('x'.repeat(10_000), 100)).toBeUndefined();
  });
});

describe('setOutputs', () => {
  it('returns false and writes nothing outside GitHub Actions', async () => {
    expect(await setOutputs({}, { 'has-changes': true })).toBe(false);
  });

  it('writes single-line values as name=value, appending to what is there', async () => {
    const file = join(dir, 'output');
    await writeFile(file, 'earlier=1\n');
    expect(await setOutputs({ GITHUB_OUTPUT: file }, { 'has-changes': true, 'plan-file': 'pcc-plan.json', count: 3 })).toBe(true);
    expect(await readFile(file, 'utf8')).toBe('earlier=1\nhas-changes=true\nplan-file=pcc-plan.json\ncount=3\n');
  });

  it('writes multi-line values in the heredoc form that the runner reads back exactly', async () => {
    const file = join(dir, 'output');
    const hostile = 'line one\nEOF\ninjected=evil\nsummary<<EOF\n\nghadelimiter_\nlast line';
    await setOutputs({ GITHUB_OUTPUT: file }, { summary: hostile, 'has-changes': false, crlf: 'a\r\nb' });
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^summary<<ghadelimiter_[0-9a-f-]{36}\n/);
    const parsed = parseOutputFile(text);
    expect([...parsed.keys()]).toEqual(['summary', 'has-changes', 'crlf']);
    expect(parsed.get('summary')).toBe(hostile);
    expect(parsed.get('has-changes')).toBe('false');
    expect(parsed.get('crlf')).toBe('a\r\nb');
  });

  it('uses a fresh random delimiter each time', () => {
    const first = /<<(.*)\n/.exec(formatOutput('a', 'x\ny'))?.[1];
    const second = /<<(.*)\n/.exec(formatOutput('a', 'x\ny'))?.[1];
    expect(first).toMatch(/^ghadelimiter_[0-9a-f-]{36}$/);
    expect(second).not.toBe(first);
  });

  it('picks another delimiter when the value contains the one drawn', () => {
    const drawn = ['DELIM_A', 'DELIM_B'];
    const text = formatOutput('plan', 'x\nDELIM_A\ny', () => drawn.shift() ?? 'unexpected');
    expect(text).toBe('plan<<DELIM_B\nx\nDELIM_A\ny\nDELIM_B\n');
    expect(parseOutputFile(text).get('plan')).toBe('x\nDELIM_A\ny');
  });

  it('rejects names the runner would misread', () => {
    for (const name of ['', 'a=b', 'a<<b', 'a\nb', 'has changes', '1st']) {
      expect(() => formatOutput(name, 'v'), name).toThrow(/invalid GitHub step output name/);
    }
  });
});
