import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { MEDIUM_MIN_AGENTS } from '../src/metrics/thresholds.js';

export default defineRule({
  meta: {
    id: 'visibility-at-scale',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a node that receives continuous status from most agents of a medium or large system.',
    seed: {
      section: 'Anti-Pattern 4: "Comprehensive Visibility Enables Better Decisions"',
      why: 'Attention is finite: past about ten agents, continuous status from everyone fills the receiver\'s context with updates and buries the signals that matter. Report exceptions instead.',
    },
    options: z.strictObject({
      // seed: Medium Scale, The visibility transition
      minAgents: z.number().int().min(2).default(MEDIUM_MIN_AGENTS).describe('Agent count from which the check applies.'),
      share: z.number().min(0).max(1).default(0.8).describe('Share of agents sending continuous status to one node that is reported.'),
    }),
    messages: {
      continuousStatus: "{{count}} of {{agents}} agents send continuous status to '{{target}}'.",
    },
  },
  check({ system, graph, metrics, options, report }) {
    if (metrics.agents < options.minAgents) return;
    const senders = new Map<string, string[]>();
    for (const agent of system.agents) {
      if (agent.visibility !== 'continuous') continue;
      const targets = new Set<string>([
        ...graph.incoming(agent.id, ['delegate']).map((edge) => edge.from),
        ...graph.outgoing(agent.id, ['report']).map((edge) => edge.to),
      ]);
      targets.delete(agent.id);
      for (const target of targets) senders.set(target, [...(senders.get(target) ?? []), agent.id]);
    }
    for (const [target, from] of senders) {
      if (from.length < options.share * metrics.agents) continue;
      const node = graph.node(target);
      if (!node) continue;
      report({
        messageId: 'continuousStatus',
        at: node.kind === 'agent' ? node.agent : node.human,
        data: { target, count: from.length, agents: metrics.agents, share: options.share },
        suggestion: `Switch the agents reporting to '${target}' to visibility: exceptions, and sync at declared points (syncPoints) instead.`,
      });
    }
  },
});
