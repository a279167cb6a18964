import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { longestPath } from '../src/graph/paths.js';
import type { Edge } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'handoff-chain',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a long sequential chain of handoffs, where context is lost at every hop.',
    seed: {
      section: 'Integration Failures',
      why: 'Each handoff passes on a summary of what the previous agent knew; over a long chain the last agent works from a copy of a copy, and the result drifts from the intent.',
    },
    options: z.strictObject({
      max: z.number().int().min(1).default(3).describe('Most consecutive handoffs allowed in one chain.'),
    }),
    messages: {
      longChain: "A chain of {{length}} handoffs runs from '{{from}}' to '{{to}}'; the limit is {{max}}.",
    },
  },
  check({ graph, options, report }) {
    const path = longestPath(graph, (edge) => edge.kind === 'handoff');
    if (path.length <= options.max) return;
    const first = path[0] as Edge;
    const last = path[path.length - 1] as Edge;
    report({
      messageId: 'longChain',
      at: first,
      data: { length: path.length, from: first.from, to: last.to, max: options.max },
      related: path.map((edge, index) => ({ at: edge, message: `handoff ${index + 1}: '${edge.from}' → '${edge.to}'` })),
      suggestion: `Merge adjacent stages of the chain from '${first.from}' to '${last.to}', or pass a declared contract (contract:) with each handoff so context survives the hops.`,
    });
  },
});
