import rule from '../../rules/parse-error.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const unknownKey = dedent(`
  version: 1
  name: desk
  agents:
    boss: {}
    clerk:
      reportTo: boss
`);

const duplicate = dedent(`
  version: 1
  name: desk
  agents:
    triage: {}
    billing: {}
    triage: {role: lead}
`);

const cycle = dedent(`
  version: 1
  name: desk
  agents:
    a: {reportsTo: c}
    b: {reportsTo: a}
    c: {reportsTo: b}
`);

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
const aliasBomb = [
  'version: 1',
  'name: bomb',
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  ...'bcdefghi'.split('').map((letter, index) => {
    const previous = 'abcdefgh'[index];
    return `${letter}: &${letter} [${Array(9).fill(`*${previous}`).join(', ')}]`;
  }),
  '',
].join('\n');

testRule(rule, {
  valid: [
    {
      name: 'treats __proto__ and constructor as plain ids',
      manifest: dedent(`
        version: 1
        name: odd-ids
        agents:
          __proto__: {role: orchestrator}
          constructor: {reportsTo: __proto__}
          toString: {reportsTo: __proto__}
      `),
    },
    { name: 'accepts a manifest with only a version and a name', manifest: 'version: 1\nname: bare\n' },
    { name: 'accepts anchors and aliases within the budget', manifest: 'version: 1\nname: a\nagents:\n  x: &w {role: worker}\n  y: *w\n' },
  ],
  invalid: [
    {
      name: 'reports invalid YAML at the place it breaks',
      manifest: 'version: 1\nname: broken\nagents:\n  a: [b\n',
      findings: [{ messageId: 'unreadable', line: 5, column: 1, data: { message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]' } }],
    },
    {
      name: 'reports a version other than 1',
      manifest: 'version: 2\nname: later\n',
      findings: [{ messageId: 'unreadable', line: 1, column: 10, data: { message: 'version: version must be 1' } }],
    },
    {
      name: 'reports a missing version',
      manifest: 'name: unversioned\n',
      findings: [{ messageId: 'unreadable', line: 1, column: 1, data: { message: 'version: version must be 1' } }],
    },
    {
      name: 'names an unknown key and the key it was probably meant to be',
      manifest: unknownKey,
      findings: [
        {
          messageId: 'unreadable',
          ...positionOf(unknownKey, 'reportTo'),
          data: { message: "unknown key 'reportTo' in agents.clerk (did you mean 'reportsTo'?)" },
          message: "unknown key 'reportTo' in agents.clerk (did you mean 'reportsTo'?).",
        },
      ],
    },
    {
      name: 'reports an unknown top-level key',
      manifest: 'version: 1\nname: x\nagent:\n  a: {}\n',
      findings: [{ messageId: 'unreadable', line: 3, column: 1, data: { message: "unknown key 'agent' (did you mean 'agents'?)" } }],
    },
    {
      name: 'reports a duplicate agent id at its second definition',
      manifest: duplicate,
      findings: [{ messageId: 'unreadable', ...positionOf(duplicate, 'triage', 2), data: { message: "duplicate agent id 'triage' (first defined at line 4)" } }],
    },
    {
      name: 'reports a reportsTo cycle and names it',
      manifest: cycle,
      findings: [{ messageId: 'unreadable', line: 4, column: 18, data: { message: "reportsTo cycle: 'a' → 'c' → 'b' → 'a'" } }],
    },
    {
      name: 'reports an agent that reports to itself',
      manifest: 'version: 1\nname: x\nagents:\n  a: {reportsTo: a}\n',
      findings: [{ messageId: 'unreadable', line: 4, column: 18, data: { message: "'a' reports to itself" } }],
    },
    {
      name: 'reports an alias bomb instead of expanding it',
      manifest: aliasBomb,
      findings: [{ messageId: 'unreadable', ...positionOf(aliasBomb, '*a'), data: { message: 'the document expands more than 1000 aliases (an alias bomb)' } }],
    },
    {
      name: 'reports a wrong value type at the value',
      manifest: 'version: 1\nname: x\nagents:\n  a: {role: captain}\n',
      findings: [
        {
          messageId: 'unreadable',
          line: 4,
          column: 13,
          data: { message: 'agents.a.role: Invalid option: expected one of "orchestrator"|"lead"|"worker"|"integrator"|"verifier"|"auditor"|"monitor"|"router"|"state-manager"' },
        },
      ],
    },
    {
      name: 'reports an id that is both a human and an agent',
      manifest: 'version: 1\nname: x\nhumans:\n  sam: {}\nagents:\n  sam: {}\n',
      findings: [{ messageId: 'unreadable', line: 6, column: 3, data: { message: "'sam' is defined both as a human and as an agent" } }],
    },
    {
      name: 'reports a document that is not a map',
      manifest: '- just\n- a list\n',
      findings: [{ messageId: 'unreadable', line: 1, column: 1, data: { message: 'a manifest is a YAML map with version, name and agents' } }],
    },
  ],
});

describe('parse-error and the rest of the run', () => {
  it('yields no system for a file that does not parse, so no other rule judges it', () => {
    const result = lintManifest(unknownKey);
    expect(result.systems).toEqual([]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['parse-error']);
  });

  it('reports a reportsTo cycle once, however many agents are on it', () => {
    expect(lintManifest(cycle, onlyRule(rule)).findings).toHaveLength(1);
  });
});
