import { dirname, join, normalize } from 'node:path/posix';
import type * as TsMorph from 'ts-morph';
import type { Location } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { AliasResolver, PROJECT_CONFIG } from './aliases.js';
import { codeCacheFolderFor, requireWithCodeCache } from '../../code-cache.js';

export type Morph = typeof TsMorph;
export type Node = TsMorph.Node;
export type TsSourceFile = TsMorph.SourceFile;
/** A call or a `new` expression: what constructs an agent, a graph or a tool. */
export type Construction = TsMorph.CallExpression | TsMorph.NewExpression;

let loaded: Morph | undefined;

/**
 * ts-morph, loaded on first use: loading it costs about a quarter of a second (less with the
 * build's code caches), so a run over manifests and configs alone never pays for it. It parses
 * the code we read; nothing is executed.
 */
export function loadTsMorph(): Morph {
  // With the code caches the build records (dist/code-cache; none in a run from the sources).
  // Safe: ts-morph's CommonJS entry exports exactly the module its type declarations describe.
  loaded ??= requireWithCodeCache(import.meta.url, 'ts-morph', codeCacheFolderFor(import.meta.url)).exports as Morph;
  return loaded;
}

/** True once ts-morph has been loaded in this process (the speed tests check it stays unloaded). */
export function isTsMorphLoaded(): boolean {
  return loaded !== undefined;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The file a relative import specifier points at among the paths `exists` knows (`./a.js` →
 * `a.ts`, `./dir` → `dir/index.ts`); undefined for a package import or a file not there.
 */
export function resolveRelativeImport(fromFile: string, specifier: string, exists: (path: string) => boolean): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return resolveModulePath(normalize(join(dirname(normalize(fromFile)), specifier)), exists);
}

/** The file a module path without its extension stands for, as TypeScript looks for it. */
function resolveModulePath(written: string, exists: (path: string) => boolean): string | undefined {
  // `'../tools/xibo-agent/'`: a folder written with its slash is its index.
  const base = written.length > 1 ? written.replace(/\/+$/, '') : written;
  const stem = base.replace(/\.(m|c)?jsx?$/, '');
  const candidates = [base, ...EXTENSIONS.map((extension) => `${stem}${extension}`), ...EXTENSIONS.map((extension) => `${base}/index${extension}`)];
  return candidates.find(exists);
}

/**
 * Resolves import specifiers among the run's code files: relative ones, and those the run's
 * project configurations map (`paths`, `baseUrl`). Returns the file, and the configuration that
 * mapped it when one did.
 */
export class ModuleResolver {
  private readonly aliases: AliasResolver;

  constructor(
    configs: ReadonlyArray<{ path: string; text: string }>,
    private readonly exists: (path: string) => boolean,
  ) {
    this.aliases = new AliasResolver(configs);
  }

  resolve(fromFile: string, specifier: string): { target: string; config?: string } | undefined {
    if (specifier.startsWith('.')) {
      const target = resolveRelativeImport(fromFile, specifier, this.exists);
      return target === undefined ? undefined : { target };
    }
    return this.aliases.resolve(fromFile, specifier, this.exists, (base) => resolveModulePath(base, this.exists));
  }
}

/**
 * The code files of one run in one in-memory ts-morph project. Files are parsed only when asked
 * for (the framework files, and what they import), never from disk, and never run.
 */
export class TsProgram {
  readonly morph: Morph;
  private readonly project: TsMorph.Project;
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, TsSourceFile | null>();
  private readonly called = new Map<string, Set<string>>();
  private readonly modules: ModuleResolver;
  readonly problems: Array<{ file: string; message: string; location: Location }> = [];

  constructor(files: readonly SourceFile[]) {
    this.morph = loadTsMorph();
    this.project = new this.morph.Project({
      useInMemoryFileSystem: true,
      skipAddingFilesFromTsConfig: true,
      skipFileDependencyResolution: true,
      compilerOptions: { allowJs: true, jsx: this.morph.ts.JsxEmit.Preserve, noLib: true },
    });
    const configs: SourceFile[] = [];
    for (const file of files) {
      if (PROJECT_CONFIG.test(file.path)) configs.push(file);
      else this.texts.set(normalize(file.path), file.text);
    }
    this.modules = new ModuleResolver(configs, (path) => this.texts.has(path));
  }

  /** The parsed file at this path, or undefined when it is not one of the run's files or does not parse. */
  file(path: string): TsSourceFile | undefined {
    const key = normalize(path);
    if (this.parsed.has(key)) return this.parsed.get(key) ?? undefined;
    const text = this.texts.get(key);
    if (text === undefined) return undefined;
    const source = this.parse(key, text);
    // Safe: every TypeScript SourceFile node carries the syntax errors of its parse in
    // `parseDiagnostics`; reading them avoids building a program and a type checker.
    const diagnostics = (source.compilerNode as unknown as { parseDiagnostics?: TsMorph.ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    const first = diagnostics[0];
    if (first) {
      const { line, character } = source.compilerNode.getLineAndCharacterOfPosition(first.start);
      this.problems.push({
        file: key,
        message: `cannot parse: ${this.morph.ts.flattenDiagnosticMessageText(first.messageText, ' ')}`,
        location: { file: key, line: line + 1, column: character + 1 },
      });
      this.parsed.set(key, null);
      return undefined;
    }
    this.parsed.set(key, source);
    return source;
  }

  /**
   * Parses a file with the compiler and hands the tree to ts-morph, as its createSourceFile would
   * (the byte order mark left out), with JSDoc comments left unparsed: no reader looks at them,
   * and on a documented code base they are a good part of the parse.
   */
  private parse(key: string, text: string): TsSourceFile {
    const { ts } = this.morph;
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const compiled = ts.createSourceFile(virtualPath(key), body, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true);
    // Safe: ts-morph's project keeps its node factory in `_context.compilerFactory`; its
    // getSourceFile wraps a compiler SourceFile and registers it, which is what createSourceFile
    // does after parsing (without the language-service document registry we never use).
    const factory = (this.project as unknown as { _context: { compilerFactory: { getSourceFile(file: TsMorph.ts.SourceFile, options: { markInProject: boolean }): TsSourceFile } } })._context.compilerFactory;
    return factory.getSourceFile(compiled, { markInProject: true });
  }

  /** Every path of the run, parsed or not. */
  paths(): string[] {
    return [...this.texts.keys()];
  }

  text(path: string): string | undefined {
    return this.texts.get(normalize(path));
  }

  /**
   * The names a file's text calls (`name(` anywhere, comments and strings included): a cheap test,
   * made once per file, of whether it may call a function, before it is parsed.
   */
  calledNames(path: string): ReadonlySet<string> {
    const key = normalize(path);
    let names = this.called.get(key);
    if (names === undefined) {
      names = new Set<string>();
      for (const match of (this.texts.get(key) ?? '').matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) names.add(match[1] as string);
      this.called.set(key, names);
    }
    return names;
  }

  /** The run's file an import specifier points at: relative (`./a.js` → `a.ts`), or mapped by a project configuration (`@/agents/a`). */
  resolveImport(fromFile: string, specifier: string): string | undefined {
    return this.modules.resolve(fromFile, specifier)?.target;
  }

  /** Parsed files, in path order. */
  parsedFiles(): TsSourceFile[] {
    return [...this.parsed.entries()]
      .filter((entry): entry is [string, TsSourceFile] => entry[1] !== null)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, source]) => source);
  }
}

/** The nearest function, arrow or method around a node; undefined at a file's top level. */
export function enclosingFunctionOf(program: TsProgram, node: Node): Node | undefined {
  const { Node: N } = program.morph;
  for (let at = node.getParent(); at; at = at.getParent()) {
    if (N.isFunctionDeclaration(at) || N.isArrowFunction(at) || N.isFunctionExpression(at) || N.isMethodDeclaration(at)) return at;
  }
  return undefined;
}

/** What a visitor of `forEachDescendantOf` returns: go on, skip the node's descendants, or stop. */
export type Traversal = void | 'skip' | 'stop';

/**
 * Calls `visit` for each descendant of `node` whose syntax kind is in `kinds`, in source order
 * (the order of ts-morph's `forEachDescendant`). The walk runs over the compiler's syntax tree
 * and wraps only the nodes asked for: ts-morph's own walk wraps every node it passes, which was
 * most of the time and memory of a run on a real repository. Each file is flattened once, with
 * its nodes listed by kind, so a walk visits only the nodes of the kinds asked for (every reader
 * walks every file, several times). Iterative, so deep nesting cannot overflow the stack.
 */
export function forEachDescendantOf(
  node: Node,
  kinds: readonly TsMorph.SyntaxKind[],
  visit: (node: Node) => Traversal,
  /** A test on the compiler node before it is wrapped: what fails it is passed over (its descendants are still walked). */
  accept?: (node: TsMorph.ts.Node) => boolean,
): void {
  const { tree, from, to } = descendantsOf(node);
  walkCandidates(node, tree, candidates(kinds.map((kind) => kindIndex(tree, kind)), from, to), visit, accept);
}

/**
 * Calls `visit` for each call below `node` whose callee ends with one of `names` (see
 * `calleeName`), in source order: the calls of a function looked up by name, read off an index
 * of each file's calls by callee name instead of a walk.
 */
export function forEachCallNamed(node: Node, names: Iterable<string>, visit: (node: Node) => Traversal): void {
  const { tree, from, to } = descendantsOf(node);
  const index = calleeIndex(tree);
  const lists: number[][] = [];
  for (const name of new Set(names)) {
    const list = index.get(name);
    if (list) lists.push(list);
  }
  walkCandidates(node, tree, candidates(lists, from, to), visit);
}

/** ts-morph's wrapper factory for a compiler node of the same file (not in its declarations). */
interface Wrapping {
  compilerNode: TsMorph.ts.Node;
  _getNodeFromCompilerNode(node: TsMorph.ts.Node): Node;
}

function walkCandidates(node: Node, tree: FlatTree, indices: readonly number[], visit: (node: Node) => Traversal, accept?: (node: TsMorph.ts.Node) => boolean): void {
  // Safe: every ts-morph node has `compilerNode` and the internal `_getNodeFromCompilerNode`,
  // which returns the cached wrapper of a node of its file (the one `forEachDescendant` gives).
  const wrapping = node as unknown as Wrapping;
  let skipUntil = -1;
  for (const index of indices) {
    if (index < skipUntil) continue;
    const current = tree.nodes[index] as TsMorph.ts.Node;
    if (accept !== undefined && !accept(current)) continue;
    const traversal = visit(wrapping._getNodeFromCompilerNode(current));
    if (traversal === 'stop') return;
    if (traversal === 'skip') skipUntil = tree.ends[index] as number;
  }
}

/** A file in source order (pre-order), with the index just past each node's own descendants. */
interface FlatTree {
  nodes: TsMorph.ts.Node[];
  ends: number[];
  /** Each node's `pos`, which never decreases in pre-order: a subtree is found by binary search. */
  starts: number[];
  /** The indices of the nodes of one kind, ascending; filled per kind when first asked for. */
  byKind: Map<number, number[]>;
  /** The indices of the calls by callee name, ascending; filled when first asked for. */
  byCallee?: Map<string, number[]>;
}

/** Whole files are walked by every reader, several times: their flat trees are kept with them. */
const flatFiles = new WeakMap<TsMorph.ts.Node, FlatTree>();

/** The flat tree of the file `node` is in, and the index range of `node`'s descendants in it. */
function descendantsOf(node: Node): { tree: FlatTree; from: number; to: number } {
  const compiler = (node as unknown as Wrapping).compilerNode;
  let root = compiler;
  while (root.parent !== undefined) root = root.parent;
  const tree = flatTree(root);
  if (compiler === root) return { tree, from: 0, to: tree.nodes.length };
  const at = indexOf(tree, compiler);
  if (at !== undefined) return { tree, from: at + 1, to: tree.ends[at] as number };
  // A node the file's walk does not reach (not expected): its own subtree, flattened on its own.
  const own = flatten(compiler);
  return { tree: own, from: 0, to: own.nodes.length };
}

/** The index of a node in its file's flat tree: the first with its `pos`, then along those that share it. */
function indexOf(tree: FlatTree, node: TsMorph.ts.Node): number | undefined {
  for (let index = lowerBound(tree.starts, node.pos); index < tree.nodes.length && tree.starts[index] === node.pos; index++) if (tree.nodes[index] === node) return index;
  return undefined;
}

function kindIndex(tree: FlatTree, kind: number): number[] {
  let list = tree.byKind.get(kind);
  if (list === undefined) {
    list = [];
    for (let index = 0; index < tree.nodes.length; index++) if ((tree.nodes[index] as TsMorph.ts.Node).kind === kind) list.push(index);
    tree.byKind.set(kind, list);
  }
  return list;
}

function calleeIndex(tree: FlatTree): Map<string, number[]> {
  if (tree.byCallee === undefined) {
    const byCallee = new Map<string, number[]>();
    for (const index of kindIndex(tree, loadTsMorph().SyntaxKind.CallExpression)) {
      const name = calleeName(tree.nodes[index] as TsMorph.ts.Node);
      if (name === undefined) continue;
      const list = byCallee.get(name);
      if (list) list.push(index);
      else byCallee.set(name, [index]);
    }
    tree.byCallee = byCallee;
  }
  return tree.byCallee;
}

/** The indices in [from, to) of the ascending lists, merged in ascending order. */
function candidates(lists: readonly number[][], from: number, to: number): number[] {
  const picked: number[] = [];
  for (const list of lists) {
    for (let index = lowerBound(list, from); index < list.length && (list[index] as number) < to; index++) picked.push(list[index] as number);
  }
  if (lists.length > 1) picked.sort((a, b) => a - b);
  return picked;
}

/** The first index of an ascending list whose value is not below `value` (the list's length when none is). */
function lowerBound(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A file's flat tree, made once. */
function flatTree(root: TsMorph.ts.Node): FlatTree {
  const cached = flatFiles.get(root);
  if (cached) return cached;
  const tree = flatten(root);
  flatFiles.set(root, tree);
  return tree;
}

/** The descendants of `root` in the order of ts-morph's `forEachDescendant`, iteratively. */
function flatten(root: TsMorph.ts.Node): FlatTree {
  const nodes: TsMorph.ts.Node[] = [];
  const ends: number[] = [];
  const starts: number[] = [];
  // A node to visit, or the index of a visited node whose descendants are all listed.
  const stack: Array<TsMorph.ts.Node | number> = [];
  const children: TsMorph.ts.Node[] = [];
  const collect = (child: TsMorph.ts.Node): void => {
    children.push(child);
  };
  const pushChildren = (parent: TsMorph.ts.Node): void => {
    children.length = 0;
    parent.forEachChild(collect);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index] as TsMorph.ts.Node);
  };
  pushChildren(root);
  while (stack.length > 0) {
    const current = stack.pop() as TsMorph.ts.Node | number;
    if (typeof current === 'number') {
      ends[current] = nodes.length;
      continue;
    }
    stack.push(nodes.length);
    nodes.push(current);
    ends.push(0);
    starts.push(current.pos);
    pushChildren(current);
  }
  return { nodes, ends, starts, byKind: new Map() };
}

/**
 * The name a call's callee ends with (`f` in `f()`, `create` in `Agent.create()`), unescaped,
 * read off the compiler node without wrapping it; undefined for other callees. A test on it can
 * only pass more calls than the same test on ts-morph's `getName()` (the name as written).
 */
export function calleeName(call: TsMorph.ts.Node): string | undefined {
  const { ts } = loadTsMorph();
  if (!ts.isCallExpression(call)) return undefined;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text;
  return undefined;
}

/**
 * True when a call's or `new`'s callee can name an import of its file: an imported identifier
 * (`f()`, `new A()`), or a member of one (`ns.f()`, `new ns.A()`). `imported` holds the file's
 * imports by local name as written.
 */
export function hasImportedCallee(call: TsMorph.ts.Node, imported: ReadonlyMap<string, unknown>): boolean {
  const { ts } = loadTsMorph();
  if (!ts.isCallExpression(call) && !ts.isNewExpression(call)) return false;
  // `new (StateGraph as any)(State)`: a cast in parentheses keeps the callee.
  let callee: TsMorph.ts.Expression = call.expression;
  for (let hops = 0; hops < 4 && (ts.isParenthesizedExpression(callee) || ts.isAsExpression(callee) || ts.isNonNullExpression(callee) || ts.isTypeAssertionExpression(callee)); hops++) callee = callee.expression;
  const head = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  return ts.isIdentifier(head) && imported.has(head.getText(call.getSourceFile()));
}

/** The callee of a call of a plain identifier (`run(…)`, not `runner.run(…)`), as written. */
export function plainCalleeText(call: TsMorph.ts.Node): string | undefined {
  const { ts } = loadTsMorph();
  return ts.isCallExpression(call) && ts.isIdentifier(call.expression) ? call.expression.getText(call.getSourceFile()) : undefined;
}

/** The wrapper of a compiler node from the same file as `near`. */
export function wrapCompilerNode(near: Node, compilerNode: TsMorph.ts.Node): Node {
  // Safe: see `Wrapping`; the wrapper is the one ts-morph's own accessors return for the node.
  return (near as unknown as Wrapping)._getNodeFromCompilerNode(compilerNode);
}

/** The relative path of a parsed file (without the leading slash of the in-memory file system). */
export function pathOf(node: Node): string {
  return runPath(node.getSourceFile().getFilePath());
}

/**
 * Where a run's file lives in the in-memory file system: its path under the root, with the
 * leading `..` of a file outside the working folder kept as a folder name (the file system would
 * otherwise fold `/../x` into `/x`, and the file would lose its own path).
 */
function virtualPath(path: string): string {
  return `/${path.replace(/^((?:\.\.\/)+)/, (ups: string) => ups.replaceAll('../', `${PARENT}/`))}`;
}

/** The run's own path of an in-memory file (the inverse of `virtualPath`). */
export function runPath(filePath: string): string {
  return filePath.replace(/^\//, '').replace(new RegExp(`^((?:${PARENT}/)+)`), (ups: string) => ups.replaceAll(`${PARENT}/`, '../'));
}

const PARENT = '__parent__';

/** A node's start as a 1-based location. */
export function locationOf(node: Node): Location {
  const { line, column } = lineAndColumnOf(node);
  return { file: pathOf(node), line, column };
}

/** The offsets of every `\n` of a file's text, kept beside its compiler node. */
const newlineOffsets = new WeakMap<TsMorph.ts.Node, number[]>();

/**
 * A node's 1-based line and column, as ts-morph's `getLineAndColumnAtPos` gives them (lines
 * counted at `\n`; the column from the last `\n` or `\r`), with the line found by binary
 * search in the file's newline offsets: ts-morph counts newlines from the top of the file for
 * every call, which made locations quadratic in a large file.
 */
export function lineAndColumnOf(node: Node): { line: number; column: number } {
  const source = node.getSourceFile();
  const text = source.getFullText();
  const position = node.getStart();
  let offsets = newlineOffsets.get(source.compilerNode);
  if (!offsets) {
    offsets = [];
    for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) offsets.push(index);
    newlineOffsets.set(source.compilerNode, offsets);
  }
  const low = lowerBound(offsets, position);
  let lineStart = position;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  return { line: low + 1, column: position - lineStart + 1 };
}

/** The variable a value is assigned to (`const graph = …`, `export const graph = builder.compile()`). */
export function assignedName(program: TsProgram, node: Node): string | undefined {
  const { Node: N } = program.morph;
  for (let current: Node | undefined = node.getParent(); current; current = current.getParent()) {
    if (N.isVariableDeclaration(current)) return current.getName();
    if (N.isPropertyAccessExpression(current) || N.isCallExpression(current) || N.isAwaitExpression(current) || N.isParenthesizedExpression(current) || N.isAsExpression(current)) continue;
    return undefined;
  }
  return undefined;
}

/** Names code gives to anything (`graph`, `app`, `main`): they say nothing about which system. */
const GENERIC_NAMES = new Set(['graph', 'app', 'agent', 'workflow', 'builder', 'compiled', 'compiledgraph', 'main', 'run', 'handler', 'default', 'index', 'runner', 'chain', 'supervisor', 'swarm']);

/** True when a name says nothing about which system it is. */
export function isGenericName(name: string): boolean {
  return GENERIC_NAMES.has(name.toLowerCase().replace(/[^a-z]/g, ''));
}

/**
 * What a file calls its system when its code gives only a generic name: the file's base name, or
 * its folder's when the file is an `index`/`graph`/`agent` file (`src/agents/reflection/index.ts`
 * → `reflection`). The same whether the whole repository or the one file is linted.
 */
export function fileSystemName(path: string): string {
  const parts = path.split('/').filter((part) => part !== '' && part !== '.' && part !== '..');
  const base = (parts[parts.length - 1] ?? 'code').replace(/\.[cm]?[jt]sx?$/, '');
  if (!isGenericName(base)) return base;
  const folder = parts[parts.length - 2];
  return folder !== undefined && folder !== 'src' ? folder : base;
}
