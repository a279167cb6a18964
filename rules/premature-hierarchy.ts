import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { computeDepth } from '../src/metrics/depth.js';

export default defineRule({
  meta: {
    id: 'premature-hierarchy',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a hierarchy deeper than the system\'s size calls for.',
    seed: {
      section: 'Small Scale (3-10 Agents)',
      why: 'A few agents are best run flat by one orchestrator; extra levels add latency and intent drift without taking any load off anyone.',
    },
    options: z.strictObject({
      // seed: Small Scale — hierarchical infrastructure for 5 agents is overhead without benefit
      smallMax: z.number().int().min(1).default(5).describe('Largest agent count that should run flat (depth at most 1).'),
      slack: z.number().int().min(0).default(1).describe('Levels allowed beyond the required depth before the hierarchy counts as too deep.'),
    }),
    messages: {
      hierarchyTooSmall: "System '{{system}}' has {{agents}} agents in {{depth}} levels; up to {{smallMax}} agents one level is enough.",
      hierarchyTooDeep: "System '{{system}}' is {{depth}} levels deep; {{agents}} agents need {{requiredDepth}}.",
    },
  },
  check({ system, graph, metrics, options, report }) {
    // Levels of plain code (a flow running a crew process, a workflow) are how the framework runs
    // agents, not management the team built: only levels whose coordinator judges count here.
    const depth = computeDepth(graph, (edge) => graph.agent(edge.from)?.deterministic !== true);
    const data = { system: system.name, agents: metrics.agents, depth, requiredDepth: metrics.requiredDepth };
    if (metrics.agents >= 1 && metrics.agents <= options.smallMax && depth >= 2) {
      report({
        messageId: 'hierarchyTooSmall',
        at: system,
        data: { ...data, smallMax: options.smallMax },
        suggestion: 'Remove the intermediate leads and let one orchestrator direct every agent.',
      });
      return;
    }
    if (depth > metrics.requiredDepth + options.slack) {
      report({
        messageId: 'hierarchyTooDeep',
        at: system,
        data: { ...data, slack: options.slack },
        suggestion: `Flatten the hierarchy to ${metrics.requiredDepth} level${metrics.requiredDepth === 1 ? '' : 's'}: merge leads that direct only one or two agents.`,
      });
    }
  },
});
