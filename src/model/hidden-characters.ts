/**
 * Characters a reader cannot see for what they are: controls, format characters (bidirectional overrides and
 * isolates, zero-width spaces and joiners, the soft hyphen, tag characters), line and paragraph separators,
 * default-ignorable code points (Hangul fillers, variation selectors) and every space but U+0020. A display
 * name `Acme\u202Eexe` shows as something else than it holds ("Trojan Source"), and `Ac\u200Bme` reads as
 * `Acme`. Whatever a reviewer reads (a YAML file pcc writes, a plan) shows them as `\u` escapes instead.
 * Tab, line feed and carriage return are the text's own layout and stay.
 */
const HIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Cs}\p{Co}]|[^\S\t\n\r ]|\u2800/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');

/** Whether `text` holds a character that does not show for what it is. */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}

const u4 = (code: number) => `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * `\uXXXX` for each hidden character, the rest unchanged: the escape a YAML double-quoted scalar or a JSON string
 * reads back as the character. Beyond the BMP, YAML's `\UXXXXXXXX`, or JSON's surrogate pair.
 */
export function escapeHiddenCharacters(text: string, syntax: 'yaml' | 'json'): string {
  return text.replace(HIDDEN_ALL, (char) => {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0xffff) return u4(code);
    if (syntax === 'yaml') return `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    return [...char.split('')].map((unit) => u4(unit.charCodeAt(0))).join('');
  });
}
