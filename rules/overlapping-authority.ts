import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { CoordinationGraph } from '../src/graph/build-graph.js';
import { reachableAgents } from '../src/graph/reach.js';
import type { Edge, EdgeKind } from '../src/model/index.js';

/** Edges along which a run reaches a coordinator. */
const RUN_KINDS: readonly EdgeKind[] = ['delegate', 'handoff', 'data'];

export default defineRule({
  meta: {
    id: 'overlapping-authority',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports an agent that takes direction from two or more coordinators within the same run.',
    seed: {
      section: 'Coordination Failures',
      why: 'Two coordinators directing the same agent issue conflicting instructions sooner or later, and the agent has no way to know which one wins.',
    },
    options: z.strictObject({}),
    messages: {
      severalCoordinators: "'{{agent}}' is directed by {{count}} coordinators: {{coordinators}}.",
    },
  },
  check({ system, graph, report }) {
    const ancestors = new Map<string, Set<string>>();
    const ancestorsOf = (id: string): Set<string> => {
      let found = ancestors.get(id);
      if (!found) {
        found = reachingNodes(graph, id);
        ancestors.set(id, found);
      }
      return found;
    };
    for (const agent of system.agents) {
      const bySource = new Map<string, Edge>();
      for (const edge of graph.incoming(agent.id, ['delegate'])) {
        if (edge.from !== agent.id && graph.agent(edge.from) && !bySource.has(edge.from)) bySource.set(edge.from, edge);
      }
      if (bySource.size < 2) continue;
      // Where each root coordinator starts runs of its own (workflows, scripts), two of them
      // direct the agent together only when one run reaches both.
      const sharing = new Map<string, string>();
      const names = [...bySource.keys()];
      for (const [index, first] of names.entries()) {
        for (const second of names.slice(index + 1)) {
          // A coordinator and a workflow or script it starts itself (a supervisor and its
          // `workflows:`) are one chain of command: the workflow carries out the first one's orders.
          const startedBy = (workflow: string, boss: string): boolean => graph.agent(workflow)?.deterministic === true && ancestorsOf(workflow).has(boss);
          if (startedBy(second, first) || startedBy(first, second)) continue;
          const run = system.separateRuns === true ? commonEntry(ancestorsOf(first), ancestorsOf(second), system.agents.map((item) => item.id)) : system.name;
          if (run === undefined) continue;
          if (!sharing.has(first)) sharing.set(first, run);
          if (!sharing.has(second)) sharing.set(second, run);
        }
      }
      if (sharing.size < 2) continue;
      const shared = names.filter((name) => sharing.has(name));
      report({
        messageId: 'severalCoordinators',
        at: agent,
        data: {
          agent: agent.id,
          count: shared.length,
          coordinators: shared.map((name) => `'${name}'`).join(', '),
          run: sharing.get(shared[0] as string) ?? system.name,
        },
        related: shared.map((name) => bySource.get(name) as Edge).map((edge) => ({ at: edge, message: `'${edge.from}' directs '${agent.id}'` })),
        suggestion: `Give '${agent.id}' one coordinator; let the others ask that coordinator, or split '${agent.id}' by the work each one needs.`,
      });
    }
  },
});

/** The agent itself and every agent that reaches it along delegate, handoff or data edges. */
function reachingNodes(graph: CoordinationGraph, id: string): Set<string> {
  return new Set(reachableAgents(graph, [id], RUN_KINDS, 'backward'));
}

/** The first agent (in model order) that starts a run reaching both coordinators, if any. */
function commonEntry(first: Set<string>, second: Set<string>, order: readonly string[]): string | undefined {
  return order.find((id) => first.has(id) && second.has(id));
}
