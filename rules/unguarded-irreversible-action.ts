import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { reachableAgents } from '../src/graph/reach.js';
import { ACTING_VERBS, READING_VERBS, approvalAdvice, irreversibleBecause, type Agent, type Tool } from '../src/model/index.js';

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
        .default([...ACTING_VERBS])
        .describe('Verbs that act for good when they lead a tool name (send_email, deployProd) or stand in it after a noun (gmail_send).'),
      readWords: z
        .array(z.string().min(1))
        .default([...READING_VERBS])
        .describe('Verbs that only read or prepare: a tool name led by one never counts (get_refund_policy, draft_email).'),
    }),
    messages: {
      unguardedTools: "'{{agent}}' can run {{tools}} without approval; {{count}} irreversible tool(s) unguarded.",
      approvalKeyNotRead: "'{{agent}}' can run {{tools}} without approval; {{count}} irreversible tool(s) unguarded: {{ignoredApproval}}.",
      preApprovedForAgents: '{{tools}} is pre-approved for {{count}} agents that can run it without approval: {{agents}}.',
    },
  },
  check({ system, graph, options, report }) {
    const acting = new Set(options.words.map((word) => word.toLowerCase()));
    const reading = new Set(options.readWords.map((word) => word.toLowerCase()).filter((word) => !acting.has(word)));
    const approved = (id: string): boolean => graph.outgoing(id, ['approval']).some((edge) => edge.to !== id && edge.tool === undefined);
    /** Where each workflow node that sends an agent's output on stands, by the agents it is after. */
    const downstreamOf = new Map<string, string[]>();
    for (const agent of system.agents) {
      for (const tool of agent.tools) {
        // Only a copy that is itself reported (the node's detail is judged per agent: a text fixed before one agent is another's output).
        if (tool.kind !== 'downstream' || tool.needsApproval || !tool.location || approved(agent.id) || irreversibleBecause(tool, acting, reading) === undefined) continue;
        const key = `${tool.name}\u0000${tool.location.file}\u0000${tool.location.line}`;
        downstreamOf.set(key, [...(downstreamOf.get(key) ?? []), agent.id]);
      }
    }
    /** The agents each agent's output reaches, found once per agent asked about. */
    const reached = new Map<string, Set<string>>();
    const reachedFrom = (id: string): Set<string> => {
      if (!reached.has(id)) reached.set(id, new Set(reachableAgents(graph, [id], ['data', 'handoff'])));
      return reached.get(id) as Set<string>;
    };
    /**
     * A permission a settings file grants every subagent (Claude Code's `permissions.allow`) is one
     * problem however many agents it reaches: agents that hold the same granted tool, by the rule's place.
     */
    const grantKey = (tool: Tool): string | undefined =>
      tool.location && tool.detail?.includes('pre-approved in ') ? `${tool.name}\u0000${tool.location.file}\u0000${tool.location.line}\u0000${tool.location.column}` : undefined;
    const grants = new Map<string, { tool: Tool; because: string; agents: Agent[] }>();
    for (const agent of system.agents) {
      if (approved(agent.id)) continue;
      for (const tool of agent.tools) {
        const key = grantKey(tool);
        const because = key === undefined || tool.needsApproval ? undefined : irreversibleBecause(tool, acting, reading);
        if (key === undefined || because === undefined) continue;
        const grant = grants.get(key) ?? { tool, because, agents: [] };
        grant.agents.push(agent);
        grants.set(key, grant);
      }
    }
    const shared = (tool: Tool): boolean => (grants.get(grantKey(tool) ?? '')?.agents.length ?? 0) > 1;
    for (const { tool, because, agents } of grants.values()) {
      if (agents.length < 2 || !tool.location) continue;
      const names = agents.map((agent) => `'${agent.id}'`).join(', ');
      report({
        messageId: 'preApprovedForAgents',
        at: tool.location,
        data: { tools: `'${tool.name}'`, count: agents.length, agents: names, why: `'${tool.name}': ${because}` },
        related: agents.map((agent) => ({ at: agent, message: `'${agent.id}' can run '${tool.name}'` })),
        suggestion: tool.detail?.includes(': defaultMode ')
          ? `Drop this default mode (or set it to 'default'), so that ${names} ask before '${tool.name}' acts; allow only the commands that read or build.`
          : `Narrow this allow rule to commands that only read or build, or ask for '${tool.name}' instead, so that ${names} ask before it acts.`,
      });
    }
    for (const agent of system.agents) {
      // An approval of one tool's calls guards that tool only (it has needsApproval); not the agent's other tools.
      if (approved(agent.id)) continue;
      let later: Set<string> | undefined;
      const unguarded = agent.tools.flatMap((tool) => {
        // A grant several agents share is reported once, at the grant.
        if (tool.needsApproval || shared(tool)) return [];
        // One node after a chain of agents is reported once, on the last agent before it that
        // acts unguarded: a later agent's output reaches it too.
        if (tool.kind === 'downstream' && tool.location) {
          const after = downstreamOf.get(`${tool.name}\u0000${tool.location.file}\u0000${tool.location.line}`) ?? [];
          if (after.length > 1) {
            later ??= new Set([...reachedFrom(agent.id)].filter((id) => id !== agent.id));
            // Not round a loop: two agents that feed each other are each the other's later agent.
            const last = after.some((id) => id !== agent.id && later?.has(id) && !reachedFrom(id).has(agent.id));
            if (last) return [];
          }
        }
        const because = irreversibleBecause(tool, acting, reading);
        return because === undefined ? [] : [{ tool, because }];
      });
      if (unguarded.length === 0) continue;
      const names = unguarded.map(({ tool }) => `'${tool.name}'`).join(', ');
      // A tool that asks for approval under a key its framework does not read is unguarded all the same.
      const ignored = unguarded.filter(({ tool }) => tool.ignoredApproval !== undefined);
      const rename = ignored.map(({ tool }) => `'${tool.name}' declares ${tool.ignoredApproval}, which its framework does not read`).join('; ');
      report({
        messageId: ignored.length > 0 ? 'approvalKeyNotRead' : 'unguardedTools',
        at: agent,
        data: {
          agent: agent.id,
          tools: names,
          count: unguarded.length,
          why: unguarded.map(({ tool, because }) => `'${tool.name}': ${because}`).join('; '),
          approvalLookedFor: `needsApproval on each tool, or an approval edge from '${agent.id}' to a human or another agent`,
          ...(ignored.length > 0 && { ignoredApproval: rename }),
        },
        related: unguarded.flatMap(({ tool, because }) =>
          tool.location
            ? [{ at: tool.location, message: `'${tool.name}' cannot be undone (${because})${tool.ignoredApproval !== undefined ? `; its ${tool.ignoredApproval.split(' ')[0]} is not read` : ''}` }]
            : [],
        ),
        suggestion:
          ignored.length > 0
            ? `Ask for approval under the key the framework reads (needsApproval for @openai/agents) on ${ignored.map(({ tool }) => `'${tool.name}'`).join(', ')}, and pause '${agent.id}' before ${names}.`
            : `Pause '${agent.id}' before ${names}: ${approvalAdvice(system.framework)}, or an approval with mode irreversible-only.`,
      });
    }
  },
});
