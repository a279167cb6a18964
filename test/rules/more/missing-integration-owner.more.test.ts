import rule from '../../../rules/missing-integration-owner.js';
import { dedent } from '../../helpers/dedent.js';
import { testRule } from '../../helpers/test-rule.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../../helpers/run.js';

/** A coordinator whose two parallel branches leave it two ways: one handed off, one delegated. */
const delegatedAndHandedOff = dedent(`
  version: 1
  name: scan
  agents:
    splitter:
      handoffs:
        - {to: scan-eu, parallel: true}
    scan-eu: {}
    scan-us: {}
  edges:
    - {from: splitter, to: scan-us, kind: delegate, parallel: true}
`);

testRule(rule, {
  valid: [
    {
      name: 'does not count a parallel handoff of an agent to itself as a branch',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          splitter:
            handoffs:
              - {to: splitter, parallel: true}
          scan-eu: {}
        edges:
          - {from: splitter, to: scan-eu, kind: delegate, parallel: true}
      `),
    },
    {
      name: 'does not count a parallel handoff to a person as a branch',
      manifest: dedent(`
        version: 1
        name: scan
        humans:
          analyst: {}
        agents:
          splitter:
            handoffs:
              - {to: analyst, parallel: true}
              - {to: scan-eu, parallel: true}
          scan-eu: {}
      `),
    },
  ],
  invalid: [
    {
      name: 'reports a delegated branch beside a handed-off one: the coordinator gets back only what it delegated',
      manifest: delegatedAndHandedOff,
      findings: [{ messageId: 'noJoin', line: 4, column: 3, data: { agent: 'splitter', branches: 2 } }],
    },
  ],
});

describe('missing-integration-owner with a delegated and a handed-off branch', () => {
  it('names both branches in its suggestion, whichever way each leaves the coordinator', () => {
    const [finding] = lintManifest(delegatedAndHandedOff, onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Add an integrator that consumes every branch of 'splitter' (dependsOn each of 'scan-eu', 'scan-us'), or mark the agent that joins them with integrates: true.");
  });
});
