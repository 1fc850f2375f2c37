/**
 * Limits on how deep a YAML file may nest, checked without recursion. yaml's composer and toJS recurse per
 * level; absurd nesting exhausts the stack, and V8 can then fail to compile a regular expression and abort
 * the whole process (not a catchable error). Relationship files nest about five levels deep.
 */
import { isAlias, isCollection, isPair, type CST, type Document, type Node } from 'yaml';

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

/** Children as toJS sees them: an alias stands for its anchored node. */
function childrenOf(node: unknown, doc: Document.Parsed): unknown[] {
  if (isAlias(node)) return [node.resolve(doc)];
  if (!isCollection(node)) return [];
  return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]));
}

/**
 * Offset of a node whose expanded nesting (following aliases, as toJS will) exceeds MAX_NESTING, or
 * undefined. Heights are memoised per node, so shared anchors cost once: linear in the document, not in
 * its expansion (yaml's own maxAliasCount bounds the expansion itself). Iterative.
 */
export function findDeepExpansion(doc: Document.Parsed): number | undefined {
  const height = new Map<unknown, number>();
  const open = new Set<unknown>();
  const stack: Array<{ node: unknown; expanded: boolean }> = [{ node: doc.contents, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: unknown; expanded: boolean };
    if (height.has(top.node)) {
      stack.pop();
      continue;
    }
    const children = childrenOf(top.node, doc).filter((child) => child !== null && child !== undefined);
    if (!top.expanded) {
      top.expanded = true;
      open.add(top.node);
      for (const child of children) {
        // An alias back into its own anchor would expand forever.
        if (open.has(child)) return offsetOf(top.node);
        if (!height.has(child)) stack.push({ node: child, expanded: false });
      }
      continue;
    }
    stack.pop();
    open.delete(top.node);
    const below = children.reduce<number>((max, child) => Math.max(max, height.get(child) ?? 0), 0);
    const own = below + (isCollection(top.node) ? 1 : 0);
    if (own > MAX_NESTING) return offsetOf(top.node);
    height.set(top.node, own);
  }
  return undefined;
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}
