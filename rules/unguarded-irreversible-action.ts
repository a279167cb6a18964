import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { Tool } from '../src/model/index.js';

/** Verbs whose actions cannot be taken back. */
const IRREVERSIBLE_WORDS = [
  'delete', 'drop', 'destroy', 'deploy', 'send', 'pay', 'transfer', 'refund', 'publish', 'merge',
  'wire', 'purge', 'remove', 'truncate', 'charge', 'cancel', 'terminate', 'revoke', 'release', 'email', 'post',
];

export default defineRule({
  meta: {
    id: 'unguarded-irreversible-action',
    category: 'oversight',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports an agent that can take an irreversible action with nothing pausing it for approval.',
    seed: {
      section: 'Perspective 2: Hierarchical Communication Challenges (Surgical Teams)',
      why: 'Autonomy should follow the stakes: an action that cannot be undone (a payment, a deletion, a deploy) is exactly where a checkpoint belongs, even in a system that otherwise runs on its own.',
    },
    options: z.strictObject({
      words: z
        .array(z.string().min(1))
        .default(IRREVERSIBLE_WORDS)
        .describe('Words that mark a tool as irreversible when they appear in its name (delete_user, sendEmail, deploy-prod).'),
    }),
    messages: {
      unguardedTools: "'{{agent}}' can run {{tools}} without approval; {{count}} irreversible tool(s) unguarded.",
    },
  },
  check({ system, graph, options, report }) {
    const words = new Set(options.words.map((word) => word.toLowerCase()));
    for (const agent of system.agents) {
      const approved = graph.outgoing(agent.id, ['approval']).some((edge) => edge.to !== agent.id);
      if (approved) continue;
      const unguarded = agent.tools.filter((tool) => !tool.needsApproval && isIrreversible(tool, words));
      if (unguarded.length === 0) continue;
      report({
        messageId: 'unguardedTools',
        at: agent,
        data: { agent: agent.id, tools: unguarded.map((tool) => `'${tool.name}'`).join(', '), count: unguarded.length },
        related: unguarded.flatMap((tool) => (tool.location ? [{ at: tool.location, message: `'${tool.name}' cannot be undone` }] : [])),
        suggestion: `Pause '${agent.id}' before ${unguarded.map((tool) => `'${tool.name}'`).join(', ')}: set needsApproval on the tool, or an approval with mode irreversible-only.`,
      });
    }
  },
});

/** Declared irreversible, or a word of the list stands in the tool's name. */
function isIrreversible(tool: Tool, words: ReadonlySet<string>): boolean {
  if (tool.irreversible) return true;
  return nameWords(tool.name).some((word) => words.has(word));
}

/** `sendEmail`, `send_email`, `send-email`, `mcp__mail__send` → ['send', 'email']. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
