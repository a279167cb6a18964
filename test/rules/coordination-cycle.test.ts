import { describe, expect, it } from 'vitest';
import rule from '../../rules/coordination-cycle.js';
import { dedent } from '../helpers/dedent.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const loop = (extra = '', loops = ''): string =>
  dedent(`
    version: 1
    name: drafting
    humans:
      editor: {}
    agents:
      writer: {handoffs: [critic${extra}]}
      critic: {handoffs: [writer]}
  `) + loops;

const BOUND = 'a loops entry naming these agents, or a run-wide limit (recursion limit, max turns, termination condition)';
const WRITER_CRITIC = "'writer' → 'critic' (handoff, coordlint.yaml:6); 'critic' → 'writer' (handoff, coordlint.yaml:7)";

testRule(rule, {
  valid: [
    { name: 'is silent for a bounded cycle with an exit', manifest: loop(', editor', 'loops:\n  - {agents: [writer, critic], maxIterations: 3}\n') },
    { name: 'takes a bound that names the members in another order', manifest: loop(', editor', 'loops:\n  - {agents: [critic, writer], maxIterations: 3}\n') },
    { name: 'is silent for a chain without a cycle', manifest: 'version: 1\nname: line\nagents:\n  a: {handoffs: [b]}\n  b: {handoffs: [c]}\n  c: {}\n' },
    {
      name: 'does not count escalation or peer links as a cycle',
      manifest: 'version: 1\nname: side\nagents:\n  a: {escalatesTo: [b], peers: [b]}\n  b: {escalatesTo: [a]}\n',
    },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
    {
      name: 'takes a member that waits for a human on every action as the bound (the human decides each round)',
      manifest: loop(', editor').replace('critic: {handoffs: [writer]}', 'critic: {handoffs: [writer], approval: {by: editor, mode: every-action}}'),
    },
  ],
  invalid: [
    {
      name: 'reports a cycle that nothing leaves as an error',
      manifest: loop(),
      findings: [
        {
          messageId: 'cycleWithoutExit',
          line: 6,
          column: 3,
          data: { members: "'writer' and 'critic'", size: 2, exits: 0, cycle: WRITER_CRITIC, boundLookedFor: BOUND },
          related: [
            { line: 6, column: 23, message: "'writer' → 'critic' (handoff)" },
            { line: 7, column: 23, message: "'critic' → 'writer' (handoff)" },
          ],
          message: "'writer' and 'critic' hand work around in a cycle that nothing leaves.",
        },
      ],
    },
    {
      name: 'reports a cycle with an exit and no bound as a warning',
      manifest: loop(', editor'),
      findings: [{ messageId: 'cycleWithoutBound', line: 6, column: 3, data: { members: "'writer' and 'critic'", size: 2, exits: 1, cycle: WRITER_CRITIC, boundLookedFor: BOUND }, message: "'writer' and 'critic' form a cycle with no declared iteration bound." }],
    },
    {
      name: 'does not accept a bound declared for other agents',
      manifest: dedent(`
        version: 1
        name: two-loops
        agents:
          a: {handoffs: [b, out]}
          b: {handoffs: [a]}
          c: {handoffs: [d, out]}
          d: {handoffs: [c]}
          out: {}
        loops:
          - {agents: [a, b], maxIterations: 2}
      `),
      findings: [{ messageId: 'cycleWithoutBound', line: 6, column: 3, data: { members: "'c' and 'd'", size: 2, exits: 1, cycle: "'c' → 'd' (handoff, coordlint.yaml:6); 'd' → 'c' (handoff, coordlint.yaml:7)", boundLookedFor: BOUND } }],
    },
    {
      name: 'does not accept a bound that names only one of the two members',
      manifest: loop(', editor', 'loops:\n  - {agents: [writer], maxIterations: 3}\n'),
      findings: [{ messageId: 'cycleWithoutBound', line: 6, column: 3, data: { members: "'writer' and 'critic'", size: 2, exits: 1, cycle: WRITER_CRITIC, boundLookedFor: BOUND } }],
    },
    {
      name: 'does not accept a bound that also names an agent outside the cycle',
      manifest: dedent(`
        version: 1
        name: drafting
        agents:
          writer: {handoffs: [critic, publisher]}
          critic: {handoffs: [writer]}
          publisher: {}
        loops:
          - {agents: [writer, critic, publisher], maxIterations: 3}
      `),
      findings: [{ messageId: 'cycleWithoutBound', line: 4, column: 3, data: { members: "'writer' and 'critic'", size: 2, exits: 1, cycle: "'writer' → 'critic' (handoff, coordlint.yaml:4); 'critic' → 'writer' (handoff, coordlint.yaml:5)", boundLookedFor: BOUND } }],
    },
    {
      name: 'reports an agent that hands work to itself',
      manifest: 'version: 1\nname: self\nagents:\n  a: {handoffs: [a]}\n',
      findings: [{ messageId: 'cycleWithoutExit', line: 4, column: 3, data: { members: "'a'", size: 1, exits: 0, cycle: "'a' → 'a' (handoff, coordlint.yaml:4)", boundLookedFor: BOUND } }],
    },
  ],
});

describe('coordination-cycle severity', () => {
  it('makes an exit-less cycle an error and a bounded-less one a warning', () => {
    expect(lintManifest(loop(), onlyRule(rule)).findings.map((finding) => finding.severity)).toEqual(['error']);
    expect(lintManifest(loop(', editor'), onlyRule(rule)).findings.map((finding) => finding.severity)).toEqual(['warning']);
  });
});

describe('coordination-cycle and framework bounds', () => {
  const graph = (end: string) => `
    import { START, END, MessagesAnnotation, StateGraph } from '@langchain/langgraph';
    import { ChatOpenAI } from '@langchain/openai';
    const llm = new ChatOpenAI({ model: 'gpt-4o' });
    const step = async (state: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(state.messages)] });
    export const graph = new StateGraph(MessagesAnnotation)
      .addNode('drafter', step)
      .addNode('reviewer', step)
      .addEdge(START, 'drafter')
      .addEdge('drafter', 'reviewer')
      .addConditionalEdges('reviewer', (state) => (state.messages.length > 6 ? ${end} : 'drafter'), ['drafter', ${end}])
      .compile();
    export const run = (input: string) => graph.invoke({ messages: [input] }, { recursionLimit: 12 });
  `;
  const severities = (text: string) => lintManifest(text, onlyRule(rule), 'src/graph.ts').findings.map((finding) => [finding.messageId, finding.severity]);

  it('takes a recursion limit as a bound: a loop that can reach END is silent', () => {
    expect(severities(graph('END'))).toEqual([]);
  });

  it('takes LangGraph\'s default recursion limit as a bound when none is set', () => {
    expect(severities(graph('END').replace(', { recursionLimit: 12 }', ''))).toEqual([]);
  });

  it('does not take a recursion limit as a way out: a loop that never reaches END stays an error', () => {
    expect(severities(graph("'drafter'"))).toEqual([['cycleWithoutExit', 'error']]);
  });
});
