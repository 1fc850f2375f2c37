import { describe, expect, it } from 'vitest';
import { formatYaml, lineEndingOf } from '../../src/desired/format-yaml.js';

/**
 * Issue 19 fault 4: `fmt` settles. fmt(fmt(x)) == fmt(x) for files with comments in every position, each
 * comment stays with the entry (and the document) it was written in, and line endings are kept.
 */
const FILE = [
  '# yaml-language-server: $schema=../schema/relationships.schema.json',
  'catalog: AWS',
  'programManagementAccountIdentifier: pma-u8ic702rtzng8',
  'relationships:',
  '  - displayName: Acme',
  '    associatedAccountId: "111122223333"',
  '    associationType: END_CUSTOMER',
  '    sector: COMMERCIAL',
  '    requestedSupportPlan:',
  '      resoldUnifiedOperations: {tamLocation: us-east-1, coverage: ENTIRE_ORGANIZATION}',
  '    tags: {team: a, cost-center: "4711"}',
  '  - tags:',
  '      zeta: z',
  '      alpha: a',
  '    associatedAccountId: "222233334444"',
  '    displayName: Beta',
  '  - {associatedAccountId: "333344445555", displayName: Gamma, tags: {b: x, a: y}}',
  '  - requestedSupportPlan:',
  '      partnerLedSupport:',
  '        provider: DISTRIBUTOR',
  '        coverage: ENTIRE_ORGANIZATION',
  '    associatedAccountId: "444455556666"',
  '---',
  'catalog: AWS',
  'relationships: [{associatedAccountId: "555566667777", displayName: Delta}]',
];

/** A small deterministic PRNG, so a failure names a case that can be run again. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

/** FILE with `count` comments: whole lines at any indent (some after a blank line) and trailing ones. */
function withComments(seed: number, count: number): string {
  const pick = random(seed);
  const lines = [...FILE];
  for (let j = 0; j < count; j++) {
    const at = pick(lines.length + 1);
    const line = lines[at];
    if (pick(3) === 0 && line !== undefined && line !== '---' && !line.trimStart().startsWith('#') && !line.includes(' #')) lines[at] = `${line} # T${seed}-${j}`;
    else {
      // Aligned with the line below (the one it describes), with the line above, or at the margin. A comment
      // indented deeper than both continues the value above it, as yaml reads it.
      const indents = [lines.slice(at).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#')), lines[at - 1]].map((l) => (l ?? '').search(/\S|$/));
      const indent = [...indents, 0][pick(3)] ?? 0;
      lines.splice(at, 0, `${pick(4) === 0 ? '\n' : ''}${' '.repeat(indent)}# C${seed}-${j}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Where each comment belongs: its document and entry (the account id of the entry it is in, or of the entry
 * it stands right above, with only comments and blank lines between). Comments before the first entry belong
 * to the document.
 */
function owners(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  let document = 0;
  let current = '';
  let pending: Array<{ comment: string; indent: number }> = [];
  // yaml reads comment lines after an entry's last value as that entry's from the first one indented into it on
  // (whatever the indent of those after it): the formatter keeps yaml's reading.
  const settle = (owner: string, deeperOwner = owner) => {
    let inside = false;
    for (const { comment, indent } of pending) {
      inside ||= indent > 2;
      found.set(comment, inside ? deeperOwner : owner);
    }
    pending = [];
  };
  lines.forEach((line, i) => {
    if (line === '---') {
      settle(`doc ${document}/${current}`);
      document++;
      current = '';
      return;
    }
    const comment = /# ([CT]\d+-\d+)/.exec(line)?.[1];
    const wholeLine = line.trimStart().startsWith('#');
    const entryStart = /^ {2}- /.test(line) || /^relationships: \[/.test(line);
    if (entryStart) {
      // Comments right above an entry are its own; those indented into the entry before stay with that one.
      const previous = `doc ${document}/${current}`;
      current = /associatedAccountId: "(\d+)"/.exec(lines.slice(i).join('\n'))?.[1] ?? '?';
      settle(line.startsWith('relationships:') ? `doc ${document}/` : `doc ${document}/${current}`, previous);
      if (line.startsWith('relationships:') && comment) pending.push({ comment, indent: 2 });
    }
    // A line of content ends the comments above it: they were about it, inside the current entry.
    if (!wholeLine && line.trim() !== '') settle(`doc ${document}/${current}`);
    if (!comment) return;
    // A comment on the `relationships:` line is printed above the first entry (yaml cannot keep it after the key).
    if (wholeLine) pending.push({ comment, indent: line.search(/\S/) });
    else if (line.startsWith('relationships:')) pending.push({ comment, indent: 2 });
    else found.set(comment, `doc ${document}/${current}`);
  });
  settle(`doc ${document}/${current}`);
  return found;
}

describe('fmt settles', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1);
  it.each(seeds)('file with comments, seed %i: fmt(fmt(x)) == fmt(x), every comment kept in its entry', (seed) => {
    const text = withComments(seed, 1 + (seed % 5));
    const once = formatYaml(text);
    if (!once.ok) throw new Error(`fmt refused: ${once.message} at ${once.line}:${once.column}\n${text}`);
    const twice = formatYaml(once.text);
    expect(twice).toEqual({ ok: true, text: once.text });
    const before = owners(text);
    const after = owners(once.text);
    expect([...before.keys()].sort()).toEqual([...after.keys()].sort());
    for (const [comment, owner] of before) expect({ comment, owner: after.get(comment) }).toEqual({ comment, owner });
  });

  it('a comment line after a flow map and between entries stays where it was written (the issue’s example)', () => {
    const text =
      'relationships:\n  - associatedAccountId: "1"\n    tags: {team: a} # the team\n  # about B\n\n  - {associatedAccountId: "2"} # B\n  # about C\n  - associatedAccountId: "3"\n';
    const once = formatYaml(text);
    expect(once).toEqual({
      ok: true,
      text: 'relationships:\n  - associatedAccountId: "1"\n    tags:\n      # the team\n      team: a\n  # about B\n\n  # B\n  - associatedAccountId: "2"\n  # about C\n  - associatedAccountId: "3"\n',
    });
    expect(once.ok && formatYaml(once.text)).toEqual(once);
  });
});

describe('line endings are kept', () => {
  const lf = 'catalog: AWS\n# a comment\nrelationships:\n  - associatedAccountId: "111122223333"\n    displayName: A\n';
  it('a formatted file checked out with CRLF is formatted as it is', () => {
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(formatYaml(crlf)).toEqual({ ok: true, text: crlf });
  });

  it('CRLF in, CRLF out; LF in, LF out', () => {
    const messy = 'relationships:\r\n  - displayName: A\r\n    associatedAccountId: "111122223333"\r\n';
    expect(formatYaml(messy)).toEqual({ ok: true, text: 'relationships:\r\n  - associatedAccountId: "111122223333"\r\n    displayName: A\r\n' });
    expect(formatYaml(messy.replace(/\r\n/g, '\n'))).toEqual({ ok: true, text: 'relationships:\n  - associatedAccountId: "111122223333"\n    displayName: A\n' });
  });

  it.each([
    ['more CRLF', 'a: b\r\nc: d\r\ne: f\n', '\r\n'],
    ['more LF', 'a: b\nc: d\ne: f\r\n', '\n'],
    ['a tie, CRLF first', 'a: b\r\nc: d\n', '\r\n'],
    ['a tie, LF first', 'a: b\nc: d\r\n', '\n'],
    ['one line', 'a: b', '\n'],
  ])('mixed endings: the majority, else the first (%s)', (_name, text, ending) => {
    expect(lineEndingOf(text)).toBe(ending);
  });
});
