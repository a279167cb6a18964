import type { Topology } from '../model/index.js';
import type { CoordinationGraph } from '../graph/build-graph.js';
import type { SpanEntry } from './span.js';

/**
 * The first topology that applies (DESIGN.md): single; federated (two or more domains, each with
 * its own coordinator); mesh (N ≥ 3 and pairs ≥ half the potential pairs); hierarchical
 * (depth ≥ 2); hub-and-spoke (depth 1); pipeline (depth 0, at most one handoff/data edge in and
 * out of every agent); mixed.
 */
export function topologyOf(
  graph: CoordinationGraph,
  measures: { agents: number; depth: number; pairs: number; potentialPairs: number; spans: readonly SpanEntry[] },
): Topology {
  const { agents, depth, pairs, potentialPairs, spans } = measures;
  if (agents === 0) return 'none';
  if (agents === 1) return 'single';
  if (isFederated(graph, spans)) return 'federated';
  if (agents >= 3 && pairs * 2 >= potentialPairs) return 'mesh';
  if (depth >= 2) return 'hierarchical';
  if (depth === 1) return 'hub-and-spoke';
  if (isPipeline(graph)) return 'pipeline';
  return 'mixed';
}

function isFederated(graph: CoordinationGraph, spans: readonly SpanEntry[]): boolean {
  if (graph.system.domains.length < 2) return false;
  const coordinated = new Set<string>();
  const directing = new Set(spans.map((entry) => entry.agent.id));
  for (const agent of graph.system.agents) {
    const coordinates = agent.role === 'orchestrator' || agent.role === 'lead' || directing.has(agent.id);
    if (coordinates && agent.domain !== undefined) coordinated.add(agent.domain);
  }
  return graph.system.domains.every((domain) => coordinated.has(domain));
}

function isPipeline(graph: CoordinationGraph): boolean {
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, number>();
  for (const edge of graph.system.edges) {
    if (edge.kind !== 'handoff' && edge.kind !== 'data') continue;
    if (!graph.agent(edge.from) || !graph.agent(edge.to)) continue;
    outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
    incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  }
  return [...incoming.values(), ...outgoing.values()].every((count) => count <= 1);
}
