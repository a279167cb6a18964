import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run.js';
import { join } from 'node:path';

const examples = join(FIXTURES, 'examples');

describe('graph over several systems', () => {
  it('is one Mermaid flowchart with a subgraph per system and keys that never collide', async () => {
    const { code, stdout } = await runCli(['graph'], examples);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart TD');
    expect(lines.filter((line) => line.startsWith('flowchart'))).toHaveLength(1);
    const systems = lines.filter((line) => /^ {2}subgraph s\d+\[/.test(line));
    expect(systems).toHaveLength(10);
    // Every subgraph is closed, and every node is declared once in the whole document.
    expect(lines.filter((line) => /^\s*subgraph /.test(line)).length).toBe(lines.filter((line) => /^\s*end$/.test(line)).length);
    const declared = lines.flatMap((line) => /^\s+(s\d+_[a-z]+\d+)[[(]/.exec(line)?.[1] ?? []);
    expect(new Set(declared).size).toBe(declared.length);
    // Edges only join nodes of the same system.
    for (const line of lines.filter((each) => /-->|==>|-\.->|<-->/.test(each))) {
      const ends = [...line.matchAll(/\b(s\d+)_/g)].map((match) => match[1]);
      expect(new Set(ends).size, line).toBe(1);
    }
  });

  it('is one digraph with a cluster per system', async () => {
    const { stdout } = await runCli(['graph', '--format', 'dot'], examples);
    expect(stdout.startsWith('digraph "coordlint" {\n')).toBe(true);
    expect(stdout.match(/^digraph /gm)).toHaveLength(1);
    expect(stdout.match(/^ {2}subgraph "cluster_s\d+" \{$/gm)).toHaveLength(10);
    expect(stdout.split('{').length).toBe(stdout.split('}').length);
  });

  it('selects one system with --system, and names the closest on a typo', async () => {
    const { stdout } = await runCli(['graph', '--system', 'support-desk'], examples);
    expect(stdout.startsWith('%% support-desk\nflowchart TD\n')).toBe(true);
    expect(await runCli(['graph', '--system', 'suport-desk'], examples)).toEqual({ code: 2, stdout: '', stderr: "coordlint: no system 'suport-desk' (did you mean 'support-desk'?)\n" });
    const review = await runCli(['review', '--system', 'support-desk'], examples);
    expect(review.stdout.match(/^## System: /gm)).toEqual(['## System: ']);
  });
});
