import { describe, expect, it } from 'vitest';
import { forEachDescendantOf, TsProgram, type Node } from '../../src/extract/ts/project.js';
import { dedent } from '../helpers/dedent.js';

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
});
