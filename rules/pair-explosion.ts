import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'pair-explosion',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a system whose agents talk to so many others that the pair count has outgrown a mesh.',
    seed: {
      section: 'Perspective 3: Network Optimization (Logistics/Supply Chain)',
      why: 'Communication pairs grow as N(N−1)/2; a mesh works for about ten agents (45 pairs) and beyond that every agent spends its effort keeping up with the others.',
    },
    options: z.strictObject({
      // seed: Problem Statement — at 10 agents, 45 potential pairs
      maxPairs: z.number().int().min(1).default(45).describe('Most communicating pairs before the check applies.'),
      maxPartners: z.number().min(1).default(6).describe('Most partners an average agent may talk to (2 × pairs / N).'),
    }),
    messages: {
      tooManyPairs: "System '{{system}}' has {{pairs}} communicating pairs and {{partners}} partners per agent on average; the limits are {{maxPairs}} pairs and {{maxPartners}} partners.",
    },
  },
  check({ system, metrics, options, report }) {
    if (metrics.agents === 0) return;
    const partners = (2 * metrics.pairs) / metrics.agents;
    if (metrics.pairs <= options.maxPairs || partners <= options.maxPartners) return;
    report({
      messageId: 'tooManyPairs',
      at: system,
      data: {
        system: system.name,
        pairs: metrics.pairs,
        potentialPairs: metrics.potentialPairs,
        partners: Math.round(partners * 100) / 100,
        maxPairs: options.maxPairs,
        maxPartners: options.maxPartners,
      },
      suggestion: 'Route coordination through a hub or leads (O(N) or O(N log N) pairs) instead of letting every agent talk to every other.',
    });
  },
});
