/**
 * Values as one line, for every renderer and for the kinds' words (which import this module, not format.ts: that
 * one reads the registry, and a kind must not import what imports the registry). Not sanitised: see format.ts.
 */
import { escapeHiddenCharacters } from '../model/hidden-characters.js';

/**
 * A field value as one line: strings quoted (JSON), objects as compact JSON, absence as `(none)`. A character
 * nobody sees for what it is (a bidirectional override, a zero-width space) is shown as its JSON escape, so two
 * values that differ only there never read the same.
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  return escapeHiddenCharacters(JSON.stringify(value) ?? String(value), 'json');
}

/** A field's name as shown (`tags.<key>`: a tag key may hold hidden characters too, shown escaped). */
export function formatFieldName(name: string): string {
  return escapeHiddenCharacters(name, 'json');
}
