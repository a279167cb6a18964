import rule from '../../rules/no-bypass-channel.js';
import { RULES } from '../../rules/index.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { dedent } from '../helpers/dedent.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** A coordinator (line 6) over four adjusters whose escalations are given one by one. */
function claims(escalations: string[], extraAgents: string[] = []): string {
  const adjusters = escalations.map((target, index) => `  adjuster-${index}: {reportsTo: coordinator${target ? `, escalatesTo: [${target}]` : ''}}`);
  return dedent(
    ['version: 1', 'name: claims', 'humans:', '  manager: {}', 'agents:', '  coordinator: {role: orchestrator, escalatesTo: [manager]}', ...adjusters, ...extraAgents].join('\n'),
  );
}

const HAS_MANAGER = { escalationTargets: 1, why: "the system has 1 human(s), verifier(s) or auditor(s) to escalate to: 'manager'" };

/** A batch crew: a coordinator over `count` workers, nobody to escalate to. */
function batch(count: number): string {
  const workers = Array.from({ length: count }, (_, index) => `  worker-${index}: {reportsTo: lead}`);
  return ['version: 1', 'name: batch', 'agents:', '  lead: {role: orchestrator}', ...workers, ''].join('\n');
}

testRule(rule, {
  valid: [
    { name: 'is silent when every subordinate can reach a human directly', manifest: claims(['manager', 'manager', 'manager', 'manager']) },
    {
      // A checker only the lead consults, and that hands nothing on, is the lead's instrument: nobody to escalate to.
      name: 'is silent when the only checker is one coordinator\'s private helper',
      manifest: `${batch(3)}  output-checker: {role: verifier, reportsTo: lead}\n`,
    },
    {
      name: 'is silent when subordinates escalate to an auditor',
      manifest: claims(['qa', 'qa', 'qa', 'qa'], ['  qa: {role: auditor, escalatesTo: [manager]}']),
    },
    {
      name: 'accepts a bypass that runs through a peer',
      manifest: claims(['adjuster-1', 'manager', 'manager', 'manager']),
    },
    {
      name: 'is silent below 4 agents',
      manifest: dedent(`
        version: 1
        name: small
        agents:
          boss: {}
          a: {reportsTo: boss}
          b: {reportsTo: boss}
      `),
    },
    { name: 'uses the minAgents option', options: { minAgents: 10 }, manifest: claims(['coordinator', 'coordinator', '', '']) },
    { name: 'is silent with no hierarchy', manifest: 'version: 1\nname: flat\nagents:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
    { name: 'is silent for a one-level batch system under 10 agents with nobody to escalate to', manifest: batch(8) },
    {
      name: 'does not count a human who only approves the calls of one tool as someone to escalate to',
      fixture: 'no-bypass-channel-tool-approval-is-no-channel',
    },
    {
      name: 'counts a critic found by its name as someone to escalate to, and as no subordinate in need of a bypass',
      manifest: claims(['critic', 'critic', 'critic', 'critic'], ['  critic: {reportsTo: coordinator}']),
    },
    {
      // An agent that answers to nobody and calls one worker as its tool is one unit with it.
      name: 'is silent on an agent that answers to nobody and directs a single worker',
      manifest: claims(['manager', 'manager', 'manager', 'manager'], ['  writer-bot: {}', '  formatter: {reportsTo: writer-bot}']),
    },
    {
      name: 'accepts a shared thread (a peer link) with a verifier as a bypass',
      manifest: claims(['', '', '', ''], ['  verifier-bot: {role: verifier, peers: [adjuster-0, adjuster-1, adjuster-2, adjuster-3]}']),
    },
  ],
  invalid: [
    {
      name: 'reports a coordinator whose subordinates escalate only to it',
      manifest: claims(['coordinator', 'coordinator', 'coordinator', 'coordinator']),
      findings: [
        {
          messageId: 'noBypass',
          line: 6,
          column: 3,
          data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER },
          related: [0, 1, 2, 3].map((index) => ({
            line: 7 + index,
            column: 3,
            message: `'adjuster-${index}' has no escalation that avoids 'coordinator'`,
          })),
          message: "4 of the 4 agents directed by 'coordinator' can escalate only through it.",
        },
      ],
    },
    {
      name: 'counts only the subordinates without a bypass',
      manifest: claims(['manager', '', 'coordinator', 'manager']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 2, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'does not accept a path to a human that runs through the coordinator',
      manifest: claims(['coordinator', 'manager', 'manager', 'manager']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 1, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      // A lead between a coordinator and its one worker is a level of the hierarchy.
      name: 'reports a lead with one worker when the lead itself answers to a coordinator',
      manifest: claims(['manager', 'manager', 'manager', 'manager'], ['  team-lead: {reportsTo: coordinator}', '  formatter: {reportsTo: team-lead}']),
      findings: [
        { messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 1, subordinates: 5, escalationTargets: 1, why: '7 agents at depth 2: escalation crosses levels' } },
        { messageId: 'noBypass', line: 11, column: 3, data: { agent: 'team-lead', count: 1, subordinates: 1, escalationTargets: 1, why: '7 agents at depth 2: escalation crosses levels' } },
      ],
    },
    {
      name: 'reports a batch system from 10 agents, where escalation crosses levels',
      manifest: batch(9),
      findings: [
        {
          messageId: 'noBypass',
          line: 4,
          column: 3,
          data: { agent: 'lead', count: 9, subordinates: 9, escalationTargets: 0, why: '10 agents at depth 1: escalation crosses levels' },
        },
      ],
    },
    {
      name: 'reports a small batch system with nobody to escalate to when asked (the strict preset)',
      manifest: batch(4),
      options: { withoutEscalationTarget: true },
      findings: [
        {
          messageId: 'noBypass',
          line: 4,
          column: 3,
          data: { agent: 'lead', count: 4, subordinates: 4, escalationTargets: 0, why: 'the system has 0 human(s), verifier(s) or auditor(s) to escalate to: ' },
        },
      ],
    },
  ],
});

describe('no-bypass-channel suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(claims(['coordinator', 'coordinator', 'coordinator', 'coordinator']), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Give the agents under 'coordinator' an escalatesTo a human, verifier or auditor that does not go through 'coordinator'.");
  });
});

describe('no-bypass-channel under the strict preset', () => {
  const optionsUnder = (raw: unknown) =>
    resolveConfig({ raw, locate: () => undefined }, RULES).rules.find((active) => active.rule.meta.id === 'no-bypass-channel')?.options;

  it('checks small systems with nobody to escalate to only under strict', () => {
    expect(optionsUnder({})?.withoutEscalationTarget).toBe(false);
    expect(optionsUnder({ extends: 'strict' })?.withoutEscalationTarget).toBe(true);
  });

  it('lets a user option win over the preset', () => {
    expect(optionsUnder({ extends: 'strict', rules: { 'no-bypass-channel': ['warning', { withoutEscalationTarget: false }] } })?.withoutEscalationTarget).toBe(false);
  });
});

describe('no-bypass-channel and coordinators that judge nothing', () => {
  it('never reports a LangGraph subgraph mounted as a node, which runs the subgraph and passes its output on', () => {
    const team = (name: string) => `
      export const ${name} = new StateGraph(MessagesAnnotation)
        .addNode('${name}_planner', answer)
        .addNode('${name}_writer', answer)
        .addNode('${name}_checker', answer)
        .addEdge(START, '${name}_planner')
        .addEdge('${name}_planner', '${name}_writer')
        .addEdge('${name}_writer', '${name}_checker')
        .addEdge('${name}_checker', END)
        .compile();
    `;
    const code = `
      import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
      import { ChatOpenAI } from '@langchain/openai';
      const llm = new ChatOpenAI({ model: 'gpt-4o' });
      const answer = async (state: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(state.messages)] });
      ${team('research')}
      ${team('report')}
      export const graph = new StateGraph(MessagesAnnotation)
        .addNode('research', research)
        .addNode('report', report)
        .addEdge(START, 'research')
        .addEdge('research', 'report')
        .addEdge('report', END)
        .compile();
    `;
    const result = lintManifest(code, onlyRule(rule), 'src/graph.ts');
    expect(result.systems.map((system) => system.model.agents.filter((agent) => agent.deterministic === true).map((agent) => agent.id))).toEqual([['research', 'report']]);
    expect(result.findings).toEqual([]);
  });
});
