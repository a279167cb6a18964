import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIXTURES } from '../helpers/run.js';
import { lintJson, runGuarded, scratchFolder } from './scratch.js';

// The promises of SECURITY.md that a run can show: coordlint never executes what it reads,
// never reaches the network, and writes nothing but the output file it was given.
const project = scratchFolder('promises');

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every file under a folder with its size and modification time, to see what a run changed. */
function tree(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      const stats = statSync(path);
      return `${relative(folder, path)} ${stats.size} ${stats.mtimeMs}`;
    })
    .sort();
}

describe('never executes what it reads', () => {
  it('reads agent code whose every line would leave a mark if it ran, and no mark appears', async () => {
    const mark = (name: string): string => JSON.stringify(join('MARKS', name));
    const cwd = project({
      'src/agents.ts': [
        "import { writeFileSync } from 'node:fs';",
        "import { Agent } from '@openai/agents';",
        `writeFileSync(${mark('top-level.ts')}, 'ran');`,
        `export const triage = new Agent({ name: 'triage', instructions: (() => { writeFileSync(${mark('instructions.ts')}, 'ran'); return 'x'; })() });`,
        `await import(${mark('dynamic.js')});`,
        '',
      ].join('\n'),
      'crew/config/agents.yaml': 'writer:\n  role: r\n  goal: g\n  backstory: b\n',
      'crew/config/tasks.yaml': 'draft:\n  description: d\n  expected_output: e\n  agent: writer\n',
      'crew/crew.py': `from crewai import Agent, Crew, Process\nfrom crewai.project import CrewBase, agent, crew\nopen(${mark('crew.py')}, 'w').write('ran')\n\n@CrewBase\nclass Writers:\n    @agent\n    def writer(self) -> Agent:\n        open(${mark('agent.py')}, 'w').write('ran')\n        return Agent(config=self.agents_config['writer'])\n`,
      'flows/run.json': JSON.stringify({
        name: 'Runs code',
        nodes: [
          { parameters: {}, id: 'a', name: 'Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.8, position: [0, 0] },
          { parameters: { jsCode: `require('fs').writeFileSync(${mark('n8n.js')}, 'ran')` }, id: 'c', name: 'Code', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0] },
        ],
        connections: { Agent: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } },
      }),
      'MARKS/.keep': '',
    });
    const { report } = await lintJson(cwd);
    expect(report.systems.map((system) => system.id).sort()).toEqual(['Runs code', 'Writers', 'agents/triage']);
    expect(readdirSync(join(cwd, 'MARKS'))).toEqual(['.keep']);
    expect(existsSync(join(process.cwd(), 'MARKS'))).toBe(false);
  });
});

describe('never reaches the network', () => {
  it('opens no socket while linting and reviewing every fixture', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    const fetch = vi.spyOn(globalThis, 'fetch');
    for (const name of readdirSync(FIXTURES)) {
      const { code } = await runGuarded(['--format', 'sarif', '--allow-empty'], join(FIXTURES, name));
      expect([0, 1]).toContain(code);
    }
    expect(await runGuarded(['review', '--format', 'html'], join(FIXTURES, 'examples'))).toMatchObject({ code: 0 });
    expect(connect).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  }, 60_000);
});

describe('never writes outside the output path', () => {
  it('changes nothing in the checked folder but the report it was told to write', async () => {
    const cwd = mkdtempSync(join(project({}), 'examples-'));
    cpSync(join(FIXTURES, 'examples'), cwd, { recursive: true });
    const before = tree(cwd);
    expect(before.length).toBeGreaterThan(5);
    expect((await runGuarded(['--format', 'json'], cwd)).code).toBe(0);
    expect((await runGuarded(['graph', '--format', 'svg'], cwd)).code).toBe(0);
    expect(tree(cwd)).toEqual(before);
    expect((await runGuarded(['review', '-o', 'out/review.md'], cwd)).code).toBe(0);
    const after = tree(cwd);
    expect(after.filter((entry) => !before.includes(entry)).map((entry) => entry.split(' ')[0])).toEqual(['out/review.md']);
    expect(before.filter((entry) => !after.includes(entry))).toEqual([]);
  });
});
