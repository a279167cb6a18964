import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isYamlLoaded } from '../src/extract/yaml-source.js';
import { isTsMorphLoaded } from '../src/extract/ts/project.js';
import { formatsLoaded } from '../src/report/index.js';
import { runCli } from './helpers/run.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'coordlint-lazy-code-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// A file of its own: the module flags are per test file, and this run must come first.
describe('lazy loading for code', () => {
  it('loads ts-morph but not yaml for a lint of agent code beside a package.json without a coordlint key', async () => {
    const cwd = project({
      'package.json': JSON.stringify({ name: 'desk', dependencies: { '@openai/agents': '^0.1.0' } }),
      'src/desk.ts': "import { Agent } from '@openai/agents';\nexport const desk = new Agent({ name: 'desk' });\n",
    });
    const { code, stdout } = await runCli(['lint', 'src/desk.ts', '--format', 'json'], cwd);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).systems.map((system: { id: string }) => system.id)).toEqual(['desk']);
    expect(isTsMorphLoaded()).toBe(true);
    expect(isYamlLoaded()).toBe(false);
    expect(formatsLoaded()).toEqual(['lint:json']);
  });

  it('still reads the coordlint key of a package.json, with yaml for its positions', async () => {
    const cwd = project({
      'package.json': JSON.stringify({ name: 'desk', coordlint: { rules: { 'orphan-agent': 'off' } } }),
      'src/desk.ts': "import { Agent } from '@openai/agents';\nexport const desk = new Agent({ name: 'desk' });\n",
    });
    const { code } = await runCli(['lint', 'src/desk.ts', '--format', 'json'], cwd);
    expect(code).toBe(0);
    expect(isYamlLoaded()).toBe(true);
  });
});
