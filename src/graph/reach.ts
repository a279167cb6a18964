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
