import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Edge } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'overlapping-authority',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports an agent that takes direction from two or more coordinators.',
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
    for (const agent of system.agents) {
      const bySource = new Map<string, Edge>();
      for (const edge of graph.incoming(agent.id, ['delegate'])) {
        if (edge.from !== agent.id && graph.agent(edge.from) && !bySource.has(edge.from)) bySource.set(edge.from, edge);
      }
      if (bySource.size < 2) continue;
      const names = [...bySource.keys()];
      report({
        messageId: 'severalCoordinators',
        at: agent,
        data: { agent: agent.id, count: names.length, coordinators: names.map((name) => `'${name}'`).join(', ') },
        related: [...bySource.values()].map((edge) => ({ at: edge, message: `'${edge.from}' directs '${agent.id}'` })),
        suggestion: `Give '${agent.id}' one coordinator; let the others ask that coordinator, or split '${agent.id}' by the work each one needs.`,
      });
    }
  },
});
