import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { requiredDepth } from '../src/metrics/depth.js';
import { largestRun } from '../src/graph/reach.js';
import { FEDERATION_MIN_AGENTS, MEDIUM_MIN_AGENTS } from '../src/metrics/thresholds.js';
import { groupingAdvice, type SystemModel } from '../src/model/index.js';

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
      tooShallow: "System '{{system}}' has {{activeAgents}} agents working together at depth {{depth}}; at that size it needs depth {{requiredDepth}}.",
      needsFederation: "System '{{system}}' has {{agents}} agents and {{domains}} domain boundaries; from {{federationAt}} agents it needs federated domains.",
    },
  },
  check({ system, graph, metrics, options, report }) {
    const base = { system: system.name, agents: metrics.agents, regime: metrics.regime };
    // Exclusive alternatives behind a router (one branch runs per request) do not work together.
    const alternatives = exclusiveAlternatives(system);
    // Separate scripts or workflows that share agents never have all of them at work in one run.
    const activeAgents = Math.min(metrics.agents - alternatives, largestRun(graph));
    const needed = requiredDepth(activeAgents);
    if (activeAgents >= options.minAgents && metrics.depth < needed) {
      const missing = needed - metrics.depth;
      const advice = groupingAdvice(system.framework);
      report({
        messageId: 'tooShallow',
        at: system,
        data: { ...base, activeAgents, exclusiveAlternatives: alternatives, depth: metrics.depth, requiredDepth: needed, topology: metrics.topology },
        suggestion: advice.canNest
          ? `Add ${missing} level${missing === 1 ? '' : 's'} of leads, each directing 5–8 agents, so that no coordinator tracks the whole system${advice.how === '' ? '' : `: ${advice.how}`}.`
          : `No coordinator should track all ${activeAgents} agents, but ${advice.how}.`,
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

/**
 * How many agents are alternatives that never run beside each other: for every router (every
 * decision of it, where its edges say which), all but one of the agents it reaches by exclusive
 * edges (a conditional route picks one per request),
 * and for the user's own session all but one of the subagents it delegates to.
 */
function exclusiveAlternatives(system: SystemModel): number {
  const agents = new Set(system.agents.map((agent) => agent.id));
  // The user's own session picks the subagent a task needs from those on offer.
  const interactive = new Set(system.agents.filter((agent) => agent.interactive === true).map((agent) => agent.id));
  const targets = new Map<string, Set<string>>();
  for (const edge of system.edges) {
    const alternative = (edge.exclusive === true && !edge.parallel) || (interactive.has(edge.from) && edge.kind === 'delegate');
    if (!alternative || !agents.has(edge.to) || edge.from === edge.to) continue;
    // A source with several decisions (three called workflows, each picking one agent) has alternatives per decision.
    const decision = edge.exclusive === true && edge.choice !== undefined ? `${edge.from}\u0000${edge.choice}` : edge.from;
    targets.set(decision, (targets.get(decision) ?? new Set()).add(edge.to));
  }
  let alternatives = 0;
  for (const reached of targets.values()) alternatives += reached.size - 1;
  return Math.max(0, Math.min(alternatives, system.agents.length - 1));
}
