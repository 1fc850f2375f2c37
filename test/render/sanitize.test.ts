/**
 * The escapers every renderer relies on (src/io/sanitize.ts). Each hostile input here is something a
 * display name, tag or server error message could carry.
 */
import { describe, expect, it } from 'vitest';
import { defuseGithubReferences, escapeHtml, escapeMarkdown, markdownCodeBlock, markdownCodeSpan, sanitizeForTerminal } from '../../src/io/sanitize.js';

const ESC = '\u001b';
const ZWSP = '\u200b';
// Anything a terminal could act on, or that reorders or breaks what it shows.
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('sanitizeForTerminal', () => {
  it.each([
    ['SGR colour', `Acme ${ESC}[31mRed${ESC}[0m Corp`, 'Acme Red Corp'],
    ['cursor movement and erase', `ok${ESC}[2K${ESC}[1A${ESC}[10;20H!`, 'ok!'],
    ['OSC 8 hyperlink (BEL)', `${ESC}]8;;http://evil.example\u0007click${ESC}]8;;\u0007`, 'click'],
    ['OSC 8 hyperlink (ST)', `${ESC}]8;;http://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['window title (OSC 0)', `a${ESC}]0;pwned\u0007b`, 'ab'],
    ['unterminated OSC swallows the rest', `a${ESC}]0;pwned forever`, 'a'],
    ['DCS string', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['two-character escape', `a${ESC}cb${ESC}7c`, 'abc'],
    ['lone trailing ESC', `abc${ESC}`, 'abc'],
    ['bell, backspace, NUL, DEL', 'a\u0007b\u0008c\u0000d\u007fe', 'abcde'],
    ['right-to-left override', 'invoice\u202Etxt.exe', 'invoicetxt.exe'],
    ['bidi isolates and marks', '\u2066a\u2069\u2067b\u2068c\u200e\u200f\u061c', 'abc'],
    ['newlines become spaces', 'line1\nline2\r\nline3\rline4\u2028line5', 'line1 line2 line3 line4 line5'],
  ])('%s', (_name, input, expected) => {
    const out = sanitizeForTerminal(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(TERMINAL_UNSAFE);
  });

  it('keeps ordinary text, accents, CJK and emoji', () => {
    const text = 'Café Müller 株式会社 🚀 — "quotes" & <angles>';
    expect(sanitizeForTerminal(text)).toBe(text);
  });

  it("breaks the Actions runner's legacy ##[command] syntax, which it reads anywhere in a line", () => {
    expect(sanitizeForTerminal('##[add-mask]secret')).toBe(`##${ZWSP}[add-mask]secret`);
    expect(sanitizeForTerminal('x ##[stop-commands]pwned')).toBe(`x ##${ZWSP}[stop-commands]pwned`);
    // Also when removing a control character or escape sequence is what joins the pieces.
    expect(sanitizeForTerminal('#\u0000#[error]fake')).toBe(`##${ZWSP}[error]fake`);
    expect(sanitizeForTerminal(`##${ESC}[0m[set-output name=x]y`)).toBe(`##${ZWSP}[set-output name=x]y`);
    for (const escape of [escapeMarkdown, escapeHtml, markdownCodeSpan, (t: string) => markdownCodeBlock([t])]) {
      expect(escape('a ##[error]forged').replace(/\\/g, '')).not.toContain('##[');
    }
  });

  it('keeps newlines only when asked', () => {
    expect(sanitizeForTerminal('a\r\nb\nc', { keepNewlines: true })).toBe('a\nb\nc');
  });
});

describe('defuseGithubReferences', () => {
  it('breaks mentions, issue references and bare links with a zero-width space', () => {
    expect(defuseGithubReferences('@octocat owner/repo#12 http://x www.y.z')).toBe(`@${ZWSP}octocat owner/repo#${ZWSP}12 http:${ZWSP}//x www${ZWSP}.y.z`);
  });

  it('leaves text without triggers alone', () => {
    expect(defuseGithubReferences('Acme #tag a:b www')).toBe('Acme #tag a:b www');
  });
});

describe('escapeMarkdown', () => {
  it('makes links and images text', () => {
    expect(escapeMarkdown('[click](http://evil)')).toBe(`\\[click\\]\\(http:${ZWSP}//evil\\)`);
    expect(escapeMarkdown('![x](http://evil/x.png)')).not.toMatch(/(?<!\\)[[\]()]/);
  });

  it('turns HTML into entities, so </details> and <img onerror> are text', () => {
    const out = escapeMarkdown('</details><img src=x onerror=alert(1)>');
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(out).toContain('&lt;/details&gt;');
  });

  it('escapes emphasis, code, headings, lists and tables', () => {
    const out = escapeMarkdown('# *a* _b_ `c` ~d~ - e + f | g \\ h');
    expect(out).toBe('\\# \\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\- e \\+ f \\| g \\\\ h');
  });

  it('never leaves a pipe that could split a table cell', () => {
    for (const input of ['a|b', 'a\\|b', 'a\\\\|b', '|||', '\\|']) {
      const out = escapeMarkdown(input);
      // Every pipe must be preceded by an odd number of backslashes (the last one escapes it).
      for (const match of out.matchAll(/(\\*)\|/g)) expect(match[1]!.length % 2).toBe(1);
    }
  });

  it('defuses mentions and stays on one line', () => {
    const out = escapeMarkdown('hi @team\nsee #42');
    expect(out).toBe(`hi @${ZWSP}team see \\#${ZWSP}42`);
    expect(out).not.toContain('\n');
  });

  it('turns tabs into spaces, so a value cannot start an indented code block', () => {
    expect(escapeMarkdown('a\tb')).toBe('a b');
    expect(markdownCodeSpan('a\tb')).toBe('`a b`');
  });

  it('does not escape entities it inserts', () => {
    expect(escapeMarkdown("a & b's")).toBe('a &amp; b&#39;s');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials, strips controls, defuses mentions', () => {
    expect(escapeHtml(`<b a="1">'x' & @y${ESC}[1m</b>\n`)).toBe(`&lt;b a=&quot;1&quot;&gt;&#39;x&#39; &amp; @${ZWSP}y&lt;/b&gt; `);
  });
});

describe('markdownCodeSpan', () => {
  it('uses a delimiter longer than any backtick run inside', () => {
    expect(markdownCodeSpan('a `b` c')).toBe('``a `b` c``');
    expect(markdownCodeSpan('x ``` y')).toBe('````x ``` y````');
  });

  it('pads text that starts or ends with a backtick', () => {
    expect(markdownCodeSpan('`x')).toBe('`` `x ``');
  });

  it('strips controls and line breaks', () => {
    expect(markdownCodeSpan(`a\n${ESC}[31mb`)).toBe('`a b`');
  });
});

describe('markdownCodeBlock', () => {
  it('uses a fence longer than any backtick run in the lines', () => {
    const block = markdownCodeBlock(['+ name = "```"', '- x = "`````"'], 'diff');
    const lines = block.split('\n');
    expect(lines[0]).toBe('``````diff');
    expect(lines.at(-1)).toBe('``````');
    // No content line is a closing fence.
    for (const line of lines.slice(1, -1)) expect(line).not.toMatch(/^\s*`{6,}\s*$/);
  });

  it('keeps each entry on one line', () => {
    expect(markdownCodeBlock(['a\nb']).split('\n')).toEqual(['```', 'a b', '```']);
  });
});
