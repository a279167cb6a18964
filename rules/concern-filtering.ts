import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { reaches } from '../src/graph/reach.js';

export default defineRule({
  meta: {
    id: 'concern-filtering',
    category: 'oversight',
    severity: 'warning',
    preset: 'strict',
    description: 'Reports escalations filtered by confidence with no route that still takes high-impact concerns to a human.',
    seed: {
      section: 'Hierarchy Failures',
      why: 'Aggressive filtering loses the signals that matter: a concern the agent is unsure of but that would be costly if true is exactly what a confidence threshold drops. Exceptions must be preserved.',
    },
    options: z.strictObject({}),
    messages: {
      dropsHighImpact: "'{{agent}}' drops concerns below confidence {{minConfidence}} with no exception for high-impact ones.",
      noHumanRoute: "'{{agent}}' keeps high-impact concerns below confidence {{minConfidence}}, but no escalation reaches a human.",
    },
  },
  check({ system, graph, report }) {
    for (const agent of system.agents) {
      const threshold = agent.escalation?.minConfidence;
      if (threshold === undefined || threshold <= 0) continue;
      const data = { agent: agent.id, minConfidence: threshold };
      if (agent.escalation?.highImpactToHuman !== true) {
        report({
          messageId: 'dropsHighImpact',
          at: agent,
          data,
          suggestion: `Set escalation.highImpactToHuman: true on '${agent.id}' and give it an escalation that reaches a human.`,
        });
      } else if (!reaches(graph, agent.id, ['escalation'], (id) => graph.isHuman(id))) {
        report({
          messageId: 'noHumanRoute',
          at: agent,
          data,
          suggestion: `Add a human to the escalatesTo of '${agent.id}' (or of an agent it escalates to).`,
        });
      }
    }
  },
});
