/**
 * pcc writes GitHub's workflow commands and step files itself rather than through `@actions/core` (measured reasons
 * in src/io/github-step.ts). This holds it to the library: for hostile names, messages and values, an annotation,
 * a step output and their escaping read back exactly as `@actions/core`'s do (the runner's parsing, done here),
 * so the two can differ only in property order and the random heredoc delimiter.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../src/diagnostics/diagnostic.js';
import { formatOutput, setOutputs } from '../../src/io/github-step.js';
import { escapeData, escapeProperty, formatAnnotation } from '../../src/report/github-annotations.js';

const HOSTILE = ['plain', '100% sure', 'a\r\nb\nc', 'key: value, other: x', '::error::forged', '%0A already escaped', 'ünïcödé ✓', ''];

/** The runner's reading of one `::command k=v,…::message` line: the command, its properties and the message, unescaped. */
function readCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line.replace(/\r?\n$/, ''));
  if (!match) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
  const unescape = (text: string) => text.replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), unescape(pair.slice(pair.indexOf('=') + 1))]),
  );
  return { command: match[1] ?? '', properties, message: unescape(match[3] ?? '') };
}

/** What core writes to stdout while `run` runs. */
function captureStdout(run: () => void): string {
  let text = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return text;
}

/** The runner's reading of a `$GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIMITER` … `DELIMITER` blocks. */
function readOutputFile(text: string): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] ?? '', i + 1);
      outputs[heredoc[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

afterEach(() => {
  delete process.env.GITHUB_OUTPUT;
});

describe("pcc's workflow commands read back as @actions/core's", () => {
  // core leaves out an empty property, so the empty string is for step outputs only.
  it.each(HOSTILE.filter(Boolean).map((text) => [JSON.stringify(text), text]))('escaping of %s', (_shown, text) => {
    const ours = `::warning title=${escapeProperty(text)}::${escapeData(text)}\n`;
    const theirs = captureStdout(() => core.warning(text, { title: text }));
    expect(readCommand(ours)).toEqual(readCommand(theirs));
  });

  it('an annotation on a file position (after sanitising, which core does not do)', () => {
    const diagnostic: Problem = {
      code: 'schema',
      severity: 'error',
      message: 'bad value: 100%, really',
      hint: 'fix it, then: run again',
      file: 'relationships/a,b:c.yaml',
      line: 3,
      column: 7,
    } as Problem;
    const theirs = captureStdout(() =>
      core.error(`${diagnostic.message}\nhint: ${diagnostic.hint}`, { title: 'pcc: schema', file: diagnostic.file, startLine: 3, startColumn: 7 }),
    );
    expect(readCommand(formatAnnotation(diagnostic))).toEqual(readCommand(theirs));
  });
});

describe("pcc's step outputs read back as @actions/core's", () => {
  it.each(HOSTILE.map((text) => [JSON.stringify(text), text]))('value %s', async (_shown, value) => {
    const dir = await mkdtemp(join(tmpdir(), 'pcc-outputs-'));
    const theirsFile = join(dir, 'core');
    await writeFile(theirsFile, '');
    process.env.GITHUB_OUTPUT = theirsFile;
    core.setOutput('plan-file', value);
    const oursFile = join(dir, 'pcc');
    await setOutputs({ GITHUB_OUTPUT: oursFile }, { 'plan-file': value });
    // The runner reads CRLF in a heredoc as a line break, so core and pcc alike give `\r\n` back as `\n`.
    expect(readOutputFile(await readFile(oursFile, 'utf8'))).toEqual(readOutputFile(await readFile(theirsFile, 'utf8')));
  });

  it('a value holding the delimiter gets another (core throws; pcc picks a new one)', () => {
    const delimiters = ['ghadelimiter_1', 'ghadelimiter_2'];
    const text = formatOutput('x', 'a\nghadelimiter_1\nb', () => delimiters.shift() ?? 'unused');
    expect(readOutputFile(text)).toEqual({ x: 'a\nghadelimiter_1\nb' });
  });
});
