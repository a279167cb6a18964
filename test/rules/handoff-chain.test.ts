import { describe, expect, it } from 'vitest';
import rule from '../../rules/handoff-chain.js';
import { manifest } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** `count` handoffs: stage-0 → stage-1 → … → stage-count. */
const stages = (count: number): string =>
  manifest('content', Array.from({ length: count + 1 }, (_, index) => (index < count ? `stage-${index}: {handoffs: [stage-${index + 1}]}` : `stage-${index}: {}`)));

testRule(rule, {
  valid: [
    { name: 'is silent at 3 handoffs', manifest: stages(3) },
    { name: 'does not count data edges as handoffs', manifest: manifest('data', ['a: {}', 'b: {dependsOn: [a]}', 'c: {dependsOn: [b]}', 'd: {dependsOn: [c]}', 'e: {dependsOn: [d]}']) },
    { name: 'uses the max option', options: { max: 4 }, manifest: stages(4) },
    { name: 'is silent on a handoff to itself', manifest: manifest('self', ['a: {handoffs: [a]}']) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports a chain of 4 handoffs',
      manifest: stages(4),
      findings: [
        {
          messageId: 'longChain',
          line: 4,
          column: 24,
          data: { length: 4, from: 'stage-0', to: 'stage-4', max: 3 },
          related: [0, 1, 2, 3].map((index) => ({ line: 4 + index, column: 24, message: `handoff ${index + 1}: 'stage-${index}' → 'stage-${index + 1}'` })),
          message: "A chain of 4 handoffs runs from 'stage-0' to 'stage-4'; the limit is 3.",
        },
      ],
    },
  ],
});

describe('handoff-chain suggestion', () => {
  it('names both ends of the chain', () => {
    expect(lintManifest(stages(5), onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Merge adjacent stages of the chain from 'stage-0' to 'stage-5', or pass a declared contract (contract:) with each handoff so context survives the hops.",
    );
  });
});
