import type { Topology } from '../model/index.js';
import type { CoordinationGraph } from '../graph/build-graph.js';
import type { SpanEntry } from './span.js';

/**
 * The first topology that applies (DESIGN.md, metrics), so that the labels hold for small systems
 * too: none/single; federated (two or more domains, each with its own coordinator); hierarchical
 * (depth ≥ 2); mesh (among the P ≥ 3 agents that direct nobody, more than half of their
 * P(P−1)/2 pairs are linked and no single agent is in every one of those pairs); hub-and-spoke
 * (depth 1); pipeline (the pairs form one path through every agent and no agent hands work to two
 * partners); hub-and-spoke (one agent in every pair: a router at depth 0); mixed.
 */
export function topologyOf(
  graph: CoordinationGraph,
  measures: { agents: number; depth: number; pairs: number; potentialPairs: number; spans: readonly SpanEntry[] },
): Topology {
  const { agents, depth, spans } = measures;
  if (agents === 0) return 'none';
  if (agents === 1) return 'single';
  if (isFederated(graph, spans)) return 'federated';
  if (depth >= 2) return 'hierarchical';
  const pairs = agentPairs(graph);
  if (isMesh(graph, pairs)) return 'mesh';
  if (depth === 1) return 'hub-and-spoke';
  if (isPipeline(graph, pairs)) return 'pipeline';
  if (hubOfEveryPair(pairs) !== undefined) return 'hub-and-spoke';
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

/** The distinct unordered pairs of agents joined by any edge, as [a, b] with a < b. */
function agentPairs(graph: CoordinationGraph): Array<[string, string]> {
  const seen = new Map<string, [string, string]>();
  for (const edge of graph.system.edges) {
    if (edge.from === edge.to || !graph.agent(edge.from) || !graph.agent(edge.to)) continue;
    const pair: [string, string] = edge.from < edge.to ? [edge.from, edge.to] : [edge.to, edge.from];
    seen.set(`${pair[0]}\u0000${pair[1]}`, pair);
  }
  return [...seen.values()];
}

/** Peers talk among themselves: the agents that direct nobody are densely linked, not through one of them. */
function isMesh(graph: CoordinationGraph, pairs: ReadonlyArray<[string, string]>): boolean {
  const directing = new Set(graph.system.edges.filter((edge) => edge.kind === 'delegate' && edge.from !== edge.to && graph.agent(edge.to)).map((edge) => edge.from));
  const peers = new Set(graph.system.agents.map((agent) => agent.id).filter((id) => !directing.has(id)));
  const count = peers.size;
  if (count < 3) return false;
  const among = pairs.filter(([a, b]) => peers.has(a) && peers.has(b));
  if (among.length * 2 <= (count * (count - 1)) / 2) return false;
  return hubOfEveryPair(among) === undefined;
}

/** One path through every agent, and no agent handing work (handoff, data) to two partners. */
function isPipeline(graph: CoordinationGraph, pairs: ReadonlyArray<[string, string]>): boolean {
  const agents = graph.system.agents.length;
  if (pairs.length !== agents - 1) return false;
  const degree = new Map<string, number>();
  const neighbours = new Map<string, string[]>();
  for (const [a, b] of pairs) {
    degree.set(a, (degree.get(a) ?? 0) + 1);
    degree.set(b, (degree.get(b) ?? 0) + 1);
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  if ([...degree.values()].some((value) => value > 2) || degree.size !== agents) return false;
  // n − 1 pairs, every degree ≤ 2 and connected: a simple path.
  const start = pairs[0]?.[0];
  const seen = new Set<string>(start === undefined ? [] : [start]);
  const queue = start === undefined ? [] : [start];
  for (let head = 0; head < queue.length; head++) {
    for (const next of neighbours.get(queue[head] as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  if (seen.size !== agents) return false;
  const partners = new Map<string, Set<string>>();
  for (const edge of graph.system.edges) {
    if ((edge.kind !== 'handoff' && edge.kind !== 'data') || edge.from === edge.to || !graph.agent(edge.to)) continue;
    partners.set(edge.from, (partners.get(edge.from) ?? new Set()).add(edge.to));
  }
  return [...partners.values()].every((targets) => targets.size <= 1);
}

/** The agent that takes part in every pair, when there is one (and at least two pairs). */
function hubOfEveryPair(pairs: ReadonlyArray<[string, string]>): string | undefined {
  if (pairs.length < 2) return undefined;
  const [first] = pairs;
  return (first ?? []).find((candidate) => pairs.every(([a, b]) => a === candidate || b === candidate));
}
