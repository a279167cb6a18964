import { describe, expect, it } from 'vitest';
import rule from '../../rules/orphan-agent.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const lonely = 'version: 1\nname: team\nagents:\n  lead: {}\n  a: {reportsTo: lead}\n  forgotten: {role: verifier}\n';

testRule(rule, {
  valid: [
    { name: 'is silent when every agent is linked', manifest: 'version: 1\nname: ok\nagents:\n  lead: {}\n  a: {reportsTo: lead}\n' },
    { name: 'counts a link to a human', manifest: 'version: 1\nname: ok\nhumans:\n  owner: {}\nagents:\n  a: {escalatesTo: [owner]}\n' },
    { name: 'is silent on a single agent', manifest: 'version: 1\nname: solo\nagents:\n  only: {}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports an agent with no edge at all',
      manifest: lonely,
      findings: [
        {
          messageId: 'unconnected',
          line: 6,
          column: 3,
          data: { agent: 'forgotten', system: 'team' },
          message: "'forgotten' has no edge to or from any other agent or human of system 'team'.",
        },
      ],
    },
    {
      name: 'does not count an edge to itself as a link',
      manifest: 'version: 1\nname: team\nagents:\n  lead: {}\n  a: {reportsTo: lead}\n  loop: {handoffs: [loop]}\n',
      findings: [{ messageId: 'unconnected', line: 6, column: 3, data: { agent: 'loop', system: 'team' } }],
    },
  ],
});

describe('orphan-agent suggestion', () => {
  it('says to connect or remove the agent', () => {
    expect(lintManifest(lonely, onlyRule(rule)).findings[0]?.suggestion).toBe("Connect 'forgotten' (reportsTo, handoffs, dependsOn) or remove it from the system.");
  });
});
