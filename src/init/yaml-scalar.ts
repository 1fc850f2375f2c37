/**
 * A user's string as one YAML scalar that every YAML reader takes back as that same string: plain where that is
 * safe under both YAML 1.1 (`yes`, `on`, `0777` are booleans and numbers there) and 1.2, double-quoted otherwise.
 * Written by the `yaml` package's serializer, never by pasting.
 */
import { parse, stringify } from 'yaml';
import { escapeHiddenCharacters, hasHiddenCharacters } from '../model/hidden-characters.js';

const readsBack = (text: string, value: string) => parse(text, { version: '1.1' }) === value && parse(text, { version: '1.2' }) === value;

export function yamlScalar(value: string): string {
  // A bidi or zero-width character (git allows them in branch names) is written as an escape, so the file shows it.
  if (hasHiddenCharacters(value)) return escapeHiddenCharacters(stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd(), 'yaml');
  const plainWherePossible = stringify(value, { version: '1.1', lineWidth: 0 }).trimEnd();
  if (!plainWherePossible.includes('\n') && readsBack(plainWherePossible, value)) return plainWherePossible;
  return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 0 }).trimEnd();
}
