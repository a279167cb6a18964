import rule from '../../rules/pair-explosion.js';
import { manifest } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** `count` agents where every agent peers with every later one: a full mesh. */
const mesh = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => {
    const later = Array.from({ length: count - index - 1 }, (_, offset) => `a${index + offset + 2}`);
    return `a${index + 1}: {peers: [${later.join(', ')}]}`;
  });

/** `count` agents in a ring of handoffs. */
const ring = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => `a${index + 1}: {handoffs: [a${((index + 1) % count) + 1}]}`);

testRule(rule, {
  valid: [
    { name: 'is silent for a full mesh of 10 agents (45 pairs)', manifest: manifest('mesh', mesh(10)) },
    { name: 'is silent for many pairs with few partners each', manifest: manifest('ring', ring(60)) },
    { name: 'is silent on a single agent', manifest: manifest('solo', ['only: {}']) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
    { name: 'does not count a peer link with itself', manifest: manifest('self', ['a: {peers: [a]}']) },
  ],
  invalid: [
    {
      name: 'reports a full mesh of 11 agents',
      manifest: manifest('mesh', mesh(11)),
      findings: [
        {
          messageId: 'tooManyPairs',
          line: 2,
          column: 1,
          data: { system: 'mesh', pairs: 55, potentialPairs: 55, partners: 10, maxPairs: 45, maxPartners: 6 },
          message: "System 'mesh' has 55 communicating pairs and 10 partners per agent on average; the limits are 45 pairs and 6 partners.",
        },
      ],
    },
    {
      name: 'uses the maxPairs and maxPartners options',
      options: { maxPairs: 10, maxPartners: 4 },
      manifest: manifest('mesh', mesh(6)),
      findings: [
        { messageId: 'tooManyPairs', line: 2, column: 1, data: { system: 'mesh', pairs: 15, potentialPairs: 15, partners: 5, maxPairs: 10, maxPartners: 4 } },
      ],
    },
  ],
});

describe('pair-explosion suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(manifest('mesh', mesh(11)), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe('Route coordination through a hub or leads (O(N) or O(N log N) pairs) instead of letting every agent talk to every other.');
  });
});
