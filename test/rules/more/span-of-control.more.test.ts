import { describe, expect, it } from 'vitest';
import rule from '../../../rules/span-of-control.js';
import { lintManifest, onlyRule } from '../../helpers/run.js';

describe('span-of-control suggestion on code', () => {
  it("adds the framework's own way to group agents (OpenAI Agents SDK)", () => {
    const workers = Array.from({ length: 9 }, (_, index) => `w${index + 1}`);
    const code = [
      "import { Agent } from '@openai/agents';",
      ...workers.map((id) => `const ${id} = new Agent({ name: '${id}', instructions: 'Work.' });`),
      `export const boss = new Agent({ name: 'boss', instructions: 'Lead.', tools: [${workers.map((id) => `${id}.asTool({ toolName: 'ask_${id}', toolDescription: 'Ask.' })`).join(', ')}] });`,
    ].join('\n');
    const findings = lintManifest(code, onlyRule(rule), 'src/agents.ts').findings;
    expect(findings.map((finding) => [finding.data.agent, finding.data.span, finding.suggestion])).toEqual([
      [
        'boss',
        9,
        "Split the 9 reports of 'boss' under 2 sub-coordinators (leads) of at most 7 agents each: add a triage agent per domain that hands off to 5–8 specialists, and let the top agent hand off to the triage agents.",
      ],
    ]);
  });
});
