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

/** True for a Python module's path: a `.py` file, or a notebook whose code cells are read as one. */
export function isPythonModule(path: string): boolean {
  return path.endsWith('.py') || path.endsWith('.ipynb');
}

/** True for a plain Python source file, which another module of the run may import from. */
export function isImportablePython(path: string): boolean {
  return path.endsWith('.py');
}

/** What a call is assigned to, as written (`writer = AssistantAgent(...)` → `writer`, `self.llm = LLM()` → `self.llm`). */
export function assignedTo(call: PyNode): string | undefined {
  const parent = call.parent;
  return parent?.type === 'assignment' && same(parent.childForFieldName('right') ?? undefined, call) ? parent.childForFieldName('left')?.text : undefined;
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

/** How many assignments, returns and calls are followed to find what an expression holds. */
const MAX_HOPS = 8;

export function keywordArguments(call: PyNode): Map<string, PyNode> {
  const result = new Map<string, PyNode>();
  const list = call.childForFieldName('arguments');
  for (const argument of list ? namedChildren(list) : []) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (name && value) result.set(name, value);
  }
  return result;
}

export function listItems(node: PyNode | undefined): PyNode[] {
  // A comment between the items (`context=[  # keeps the order`) is no item.
  return node && node.type === 'list' ? namedChildren(node).filter((item) => item.type !== 'comment') : [];
}

export function unquote(text: string): string {
  return text.replace(/^[rbuf]*("""|'''|["'])/i, '').replace(/("""|'''|["'])$/, '');
}

/**
 * A model named by a setting rather than written out (`ChatOllama(model=CFG["chat_model"])`,
 * `OllamaChatCompletionClient(model=OLLAMA_MODEL)`): named by the call and the setting, so agents on
 * clients built alike share it, and kept short.
 */
export function modelBySetting(client: PyNode, model: PyNode): string {
  return `${calleeName(client) ?? 'model'}(${model.text.replace(/\s+/g, ' ').slice(0, 60)})`;
}

/** The name a call is made by: `Agent(...)`, `crewai.Agent(...)` → `Agent`. */
export function calleeName(call: PyNode): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.text.split('.').pop();
}

/** Whether two nodes are the same (tree-sitter hands out a new object at each access), or both absent. */
export function same(a: PyNode | undefined, b: PyNode | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.tree === b.tree && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
}

export function enclosing(node: PyNode, type: string): PyNode | undefined {
  for (let at = node.parent; at; at = at.parent) if (at.type === type) return at;
  return undefined;
}

/** A function's parameters in order, with the default each is given (`def make(name, goal="g")`), `self` included. */
export function parametersOf(fn: PyNode): Array<{ name: string; fallback?: PyNode }> {
  return namedChildren(fn.childForFieldName('parameters') as PyNode)
    .filter((parameter) => parameter.type !== 'comment')
    .map((parameter) => {
      const name = (parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? namedChildren(parameter)[0]))?.text ?? '';
      const fallback = parameter.childForFieldName('value') ?? undefined;
      return fallback ? { name, fallback } : { name };
    });
}

/**
 * What a call passes for each parameter of the function it runs: by keyword, else by position,
 * else the parameter's default. A method called on its object (`self._make(…)`, `Helper().make(…)`)
 * is given `self` by Python, not by the call.
 */
export function boundParameters(call: PyNode, fn: PyNode): Map<string, PyNode | undefined> {
  const declared = parametersOf(fn);
  const method = enclosing(fn, 'class_definition') !== undefined && call.childForFieldName('function')?.type === 'attribute';
  const parameters = method ? declared.slice(1) : declared;
  const positional = namedChildren(call.childForFieldName('arguments') as PyNode).filter((argument) => argument.type !== 'keyword_argument' && argument.type !== 'comment');
  const named = keywordArguments(call);
  return new Map(parameters.map(({ name, fallback }, index) => [name, named.get(name) ?? positional[index] ?? fallback]));
}

/**
 * What plain Python names refer to: a local or module variable to what was last assigned to it
 * before the use (or unpacked into it), `self.x` to what the class assigns to it, a call of a
 * function or of `self.method()` to what it returns, a parameter to what every call in the module
 * passes when they agree, and, given the run's modules, a name imported from one of them to what
 * it holds there. Anything else stays unresolved.
 */
export class PyValues {
  private readonly assignments: PyNode[];
  private readonly functions: PyNode[];
  private readonly classes: PyNode[];
  /** `with X as name` and `async with X as name`: the context managers entered under a name. */
  private readonly withAliases: PyNode[];
  /** `from x import a as b`: local name → module as written and the name there; `*` for a star import. */
  private readonly imports = new Map<string, { module: string; name: string | undefined }>();
  private readonly starImports: string[] = [];

  /**
   * @param modules the run's other Python modules, so that a name imported from one of them
   *   (`from .agents import researcher`) is followed there; without it, imports stay unresolved.
   */
  constructor(readonly root: PyNode, readonly path = '', private readonly modules?: PyModules) {
    const all = descendants(root);
    this.assignments = all.filter((node) => node.type === 'assignment');
    this.functions = all.filter((node) => node.type === 'function_definition');
    this.classes = all.filter((node) => node.type === 'class_definition');
    this.withAliases = all.filter((node) => node.type === 'as_pattern' && node.parent?.type === 'with_item');
    for (const node of namedChildren(root)) {
      if (node.type === 'import_from_statement') {
        const module = node.childForFieldName('module_name')?.text ?? '';
        if (namedChildren(node).some((child) => child.type === 'wildcard_import')) this.starImports.push(module);
        for (const each of node.childrenForFieldName('name')) {
          if (!each) continue;
          const name = each.type === 'aliased_import' ? each.childForFieldName('name')?.text : each.text;
          const alias = each.type === 'aliased_import' ? each.childForFieldName('alias')?.text : each.text;
          if (name && alias) this.imports.set(alias, { module, name });
        }
      } else if (node.type === 'import_statement') {
        // `import pkg.agents as agents`: the name stands for the module.
        for (const each of node.childrenForFieldName('name')) {
          if (each?.type === 'aliased_import') {
            const module = each.childForFieldName('name')?.text;
            const alias = each.childForFieldName('alias')?.text;
            if (module && alias) this.imports.set(alias, { module, name: undefined });
          }
        }
      }
    }
  }

  /** Where a node of this module, or of a module it imports from, is written. */
  fileOf(node: PyNode): string {
    return this.modules?.valuesOf(node)?.path ?? this.path;
  }

  /** An identity for a node that holds across modules (start offsets repeat from file to file). */
  keyOf(node: PyNode): string {
    return `${this.fileOf(node)}:${node.startIndex}`;
  }

  /** What a module-level name of this module holds: an assignment, a function, a class, or what it imports under that name. */
  exported(name: string, depth = 0): PyNode | undefined {
    if (depth > 4) return undefined;
    const assigned = this.assignments.filter((each) => enclosing(each, 'function_definition') === undefined && enclosing(each, 'class_definition') === undefined && each.childForFieldName('left')?.text === name).at(-1);
    if (assigned) return assigned.childForFieldName('right') ?? undefined;
    const defined = this.functions.find((each) => enclosing(each, 'function_definition') === undefined && enclosing(each, 'class_definition') === undefined && each.childForFieldName('name')?.text === name);
    if (defined) return defined;
    const declared = namedChildren(this.root)
      .map((node) => (node.type === 'decorated_definition' ? node.childForFieldName('definition') : node))
      .find((node) => node?.type === 'class_definition' && node.childForFieldName('name')?.text === name);
    if (declared) return declared;
    return this.importedName(name, depth + 1);
  }

  /** The module a name is imported from (`from crewai_tools import CodeInterpreterTool` → `crewai_tools`). */
  importSource(name: string): string | undefined {
    return this.imports.get(name)?.module;
  }

  /**
   * The module a name comes from in the end, through modules of the run that only import it and
   * pass it on (`from .agent_base import AssistantAgent`, where agent_base has it `from autogen`).
   */
  importOrigin(name: string, depth = 0): string | undefined {
    const imported = this.imports.get(name);
    if (!imported) return undefined;
    if (depth > 4 || imported.name === undefined || !this.modules) return imported.module;
    const target = this.modules.resolve(this.path, imported.module);
    return target?.importOrigin(imported.name, depth + 1) ?? imported.module;
  }

  /** The names this module imports by name (`from x import a as b` → `b`). */
  importedNames(): string[] {
    return [...this.imports.keys()];
  }

  /** What a name this module imports from another module of the run holds there. */
  importedName(name: string, depth = 0): PyNode | undefined {
    if (!this.modules || depth > 4) return undefined;
    const imported = this.imports.get(name);
    if (imported) {
      if (imported.name === undefined) return undefined;
      const target = this.modules.resolve(this.path, imported.module);
      const found = target?.exported(imported.name, depth);
      if (found) return found;
      // `from . import agents`: the name is a module of the package.
      return undefined;
    }
    for (const module of this.starImports) {
      const found = this.modules.resolve(this.path, module)?.exported(name, depth);
      if (found) return found;
    }
    return undefined;
  }

  /** The module a name stands for (`from . import agents`, `import pkg.agents as agents`). */
  private importedModule(name: string): PyValues | undefined {
    const imported = this.imports.get(name);
    if (!imported || !this.modules) return undefined;
    if (imported.name === undefined) return this.modules.resolve(this.path, imported.module);
    if (this.modules.resolve(this.path, imported.module)?.exported(imported.name) !== undefined) return undefined;
    return this.modules.resolve(this.path, `${imported.module}${imported.module.endsWith('.') ? '' : '.'}${imported.name}`);
  }

  /** The expression `node` holds, followed through assignments and returns; undefined when it comes from a parameter or nowhere. */
  value(node: PyNode): PyNode | undefined {
    const { last, resolved } = this.follow(node);
    return resolved ? last : undefined;
  }

  /** The last expression reached following `node`, even when the chain ends at a name the file does not define (an import). */
  lastKnown(node: PyNode): PyNode {
    return this.follow(node).last;
  }

  /**
   * The call of a function of the run that `node` holds (`t1` → `make_task(alpha)` of
   * `t1 = make_task(alpha)`), with that function, before following into what it returns.
   */
  callThrough(node: PyNode): { call: PyNode; fn: PyNode } | undefined {
    let current = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      const values = this.modules?.valuesOf(current) ?? this;
      if (current.type === 'call') {
        const written = current.childForFieldName('function');
        const fn = written ? values.calledFunction(written, current) : undefined;
        return fn ? { call: current, fn } : undefined;
      }
      const next = values.step(current);
      if (next === undefined || next === current) return undefined;
      current = next;
    }
    return undefined;
  }

  /** Steps from `node` until a value (resolved) or a name nothing defines (not resolved), and where it stopped. */
  private follow(node: PyNode): { last: PyNode; resolved: boolean } {
    let current = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      // A node of another module is followed by that module's values.
      const next = (this.modules?.valuesOf(current) ?? this).step(current);
      if (next === undefined) return { last: current, resolved: false };
      if (next === current) return { last: current, resolved: true };
      current = next;
    }
    return { last: current, resolved: false };
  }

  /** One step: what a name, a `self.` attribute or a call of a function of the file stands for; the node itself when it is a value; undefined when unknown. */
  private step(node: PyNode): PyNode | undefined {
    if (node.type === 'parenthesized_expression' || node.type === 'await') return namedChildren(node)[0];
    if (node.type === 'identifier') {
      const found = this.assigned(node, (left) => left.type === 'identifier' && left.text === node.text) ?? this.unpacked(node) ?? this.entered(node) ?? (this.isParameter(node) ? this.passedIn(node) : this.importedName(node.text));
      // A function or class of another module stands as its name there, as one of this module does here (a name nothing assigns).
      return found?.type === 'function_definition' || found?.type === 'class_definition' ? (found.childForFieldName('name') ?? undefined) : found;
    }
    // `agents.researcher` where `agents` is a module of the run.
    if (node.type === 'attribute' && node.childForFieldName('object')?.type === 'identifier') {
      const module = this.importedModule(node.childForFieldName('object')?.text ?? '');
      const name = node.childForFieldName('attribute')?.text;
      const found = module && name ? module.exported(name) : undefined;
      if (found) return found.type === 'function_definition' || found.type === 'class_definition' ? (found.childForFieldName('name') ?? undefined) : found;
      if (module && name) return undefined;
    }
    if (node.type === 'attribute' && node.childForFieldName('object')?.text === 'self') {
      const cls = enclosing(node, 'class_definition');
      const name = node.text;
      const inClass = cls ? this.assignments.filter((each) => same(enclosing(each, 'class_definition'), cls) && each.childForFieldName('left')?.text === name) : [];
      // The last assignment before the use in its own method; else one that is more than a
      // placeholder (`self.agents = []` in `__init__`, filled in a setup method), else the first.
      const fn = enclosing(node, 'function_definition');
      const here = inClass.filter((each) => same(enclosing(each, 'function_definition'), fn) && each.startIndex < node.startIndex).at(-1);
      const placeholder = (each: PyNode): boolean => /^(\[\s*\]|\{\s*\}|None|list\(\)|dict\(\))$/.test(each.childForFieldName('right')?.text ?? '');
      const assigned = here ?? inClass.find((each) => !placeholder(each)) ?? inClass[0];
      return assigned?.childForFieldName('right') ?? undefined;
    }
    // `agents["researcher"]` of a dictionary written out.
    if (node.type === 'subscript' && node.childForFieldName('subscript')?.type === 'string') {
      const key = unquote(node.childForFieldName('subscript')?.text ?? '');
      const entry = this.dictionaryEntries(node.childForFieldName('value') ?? undefined)?.find((each) => each.key === key);
      if (entry) return entry.value;
    }
    if (node.type === 'call') {
      const fn = node.childForFieldName('function');
      const callee = fn ? this.calledFunction(fn, node) : undefined;
      if (!callee) return node;
      const returned = descendants(callee).find((each) => each.type === 'return_statement' && same(enclosing(each, 'function_definition'), callee));
      return returned ? namedChildren(returned)[0] : undefined;
    }
    return node;
  }

  /**
   * The entries of a dictionary written out (`{"researcher": Agent(…), …}`), with those a
   * `name["key"] = value` later in the module adds; undefined when it is not written out.
   */
  dictionaryEntries(node: PyNode | undefined, anyKeys = false): Array<{ key: string; value: PyNode }> | undefined {
    if (!node) return undefined;
    const dictionary = this.value(node);
    if (dictionary?.type !== 'dictionary') return undefined;
    const entries: Array<{ key: string; value: PyNode }> = [];
    for (const pair of namedChildren(dictionary)) {
      if (pair.type === 'comment') continue;
      if (pair.type !== 'pair') return undefined;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      // (Where only the values matter, a key computed from a constant, `AgentKeys.TUTOR.value`, keeps its text.)
      if (!value || !key || (key.type !== 'string' && !anyKeys)) return undefined;
      entries.push({ key: key.type === 'string' ? unquote(key.text) : key.text, value });
    }
    if (node.type === 'identifier') {
      for (const assignment of this.assignments) {
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        const index = left?.type === 'subscript' ? left.childForFieldName('subscript') : undefined;
        if (left?.type !== 'subscript' || left.childForFieldName('value')?.text !== node.text || index?.type !== 'string' || !right) continue;
        if (!same(enclosing(assignment, 'function_definition'), enclosing(node, 'function_definition'))) continue;
        const key = unquote(index.text);
        if (!entries.some((entry) => entry.key === key)) entries.push({ key, value: right });
      }
    }
    return entries;
  }

  /** Parameters (and unpackings) being followed, so that a function calling itself ends the search. */
  private readonly following = new Set<string>();

  private calls: Map<string, PyNode[]> | undefined;

  /** Calls of plain names in this module (`build(…)`), by name, found once. */
  private callsByName(): Map<string, PyNode[]> {
    if (this.calls) return this.calls;
    const calls = new Map<string, PyNode[]>();
    for (const node of descendants(this.root)) {
      const fn = node.type === 'call' ? node.childForFieldName('function') : undefined;
      if (fn?.type === 'identifier') calls.set(fn.text, [...(calls.get(fn.text) ?? []), node]);
    }
    this.calls = calls;
    return calls;
  }

  /**
   * What a parameter of a module-level function holds when every call of it in this module passes
   * the same thing (`_build_analyst(client, code_tool)` from two places, each `code_tool =
   * get_code_tool(…)`): the first call's argument; undefined when the calls differ or none is written.
   */
  private passedIn(use: PyNode): PyNode | undefined {
    const fn = enclosing(use, 'function_definition');
    const name = fn?.childForFieldName('name')?.text;
    if (!fn || !name || enclosing(fn, 'class_definition') !== undefined) return undefined;
    const parameters = namedChildren(fn.childForFieldName('parameters') as PyNode);
    const index = parameters.findIndex((parameter) => (parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? namedChildren(parameter)[0]))?.text === use.text);
    if (index < 0 || parameters[index]?.type === 'list_splat_pattern' || parameters[index]?.type === 'dictionary_splat_pattern') return undefined;
    const key = `${fn.startIndex}:${use.text}`;
    if (this.following.has(key)) return undefined;
    this.following.add(key);
    try {
      const calls = this.callsByName().get(name) ?? [];
      const passed = calls.map((call) => {
        const list = call.childForFieldName('arguments');
        const items = list ? namedChildren(list).filter((each) => each.type !== 'comment') : [];
        const keyword = items.find((each) => each.type === 'keyword_argument' && each.childForFieldName('name')?.text === use.text);
        if (keyword) return keyword.childForFieldName('value') ?? undefined;
        const positional = items[index];
        return positional && positional.type !== 'keyword_argument' && positional.type !== 'list_splat' && positional.type !== 'dictionary_splat' ? positional : undefined;
      });
      if (passed.length === 0 || passed.some((each) => each === undefined)) return undefined;
      const held = passed.map((each) => this.value(each as PyNode)?.text);
      return held.every((text) => text !== undefined && text === held[0]) ? passed[0] : undefined;
    } finally {
      this.following.delete(key);
    }
  }

  private isParameter(use: PyNode): boolean {
    const parameters = enclosing(use, 'function_definition')?.childForFieldName('parameters');
    return parameters !== null && parameters !== undefined && descendants(parameters).some((each) => each.type === 'identifier' && each.text === use.text);
  }

  /** The right-hand side last assigned before `use` to a name `matches` in its function, else at module level; undefined for a parameter. */
  private assigned(use: PyNode, matches: (left: PyNode) => boolean): PyNode | undefined {
    const fn = enclosing(use, 'function_definition');
    if (this.isParameter(use)) return undefined;
    const candidates = (scope: PyNode | undefined): PyNode[] =>
      this.assignments.filter((each) => same(enclosing(each, 'function_definition'), scope) && matches(each.childForFieldName('left') as PyNode));
    // The function's own names, else those of the functions around it (a closure), else the module's.
    let pool: PyNode[] = [];
    for (let scope = fn; scope && pool.length === 0; scope = enclosing(scope, 'function_definition')) pool = candidates(scope);
    if (pool.length === 0) pool = candidates(undefined);
    const before = pool.filter((each) => each.startIndex < use.startIndex);
    const chosen = (before.length > 0 ? before : pool).at(before.length > 0 ? -1 : 0);
    return chosen?.childForFieldName('right') ?? undefined;
  }

  /**
   * What `async with McpWorkbench(params) as bench` names `bench` inside the same function: the
   * context manager entered (a workbench, a client or a session enters as itself).
   */
  private entered(use: PyNode): PyNode | undefined {
    const fn = enclosing(use, 'function_definition');
    const pattern = this.withAliases.find((each) => each.startIndex < use.startIndex && same(enclosing(each, 'function_definition'), fn) && namedChildren(each).slice(1).some((alias) => alias.text === use.text));
    return pattern ? namedChildren(pattern)[0] : undefined;
  }

  /**
   * A name bound by unpacking (`writer, critic = build_agents()`, `a, b = x, y`): the item at its
   * place in the tuple the right-hand side holds, followed through a function that returns one.
   */
  private unpacked(use: PyNode): PyNode | undefined {
    if (this.isParameter(use)) return undefined;
    // `a, b = c` and `c, d = a`: a round of unpacking ends the search.
    const key = `unpack:${use.startIndex}`;
    if (this.following.has(key)) return undefined;
    this.following.add(key);
    try {
      return this.unpackedItem(use);
    } finally {
      this.following.delete(key);
    }
  }

  private unpackedItem(use: PyNode): PyNode | undefined {
    const fn = enclosing(use, 'function_definition');
    const placeIn = (left: PyNode | null): number => (left && (left.type === 'pattern_list' || left.type === 'tuple_pattern') ? namedChildren(left).findIndex((item) => item.type === 'identifier' && item.text === use.text) : -1);
    const pool = this.assignments.filter((each) => same(enclosing(each, 'function_definition'), fn) && placeIn(each.childForFieldName('left')) >= 0);
    const chosen = pool.filter((each) => each.startIndex < use.startIndex).at(-1) ?? pool[0];
    const right = chosen?.childForFieldName('right');
    if (!chosen || !right) return undefined;
    const place = placeIn(chosen.childForFieldName('left'));
    const whole = right.type === 'expression_list' || right.type === 'tuple' ? right : this.value(right);
    if (!whole || (whole.type !== 'expression_list' && whole.type !== 'tuple')) return undefined;
    const items = namedChildren(whole).filter((item) => item.type !== 'comment');
    return items.length === namedChildren(chosen.childForFieldName('left') as PyNode).length ? items[place] : undefined;
  }

  /** The values of the module a node is written in (this one, or another module of the run). */
  valuesFor(node: PyNode): PyValues {
    return this.modules?.valuesOf(node) ?? this;
  }

  /** The module-level function a name stands for (`tools=[run_query]`), in this file or imported from one of the run. */
  functionNamed(name: PyNode): PyNode | undefined {
    return name.type === 'identifier' ? this.calledFunction(name, name) : undefined;
  }

  /** The class a module-level `class Name` of this module defines, or one imported from the run. */
  classNamed(name: string): PyNode | undefined {
    const found = this.classes.find((each) => each.childForFieldName('name')?.text === name && enclosing(each, 'class_definition') === undefined) ?? this.importedName(name);
    return found?.type === 'class_definition' ? found : found?.parent?.type === 'class_definition' ? found.parent : undefined;
  }

  /** Method `name` of the class a call makes (`Team()`), a module-level class here or one imported from the run. */
  private methodOfMade(made: PyNode, name: string): PyNode | undefined {
    const written = made.childForFieldName('function');
    // (Also a class named through its module: `Planner.Planner(config)` after `from agents import Planner`.)
    const object = written?.type === 'attribute' ? written.childForFieldName('object') : undefined;
    const exported = object?.type === 'identifier' ? this.importedModule(object.text)?.exported(written?.childForFieldName('attribute')?.text ?? '') : undefined;
    const cls = written?.type === 'identifier' ? this.classNamed(written.text) : exported?.type === 'class_definition' ? exported : undefined;
    if (cls === undefined) return undefined;
    return namedChildren(cls.childForFieldName('body') as PyNode)
      .map((each) => (each.type === 'decorated_definition' ? each.childForFieldName('definition') : each))
      .find((each): each is PyNode => each?.type === 'function_definition' && each.childForFieldName('name')?.text === name);
  }

  /** The function a call runs when the file defines it: `make_crew()` at module level, `self.helper()` in the class. */
  private calledFunction(fn: PyNode, call: PyNode): PyNode | undefined {
    if (fn.type === 'identifier') {
      const local = this.functions.find((each) => enclosing(each, 'class_definition') === undefined && each.childForFieldName('name')?.text === fn.text);
      if (local) return local;
      const imported = this.importedName(fn.text);
      return imported?.type === 'function_definition' ? imported : undefined;
    }
    if (fn.type === 'attribute' && fn.childForFieldName('object')?.type === 'identifier' && fn.childForFieldName('object')?.text !== 'self') {
      const object = fn.childForFieldName('object') as PyNode;
      const name = fn.childForFieldName('attribute')?.text ?? '';
      const module = this.importedModule(object.text);
      if (module) {
        const found = module.exported(name);
        return found?.type === 'function_definition' ? found : undefined;
      }
      // `team.scout()` where `team = Team()` of a class of the run: that class's method. (`x = x.next()`
      // and longer rounds end the search.)
      const key = `method:${fn.startIndex}:${this.path}`;
      if (this.following.has(key)) return undefined;
      this.following.add(key);
      let made: PyNode | undefined;
      try {
        made = this.value(object);
      } finally {
        this.following.delete(key);
      }
      return made?.type === 'call' ? this.methodOfMade(made, name) : undefined;
    }
    // `ComplianceAgent().get_agent(client)`: the method of the class the call makes, here or imported.
    if (fn.type === 'attribute' && fn.childForFieldName('object')?.type === 'call') {
      return this.methodOfMade(fn.childForFieldName('object') as PyNode, fn.childForFieldName('attribute')?.text ?? '');
    }
    if (fn.type === 'attribute' && fn.childForFieldName('object')?.text === 'self') {
      const cls = enclosing(call, 'class_definition');
      const name = fn.childForFieldName('attribute')?.text;
      return this.functions.find((each) => same(enclosing(each, 'class_definition'), cls) && each.childForFieldName('name')?.text === name);
    }
    return undefined;
  }

  /**
   * What a name may hold when each branch of one `if`/`elif`/`else` assigns it (`coder =
   * AssistantAgent("coder")` or `AssistantAgent("slow_coder")`): every branch's value, in order;
   * else the node itself.
   */
  alternatives(node: PyNode): PyNode[] {
    if (node.type !== 'identifier' || this.isParameter(node)) return [node];
    const right = this.assigned(node, (left) => left.type === 'identifier' && left.text === node.text);
    const branch = right?.parent?.parent?.parent?.parent;
    const statement = branch?.type === 'if_statement' ? branch : branch?.type === 'elif_clause' || branch?.type === 'else_clause' ? branch.parent : undefined;
    if (right?.parent?.type !== 'assignment' || statement?.type !== 'if_statement') return [node];
    const blocks = [statement.childForFieldName('consequence'), ...namedChildren(statement).filter((child) => child.type === 'elif_clause' || child.type === 'else_clause').map((clause) => clause.childForFieldName('consequence') ?? clause.childForFieldName('body'))];
    const found = blocks.flatMap((block) => {
      const assigned = namedChildren(block ?? statement)
        .filter((each) => block !== null && each.type === 'expression_statement')
        .map((each) => namedChildren(each)[0])
        .filter((each): each is PyNode => each?.type === 'assignment' && each.childForFieldName('left')?.text === node.text)
        .at(-1);
      const value = assigned?.childForFieldName('right');
      return value ? [value] : [];
    });
    return found.length > 1 ? found : [node];
  }

  /**
   * What the code appends to a list assigned to a name (`tasks = []`, then `tasks.append(Task(…))`
   * in a loop, `tasks.extend([a, b])`) in the same function, in the order written: once each, however
   * often a loop runs it.
   */
  private appended(list: PyNode, depth: number, branches: boolean): PyNode[] {
    const found: PyNode[] = [];
    for (const { method, argument } of this.additions(list)) {
      if (method === 'append') found.push(argument);
      else found.push(...(this.items(argument, depth + 1, branches) ?? []));
    }
    return found;
  }

  /** The `append` and `extend` calls on a list assigned to a name, later in the same function, in order. */
  private additions(list: PyNode): Array<{ call: PyNode; method: 'append' | 'extend'; argument: PyNode }> {
    const assignment = list.parent;
    const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
    if (!assignment || left?.type !== 'identifier') return [];
    const scope = enclosing(assignment, 'function_definition') ?? this.root;
    const found: Array<{ call: PyNode; method: 'append' | 'extend'; argument: PyNode }> = [];
    for (const node of descendants(scope)) {
      if (node.type !== 'call' || node.startIndex < assignment.endIndex) continue;
      const fn = node.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== left.text || (method !== 'append' && method !== 'extend')) continue;
      // Not a list of the same name in a function nested further in.
      if ((enclosing(node, 'function_definition') ?? this.root).startIndex !== scope.startIndex) continue;
      const argument = namedChildren(node.childForFieldName('arguments') as PyNode).find((each) => each.type !== 'comment' && each.type !== 'keyword_argument');
      if (argument) found.push({ call: node, method, argument });
    }
    return found;
  }

  /**
   * True when what a list holds, and in what order, is picked at run time: it is filled in a loop
   * whose `if`/`elif` branches each add something else (`for name in plan: if name == "basis":
   * tasks.append(basis_task()) elif …`), so the loop's data decides which items come and when.
   */
  pickedAtRunTime(node: PyNode | undefined): boolean {
    const value = node ? this.value(node) : undefined;
    if (value?.type !== 'list') return false;
    const clauseOf = (call: PyNode): PyNode | undefined => {
      for (let at: PyNode | null = call.parent; at; at = at.parent) {
        if (at.type === 'function_definition') return undefined;
        if ((at.type === 'block' && at.parent?.type === 'if_statement') || at.type === 'elif_clause' || at.type === 'else_clause') return at;
      }
      return undefined;
    };
    const inLoop = (at: PyNode): boolean => {
      for (let up: PyNode | null = at.parent; up && up.type !== 'function_definition'; up = up.parent) if (up.type === 'for_statement' || up.type === 'while_statement') return true;
      return false;
    };
    const byStatement = new Map<number, Set<number>>();
    for (const { call } of this.additions(value)) {
      const clause = clauseOf(call);
      const statement = clause?.type === 'block' ? clause.parent : clause?.parent;
      if (!clause || !statement || !inLoop(statement)) continue;
      const clauses = byStatement.get(statement.startIndex) ?? new Set<number>();
      clauses.add(clause.startIndex);
      byStatement.set(statement.startIndex, clauses);
    }
    return [...byStatement.values()].some((clauses) => clauses.size > 1);
  }

  /** The items of a list an expression holds (through variables and `self.` attributes). */
  items(node: PyNode | undefined, depth = 0, branches = true): PyNode[] | undefined {
    if (!node || depth > 4) return undefined;
    const value = this.value(node);
    // A member chosen in an if/else may be either: each branch's value is an item (`branches`). A
    // list whose order matters (a crew's tasks) asks for none: a choice is one slot, as written.
    if (value?.type === 'list') {
      // `[*search_tools, writer]`: a spread list's items where they can be followed, else the spread as written.
      const spread = (item: PyNode): PyNode[] => (item.type === 'list_splat' ? (this.items(namedChildren(item)[0], depth + 1, branches) ?? [item]) : [item]);
      const written = namedChildren(value)
        .filter((item) => item.type !== 'comment')
        .flatMap(spread)
        .flatMap((item) => (branches ? this.alternatives(item) : [item]));
      return [...written, ...this.appended(value, depth, branches)];
    }
    if (value?.type === 'call') {
      const fn = value.childForFieldName('function');
      const args = namedChildren(value.childForFieldName('arguments') as PyNode);
      // `list(agents.values())`, `list(tasks)`: the items of what it copies.
      if (fn?.type === 'identifier' && fn.text === 'list' && args.length === 1) return this.items(args[0], depth + 1, branches);
      // `agents.values()` of a dictionary written out: its values, in order.
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'values' && args.length === 0) {
        const entries = this.dictionaryEntries(fn.childForFieldName('object') ?? undefined, true);
        return entries ? entries.map((entry) => entry.value) : undefined;
      }
    }
    // `[user_proxy] + assistants`: the items of both lists, in order.
    if (value?.type === 'binary_operator' && value.childForFieldName('operator')?.text === '+') {
      const left = this.items(value.childForFieldName('left') ?? undefined, depth + 1, branches);
      const right = this.items(value.childForFieldName('right') ?? undefined, depth + 1, branches);
      return left && right ? [...left, ...right] : undefined;
    }
    // `[a for a in [writer, critic] if a]`: a filter over a written list keeps its items.
    if (value?.type === 'list_comprehension') {
      const body = value.childForFieldName('body');
      const clause = namedChildren(value).find((child) => child.type === 'for_in_clause');
      const variable = clause?.childForFieldName('left');
      const source = clause?.childForFieldName('right');
      if (body && variable && source && body.text === variable.text) return this.items(source, depth + 1, branches);
    }
    return undefined;
  }
}

/**
 * The Python modules of one run, parsed once each when first needed, so that a name one module
 * imports from another (`from .agents import researcher`, `from crew.agents import *`, a package's
 * `__init__.py` re-exporting it) is followed to where it is defined. Modules outside the run (the
 * libraries) stay unresolved.
 */
export class PyModules {
  private readonly texts = new Map<string, string>();
  private readonly values = new Map<string, PyValues | null>();
  private readonly byTree = new Map<TreeSitter.Tree, PyValues>();

  constructor(files: ReadonlyArray<{ path: string; text: string }>) {
    for (const file of files) if (isPythonModule(file.path)) this.texts.set(file.path, file.text);
  }

  private readonly roots = new Map<string, PyNode | null>();

  /** The syntax tree of a module of the run (with any syntax errors in it), parsed on first use. */
  root(path: string): PyNode | undefined {
    let root = this.roots.get(path);
    if (root === undefined) {
      const text = this.texts.get(path);
      root = (text === undefined ? undefined : parser?.parse(text)?.rootNode) ?? null;
      this.roots.set(path, root);
    }
    return root ?? undefined;
  }

  /** The values of a module of the run; undefined when it does not parse cleanly. */
  module(path: string): PyValues | undefined {
    const known = this.values.get(path);
    if (known !== undefined) return known ?? undefined;
    const root = this.root(path);
    if (!root || root.hasError) {
      this.values.set(path, null);
      return undefined;
    }
    const values = new PyValues(root, path, this);
    this.values.set(path, values);
    this.byTree.set(root.tree, values);
    return values;
  }

  /** The values of the module a node was parsed from. */
  valuesOf(node: PyNode): PyValues | undefined {
    return this.byTree.get(node.tree);
  }

  /**
   * The module `from <name> import …` reads in `importer`: relative names against its folder;
   * absolute names as a file path ending in them (`crew.agents` → `…/crew/agents.py` or
   * `…/crew/agents/__init__.py`), the one sharing the longest folder with the importer.
   */
  resolve(importer: string, name: string): PyValues | undefined {
    const dots = /^\.*/.exec(name)?.[0].length ?? 0;
    const parts = name.slice(dots).split('.').filter((part) => part !== '');
    const folder = importer.split('/').slice(0, -1);
    if (dots > 0) {
      const base = folder.slice(0, Math.max(0, folder.length - (dots - 1)));
      if (dots - 1 > folder.length) return undefined;
      const stem = [...base, ...parts].join('/');
      for (const candidate of parts.length === 0 ? [`${stem}/__init__.py`] : [`${stem}.py`, `${stem}/__init__.py`]) if (this.texts.has(candidate)) return this.module(candidate);
      return undefined;
    }
    if (parts.length === 0) return undefined;
    const tail = parts.join('/');
    let best: string | undefined;
    let bestShared = -1;
    for (const path of this.texts.keys()) {
      if (!(path === `${tail}.py` || path.endsWith(`/${tail}.py`) || path === `${tail}/__init__.py` || path.endsWith(`/${tail}/__init__.py`))) continue;
      const other = path.split('/');
      let shared = 0;
      while (shared < folder.length && shared < other.length && folder[shared] === other[shared]) shared++;
      if (shared > bestShared || (shared === bestShared && best !== undefined && path < best)) {
        best = path;
        bestShared = shared;
      }
    }
    return best === undefined ? undefined : this.module(best);
  }
}
