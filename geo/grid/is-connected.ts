/**
 * Whether `nodes` form one connected group through `edges` (pairs of adjacent nodes). A merge is only
 * allowed for grids that are adjacent as a group: merging two grids that share no edge would create a
 * multipart grid, which the topology engine would then have to report.
 */
export function isConnected(nodes: readonly string[], edges: readonly (readonly [string, string])[]): boolean {
  if (nodes.length === 0) return false;
  const set = new Set(nodes);
  const next = new Map<string, string[]>();
  for (const [a, b] of edges) {
    if (!set.has(a) || !set.has(b)) continue;
    next.set(a, [...(next.get(a) ?? []), b]);
    next.set(b, [...(next.get(b) ?? []), a]);
  }
  const seen = new Set([nodes[0]!]);
  const queue = [nodes[0]!];
  while (queue.length) {
    for (const n of next.get(queue.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen.size === set.size;
}
