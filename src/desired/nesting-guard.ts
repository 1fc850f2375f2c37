/**
 * Limits on how deep a YAML file may nest, checked without recursion. yaml's composer and toJS recurse per
 * level; absurd nesting exhausts the stack, and V8 can then fail to compile a regular expression and abort
 * the whole process (not a catchable error). Relationship files nest about five levels deep.
 * Nesting through aliases is measured with their expansion (alias-expansion.ts).
 */
import type { CST } from 'yaml';

/** Collections inside collections, counted through aliases. Far above what a relationship file needs. */
export const MAX_NESTING = 64;

/** What validate and fmt say about a file nested deeper than MAX_NESTING. */
export const TOO_DEEP_MESSAGE = `the YAML nests more than ${MAX_NESTING} levels deep`;

/** Offset of the first CST collection nested deeper than MAX_NESTING, or undefined. Iterative. */
export function findDeepToken(tokens: readonly CST.Token[]): number | undefined {
  const stack: Array<{ token: unknown; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop() as { token: unknown; depth: number };
    if (!token || typeof token !== 'object') continue;
    const t = token as { type?: string; offset?: number; value?: unknown; items?: Array<{ key?: unknown; value?: unknown }> };
    const collection = t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection';
    const here = collection ? depth + 1 : depth;
    if (here > MAX_NESTING) return t.offset ?? 0;
    if (t.type === 'document') stack.push({ token: t.value, depth: here });
    for (const item of t.items ?? []) {
      stack.push({ token: item.key, depth: here }, { token: item.value, depth: here });
    }
  }
  return undefined;
}
