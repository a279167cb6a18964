import rule from '../../rules/no-bypass-channel.js';
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

testRule(rule, {
  valid: [
    { name: 'is silent when every subordinate can reach a human directly', manifest: claims(['manager', 'manager', 'manager', 'manager']) },
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
          data: { agent: 'coordinator', count: 4, subordinates: 4 },
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
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 2, subordinates: 4 } }],
    },
    {
      name: 'does not accept a path to a human that runs through the coordinator',
      manifest: claims(['coordinator', 'manager', 'manager', 'manager']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 1, subordinates: 4 } }],
    },
  ],
});

describe('no-bypass-channel suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(claims(['coordinator', 'coordinator', 'coordinator', 'coordinator']), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Give the agents under 'coordinator' an escalatesTo a human, verifier or auditor that does not go through 'coordinator'.");
  });
});
