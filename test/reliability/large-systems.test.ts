import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/lint.js';
import { recommended } from '../helpers/run.js';

// Size is input too: a generated manifest of 100,000 agents must finish, with every graph walk
// iterative (a recursive one overflows the stack long before this).
describe('a 100,000-agent chain', () => {
  it('finishes with the exact metrics and findings and no stack overflow', () => {
    const count = 100_000;
    const lines = ['version: 1', 'name: chain', 'agents:', '  a0: {role: orchestrator}'];
    for (let index = 1; index < count; index++) lines.push(`  a${index}: {reportsTo: a${index - 1}}`);
    const result = lintSources([{ path: 'coordlint.yaml', text: `${lines.join('\n')}\n` }], recommended());
    const [system] = result.systems;
    expect(system?.metrics).toMatchObject({ agents: count, depth: count - 1, maxSpan: 1, pairs: count - 1, potentialPairs: (count * (count - 1)) / 2, regime: 'large', topology: 'hierarchical' });
    const byRule = new Map<string, number>();
    for (const finding of result.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    // Every coordinator but the last directs one agent that can escalate only through it.
    expect([...byRule]).toEqual([
      ['premature-hierarchy', 1],
      ['regime-mismatch', 1],
      ['no-bypass-channel', count - 1],
    ]);
    expect(result.findings.slice(0, 2).map((finding) => finding.message)).toEqual([
      "System 'chain' is 99999 levels deep; 100000 agents need 6.",
      "System 'chain' has 100000 agents and 0 domain boundaries; from 100 agents it needs federated domains.",
    ]);
  }, 120_000);
});
