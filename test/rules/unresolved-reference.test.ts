import rule from '../../rules/unresolved-reference.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const handoff = dedent(`
  version: 1
  name: pipeline
  agents:
    intake:
      handoffs:
        - to: triage
        - to: archive
    triage: {}
`);

const everyField = dedent(`
  version: 1
  name: ops
  humans:
    owner: {}
  agents:
    a:
      reportsTo: ghost-boss
      approval: {by: ghost-approver}
      escalatesTo: [owner, ghost-escalation]
      dependsOn: [ghost-source]
      peers: [ghost-peer]
  edges:
    - {from: ghost-from, to: a, kind: report}
  syncPoints:
    - {name: phase, members: [a, ghost-member]}
  loops:
    - {agents: [a, ghost-loop], maxIterations: 3}
`);

const at = (text: string, needle: string) => positionOf(text, needle);

testRule(rule, {
  valid: [
    {
      name: 'is silent when every reference names an agent or a human',
      manifest: dedent(`
        version: 1
        name: ok
        humans:
          owner: {}
        agents:
          a: {escalatesTo: [owner], handoffs: [b], approval: {by: owner}}
          b: {reportsTo: a, dependsOn: [a], peers: [a]}
        syncPoints:
          - {name: end, members: [a, b]}
        loops:
          - {agents: [a, b], maxIterations: 2}
      `),
    },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports a handoff to an agent that does not exist at the reference',
      manifest: handoff,
      findings: [
        {
          messageId: 'unknownTarget',
          ...at(handoff, 'archive'),
          data: { name: 'archive', field: 'handoff edge', system: 'pipeline' },
          message: "'archive' in a handoff edge is not an agent or human of system 'pipeline'.",
        },
      ],
    },
    {
      name: 'reports an unknown name in every field that references',
      manifest: everyField,
      findings: [
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-boss'), data: { name: 'ghost-boss', field: 'delegate edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-approver'), data: { name: 'ghost-approver', field: 'approval edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-escalation'), data: { name: 'ghost-escalation', field: 'escalation edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-source'), data: { name: 'ghost-source', field: 'data edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-peer'), data: { name: 'ghost-peer', field: 'peer edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-from'), data: { name: 'ghost-from', field: 'report edge', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-member'), data: { name: 'ghost-member', field: 'syncPoints.members', system: 'ops' } },
        { messageId: 'unknownTarget', ...at(everyField, 'ghost-loop'), data: { name: 'ghost-loop', field: 'loops.agents', system: 'ops' } },
      ],
    },
    {
      name: 'reports an overlay that names no defined system',
      manifest: 'version: 1\nname: nowhere\noverlay: true\nagents:\n  a: {}\n',
      findings: [
        {
          messageId: 'unknownSystem',
          line: 2,
          column: 1,
          data: { message: "overlay names system 'nowhere', which no other file defines" },
          message: "overlay names system 'nowhere', which no other file defines.",
        },
      ],
    },
  ],
});

describe('unresolved-reference suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(handoff, onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Define 'archive' under agents or humans, or correct the name.");
  });
});
