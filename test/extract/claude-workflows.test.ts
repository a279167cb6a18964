import { describe, expect, it } from 'vitest';
import { startedSubagentTypes, unknownSubagentTypes, workflowLinks } from '../../src/extract/claude-workflows.js';

const names = new Map([
  ['planner', 'k:planner'],
  ['code-reviewer', 'k:code-reviewer'],
  ['reviewer', 'k:reviewer'],
  ['tester', 'k:tester'],
]);
const pairs = (text: string, path = 'CLAUDE.md') => workflowLinks(path, text, names).map((link) => [link.from.slice(2), link.to.slice(2), link.back, link.bound]);

describe('workflows written for the main session', () => {
  it('reads arrows, then, after, numbered steps and a bounded send-back', () => {
    expect(pairs('`planner` → `code-reviewer` -> `tester`')).toEqual([
      ['planner', 'code-reviewer', false, undefined],
      ['code-reviewer', 'tester', false, undefined],
    ]);
    expect(pairs('Use the planner agent first, then the tester agent.')).toEqual([['planner', 'tester', false, undefined]]);
    expect(pairs('After `planner` finishes, run `tester`.')).toEqual([['planner', 'tester', false, undefined]]);
    expect(pairs('## Workflow\n\n1. `planner`\n   writes the plan\n2. Review:\n   the `code-reviewer` checks it\n3. Report.\n', 'CLAUDE.md')).toEqual([['planner', 'code-reviewer', false, undefined]]);
    expect(pairs('1. Run `tester`.\n2. If tests fail, the `code-reviewer` sends it back to `tester` (max 2 times).', '.claude/commands/ship.md')).toEqual([
      ['code-reviewer', 'tester', true, 2],
      ['tester', 'code-reviewer', false, undefined],
    ]);
  });

  it('keeps each link in the steps it joins, so an agent taking part in consecutive steps closes no loop', () => {
    const links = workflowLinks('.claude/commands/tests.md', '1. **tester** plans\n2. **tester** + **planner** write\n3. **tester** + **code-reviewer** check\n', names);
    expect(links.map((link) => [link.from.slice(2), link.to.slice(2), link.steps.from, link.steps.to])).toEqual([
      ['tester', 'planner', 'S1.1', 'S1.2'],
      ['tester', 'code-reviewer', 'S1.2', 'S1.3'],
      ['planner', 'tester', 'S1.2', 'S1.3'],
      ['planner', 'code-reviewer', 'S1.2', 'S1.3'],
    ]);
    // Every step leads forward: no way back to an earlier step.
    expect(links.every((link) => link.steps.from < link.steps.to)).toBe(true);
  });

  it('links nothing for a roster, for plain words in prose, or for a name inside a longer one', () => {
    expect(pairs('## Agents\n\n1. `planner` — plans\n2. `tester` — tests\n')).toEqual([]);
    expect(pairs('The planner then hands over to the tester.')).toEqual([]);
    expect(pairs('`code-reviewer` → `planner`')).toEqual([['code-reviewer', 'planner', false, undefined]]);
    expect(pairs('---\nname: x\ndescription: planner → tester\n---\nNothing here.')).toEqual([]);
  });

  it('reads a table of phases, with names written with underscores and several agents in a cell', () => {
    const withLead = new Map([...names, ['qa_lead', 'k:qa_lead']]);
    const table = '| Phase | Agent | Output |\n|---|---|---|\n| 1 | `planner` | plan |\n| 2 | `tester` + _qa_lead_ | tests |\n| 3 | **code-reviewer** | review |\n';
    expect(workflowLinks('.claude/agents/lead.md', table, withLead, 'tables-and-arrows').map((link) => [link.from.slice(2), link.to.slice(2)])).toEqual([
      ['planner', 'tester'],
      ['planner', 'qa_lead'],
      ['tester', 'code-reviewer'],
      ['qa_lead', 'code-reviewer'],
    ]);
  });

  it('tells the subagent types a text starts that the run defines, with or without a plugin prefix, from those it does not', () => {
    const text = 'Agent(subagent_type="aca:planner")\nsubagent_type: "tester"\nsubagent_type="general-purpose"\nsubagent_type=\'feature-dev:code-explorer\'';
    expect(startedSubagentTypes(text, names)).toEqual(['k:planner', 'k:tester']);
    expect(unknownSubagentTypes('x.md', text, names)).toEqual([{ name: 'feature-dev:code-explorer', location: { file: 'x.md', line: 4, column: 1 } }]);
  });
});
