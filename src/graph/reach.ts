import type { EdgeKind } from '../model/index.js';
import type { CoordinationGraph } from './build-graph.js';

/**
 * True when edges of the given kinds lead from `start` to a node that passes `isTarget`, without
 * passing through `avoid`. Breadth-first with an explicit queue: no recursion, linear in the
 * edges reached.
 */
export function reaches(
  graph: CoordinationGraph,
  start: string,
  kinds: readonly EdgeKind[],
  isTarget: (id: string) => boolean,
  avoid?: string,
): boolean {
  const seen = new Set<string>([start]);
  if (avoid !== undefined) seen.add(avoid);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const edge of graph.outgoing(queue[head] as string, kinds)) {
      if (seen.has(edge.to)) continue;
      if (isTarget(edge.to)) return true;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return false;
}

/**
 * Every agent reached from the starts along edges of the given kinds (forward: `from` → `to`;
 * backward: against them), the starts included, in the order reached. Breadth-first and
 * iterative; humans are not passed through.
 */
export function reachableAgents(
  graph: CoordinationGraph,
  starts: readonly string[],
  kinds: readonly EdgeKind[],
  direction: 'forward' | 'backward' = 'forward',
): string[] {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    const edges = direction === 'forward' ? graph.outgoing(id, kinds) : graph.incoming(id, kinds);
    for (const edge of edges) {
      const next = direction === 'forward' ? edge.to : edge.from;
      if (seen.has(next) || !graph.agent(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return queue;
}
