import { createRequire } from 'node:module';
import type * as TreeSitter from 'web-tree-sitter';

/** A parsed Python syntax node (tree-sitter). */
export type PyNode = TreeSitter.Node;

let parser: TreeSitter.Parser | undefined;
let loading: Promise<void> | undefined;

/** True once the Python grammar has started loading in this process (the lazy-loading tests check it). */
export function isPythonLoaded(): boolean {
  return loading !== undefined;
}

/**
 * Loads the Python grammar (web-tree-sitter with the tree-sitter-python WebAssembly build, both
 * from the npm registry; nothing is downloaded at run time). Loading is asynchronous, so the
 * pipeline calls this before extraction when a Python file is among the inputs; it costs about
 * 20 ms and runs once per process.
 */
export function preparePython(): Promise<void> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    // Safe: the CommonJS entry of web-tree-sitter exports the classes its declarations describe.
    const { Parser, Language } = require('web-tree-sitter') as typeof TreeSitter;
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
  })();
  return loading;
}

/** The Python parser, once `preparePython` has finished; undefined before. */
export function pythonParser(): TreeSitter.Parser | undefined {
  return parser;
}

/** Children of a node that are named (no punctuation). */
export function namedChildren(node: PyNode): PyNode[] {
  return node.namedChildren.filter((child): child is PyNode => child !== null);
}

/** Every descendant of a node, depth first, without recursion. */
export function descendants(node: PyNode): PyNode[] {
  const found: PyNode[] = [];
  const stack: PyNode[] = [...namedChildren(node)].reverse();
  while (stack.length > 0) {
    const current = stack.pop() as PyNode;
    found.push(current);
    stack.push(...[...namedChildren(current)].reverse());
  }
  return found;
}
