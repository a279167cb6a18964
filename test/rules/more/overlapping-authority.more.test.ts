import { describe, expect, it } from 'vitest';
import rule from '../../../rules/overlapping-authority.js';
import { lintSources } from '../../../src/lint.js';
import { onlyRule } from '../../helpers/run.js';

/** The writer and the editors that call it as a tool, then whatever starts the runs. */
const code = (editors: string[], rest: string): string =>
  [
    "import { Agent, run } from '@openai/agents';",
    "export const writer = new Agent({ name: 'writer', instructions: 'Write.' });",
    ...editors.map((id) => `export const ${id} = new Agent({ name: '${id}', instructions: 'Edit.', tools: [writer.asTool({ toolName: 'write_for_${id}', toolDescription: 'Write.' })] });`),
    rest,
  ].join('\n');

const asTool = (id: string) => `${id}.asTool({ toolName: 'ask_${id}', toolDescription: 'Ask.' })`;

/** Each finding: the agent, its coordinators, and the run where they meet. */
const findings = (text: string) =>
  lintSources([{ path: 'src/agents.ts', text }], onlyRule(rule)).findings.map((finding) => [finding.location.line, finding.data.agent, finding.data.coordinators, finding.data.run]);

describe('overlapping-authority on code where each root agent starts runs of its own', () => {
  it('reports two coordinators that one triage agent hands work to, naming the triage agent as the run', () => {
    const text = code(['editor_a', 'editor_b'], "export const triage = new Agent({ name: 'triage', instructions: 'Route.', handoffs: [editor_a, editor_b] });");
    expect(findings(text)).toEqual([[2, 'writer', "'editor_a', 'editor_b'", 'triage']]);
  });

  it('reports two coordinators that get one agent\'s output in a script, naming that agent as the run', () => {
    const text = code(
      [],
      [
        "export const researcher = new Agent({ name: 'researcher', instructions: 'Research.' });",
        "export const editor_a = new Agent({ name: 'editor_a', instructions: 'Edit.', tools: [writer.asTool({ toolName: 'write_a', toolDescription: 'Write.' })] });",
        "export const editor_b = new Agent({ name: 'editor_b', instructions: 'Edit.', tools: [writer.asTool({ toolName: 'write_b', toolDescription: 'Write.' })] });",
        'export async function main(topic: string) {',
        '  const notes = await run(researcher, topic);',
        "  await run(editor_a, notes.finalOutput ?? '');",
        "  await run(editor_b, notes.finalOutput ?? '');",
        '}',
      ].join('\n'),
    );
    expect(findings(text)).toEqual([[2, 'writer', "'editor_a', 'editor_b'", 'researcher']]);
  });

  it('leaves out a coordinator that no run shares with the others', () => {
    const text = code(['editor_a', 'editor_b', 'editor_c'], `export const chief = new Agent({ name: 'chief', instructions: 'Lead.', tools: [${asTool('editor_a')}, ${asTool('editor_b')}] });`);
    expect(findings(text)).toEqual([[2, 'writer', "'editor_a', 'editor_b'", 'chief']]);
  });

  it('names the first run the first coordinator shares when it shares runs with two others', () => {
    const text = code(
      ['editor_a', 'editor_b', 'editor_c'],
      [
        `export const morning = new Agent({ name: 'morning', instructions: 'Lead.', tools: [${asTool('editor_a')}, ${asTool('editor_b')}] });`,
        `export const evening = new Agent({ name: 'evening', instructions: 'Lead.', tools: [${asTool('editor_a')}, ${asTool('editor_c')}] });`,
      ].join('\n'),
    );
    expect(findings(text)).toEqual([[2, 'writer', "'editor_a', 'editor_b', 'editor_c'", 'morning']]);
  });
});
