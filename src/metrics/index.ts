import { isInfrastructure, type Coupling, type SystemMetrics } from '../model/index.js';
import type { CoordinationGraph } from '../graph/build-graph.js';
import { computeDepth, requiredDepth } from './depth.js';
import { countPairs, potentialPairs } from './pairs.js';
import { overheadBand, regimeOf } from './regime.js';
import { computeSpans, type SpanEntry } from './span.js';
import { topologyOf } from './topology.js';

/** The metrics of a system plus the per-agent detail rules need. */
export interface RuleMetrics extends SystemMetrics {
  /** Every coordinator with its span, in model order. */
  spans: SpanEntry[];
}

/** Measures one system. Linear in nodes + edges (the span lookups aside), no recursion. */
export function computeMetrics(graph: CoordinationGraph): RuleMetrics {
  const { system } = graph;
  const agents = system.agents.length;
  const spans = computeSpans(graph);
  const depth = computeDepth(graph);
  const pairs = countPairs(graph);
  const potential = potentialPairs(agents);
  const coupling: Record<Coupling, number> = { tight: 0, medium: 0, loose: 0 };
  for (const edge of system.edges) coupling[edge.coupling]++;
  const coordinators = system.agents.filter(
    (agent) => agent.role === 'orchestrator' || agent.role === 'lead' || isInfrastructure(agent.role),
  ).length;
  return {
    agents,
    humans: system.humans.length,
    regime: regimeOf(agents),
    topology: topologyOf(graph, { agents, depth, pairs, potentialPairs: potential, spans }),
    depth,
    requiredDepth: requiredDepth(agents),
    maxSpan: spans.reduce((max, entry) => Math.max(max, entry.span), 0),
    potentialPairs: potential,
    pairs,
    coupling,
    // seed: Failure Mode Taxonomy, Decomposition Failures — the coordination ratio.
    coordinationRatio: agents === 0 ? 0 : coordinators / agents,
    overheadBand: overheadBand(agents),
    spans,
  };
}

/** The metrics exactly as the JSON contract lists them, without rule-only detail. */
export function publicMetrics(metrics: RuleMetrics): SystemMetrics {
  const { spans: _spans, ...rest } = metrics;
  return rest;
}

export type { SpanEntry };
export { computeDepth, requiredDepth, potentialPairs, countPairs, regimeOf, overheadBand, computeSpans };
