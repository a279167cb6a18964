import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'coordination-ratio',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a system where coordinators and infrastructure outnumber the agents doing the work.',
    seed: {
      section: 'Decomposition Failures',
      why: 'Over-decomposition shows as a coordination ratio above 40%: so much of the system coordinates that little is left to do the work, and a few capable agents would do better.',
    },
    options: z.strictObject({
      // seed: Decomposition Failures — coordination ratio > 40%
      max: z.number().min(0).max(1).default(0.4).describe('Largest share of orchestrators, leads and infrastructure agents.'),
      minAgents: z.number().int().min(1).default(5).describe('Agent count from which the check applies.'),
    }),
    messages: {
      overDecomposed: "System '{{system}}' has {{coordinators}} coordinating agents out of {{agents}} ({{percent}}%); the limit is {{maxPercent}}%.",
    },
  },
  check({ system, metrics, options, report }) {
    if (metrics.agents < options.minAgents || metrics.coordinationRatio <= options.max) return;
    // Plain code that sequences agents (a script, a workflow, a crew process, a flow) is how the
    // framework runs them, not a layer of decomposition the team chose: it does not count here.
    const sequencers = system.agents.filter((agent) => agent.deterministic === true).length;
    const coordinators = Math.round(metrics.coordinationRatio * metrics.agents) - sequencers;
    const share = coordinators / metrics.agents;
    if (share <= options.max) return;
    report({
      messageId: 'overDecomposed',
      at: system,
      data: {
        system: system.name,
        coordinators,
        agents: metrics.agents,
        percent: Math.round(share * 100),
        sequencers,
        maxPercent: Math.round(options.max * 100),
      },
      suggestion: 'Consolidate: merge leads that direct one or two agents and fold infrastructure roles together, or give the workers more of the task.',
    });
  },
});
