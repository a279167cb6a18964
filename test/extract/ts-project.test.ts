import { describe, expect, it, vi } from 'vitest';
import { calleeName, forEachDescendantOf, lineAndColumnOf, TsProgram, type Node } from '../../src/extract/ts/project.js';
import { packageSpecifier } from '../../src/extract/ts/resolve.js';
import { lintSources } from '../../src/lint.js';
import { dedent } from '../helpers/dedent.js';
import { recommended } from '../helpers/run.js';

const SOURCE = dedent(`
  import { Agent, run } from '@openai/agents';
  const a = new Agent({ name: 'a', tools: [make(() => run(a, 'x'))] });
  function outer() {
    const inner = () => run(a, 'y');
    return inner() && run(a, 'z');
  }
`);

function parse(): { program: TsProgram; source: Node } {
  const program = new TsProgram([{ path: 'src/a.ts', text: SOURCE }]);
  const source = program.file('src/a.ts');
  if (!source) throw new Error('the sample does not parse');
  return { program, source };
}

describe('forEachDescendantOf', () => {
  it('visits the nodes of the kinds asked for, in the order of a full walk, as the same wrappers', () => {
    const { program, source } = parse();
    const { SyntaxKind: K } = program.morph;
    const kinds = new Set([K.CallExpression, K.NewExpression]);
    const expected: Node[] = [];
    source.forEachDescendant((node) => {
      if (kinds.has(node.getKind())) expected.push(node);
    });
    const visited: Node[] = [];
    forEachDescendantOf(source, [...kinds], (node) => {
      visited.push(node);
    });
    expect(visited.map((node) => node.getText())).toEqual(expected.map((node) => node.getText()));
    expect(visited.every((node, index) => node === expected[index])).toBe(true);
    expect(visited.map((node) => node.getText())).toEqual([
      "new Agent({ name: 'a', tools: [make(() => run(a, 'x'))] })",
      "make(() => run(a, 'x'))",
      "run(a, 'x')",
      "run(a, 'y')",
      'inner()',
      "run(a, 'z')",
    ]);
  });

  it('leaves out the descendants of a skipped node and ends at stop', () => {
    const { program, source } = parse();
    const { SyntaxKind: K } = program.morph;
    const skipped: string[] = [];
    forEachDescendantOf(source, [K.ArrowFunction, K.CallExpression], (node) => {
      if (node.getKind() === K.ArrowFunction) return 'skip';
      skipped.push(node.getText());
      return undefined;
    });
    expect(skipped).toEqual(["make(() => run(a, 'x'))", 'inner()', "run(a, 'z')"]);
    const stopped: string[] = [];
    forEachDescendantOf(source, [K.CallExpression], (node) => {
      stopped.push(node.getText());
      return stopped.length === 2 ? 'stop' : undefined;
    });
    expect(stopped).toEqual(["make(() => run(a, 'x'))", "run(a, 'x')"]);
  });

  it('wraps only the nodes that pass the compiler-level test, and still walks below the others', () => {
    const { program, source } = parse();
    const { SyntaxKind: K } = program.morph;
    const visited: string[] = [];
    forEachDescendantOf(source, [K.CallExpression], (node) => {
      visited.push(node.getText());
    }, (node) => calleeName(node) === 'run');
    expect(visited).toEqual(["run(a, 'x')", "run(a, 'y')", "run(a, 'z')"]);
  });
});

describe('lineAndColumnOf', () => {
  it('gives the line and column ts-morph gives, with \\n, \\r\\n and a lone \\r in the text', () => {
    const text = "import { run } from '@openai/agents';\r\nconst a = 1;\rconst b = run(a);\n\n  export const c = run(b);\n";
    const program = new TsProgram([{ path: 'src/lines.ts', text }]);
    const source = program.file('src/lines.ts');
    if (!source) throw new Error('the sample does not parse');
    const nodes: Node[] = [];
    forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression, program.morph.SyntaxKind.VariableDeclaration], (node) => {
      nodes.push(node);
    });
    expect(nodes).toHaveLength(5);
    for (const node of nodes) expect(lineAndColumnOf(node)).toEqual(source.getLineAndColumnAtPos(node.getStart()));
    expect(nodes.map((node) => lineAndColumnOf(node))).toEqual([
      { line: 2, column: 7 },
      { line: 2, column: 7 },
      { line: 2, column: 11 },
      { line: 4, column: 16 },
      { line: 4, column: 20 },
    ]);
  });
});

describe('what code extraction parses', () => {
  it('parses the files that mention a framework and the files their agents are imported from, nothing else', () => {
    const parsed = vi.spyOn(TsProgram.prototype, 'file');
    try {
      const result = lintSources(
        [
          { path: 'src/desk.ts', text: "import { Agent } from '@openai/agents';\nimport { archivist } from './archivist.js';\nexport const desk = new Agent({ name: 'desk', handoffs: [archivist] });\n" },
          { path: 'src/archivist.ts', text: "import { Agent } from '@openai/agents';\nexport const archivist = new Agent({ name: 'archivist' });\n" },
          { path: 'src/format.ts', text: 'export const title = (text: string) => text.toUpperCase();\n' },
          { path: 'src/clock.ts', text: "import { title } from './format.js';\nexport const stamp = () => title(new Date().toISOString());\n" },
        ],
        recommended(),
      );
      expect(result.systems.map((system) => system.model.agents.map((agent) => agent.id).sort())).toEqual([['archivist', 'desk']]);
      expect([...new Set(parsed.mock.calls.map(([path]) => path))].sort()).toEqual(['src/archivist.ts', 'src/desk.ts']);
    } finally {
      parsed.mockRestore();
    }
  });

  it('follows an import to a file without a framework only when an agent reference leads there', () => {
    const parsed = vi.spyOn(TsProgram.prototype, 'file');
    try {
      lintSources(
        [
          { path: 'src/desk.ts', text: "import { Agent } from '@openai/agents';\nimport { team } from './team.js';\nexport const desk = new Agent({ name: 'desk', handoffs: team });\n" },
          { path: 'src/team.ts', text: "import { archivist } from './archivist.js';\nexport const team = [archivist];\n" },
          { path: 'src/archivist.ts', text: "import { Agent } from '@openai/agents';\nexport const archivist = new Agent({ name: 'archivist' });\n" },
          { path: 'src/unrelated.ts', text: "import { team } from './team.js';\nexport const size = team.length;\n" },
        ],
        recommended(),
      );
      expect([...new Set(parsed.mock.calls.map(([path]) => path))].sort()).toEqual(['src/archivist.ts', 'src/desk.ts', 'src/team.ts']);
    } finally {
      parsed.mockRestore();
    }
  });
});

describe('packageSpecifier', () => {
  it('reads Deno and CDN names of a package as the package, without its version', () => {
    expect(packageSpecifier('https://esm.sh/@openai/agents@0.3.2?target=deno')).toBe('@openai/agents');
    expect(packageSpecifier('npm:@openai/agents@0.3.2')).toBe('@openai/agents');
    expect(packageSpecifier('npm:@mastra/core@0.10/agent')).toBe('@mastra/core/agent');
    expect(packageSpecifier('https://cdn.jsdelivr.net/npm/@langchain/langgraph@0.2.0/prebuilt')).toBe('@langchain/langgraph/prebuilt');
    expect(packageSpecifier('https://esm.sh/v135/zod@3.23.8')).toBe('zod');
    expect(packageSpecifier('jsr:@std/path@1')).toBe('@std/path');
  });

  it('leaves package names, relative paths and other URLs as written', () => {
    expect(packageSpecifier('@openai/agents')).toBe('@openai/agents');
    expect(packageSpecifier('./tools.ts')).toBe('./tools.ts');
    expect(packageSpecifier('https://example.com/lib/agents.ts')).toBe('https://example.com/lib/agents.ts');
  });
});
