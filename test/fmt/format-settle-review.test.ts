import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../src/desired/format-yaml.js';

/**
 * A reviewer's own generator for issue 19 fault 4 (fmt settles): documents built from random pieces the first
 * generator does not use (document markers with comments, `...` ends, empty documents, anchors and aliases,
 * multi-line flow collections with comments inside, quoted keys, hidden characters, tabs in comments, CRLF).
 * For every file fmt accepts: fmt(fmt(x)) == fmt(x), and every comment is still there, once.
 */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

function entry(pick: (n: number) => number, i: number, tag: () => string): string[] {
  const c = () => (pick(3) === 0 ? ` ${tag()}` : '');
  const lines = [`  - associatedAccountId: "${100000000000 + i}"${c()}`, `    displayName: ${['Acme', '"Ac\\u200Bme"', "'Beta'", '&n Gamma'][pick(4)]}${c()}`];
  if (pick(2) === 0) lines.push(`    sector: COMMERCIAL${c()}`);
  switch (pick(4)) {
    case 0:
      lines.push(`    tags: {b: x, "a": y}${c()}`);
      break;
    case 1:
      lines.push(`    tags: {${c() ? `\n      ${tag()}\n` : ''}      z: "1",${pick(2) ? ` ${tag()}` : ''}`, `      a: "2"}${c()}`);
      break;
    case 2:
      lines.push(`    tags:${c()}`, `      ${pick(2) ? tag() : 'k: v'}`, '      zz: a', '      "aa": b');
      break;
    default:
      break;
  }
  if (pick(4) === 0) lines.splice(1 + pick(lines.length - 1), 0, `    ${tag()}`);
  if (pick(5) === 0) lines.push(`  ${tag()}`);
  return lines;
}

function file(seed: number): string {
  const pick = random(seed);
  let n = 0;
  const tag = () => `#${pick(2) ? '\t' : ' '}c${seed}-${n++}`;
  const docs: string[] = [];
  const count = 1 + pick(3);
  for (let d = 0; d < count; d++) {
    const lines: string[] = [];
    if (d > 0 || pick(3) === 0) lines.push(`---${pick(3) === 0 ? ` ${tag()}` : ''}`);
    if (pick(6) === 0) {
      lines.push(tag());
      docs.push(lines.join('\n'));
      continue;
    }
    if (pick(2) === 0) lines.push(tag());
    lines.push('programManagementAccountIdentifier: pma-u8ic702rtzng8', `catalog: AWS${pick(3) === 0 ? ` ${tag()}` : ''}`, 'relationships:');
    const entries = 1 + pick(3);
    for (let i = 0; i < entries; i++) {
      if (pick(3) === 0) lines.push(`${pick(2) ? '' : '  '}${tag()}`);
      lines.push(...entry(pick, d * 10 + i, tag));
    }
    if (pick(3) === 0) lines.push(tag());
    if (pick(5) === 0) lines.push('...');
    docs.push(lines.join('\n'));
  }
  const text = `${docs.join('\n')}\n`;
  return pick(3) === 0 ? text.replace(/\n/g, '\r\n') : text;
}

const commentsOf = (text: string) => (text.match(/c\d+-\d+/g) ?? []).sort();

describe('fmt settles on a second generator', () => {
  it('fmt(fmt(x)) == fmt(x), comments kept once each, line endings kept, for 400 generated files', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const text = file(seed);
      const once = formatYaml(text);
      if (!once.ok) continue;
      accepted++;
      const twice = formatYaml(once.text);
      expect(twice.ok && twice.text, `seed ${seed}\n${text}\n---- once:\n${once.text}`).toBe(once.text);
      expect(commentsOf(once.text), `seed ${seed}`).toEqual(commentsOf(text));
      expect(once.text.includes('\r\n'), `seed ${seed}`).toBe(text.includes('\r\n'));
    }
    expect(accepted).toBeGreaterThan(300);
  });
});
