import rule from '../../rules/missing-integration-owner.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const fanOut = (extra = '', branchExtra = ''): string =>
  dedent(`
    version: 1
    name: scan
    agents:
      splitter:
        handoffs:
          - {to: scan-eu, parallel: true}
          - {to: scan-us, parallel: true}${extra}
      scan-eu: {${branchExtra}}
      scan-us: {${branchExtra}}
  `);

const unjoined = fanOut();

testRule(rule, {
  valid: [
    {
      name: 'is silent when an agent consumes every branch',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          splitter:
            handoffs: [{to: scan-eu, parallel: true}, {to: scan-us, parallel: true}]
          scan-eu: {}
          scan-us: {}
          merger: {dependsOn: [scan-eu, scan-us]}
      `),
    },
    { name: 'is silent when the branches hand back to the fan-out agent', manifest: fanOut('', 'handoffs: [splitter]') },
    {
      name: 'is silent when the agent that joins, downstream of a branch, is marked integrates',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          splitter:
            handoffs: [{to: scan-eu, parallel: true}, {to: scan-us, parallel: true}]
          scan-eu: {handoffs: [report-writer]}
          scan-us: {}
          report-writer: {integrates: true}
      `),
    },
    {
      name: 'is silent when the fan-out agent integrates',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          splitter:
            integrates: true
            handoffs: [{to: scan-eu, parallel: true}, {to: scan-us, parallel: true}]
          scan-eu: {}
          scan-us: {}
      `),
    },
    {
      name: 'is silent when a coordinator delegates the branches and gets their results back',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          boss: {}
          scan-eu: {}
          scan-us: {}
        edges:
          - {from: boss, to: scan-eu, kind: delegate, parallel: true}
          - {from: boss, to: scan-us, kind: delegate, parallel: true}
      `),
    },
    {
      name: 'is silent for a single parallel branch',
      manifest: 'version: 1\nname: one\nagents:\n  a: {handoffs: [{to: b, parallel: true}]}\n  b: {}\n',
    },
    { name: 'uses the minBranches option', options: { minBranches: 3 }, manifest: unjoined },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports two parallel branches that nothing joins',
      manifest: unjoined,
      findings: [
        {
          messageId: 'noJoin',
          line: 4,
          column: 3,
          data: { agent: 'splitter', branches: 2 },
          related: [
            { ...positionOf(unjoined, 'scan-eu'), message: "parallel branch to 'scan-eu'" },
            { ...positionOf(unjoined, 'scan-us'), message: "parallel branch to 'scan-us'" },
          ],
          message: "'splitter' fans out to 2 parallel branches that no agent joins.",
        },
      ],
    },
    {
      name: 'reports branches that meet only at a human',
      manifest: dedent(`
        version: 1
        name: scan
        humans:
          analyst: {}
        agents:
          splitter:
            handoffs: [{to: scan-eu, parallel: true}, {to: scan-us, parallel: true}]
          scan-eu: {handoffs: [analyst]}
          scan-us: {handoffs: [analyst]}
      `),
      findings: [{ messageId: 'noJoin', line: 6, column: 3, data: { agent: 'splitter', branches: 2 } }],
    },
    {
      name: 'reports a join of only some of the branches',
      manifest: dedent(`
        version: 1
        name: scan
        agents:
          splitter:
            handoffs: [{to: a, parallel: true}, {to: b, parallel: true}, {to: c, parallel: true}]
          a: {}
          b: {}
          c: {}
          merger: {dependsOn: [a, b]}
      `),
      findings: [{ messageId: 'noJoin', line: 4, column: 3, data: { agent: 'splitter', branches: 3 } }],
    },
  ],
});

describe('missing-integration-owner suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(unjoined, onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Add an integrator that consumes every branch of 'splitter' (dependsOn each of 'scan-eu', 'scan-us'), or mark the agent that joins them with integrates: true.");
  });
});
