import { describe, expect, it } from 'vitest';
import rule from '../../rules/concern-filtering.js';
import { dedent } from '../helpers/dedent.js';
import { lintManifest, onlyRule, recommended } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const filtered = (policy: string, escalatesTo = 'reviewer'): string =>
  dedent(`
    version: 1
    name: monitoring
    humans:
      on-call: {}
    agents:
      reviewer: {role: verifier, escalatesTo: [on-call]}
      watcher:
        escalatesTo: [${escalatesTo}]
        escalation: ${policy}
  `);

testRule(rule, {
  valid: [
    { name: 'is silent when high-impact concerns still reach a human', manifest: filtered('{minConfidence: 0.7, highImpactToHuman: true}') },
    { name: 'is silent without a confidence filter', manifest: filtered('{highImpactToHuman: false}') },
    { name: 'is silent for a threshold of 0', manifest: filtered('{minConfidence: 0}') },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports a confidence filter with no exception for high impact',
      manifest: filtered('{minConfidence: 0.6}'),
      findings: [
        {
          messageId: 'dropsHighImpact',
          line: 7,
          column: 3,
          data: { agent: 'watcher', minConfidence: 0.6 },
          message: "'watcher' drops concerns below confidence 0.6 with no exception for high-impact ones.",
        },
      ],
    },
    {
      name: 'reports an exception for high impact that no escalation carries to a human',
      manifest: dedent(`
        version: 1
        name: monitoring
        agents:
          reviewer: {role: verifier}
          watcher:
            escalatesTo: [reviewer]
            escalation: {minConfidence: 0.5, highImpactToHuman: true}
      `),
      findings: [
        {
          messageId: 'noHumanRoute',
          line: 5,
          column: 3,
          data: { agent: 'watcher', minConfidence: 0.5 },
          message: "'watcher' keeps high-impact concerns below confidence 0.5, but no escalation reaches a human.",
        },
      ],
    },
  ],
});

describe('concern-filtering preset', () => {
  it('is in strict only, and says what to set', () => {
    expect(recommended().rules.map((active) => active.rule.meta.id)).not.toContain('concern-filtering');
    expect(lintManifest(filtered('{minConfidence: 0.6}'), onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Set escalation.highImpactToHuman: true on 'watcher' and give it an escalation that reaches a human.",
    );
  });
});
