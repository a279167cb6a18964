import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'missing-contract',
    category: 'flow',
    severity: 'warning',
    preset: 'strict',
    description: 'Reports a handoff or data edge between agents with no declared output schema.',
    seed: {
      section: 'Strict vs. Flexible Contracts',
      why: 'Past a handful of agents ambiguity can no longer be cleared up by asking; an explicit output contract on each handoff is what lets the receiver rely on what it gets.',
    },
    options: z.strictObject({}),
    messages: {
      noContract: "The {{kind}} from '{{from}}' to '{{to}}' declares no output schema.",
    },
  },
  check({ system, graph, report }) {
    for (const edge of system.edges) {
      if (edge.kind !== 'handoff' && edge.kind !== 'data') continue;
      if (edge.from === edge.to || !graph.agent(edge.from) || !graph.agent(edge.to)) continue;
      if (edge.contract !== undefined && edge.contract !== false) continue;
      report({
        messageId: 'noContract',
        at: edge,
        data: { kind: edge.kind, from: edge.from, to: edge.to },
        suggestion: `Declare the shape '${edge.from}' hands to '${edge.to}' (contract: a schema path, or the framework's output type).`,
      });
    }
  },
});
