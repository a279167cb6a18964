import { describe, expect, it } from 'vitest';
import rule from '../../rules/overlapping-authority.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const shared = dedent(`
  version: 1
  name: launch
  agents:
    marketing-lead: {role: lead}
    product-lead: {role: lead}
    copywriter: {reportsTo: marketing-lead}
  edges:
    - {from: product-lead, to: copywriter, kind: delegate}
`);

testRule(rule, {
  valid: [
    { name: 'is silent when every agent has one coordinator', manifest: 'version: 1\nname: ok\nagents:\n  lead: {}\n  a: {reportsTo: lead}\n  b: {reportsTo: lead}\n' },
    {
      name: 'counts one coordinator once, however many delegate edges it has',
      manifest: 'version: 1\nname: twice\nagents:\n  lead: {}\n  a: {reportsTo: lead}\nedges:\n  - {from: lead, to: a, kind: delegate}\n',
    },
    { name: 'ignores an agent that delegates to itself', manifest: 'version: 1\nname: self\nagents:\n  a: {}\n  b: {reportsTo: a}\nedges:\n  - {from: b, to: b, kind: delegate}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports an agent with two coordinators',
      manifest: shared,
      findings: [
        {
          messageId: 'severalCoordinators',
          ...positionOf(shared, 'copywriter:'),
          data: { agent: 'copywriter', count: 2, coordinators: "'marketing-lead', 'product-lead'" },
          related: [
            { ...positionOf(shared, 'marketing-lead', 2), message: "'marketing-lead' directs 'copywriter'" },
            { ...positionOf(shared, '{from: product-lead'), message: "'product-lead' directs 'copywriter'" },
          ],
          message: "'copywriter' is directed by 2 coordinators: 'marketing-lead', 'product-lead'.",
        },
      ],
    },
  ],
});

describe('overlapping-authority suggestion', () => {
  it('says to give the agent one coordinator', () => {
    expect(lintManifest(shared, onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Give 'copywriter' one coordinator; let the others ask that coordinator, or split 'copywriter' by the work each one needs.",
    );
  });
});
