import { isInfrastructure, type Agent } from '../model/index.js';
import type { CoordinationGraph } from '../graph/build-graph.js';

/** One coordinator and the agents it directs. */
export interface SpanEntry {
  agent: Agent;
  span: number;
  subordinates: Agent[];
}

/**
 * span(X): distinct agents reached by `delegate` edges from X, infrastructure roles excluded.
 * seed: Perspective 7 (Hierarchical Delegation) — coordination agents don't count against span.
 * Returns every agent with a span of at least 1, in model order.
 */
export function computeSpans(graph: CoordinationGraph): SpanEntry[] {
  const spans: SpanEntry[] = [];
  for (const agent of graph.system.agents) {
    const subordinates = new Map<string, Agent>();
    for (const edge of graph.outgoing(agent.id, ['delegate'])) {
      const target = graph.agent(edge.to);
      if (target && target.id !== agent.id && !isInfrastructure(target.role)) subordinates.set(target.id, target);
    }
    if (subordinates.size > 0) spans.push({ agent, span: subordinates.size, subordinates: [...subordinates.values()] });
  }
  return spans;
}
