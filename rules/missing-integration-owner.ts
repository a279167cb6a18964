import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { CoordinationGraph } from '../src/graph/build-graph.js';
import { reachableAgents } from '../src/graph/reach.js';
import type { Edge, EdgeKind } from '../src/model/index.js';

/** Edges along which work (and its results) moves forward. */
const FLOW_KINDS: readonly EdgeKind[] = ['handoff', 'data', 'delegate'];
const RESULT_KINDS: readonly EdgeKind[] = ['handoff', 'data'];

export default defineRule({
  meta: {
    id: 'missing-integration-owner',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports parallel branches whose results no agent joins.',
    seed: {
      section: 'Integration Failures',
      why: 'Parallel work that nobody owns the integration of yields good parts and an incoherent whole; integration must be an explicit job.',
    },
    options: z.strictObject({
      minBranches: z.number().int().min(2).default(2).describe('Number of parallel branches from which a join is required.'),
    }),
    messages: {
      noJoin: "'{{agent}}' fans out to {{branches}} parallel branches that no agent joins.",
    },
  },
  check({ system, graph, options, report }) {
    for (const agent of system.agents) {
      const parallel = graph.outgoing(agent.id, FLOW_KINDS).filter((edge) => edge.parallel && edge.to !== agent.id);
      const branches = new Map<string, Edge>();
      for (const edge of parallel) if (graph.agent(edge.to) && !branches.has(edge.to)) branches.set(edge.to, edge);
      // Alternatives of one decision (a router's picks beside a static edge) are one branch, whichever runs.
      const ways = new Set([...branches.values()].map((edge) => (edge.exclusive === true ? `choice:${edge.choice ?? ''}` : `to:${edge.to}`)));
      if (ways.size < options.minBranches) continue;
      if (agent.integrates) continue;
      // A coordinator that delegates the branches gets their results back: it is the join.
      if ([...branches.values()].every((edge) => edge.kind === 'delegate')) continue;
      if (hasCommonDownstreamAgent(graph, [...branches.keys()])) continue;
      // A workflow node that is not an agent (an n8n Merge) joins every branch.
      if ([...branches.values()].every((edge) => edge.joined === true)) continue;
      // The agent marked as the join (integrates: true) downstream of a branch owns the integration.
      if (markedIntegrator(graph, [...branches.keys()]) !== undefined) continue;
      report({
        messageId: 'noJoin',
        at: agent,
        data: { agent: agent.id, branches: ways.size },
        related: [...branches.values()].map((edge) => ({ at: edge, message: `parallel branch to '${edge.to}'` })),
        suggestion: `Add an integrator that consumes every branch of '${agent.id}' (dependsOn each of ${[...branches.keys()].map((id) => `'${id}'`).join(', ')}), or mark the agent that joins them with integrates: true.`,
      });
    }
  },
});

/** The first agent marked `integrates: true` that a branch reaches (a branch reaches itself). */
function markedIntegrator(graph: CoordinationGraph, starts: readonly string[]): string | undefined {
  return reachableAgents(graph, starts, RESULT_KINDS).find((id) => graph.agent(id)?.integrates === true);
}

/**
 * True when some agent (never a human) is reached from every branch along handoff/data edges;
 * a branch reaches itself. Breadth-first and iterative, bounded by the system's size.
 */
function hasCommonDownstreamAgent(graph: CoordinationGraph, starts: readonly string[]): boolean {
  let common: Set<string> | undefined;
  for (const start of starts) {
    const reached = new Set(reachableAgents(graph, [start], RESULT_KINDS));
    common = common === undefined ? reached : new Set([...common].filter((id) => reached.has(id)));
    if (common.size === 0) return false;
  }
  return common !== undefined && common.size > 0;
}
