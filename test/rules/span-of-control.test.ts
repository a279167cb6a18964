import rule from '../../rules/span-of-control.js';
import { manifest, reports } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const related = (count: number, coordinator: string, firstLine: number) =>
  Array.from({ length: count }, (_, index) => ({
    line: firstLine + index,
    column: 3,
    message: `'w${index + 1}' reports to '${coordinator}'`,
  }));

testRule(rule, {
  valid: [
    { name: 'is silent at 8 reports', manifest: manifest('desk', ['boss: {role: orchestrator}', ...reports('boss', 8)]) },
    {
      name: 'does not count infrastructure roles in the span',
      manifest: manifest('desk', ['boss: {role: orchestrator}', ...reports('boss', 8), 'qa: {role: verifier, reportsTo: boss}']),
    },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\nagents: {}\n' },
    { name: 'is silent on a single agent', manifest: manifest('solo', ['only: {}']) },
    {
      name: 'ignores a delegate edge from an agent to itself',
      manifest: manifest('self', ['a: {}'], 'edges:\n  - {from: a, to: a, kind: delegate}\n'),
    },
  ],
  invalid: [
    {
      name: 'reports a coordinator with 9 reports',
      manifest: manifest('desk', ['boss: {role: orchestrator}', ...reports('boss', 9)]),
      findings: [
        {
          messageId: 'tooManyReports',
          line: 4,
          column: 3,
          data: { agent: 'boss', span: 9, max: 8, suggestedLeads: 2 },
          related: related(9, 'boss', 5),
          message: "'boss' directs 9 agents; the limit is 8.",
        },
      ],
    },
    {
      name: 'uses the max option',
      options: { max: 3 },
      manifest: manifest('desk', ['lead-a: {role: lead}', ...reports('lead-a', 4)]),
      findings: [{ messageId: 'tooManyReports', line: 4, column: 3, data: { agent: 'lead-a', span: 4, max: 3, suggestedLeads: 1 } }],
    },
    {
      name: 'counts a subordinate reached by two delegate edges once',
      manifest: manifest('desk', ['boss: {}', ...reports('boss', 9)], 'edges:\n  - {from: boss, to: w1, kind: delegate}\n'),
      findings: [{ messageId: 'tooManyReports', line: 4, column: 3, data: { agent: 'boss', span: 9, max: 8, suggestedLeads: 2 } }],
    },
  ],
});

describe('span-of-control suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(manifest('desk', ['boss: {role: orchestrator}', ...reports('boss', 15)]), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Split the 15 reports of 'boss' under 3 sub-coordinators (leads) of at most 7 agents each.");
  });
});
