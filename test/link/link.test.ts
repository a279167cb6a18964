import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/lint.js';
import { recommended } from '../helpers/run.js';

const code = "import { Agent } from '@openai/agents';\nconst support = new Agent({ name: 'support', instructions: 'Help.' });\nexport const triage = new Agent({ name: 'triage', instructions: 'Route.', handoffs: [support] });\n";
const manifest = 'version: 1\nname: desk\nagents:\n  a: {handoffs: [b]}\n  b: {}\n';

describe('system names', () => {
  it('tells apart systems read from code that would share a name, by the nearest folder where their paths differ', () => {
    const result = lintSources(
      [
        { path: 'examples/streaming/src/agents.ts', text: code },
        { path: 'examples/ui-react/src/agents.ts', text: code },
        { path: 'other/agents/main.ts', text: code.replace(/triage/g, 'router') },
      ],
      recommended(),
    );
    expect(result.systems.map(({ model }) => [model.id, model.name])).toEqual([
      ['agents/router', 'agents/router'],
      ['streaming/agents/triage', 'streaming/agents/triage'],
      ['ui-react/agents/triage', 'ui-react/agents/triage'],
    ]);
  });

  it('keeps the names a manifest gives, and tells their ids apart by file', () => {
    const result = lintSources([{ path: 'a/coordlint.yaml', text: manifest }, { path: 'b/coordlint.yaml', text: manifest }], recommended());
    expect(result.systems.map(({ model }) => [model.id, model.name])).toEqual([
      ['desk@a/coordlint.yaml', 'desk'],
      ['desk@b/coordlint.yaml', 'desk'],
    ]);
  });
});
