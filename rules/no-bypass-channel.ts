import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { largestRun, reaches } from '../src/graph/reach.js';
import { MEDIUM_MIN_AGENTS } from '../src/metrics/thresholds.js';
import { isOversightAgent } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'no-bypass-channel',
    category: 'oversight',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a coordinator whose subordinates can raise a concern only through it.',
    seed: {
      section: 'Perspective 2: Hierarchical Communication Challenges (Surgical Teams)',
      why: 'A hierarchy filters what reaches the top; when the only way to raise a concern runs through one\'s own coordinator, known problems stall there. Independent channels to a human, verifier or auditor are part of the architecture.',
    },
    options: z.strictObject({
      minAgents: z.number().int().min(2).default(4).describe('Agent count from which the check applies when the system has a human, verifier or auditor to escalate to.'),
      // seed: Medium Scale — from about ten agents escalation crosses levels
      alwaysFrom: z.number().int().min(2).default(MEDIUM_MIN_AGENTS).describe('Agent count from which the check applies even when the system declares nobody to escalate to.'),
      withoutEscalationTarget: z
        .boolean()
        .default(false)
        .describe('Also check smaller one-level systems that have nobody to escalate to (set by the strict preset).'),
    }),
    strictOptions: { withoutEscalationTarget: true },
    messages: {
      noBypass: "{{count}} of the {{subordinates}} agents directed by '{{agent}}' can escalate only through it.",
    },
  },
  check({ system, graph, metrics, options, report }) {
    if (metrics.depth < 1) return;
    // A bypass: an escalation path to a human, verifier or auditor that avoids the coordinator.
    const independent = (id: string): boolean => {
      if (graph.isHuman(id)) return true;
      const agent = graph.agent(id);
      return agent !== undefined && isOversightAgent(agent);
    };
    // A human who only approves the calls of named tools gates those actions; nobody raises a concern to them.
    const escalationHumans = system.humans.filter((human) =>
      system.edges.some((edge) => (edge.from === human.id || edge.to === human.id) && !(edge.kind === 'approval' && edge.tool !== undefined)),
    );
    // A checker only one agent consults (a guardrail around its input, a verifier it calls as a
    // tool) and that hands nothing on is that agent's own instrument: nobody else can raise a
    // concern with it.
    const privateHelper = (id: string): boolean => {
      const incoming = graph.incoming(id);
      return graph.outgoing(id).length === 0 && incoming.length > 0 && incoming.every((edge) => edge.kind === 'delegate' && edge.from === incoming[0]?.from);
    };
    // Sorted: the finding must not change with the order the agents are written in.
    const targetNames = [...escalationHumans.map((human) => human.id), ...system.agents.filter((agent) => isOversightAgent(agent) && !privateHelper(agent.id)).map((agent) => agent.id)].sort();
    const targets = targetNames.length;
    // Agents of separate scripts or workflows that share agents never work in one run.
    const working = largestRun(graph);
    const crossesLevels = working >= options.alwaysFrom || metrics.depth >= 2;
    const applies = crossesLevels || (metrics.agents >= options.minAgents && (targets > 0 || options.withoutEscalationTarget));
    if (!applies) return;
    for (const { agent, subordinates } of metrics.spans) {
      // The user's own session is watched by the user: a concern is seen there as it is raised.
      if (agent.interactive === true) continue;
      // Plain code or a workflow engine passes output on without judging it: nothing stalls there.
      if (agent.deterministic === true) continue;
      // An agent that answers to nobody and directs one agent that directs nobody uses it as a
      // tool: the two are one unit, with no level between them to bypass.
      const only = subordinates.length === 1 ? subordinates[0] : undefined;
      if (only && graph.incoming(agent.id, ['delegate']).length === 0 && !metrics.spans.some((span) => span.agent.id === only.id && span.subordinates.length > 0)) continue;
      // A selector that only picks who speaks next in a thread its agents share (an AutoGen
      // selector group chat) carries none of their messages: whoever reads the thread reads them.
      if (agent.role === 'router' && subordinates.length > 1 && subordinates.every((subordinate) => graph.outgoing(subordinate.id, ['peer']).some((edge) => subordinates.some((other) => other.id === edge.to)) || graph.incoming(subordinate.id, ['peer']).some((edge) => subordinates.some((other) => other.id === edge.from)))) continue;
      // A direct link to a human or verifier is a channel too: a shared thread (peer), or work
      // handed straight to them (handoff, data), which they read unfiltered.
      const hasDirectChannel = (id: string): boolean =>
        [...graph.outgoing(id, ['peer', 'handoff', 'data']).map((edge) => edge.to), ...graph.incoming(id, ['peer']).map((edge) => edge.from)].some(
          (other) => other !== agent.id && other !== id && independent(other),
        );
      const blocked = subordinates.filter(
        (subordinate) => !isOversightAgent(subordinate) && !hasDirectChannel(subordinate.id) && !reaches(graph, subordinate.id, ['escalation'], independent, agent.id),
      );
      if (blocked.length === 0) continue;
      report({
        messageId: 'noBypass',
        at: agent,
        data: {
          agent: agent.id,
          count: blocked.length,
          subordinates: subordinates.length,
          escalationTargets: targets,
          why: crossesLevels
            ? `${working} agents at depth ${metrics.depth}: escalation crosses levels`
            : `the system has ${targets} human(s), verifier(s) or auditor(s) to escalate to: ${targetNames.map((name) => `'${name}'`).join(', ')}`,
        },
        related: blocked.map((subordinate) => ({ at: subordinate, message: `'${subordinate.id}' has no escalation that avoids '${agent.id}'` })),
        suggestion: `Give the agents under '${agent.id}' an escalatesTo a human, verifier or auditor that does not go through '${agent.id}'.`,
      });
    }
  },
});
