/** One word for a POSIX shell, for commands pcc suggests: as it is when nothing in it is special, else in single quotes. PURE. */
export function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
