import { describe, expect, it } from 'vitest';
import rule from '../../../rules/premature-hierarchy.js';
import { manifest } from '../../helpers/manifests.js';
import { lintManifest, onlyRule } from '../../helpers/run.js';

/** A chain of `count` agents, each reporting to the one before: depth count − 1. */
const chain = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => (index === 0 ? 'a1: {}' : `a${index + 1}: {reportsTo: a${index}}`));

const findings = (text: string) => lintManifest(text, onlyRule(rule)).findings;

describe('premature-hierarchy suggestions', () => {
  it('says to remove the intermediate leads of a small system', () => {
    expect(findings(manifest('five', chain(5))).map((finding) => [finding.messageId, finding.suggestion])).toEqual([
      ['hierarchyTooSmall', 'Remove the intermediate leads and let one orchestrator direct every agent.'],
    ]);
  });

  it('says "1 level" when one level is all the system needs', () => {
    const six = manifest('six', [...chain(4), 'x1: {reportsTo: a1}', 'x2: {reportsTo: a1}']);
    expect(findings(six).map((finding) => [finding.messageId, finding.data.depth, finding.data.requiredDepth, finding.suggestion])).toEqual([
      ['hierarchyTooDeep', 3, 1, 'Flatten the hierarchy to 1 level: merge leads that direct only one or two agents.'],
    ]);
  });
});
