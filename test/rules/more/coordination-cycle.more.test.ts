import { describe, expect, it } from 'vitest';
import rule from '../../../rules/coordination-cycle.js';
import { dedent } from '../../helpers/dedent.js';
import { lintSources } from '../../../src/lint.js';
import { lintManifest, onlyRule } from '../../helpers/run.js';
import { testRule } from '../../helpers/test-rule.js';

const BOUND = 'a loops entry naming these agents, or a run-wide limit (recursion limit, max turns, termination condition)';
const WRITER_CRITIC = "'writer' → 'critic' (handoff, coordlint.yaml:6); 'critic' → 'writer' (handoff, coordlint.yaml:7)";

/** writer and critic hand work back and forth; writer can also hand it to the editor (an exit). */
const approvedLoop = (approval: string): string =>
  dedent(`
    version: 1
    name: drafting
    humans:
      editor: {}
    agents:
      writer: {handoffs: [critic, editor]}
      critic: {handoffs: [writer], approval: ${approval}}
      chief: {}
  `);

/** Three agents that pass work round a ring: a → b → c → a. */
const ring = (exit = ''): string =>
  dedent(`
    version: 1
    name: ring
    agents:
      a: {handoffs: [b${exit}]}
      b: {handoffs: [c]}
      c: {handoffs: [a]}
      out: {}
  `);

const RING = "'a' → 'b' (handoff, coordlint.yaml:4); 'b' → 'c' (handoff, coordlint.yaml:5); 'c' → 'a' (handoff, coordlint.yaml:6)";

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: 'does not take an approval by another agent as a bound: only a human decides each round',
      manifest: approvedLoop('{by: chief, mode: every-action}'),
      findings: [{ messageId: 'cycleWithoutBound', line: 6, column: 3, data: { members: "'writer' and 'critic'", size: 2, exits: 1, cycle: WRITER_CRITIC, boundLookedFor: BOUND } }],
    },
    {
      name: 'does not take a human approval that only sees low-confidence calls as a bound',
      manifest: approvedLoop('{by: editor, mode: confidence}'),
      findings: [{ messageId: 'cycleWithoutBound', line: 6, column: 3, data: { members: "'writer' and 'critic'", size: 2, exits: 1, cycle: WRITER_CRITIC, boundLookedFor: BOUND } }],
    },
    {
      name: 'reports a cycle of three agents that nothing leaves, naming all three',
      manifest: ring(),
      findings: [
        {
          messageId: 'cycleWithoutExit',
          line: 4,
          column: 3,
          data: { members: "'a', 'b' and 'c'", size: 3, exits: 0, cycle: RING, boundLookedFor: BOUND },
          message: "'a', 'b' and 'c' hand work around in a cycle that nothing leaves.",
        },
      ],
    },
    {
      name: 'reports a cycle of three agents with an exit and no bound, naming all three',
      manifest: ring(', out'),
      findings: [
        {
          messageId: 'cycleWithoutBound',
          line: 4,
          column: 3,
          data: { members: "'a', 'b' and 'c'", size: 3, exits: 1, cycle: RING, boundLookedFor: BOUND },
          message: "'a', 'b' and 'c' form a cycle with no declared iteration bound.",
        },
      ],
    },
  ],
});

describe('coordination-cycle suggestions', () => {
  const suggestions = (text: string) => lintManifest(text, onlyRule(rule)).findings.map((finding) => finding.suggestion);

  it('tells how to leave a cycle that nothing leaves, naming its members', () => {
    expect(suggestions(ring())).toEqual([
      "Give one of 'a', 'b' and 'c' a handoff out of the cycle (to the next stage, or back to a human), and declare a bound under loops.",
    ]);
  });

  it('writes out the loops entry that would bound a cycle with an exit', () => {
    expect(suggestions(ring(', out'))).toEqual([
      "Declare the loop's bound: loops: [{agents: [a, b, c], maxIterations: 3}], or the framework's recursion limit / max turns.",
    ]);
  });
});

describe('coordination-cycle and approvals of one tool', () => {
  it("does not take a human's approval of one tool's calls as the cycle's bound", () => {
    const agents = dedent(`
      import { Agent } from '@mastra/core/agent';
      import { createTool } from '@mastra/core/tools';
      import { z } from 'zod';
      const publishPost = createTool({ id: 'publish_post', description: 'Publish.', inputSchema: z.object({ id: z.string() }), requireApproval: true, execute: async () => 'ok' });
      export const writer = new Agent({ name: 'writer', instructions: 'Write.', model: 'openai/gpt-4o', tools: { publishPost } });
    `);
    const overlay = dedent(`
      version: 1
      name: agents/writer
      overlay: true
      agents:
        writer: {handoffs: [critic, editor]}
        critic: {handoffs: [writer]}
        editor: {}
    `);
    const { findings } = lintSources([{ path: 'src/agents.ts', text: agents }, { path: 'coordlint.yaml', text: overlay }], onlyRule(rule));
    expect(findings.map((finding) => [finding.messageId, finding.location.file, finding.location.line, finding.data.members])).toEqual([
      ['cycleWithoutBound', 'src/agents.ts', 5, "'writer' and 'critic'"],
    ]);
  });
});
