import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { FEDERATION_MIN_AGENTS, MEDIUM_MIN_AGENTS } from '../src/metrics/thresholds.js';

export default defineRule({
  meta: {
    id: 'regime-mismatch',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a system whose structure belongs to a smaller scale regime than its agent count.',
    seed: {
      section: 'Scaling Failures',
      why: 'Scale comes in regimes: a flat or hub structure that works for a handful of agents saturates its coordinator past about ten, and past a hundred agents one hierarchy must become federated domains.',
    },
    options: z.strictObject({
      // seed: Medium Scale — the flat orchestration ceiling
      minAgents: z.number().int().min(2).default(MEDIUM_MIN_AGENTS).describe('Agent count from which depth must reach the required depth.'),
      // seed: Large Scale, Required Changes — federation
      federationAt: z.number().int().min(2).default(FEDERATION_MIN_AGENTS).describe('Agent count from which the system needs two or more domains.'),
    }),
    messages: {
      tooShallow: "System '{{system}}' has {{agents}} agents at depth {{depth}}; its regime ({{regime}}) needs depth {{requiredDepth}}.",
      needsFederation: "System '{{system}}' has {{agents}} agents and {{domains}} domain boundaries; from {{federationAt}} agents it needs federated domains.",
    },
  },
  check({ system, metrics, options, report }) {
    const base = { system: system.name, agents: metrics.agents, regime: metrics.regime };
    if (metrics.agents >= options.minAgents && metrics.depth < metrics.requiredDepth) {
      const missing = metrics.requiredDepth - metrics.depth;
      report({
        messageId: 'tooShallow',
        at: system,
        data: { ...base, depth: metrics.depth, requiredDepth: metrics.requiredDepth, topology: metrics.topology },
        suggestion: `Add ${missing} level${missing === 1 ? '' : 's'} of leads, each directing 5–8 agents, so that no coordinator tracks the whole system.`,
      });
    }
    if (metrics.agents >= options.federationAt && system.domains.length < 2) {
      report({
        messageId: 'needsFederation',
        at: system,
        data: { ...base, domains: system.domains.length, federationAt: options.federationAt },
        suggestion: 'Split the system into domains (give agents a `domain`), each with its own coordinator and its own integration.',
      });
    }
  },
});
