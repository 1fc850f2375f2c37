/**
 * What a document's aliases expand to, measured in one linear pass before anything expands them. yaml's own
 * guard (`maxAliasCount`) counts alias uses, so 101 uses of one small support-plan anchor were refused as a
 * "billion laughs", while finding each alias's anchor walked the whole document again (quadratic: 32,000
 * aliases took minutes). Here every alias is resolved once, in document order, and each node's expanded size
 * and height are computed once (memoised), so shared anchors cost once. The limit is on the SIZE the
 * expansion produces, far above what a real file holds.
 */
import { isAlias, isCollection, isPair, visit, type Alias, type Document, type Node } from 'yaml';
import { MAX_NESTING } from './nesting-guard.js';

/**
 * Nodes (scalars and collections, keys included) a document may hold once its aliases are expanded. A 5 MiB
 * file written out holds well under a million; sharing an anchor among 10,000 entries adds tens of thousands.
 */
export const MAX_EXPANDED_NODES = 5_000_000;

export interface Expansion {
  /** A node whose expanded nesting exceeds MAX_NESTING, or an alias inside its own anchor (endless). */
  deepAt?: number;
  /** The first of the aliases that expand most (sizes are capped), when the document expands beyond MAX_EXPANDED_NODES. */
  largeAt?: number;
  /** The first alias with no anchor of its name before it (yaml's toJS would throw). */
  unresolved?: { name: string; at: number };
  /** Nodes after expansion (capped just above the limit). */
  nodes: number;
  /** Node visits the measurement made: linear in the document, whatever the aliases (exposed for tests). */
  visited: number;
  /** Each alias's anchored node, as yaml resolves it: the last node with that anchor before the alias. */
  targets: Map<Alias, Node>;
}

/** One pass in document order: each alias's anchor is the latest one seen (yaml's rule). */
function aliasTargets(doc: Document): { targets: Map<Alias, Node>; aliases: Alias[] } {
  const latest = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const aliases: Alias[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        aliases.push(node);
        const target = latest.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) latest.set(node.anchor, node);
    },
  });
  return { targets, aliases };
}

function childrenOf(node: unknown, targets: ReadonlyMap<Alias, Node>): unknown[] {
  if (isAlias(node)) return targets.has(node) ? [targets.get(node)] : [];
  if (!isCollection(node)) return [];
  return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item])).filter((child) => child !== null && child !== undefined);
}

function offsetOf(node: unknown): number {
  return (node as Node | null)?.range?.[0] ?? 0;
}

/** Sizes and heights of every node reachable from the document's contents, iteratively (no recursion). */
export function measureExpansion(doc: Document): Expansion {
  const { targets, aliases } = aliasTargets(doc);
  const lost = aliases.find((alias) => !targets.has(alias));
  const unresolved = lost && { name: lost.source, at: offsetOf(lost) };
  const size = new Map<unknown, number>();
  const height = new Map<unknown, number>();
  const open = new Set<unknown>();
  let visited = 0;
  const result = (extra: Partial<Expansion>): Expansion => ({ nodes: size.get(doc.contents) ?? 0, visited, targets, ...(unresolved && { unresolved }), ...extra });
  if (doc.contents === null || doc.contents === undefined) return result({});
  const stack: Array<{ node: unknown; expanded: boolean }> = [{ node: doc.contents, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: unknown; expanded: boolean };
    if (size.has(top.node)) {
      stack.pop();
      continue;
    }
    visited++;
    const children = childrenOf(top.node, targets);
    if (!top.expanded) {
      top.expanded = true;
      open.add(top.node);
      for (const child of children) {
        // An alias back into its own anchor would expand forever.
        if (open.has(child)) return result({ deepAt: offsetOf(top.node) });
        if (!size.has(child)) stack.push({ node: child, expanded: false });
      }
      continue;
    }
    stack.pop();
    open.delete(top.node);
    const own = isAlias(top.node) ? 0 : 1;
    const below = children.reduce<number>((max, child) => Math.max(max, height.get(child) ?? 0), 0);
    const nesting = below + (isCollection(top.node) ? 1 : 0);
    if (nesting > MAX_NESTING) return result({ deepAt: offsetOf(top.node) });
    height.set(top.node, nesting);
    // Capped: a billion laughs nests its counts far past what a number should carry around.
    size.set(
      top.node,
      Math.min(
        MAX_EXPANDED_NODES + 1,
        children.reduce<number>((sum, child) => sum + (size.get(child) ?? 0), own),
      ),
    );
  }
  if ((size.get(doc.contents) ?? 0) <= MAX_EXPANDED_NODES) return result({});
  // Blame the alias that expands most (the first of them; sizes are capped just over the limit).
  let largest: Alias | undefined;
  for (const alias of aliases) if ((size.get(alias) ?? 0) > (largest ? (size.get(largest) ?? 0) : 0)) largest = alias;
  return result({ largeAt: offsetOf(largest ?? doc.contents) });
}

/**
 * The document's plain value, after measureExpansion found it within bounds. yaml's toJS finds each alias's
 * anchor by scanning every alias and anchor before it (quadratic); each alias is pinned to the anchor found
 * above instead. yaml's alias-count guard is off: the size measured above is the guard. Expanded values are
 * shared, as yaml shares them, not copied.
 */
export function toPlainValue(doc: Document, targets: ReadonlyMap<Alias, Node>): unknown {
  for (const [alias, node] of targets) {
    const resolve = alias.resolve.bind(alias);
    const target = node as NonNullable<ReturnType<Alias['resolve']>>;
    // The anchor's value exists once toJS has converted it (document order: before any alias of it).
    alias.resolve = (document, ctx) => (ctx?.anchors.get(target) ? target : resolve(document, ctx));
  }
  return doc.toJS({ maxAliasCount: -1 });
}
