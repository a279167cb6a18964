import rule from '../../rules/approval-bottleneck.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** `count` clerks approved by the human `controller` (line 4), with the given modes. */
function clerks(modes: string[]): string {
  const agents = modes.map((mode, index) => `  clerk-${index}: {approval: {by: controller, mode: ${mode}}}`);
  return dedent(['version: 1', 'name: office', 'humans:', '  controller: {}', 'agents:', ...agents].join('\n'));
}

const five = clerks(Array(5).fill('every-action'));

testRule(rule, {
  valid: [
    { name: 'is silent at 4 gated agents', manifest: clerks(Array(4).fill('every-action')) },
    { name: 'is silent when approval is by confidence', manifest: clerks(Array(5).fill('confidence')) },
    { name: 'is silent when approval is batched or irreversible-only', manifest: clerks(['batch', 'irreversible-only', 'batch', 'batch', 'every-action']) },
    { name: 'is silent on a single agent that approves itself', manifest: 'version: 1\nname: solo\nagents:\n  a: {approval: {by: a}}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports one approver of every action of 5 agents',
      manifest: five,
      findings: [
        {
          messageId: 'approverOverloaded',
          line: 4,
          column: 3,
          data: { approver: 'controller', gated: 5, max: 5, limit: 4 },
          related: [0, 1, 2, 3, 4].map((index) => ({
            ...positionOf(five, 'controller', index + 2),
            message: `'clerk-${index}' waits for 'controller' on every action`,
          })),
          message: "'controller' approves every action of 5 agents; one per-action approver may gate at most 4.",
        },
      ],
    },
    {
      name: 'treats an approval without a mode as every action, and an agent as an approver',
      options: { max: 2 },
      manifest: dedent(`
        version: 1
        name: review
        agents:
          chief: {role: orchestrator}
          a: {approval: {by: chief}}
          b: {approval: {by: chief}}
      `),
      findings: [{ messageId: 'approverOverloaded', line: 4, column: 3, data: { approver: 'chief', gated: 2, max: 2, limit: 1 } }],
    },
  ],
});

describe('approval-bottleneck suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(five, onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Let 'controller' approve in batches, by confidence, or only irreversible actions (approval.mode), or split approval across domain leads.");
  });
});
