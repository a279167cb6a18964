import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { reaches } from '../src/graph/reach.js';
import { OVERSIGHT_ROLES } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'no-bypass-channel',
    category: 'oversight',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a coordinator whose subordinates can raise a concern only through it.',
    seed: {
      section: 'Perspective 2: Hierarchical Communication Challenges (Surgical Teams)',
      why: 'A hierarchy filters what reaches the top; when the only way to raise a concern runs through one\'s own coordinator, known problems stall there. Independent channels to a human, verifier or auditor are part of the architecture.',
    },
    options: z.strictObject({
      minAgents: z.number().int().min(2).default(4).describe('Agent count from which the check applies.'),
    }),
    messages: {
      noBypass: "{{count}} of the {{subordinates}} agents directed by '{{agent}}' can escalate only through it.",
    },
  },
  check({ graph, metrics, options, report }) {
    if (metrics.agents < options.minAgents || metrics.depth < 1) return;
    for (const { agent, subordinates } of metrics.spans) {
      // A bypass: an escalation path to a human, verifier or auditor that avoids the coordinator.
      const independent = (id: string): boolean => graph.isHuman(id) || OVERSIGHT_ROLES.has(graph.agent(id)?.role ?? 'worker');
      const blocked = subordinates.filter((subordinate) => !reaches(graph, subordinate.id, ['escalation'], independent, agent.id));
      if (blocked.length === 0) continue;
      report({
        messageId: 'noBypass',
        at: agent,
        data: { agent: agent.id, count: blocked.length, subordinates: subordinates.length },
        related: blocked.map((subordinate) => ({ at: subordinate, message: `'${subordinate.id}' has no escalation that avoids '${agent.id}'` })),
        suggestion: `Give the agents under '${agent.id}' an escalatesTo a human, verifier or auditor that does not go through '${agent.id}'.`,
      });
    }
  },
});
