import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeNestingProblem, deepestPoint, MAX_CODE_NESTING, MAX_DATA_NESTING, syntaxOf } from '../../src/extract/nesting.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every file under a folder whose syntax the scan knows, with its text. */
function files(folder: string): Array<{ path: string; text: string }> {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|py|ya?ml|json|md)$/.test(entry.name))
    .map((entry) => {
      const path = relative(ROOT, join(entry.parentPath, entry.name));
      return { path, text: readFileSync(join(ROOT, path), 'utf8') };
    });
}

describe('the nesting scan', () => {
  it('finds nothing deep in real files: every fixture and coordlint’s own code, even at a limit of 20', () => {
    const real = [...files('fixtures'), ...files('src'), ...files('rules'), ...files('test')];
    expect(real.length).toBeGreaterThan(300);
    const deep = real.filter((file) => deepestPoint(file.path, file.text, syntaxOf(file.path), 20) !== undefined).map((file) => file.path);
    expect(deep).toEqual([]);
  });

  it('counts levels exactly, and places the first one past the limit', () => {
    expect(deepestPoint('a.json', '[[[1]]]', 'data', 3)).toBeUndefined();
    expect(deepestPoint('a.json', '[[[[1]]]]', 'data', 3)).toEqual({ location: { file: 'a.json', line: 1, column: 4 }, depth: 4 });
    expect(deepestPoint('a.yaml', 'a:\n  b:\n    c: 1\n', 'data', 3)).toBeUndefined();
    expect(deepestPoint('a.yaml', 'a:\n  b:\n    c: [1]\n', 'data', 3)).toEqual({ location: { file: 'a.yaml', line: 3, column: 8 }, depth: 4 });
    expect(deepestPoint('a.yaml', 'a:\n  b:\n    c:\n      d: 1\n', 'data', 3)).toEqual({ location: { file: 'a.yaml', line: 4, column: 7 }, depth: 4 });
    expect(deepestPoint('a.ts', 'f(g(h(1)))', 'code', 3)).toBeUndefined();
    expect(deepestPoint('a.ts', 'f(g(h(i(1))))', 'code', 3)).toEqual({ location: { file: 'a.ts', line: 1, column: 8 }, depth: 4 });
  });

  it('skips brackets in strings, comments, template literals and Python docstrings', () => {
    expect(deepestPoint('a.ts', "const s = '((((';\n// ((((\n/* ((((\n*/ const t = `((((${'('}`;", 'code', 2)).toBeUndefined();
    expect(deepestPoint('a.ts', "const s = 'a\\\nb';\nf(g(h(i(1))))", 'code', 3)).toEqual({ location: { file: 'a.ts', line: 3, column: 8 }, depth: 4 });
    // `${` opens a level of its own.
    expect(deepestPoint('a.ts', 'const t = `${f(g(h(1)))}`;', 'code', 3)).toEqual({ location: { file: 'a.ts', line: 1, column: 19 }, depth: 4 });
    expect(deepestPoint('a.py', 'x = """((((\n((((""" # ((((\ny = f"{((((}"\n', 'python', 2)).toBeUndefined();
    expect(deepestPoint('a.yaml', "a: \"[[[[\"\nb: '{{{{'\nc: it's [fine] # [[[[\n", 'data', 2)).toBeUndefined();
  });

  it('refuses agent code one bracket past the limit, and reads code with exactly the limit or many shallow brackets', () => {
    const head = "import { Agent } from '@openai/agents';\nconst x = ";
    const nested = (depth: number): string => `${head}${'('.repeat(depth)}1${')'.repeat(depth)};\n`;
    expect(codeNestingProblem({ path: 'a.ts', text: nested(MAX_CODE_NESTING) })).toBeUndefined();
    expect(codeNestingProblem({ path: 'a.ts', text: nested(MAX_CODE_NESTING + 1) })?.location).toEqual({ file: 'a.ts', line: 2, column: 11 + MAX_CODE_NESTING });
    // Many brackets side by side (past the count a quick check lets through) are still scanned, and shallow.
    expect(codeNestingProblem({ path: 'a.ts', text: `${head}[${'f(1), '.repeat(3 * MAX_CODE_NESTING)}];\n` })).toBeUndefined();
    expect(codeNestingProblem({ path: 'a.py', text: `x = ${'['.repeat(MAX_CODE_NESTING + 1)}${']'.repeat(MAX_CODE_NESTING + 1)}\n` })?.location.column).toBe(5 + MAX_CODE_NESTING);
  });

  it('keeps the limits SECURITY.md states', () => {
    expect([MAX_DATA_NESTING, MAX_CODE_NESTING]).toEqual([256, 1000]);
  });
});
