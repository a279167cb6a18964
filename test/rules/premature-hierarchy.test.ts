import rule from '../../rules/premature-hierarchy.js';
import { manifest } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** A chain of `count` agents, each reporting to the one before: depth count − 1. */
const chain = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => (index === 0 ? 'a1: {}' : `a${index + 1}: {reportsTo: a${index}}`));

testRule(rule, {
  valid: [
    { name: 'is silent for five agents under one orchestrator', manifest: manifest('flat', ['o: {}', 'a: {reportsTo: o}', 'b: {reportsTo: o}', 'c: {reportsTo: o}', 'd: {reportsTo: o}']) },
    { name: 'is silent for six agents two levels deep', manifest: manifest('six', ['o: {}', 'l: {reportsTo: o}', 'a: {reportsTo: l}', 'b: {reportsTo: l}', 'c: {reportsTo: o}', 'd: {reportsTo: o}']) },
    { name: 'is silent one level beyond the required depth', manifest: manifest('eight', [...chain(4), 'x1: {reportsTo: a1}', 'x2: {reportsTo: a1}', 'x3: {reportsTo: a1}', 'x4: {reportsTo: a1}']) },
    { name: 'is silent on a single agent', manifest: manifest('solo', ['only: {}']) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\nagents:\n' },
  ],
  invalid: [
    {
      name: 'reports five agents in two levels',
      manifest: manifest('tiny', ['o: {}', 'l: {reportsTo: o}', 'a: {reportsTo: l}', 'b: {reportsTo: o}', 'c: {reportsTo: o}']),
      findings: [
        {
          messageId: 'hierarchyTooSmall',
          line: 2,
          column: 1,
          data: { system: 'tiny', agents: 5, depth: 2, requiredDepth: 1, smallMax: 5 },
          message: "System 'tiny' has 5 agents in 2 levels; up to 5 agents one level is enough.",
        },
      ],
    },
    {
      name: 'reports a hierarchy two levels beyond the required depth',
      manifest: manifest('tall', [...chain(5), 'x1: {reportsTo: a1}', 'x2: {reportsTo: a1}', 'x3: {reportsTo: a1}']),
      findings: [
        {
          messageId: 'hierarchyTooDeep',
          line: 2,
          column: 1,
          data: { system: 'tall', agents: 8, depth: 4, requiredDepth: 2, slack: 1 },
          message: "System 'tall' is 4 levels deep; 8 agents need 2.",
        },
      ],
    },
    {
      name: 'uses the slack option',
      options: { slack: 0 },
      manifest: manifest('eight', [...chain(4), 'x1: {reportsTo: a1}', 'x2: {reportsTo: a1}', 'x3: {reportsTo: a1}', 'x4: {reportsTo: a1}']),
      findings: [{ messageId: 'hierarchyTooDeep', line: 2, column: 1, data: { system: 'eight', agents: 8, depth: 3, requiredDepth: 2, slack: 0 } }],
    },
    {
      name: 'uses the smallMax option',
      options: { smallMax: 6 },
      manifest: manifest('six', ['o: {}', 'l: {reportsTo: o}', 'a: {reportsTo: l}', 'b: {reportsTo: l}', 'c: {reportsTo: o}', 'd: {reportsTo: o}']),
      findings: [{ messageId: 'hierarchyTooSmall', line: 2, column: 1, data: { system: 'six', agents: 6, depth: 2, requiredDepth: 1, smallMax: 6 } }],
    },
  ],
});

describe('premature-hierarchy suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(manifest('tall', [...chain(5), 'x1: {reportsTo: a1}', 'x2: {reportsTo: a1}', 'x3: {reportsTo: a1}']), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe('Flatten the hierarchy to 2 levels: merge leads that direct only one or two agents.');
  });
});
