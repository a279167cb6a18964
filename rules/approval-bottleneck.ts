import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Edge } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'approval-bottleneck',
    category: 'oversight',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports an approver that must sign off every action of many agents.',
    seed: {
      section: 'Anti-Pattern 7: "Approval Ensures Quality"',
      why: 'When one approver reviews each action of many agents it becomes the throughput limit: queues grow and agents wait instead of working.',
    },
    options: z.strictObject({
      max: z.number().int().min(1).default(5).describe('Number of gated agents from which one per-action approver is reported.'),
    }),
    messages: {
      approverOverloaded: "'{{approver}}' approves every action of {{gated}} agents; one per-action approver may gate at most {{limit}}.",
    },
  },
  check({ system, graph, options, report }) {
    const approvers = [...system.agents, ...system.humans];
    for (const approver of approvers) {
      const perAction = graph
        .incoming(approver.id, ['approval'])
        .filter((edge) => (edge.approvalMode ?? 'every-action') === 'every-action' && edge.from !== approver.id);
      const gated = new Map<string, Edge>();
      for (const edge of perAction) if (!gated.has(edge.from)) gated.set(edge.from, edge);
      if (gated.size < options.max) continue;
      report({
        messageId: 'approverOverloaded',
        at: approver,
        data: { approver: approver.id, gated: gated.size, max: options.max, limit: options.max - 1 },
        related: [...gated.values()].map((edge) => ({ at: edge, message: `'${edge.from}' waits for '${approver.id}' on every action` })),
        suggestion: `Let '${approver.id}' approve in batches, by confidence, or only irreversible actions (approval.mode), or split approval across domain leads.`,
      });
    }
  },
});
