import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMarkdownItLoaded } from '../src/extract/claude-code.js';
import { isPythonLoaded } from '../src/extract/python.js';
import { isTsMorphLoaded } from '../src/extract/ts/project.js';
import { formatsLoaded } from '../src/report/index.js';
import { FIXTURES, runCli } from './helpers/run.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'coordlint-lazy-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

// One process-wide state per test file: the cases run in order, the first before anything loads.
describe('lazy loading', () => {
  it('loads only the json formatter, and no parser, for a JSON lint of a manifest beside plain code', async () => {
    const cwd = project({
      'coordlint.yaml': 'version: 1\nname: desk\nagents:\n  lead: {role: orchestrator}\n  writer: {reportsTo: lead}\n',
      'src/util.ts': 'export const twice = (x: number) => x * 2;\n',
      'tools/report.py': 'def main():\n    print("no crew here")\n',
    });
    const { code, stdout } = await runCli(['lint', '.', '--format', 'json'], cwd);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).systems.map((system: { id: string }) => system.id)).toEqual(['desk']);
    expect(formatsLoaded()).toEqual(['lint:json']);
    expect(isTsMorphLoaded()).toBe(false);
    expect(isMarkdownItLoaded()).toBe(false);
    expect(isPythonLoaded()).toBe(false);
  });

  it('loads the review formatter for a review, and markdown-it only for a subagent described in its body', async () => {
    const { code } = await runCli(['review', '.'], join(FIXTURES, 'claude-code-review-team'));
    expect(code).toBe(0);
    expect(formatsLoaded()).toEqual(['lint:json', 'lint:markdown']);
    expect(isMarkdownItLoaded()).toBe(false);
    const cwd = project({ '.claude/agents/triager.md': '---\nname: triager\ntools: Read\n---\n\nSorts incoming bug reports by area.\n' });
    const described = await runCli(['lint', '.', '--format', 'json'], cwd);
    expect(JSON.parse(described.stdout).systems).toHaveLength(1);
    expect(isMarkdownItLoaded()).toBe(true);
    expect(isTsMorphLoaded()).toBe(false);
  });
});
