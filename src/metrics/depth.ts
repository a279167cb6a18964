import { SPAN_BRANCHING } from './thresholds.js';
import type { CoordinationGraph } from '../graph/build-graph.js';
import type { Edge } from '../model/index.js';

/**
 * depth: edges on the longest `delegate` path from a root (an agent with no incoming delegate).
 * A single agent has depth 0; one orchestrator over workers has depth 1.
 *
 * Longest paths by Kahn's topological order, iteratively, so a 50,000-agent chain cannot overflow
 * the stack. Agents on a delegate cycle have no root above them and add nothing. `countsLevel`
 * can leave some delegate edges out of the count (they still connect the levels around them).
 */
export function computeDepth(graph: CoordinationGraph, countsLevel: (edge: Edge) => boolean = () => true): number {
  const agents = graph.system.agents;
  const indegree = new Map<string, number>();
  const children = new Map<string, Array<{ id: string; step: number }>>();
  for (const agent of agents) {
    indegree.set(agent.id, 0);
    children.set(agent.id, []);
  }
  for (const edge of graph.system.edges) {
    if (edge.kind !== 'delegate' || edge.from === edge.to) continue;
    if (!indegree.has(edge.from) || !indegree.has(edge.to)) continue;
    children.get(edge.from)?.push({ id: edge.to, step: countsLevel(edge) ? 1 : 0 });
    indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  }
  const level = new Map<string, number>();
  const queue: string[] = [];
  for (const agent of agents) {
    if (indegree.get(agent.id) === 0) {
      queue.push(agent.id);
      level.set(agent.id, 0);
    }
  }
  let depth = 0;
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    const here = level.get(id) ?? 0;
    depth = Math.max(depth, here);
    for (const { id: child, step } of children.get(id) ?? []) {
      level.set(child, Math.max(level.get(child) ?? 0, here + step));
      const remaining = (indegree.get(child) ?? 0) - 1;
      indegree.set(child, remaining);
      if (remaining === 0) queue.push(child);
    }
  }
  return depth;
}

/**
 * requiredDepth = ceil(log_7 N) for N ≥ 2, else 0 (5 → 1, 20 → 2, 100 → 3, 500 → 4).
 * seed: Perspective 7 (Hierarchical Delegation) — required hierarchy depth.
 * Computed with integers: floating-point log_7(49) is a hair above 2 and would round up to 3.
 */
export function requiredDepth(agentCount: number): number {
  if (agentCount < 2) return 0;
  let depth = 0;
  for (let capacity = 1; capacity < agentCount; capacity *= SPAN_BRANCHING) depth++;
  return depth;
}
