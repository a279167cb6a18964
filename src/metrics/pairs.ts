import type { CoordinationGraph } from '../graph/build-graph.js';

/** potentialPairs = N(N−1)/2, from the formula, never enumerated. */
export function potentialPairs(agentCount: number): number {
  return agentCount < 2 ? 0 : (agentCount * (agentCount - 1)) / 2;
}

/** pairs: distinct unordered pairs of agents joined by at least one edge of any kind (humans excluded). */
export function countPairs(graph: CoordinationGraph): number {
  const seen = new Set<string>();
  for (const edge of graph.system.edges) {
    if (edge.from === edge.to) continue;
    if (!graph.agent(edge.from) || !graph.agent(edge.to)) continue;
    seen.add(edge.from < edge.to ? `${edge.from}\u0000${edge.to}` : `${edge.to}\u0000${edge.from}`);
  }
  return seen.size;
}
