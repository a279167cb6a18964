import { describe, expect, it } from 'vitest';
import rule from '../../rules/correlated-verification.js';
import { dedent } from '../helpers/dedent.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const review = (criticModel: string, otherModel = 'gpt-4.1'): string =>
  dedent(`
    version: 1
    name: review
    defaults:
      model: gpt-4.1
    agents:
      drafter: {handoffs: [critic]}
      researcher: {model: ${otherModel}, handoffs: [critic]}
      critic: {role: verifier, model: ${criticModel}}
  `);

testRule(rule, {
  valid: [
    { name: 'is silent when the verifier runs on another model', manifest: review('claude-opus-4') },
    { name: 'is silent when one checked agent runs on another model', manifest: review('gpt-4.1', 'gemini-2.5-pro') },
    { name: 'is silent for a verifier that checks nothing', manifest: 'version: 1\nname: idle\nagents:\n  v: {role: verifier, model: m}\n' },
    { name: 'is silent when models are unknown', manifest: 'version: 1\nname: unknown\nagents:\n  a: {handoffs: [v]}\n  v: {role: auditor}\n' },
    {
      name: 'is silent when a person approves what the verifier does',
      manifest: `${review('gpt-4.1')}humans:\n  teacher: {}\n`.replace('critic: {role: verifier, model: gpt-4.1}', 'critic: {role: verifier, model: gpt-4.1, approval: {by: teacher, mode: every-action}}'),
    },
    { name: 'ignores workers on the same model', manifest: 'version: 1\nname: w\nagents:\n  a: {model: m, handoffs: [b]}\n  b: {model: m}\n' },
  ],
  invalid: [
    {
      name: 'reports a verifier whose approver is another agent, or approves only by confidence',
      manifest: `${review('gpt-4.1')}humans:\n  teacher: {}\n`
        .replace('drafter: {handoffs: [critic]}', 'drafter: {handoffs: [critic], approval: {by: teacher, mode: confidence}}')
        .replace('critic: {role: verifier, model: gpt-4.1}', 'critic: {role: verifier, model: gpt-4.1, approval: {by: researcher}}'),
      findings: [{ messageId: 'sameModel', line: 8, column: 3, data: { agent: 'critic', model: 'gpt-4.1', checked: 2 } }],
    },
    {
      name: 'reports a verifier on the same model as everything it checks',
      manifest: review('gpt-4.1'),
      findings: [
        {
          messageId: 'sameModel',
          line: 8,
          column: 3,
          data: { agent: 'critic', model: 'gpt-4.1', checked: 2 },
          related: [
            { line: 6, column: 3, message: "'drafter' also runs on 'gpt-4.1'" },
            { line: 7, column: 3, message: "'researcher' also runs on 'gpt-4.1'" },
          ],
          message: "'critic' checks 2 agent(s) that all run on its own model 'gpt-4.1'.",
        },
      ],
    },
  ],
});

describe('correlated-verification suggestion', () => {
  it('says to run the verifier on a different model', () => {
    expect(lintManifest(review('gpt-4.1'), onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Run 'critic' on a different model (or model family) from the agents it checks.",
    );
  });
});
