/**
 * YAML that pcc writes shows what it holds. Bidirectional overrides and isolates, zero-width and other invisible
 * format characters, line/paragraph separators and C0/C1 controls can make a line display differently from what
 * it stores ("Trojan Source"), so a reviewer would approve something other than what applies. In a scalar pcc
 * writes, each such character is written as a YAML escape (`\u202E`) inside a double-quoted scalar: the file reads
 * back as exactly the same string, and every character in it is visible. Pure.
 */
import { visit, type Document } from 'yaml';

/** The characters written as escapes: C0 controls but tab, newline and carriage return (a line end to YAML), DEL, C1, ALM, zero-width and bidi marks, separators, word joiners and invisible operators, BOM. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff9-\ufffb]/gu;

/** Whether `text` holds a character that does not show as itself. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

const escapeOf = (char: string) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Marks every string scalar of `doc` (keys too) that holds an invisible character as double-quoted, the one YAML
 * style in which escapes are read. Changes `doc` in place; call before `toString`.
 */
export function quoteInvisibleScalars(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && hasInvisible(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
}

/**
 * `text` (YAML in which every invisible character stands inside a double-quoted scalar, as quoteInvisibleScalars
 * arranges) with each such character written as its `\uXXXX` escape.
 */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, escapeOf);
}
