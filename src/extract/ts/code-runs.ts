// Agents run by plain code (scripts, route handlers, manager classes): which code coordinates
// them, and the work it passes from one run to the next. Shared by the code readers.
import { escapeRegExp } from '../../model/index.js';
import type { GraphDraft } from '../fragment-builder.js';
import type { Node, TsProgram, TsSourceFile } from './project.js';
import { fileSystemName, forEachCallNamed, forEachDescendantOf, isGenericName, lineAndColumnOf, locationOf, pathOf } from './project.js';
import type { Resolver } from './resolve.js';

/** A run of an agent in code, or a call that stands for runs (a wrapper, a manager's own method). */
export interface RunSite {
  agent: { key: string };
  parallel: boolean;
  node: Node;
  /** A call of the class's own method that runs the agent: every argument is input. */
  viaMethod?: boolean;
  /** The call of a function that runs the agent inside it (a helper, a method): it stands for that run. */
  through?: boolean;
}

/**
 * In a manager class, a call of one of its own methods (`this.search(plan)`) stands for the
 * runs inside that method: its arguments are their input, its result their output.
 */
function methodCallSites(program: TsProgram, owner: Node, runs: readonly RunSite[]): RunSite[] {
  const { Node: N } = program.morph;
  if (!N.isClassDeclaration(owner)) return [];
  const byMethod = new Map<string, RunSite[]>();
  for (const run of runs) {
    const method = run.node.getFirstAncestor((ancestor) => N.isMethodDeclaration(ancestor));
    if (!method || !N.isMethodDeclaration(method)) continue;
    byMethod.set(method.getName(), [...(byMethod.get(method.getName()) ?? []), run]);
  }
  /** Calls of `this.<method>(…)`, with the method they sit in. */
  const calls: Array<{ node: Node; callee: string; within: string | undefined }> = [];
  forEachDescendantOf(owner, [program.morph.SyntaxKind.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (!N.isPropertyAccessExpression(callee) || callee.getExpression().getKind() !== program.morph.SyntaxKind.ThisKeyword) return;
    const within = node.getFirstAncestor((ancestor) => N.isMethodDeclaration(ancestor));
    calls.push({ node, callee: callee.getName(), within: within && N.isMethodDeclaration(within) ? within.getName() : undefined });
  });
  // A method that calls a running method runs its agents too (performSearches → search → run).
  for (let changed = true, rounds = 0; changed && rounds < 20; rounds++) {
    changed = false;
    for (const call of calls) {
      const inner = byMethod.get(call.callee);
      if (!inner || call.within === undefined || call.within === call.callee) continue;
      const outer = byMethod.get(call.within) ?? [];
      const added = inner.filter((run) => !outer.some((known) => known.agent.key === run.agent.key));
      if (added.length === 0) continue;
      byMethod.set(call.within, [...outer, ...added]);
      changed = true;
    }
  }
  const sites: RunSite[] = [];
  for (const call of calls) {
    for (const run of byMethod.get(call.callee) ?? []) sites.push({ agent: run.agent, parallel: run.parallel, node: call.node, viaMethod: true, through: true });
  }
  return sites;
}

/** A run's place in the code, as a step id. */
function stepOf(node: Node): string {
  const { line, column } = lineAndColumnOf(node);
  return `run@${pathOf(node)}:${line}:${column}`;
}

/** A code text with the contents of its strings, and the static parts of its template literals, blanked. */
export function codeOnly(text: string): string {
  let out = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at] as string;
    if (char === "'" || char === '"') {
      const end = skipString(text, at, char);
      out += `${char}${' '.repeat(Math.max(0, end - at - 1))}${char}`;
      at = end;
      continue;
    }
    if (char !== '`') {
      out += char;
      continue;
    }
    // Template text up to the closing backtick; each `${…}` kept, read the same way.
    let index = at + 1;
    out += '`';
    for (; index < text.length && text[index] !== '`'; index++) {
      if (text[index] === '\\') {
        out += '  ';
        index++;
      } else if (text[index] === '$' && text[index + 1] === '{') {
        let braces = 0;
        let close = index + 2;
        for (; close < text.length; close++) {
          if (text[close] === '{') braces++;
          else if (text[close] === '}' && braces-- === 0) break;
        }
        out += `\${${codeOnly(text.slice(index + 2, close))}}`;
        index = close;
      } else {
        out += text[index] === '\n' ? '\n' : ' ';
      }
    }
    out += '`';
    at = index;
  }
  return out;
}

function skipString(text: string, start: number, quote: string): number {
  for (let at = start + 1; at < text.length; at++) {
    if (text[at] === '\\') at++;
    else if (text[at] === quote || text[at] === '\n') return at;
  }
  return text.length - 1;
}

/**
 * Runs whose result reaches a later run's input: the result's variable, or a local computed
 * from it (a template string, `result.finalOutput`), named in the later run's arguments.
 */
/** A flow that goes round a loop: a later run's output read by an earlier run of the next round; `bounded` when the loop counts its rounds or walks a list. */
export interface CarriedFlow {
  loop: Node;
  bounded: boolean;
}

export function dataFlows(program: TsProgram, runs: readonly RunSite[]): Array<{ from: RunSite; to: RunSite; carried?: CarriedFlow }> {
  const { Node: N } = program.morph;
  const K = program.morph.SyntaxKind;
  const ordered = [...runs].sort((a, b) => a.node.getStart() - b.node.getStart());
  const scope = ordered[0]?.node.getSourceFile();
  if (!scope) return [];
  /** Variable name → the runs whose output it holds now. */
  const holds = new Map<string, Set<RunSite>>();
  const mentioned = (written: string): Set<RunSite> => {
    const found = new Set<RunSite>();
    // Names inside strings are words ("the agents: ${list}"): only code and `${…}` count.
    const text = codeOnly(written);
    // (A name spread in, `{ ...outputs }`, is named; a property `x.outputs` is not.)
    for (const [name, sources] of holds) if (new RegExp(`(^|[^\\w$.]|\\.\\.\\.)${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(text)) for (const source of sources) found.add(source);
    return found;
  };
  /**
   * The runs whose result an expression is, through `await`, parentheses, casts and calls on it
   * (`(await x).finalOutput`); a call of a helper that runs several agents stands for all of them.
   */
  const runsAt = new Map<Node, RunSite[]>();
  for (const run of ordered) runsAt.set(run.node, [...(runsAt.get(run.node) ?? []), run]);
  const directRuns = (expression: Node | undefined): RunSite[] | undefined => {
    let current = expression;
    for (let hops = 0; current && hops < 12; hops++) {
      const found = runsAt.get(current);
      if (found) return found;
      if (N.isAwaitExpression(current) || N.isParenthesizedExpression(current) || N.isAsExpression(current) || N.isNonNullExpression(current) || N.isPropertyAccessExpression(current)) current = current.getExpression();
      else if (N.isCallExpression(current) && /^(String|Number|Boolean|JSON\.(stringify|parse))$/.test(current.getExpression().getText())) current = current.getArguments()[0];
      else if (N.isCallExpression(current) && N.isPropertyAccessExpression(current.getExpression())) current = current.getExpression();
      else return undefined;
    }
    return undefined;
  };
  const valueSources = (expression: Node | undefined): Set<RunSite> => {
    if (!expression) return new Set();
    const direct = directRuns(expression);
    if (direct) return new Set(direct);
    // `await Promise.all([a(x), b(x)])`: what each element gives.
    const awaited = N.isAwaitExpression(expression) ? expression.getExpression() : expression;
    if (N.isCallExpression(awaited) && /^Promise\.(all|allSettled)$/.test(awaited.getExpression().getText())) {
      const list = awaited.getArguments()[0];
      if (list && N.isArrayLiteralExpression(list)) return new Set(list.getElements().flatMap((element) => [...valueSources(element)]));
      // `Promise.allSettled(panel.map(({ agent }) => runPanelist(agent, input)))`: the runs the mapped callback makes.
      const mapped = list ? runsAt.get(list) : undefined;
      if (mapped) return new Set(mapped);
    }
    // `(await run(a, x)).finalOutput ?? ''`, `ok ? (await run(a, x)).text : fallback`: each way the value can come.
    if (N.isBinaryExpression(expression) && ['??', '||'].includes(expression.getOperatorToken().getText())) return new Set([...valueSources(expression.getLeft()), ...valueSources(expression.getRight())]);
    if (N.isConditionalExpression(expression)) return new Set([...valueSources(expression.getWhenTrue()), ...valueSources(expression.getWhenFalse())]);
    if (N.isParenthesizedExpression(expression) || N.isAwaitExpression(expression)) return valueSources(expression.getExpression());
    return mentioned(expression.getText());
  };
  // Events in the order their effect happens (a declaration once its value is computed, a run
  // once its input is): each run reads what the names it is given hold at that moment.
  type Event = { end: number; apply: () => void };
  const events: Event[] = [];
  const flows: Array<{ from: RunSite; to: RunSite; carried?: CarriedFlow }> = [];
  /** Decisions on a run's answer (`if (verdict.text !== 'YES') return`): the runs they let through read that answer. */
  const gates: Array<{ sources: Set<RunSite>; start: number; end: number }> = [];
  for (const run of ordered) {
    events.push({
      end: run.node.getEnd(),
      apply: () => {
        for (const gate of gates) {
          if (run.node.getStart() < gate.start || run.node.getStart() >= gate.end) continue;
          for (const source of gate.sources) if (source !== run && source.agent.key !== run.agent.key) flows.push({ from: source, to: run });
        }
        const input = run.node.getChildrenOfKind(K.SyntaxList)[0]?.getText() ?? '';
        // `run(agent, input)`: the input follows the agent; a method call's arguments are all input.
        for (const source of mentioned(run.viaMethod === true ? input : input.slice(input.indexOf(',') + 1))) {
          if (source !== run && source.agent.key !== run.agent.key) flows.push({ from: source, to: run });
        }
      },
    });
  }
  const first = ordered[0]?.node.getStart() ?? 0;
  forEachDescendantOf(scope, [K.VariableDeclaration, K.BinaryExpression, K.CallExpression, K.IfStatement], (node) => {
    if (node.getEnd() < first) return;
    if (N.isIfStatement(node)) {
      // A decision on what an agent answered gates the runs it lets through: those inside it, or,
      // after an early return or throw, the rest of the function. A check that an answer exists
      // at all (`if (!result.finalOutput) throw …`) decides nothing.
      const condition = node.getExpression();
      const text = codeOnly(condition.getText()).replace(/\s+/g, '');
      if (/^!+[\w$.?()[\]]+$|^[\w$.?()[\]]+(===?|!==?)(null|undefined)$|\.length(===?|<)[01]$|^typeof/.test(text)) return;
      const thenPart = node.getThenStatement();
      // `return`, `throw`, or in a loop `continue`/`break`: the rest of the block runs only past the decision.
      const leaves = (each: Node): boolean => N.isReturnStatement(each) || N.isThrowStatement(each) || N.isContinueStatement(each) || N.isBreakStatement(each);
      const exits = (statement: Node): boolean =>
        leaves(statement) || (N.isBlock(statement) && statement.getStatements().length > 0 && statement.getStatements().every((each) => leaves(each) || N.isExpressionStatement(each)) && statement.getStatements().some(leaves));
      const body = node.getFirstAncestor((ancestor) => N.isBlock(ancestor) || N.isSourceFile(ancestor));
      const region = exits(thenPart) && !node.getElseStatement() ? { start: node.getEnd(), end: body?.getEnd() ?? node.getEnd() } : { start: thenPart.getStart(), end: node.getEnd() };
      events.push({ end: condition.getEnd(), apply: () => {
        // Only an agent's own answer decides: what a helper returns (`requireAuth()` → `{ authorized }`) may be anything.
        const sources = new Set([...valueSources(condition)].filter((source) => source.through !== true));
        if (sources.size > 0) gates.push({ sources, ...region });
      } });
      return;
    }
    if (N.isVariableDeclaration(node)) {
      const name = node.getNameNode();
      const loop = node.getParent()?.getParent();
      // `for (const agent of agents)`: each item comes from the list.
      const from = loop && N.isForOfStatement(loop) ? loop.getExpression() : node.getInitializer();
      const names = N.isIdentifier(name) ? [name.getText()] : name.getDescendantsOfKind(K.BindingElement).map((element) => element.getName());
      events.push({ end: node.getEnd(), apply: () => {
        const sources = valueSources(from);
        for (const each of names) holds.set(each, sources);
      } });
    } else if (N.isBinaryExpression(node) && ['+=', '??=', '||='].includes(node.getOperatorToken().getText()) && N.isIdentifier(node.getLeft())) {
      // `text += chunk.delta`: the name keeps what it held and adds what is appended (a streamed answer).
      const name = node.getLeft().getText();
      events.push({ end: node.getEnd(), apply: () => {
        const added = valueSources(node.getRight());
        if (added.size > 0) holds.set(name, new Set([...(holds.get(name) ?? []), ...added]));
      } });
    } else if (N.isBinaryExpression(node) && node.getOperatorToken().getText() === '=') {
      const left = node.getLeft();
      // `x = …`, and destructuring assignments (`({ subject, body } = parseDraft(result.text))`).
      const names = N.isIdentifier(left)
        ? [left.getText()]
        : N.isObjectLiteralExpression(left) || N.isArrayLiteralExpression(left)
          ? left.getDescendantsOfKind(K.Identifier).filter((identifier) => !N.isPropertyAssignment(identifier.getParent()) || identifier.getParent()?.getChildAtIndex(0) !== identifier).map((identifier) => identifier.getText())
          : [];
      // `outputs[key] = result.finalOutput`, `report.summary = …`: the object holds what is put in it, and what it held.
      const container = (N.isElementAccessExpression(left) || N.isPropertyAccessExpression(left)) && N.isIdentifier(left.getExpression()) ? left.getExpression().getText() : undefined;
      if (container !== undefined) {
        events.push({ end: node.getEnd(), apply: () => {
          const added = valueSources(node.getRight());
          if (added.size > 0) holds.set(container, new Set([...(holds.get(container) ?? []), ...added]));
        } });
        return;
      }
      if (names.length === 0) return;
      events.push({ end: node.getEnd(), apply: () => {
        const sources = valueSources(node.getRight());
        for (const name of names) holds.set(name, sources);
      } });
    } else if (N.isCallExpression(node)) {
      // `results.push(result.finalOutput)`: the list holds what is pushed, and what it held.
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !['push', 'unshift'].includes(callee.getName()) || !N.isIdentifier(callee.getExpression())) return;
      const name = callee.getExpression().getText();
      events.push({ end: node.getEnd(), apply: () => {
        const added = new Set(node.getArguments().flatMap((argument) => [...valueSources(argument)]));
        if (added.size > 0) holds.set(name, new Set([...(holds.get(name) ?? []), ...added]));
      } });
    }
  });
  events.sort((a, b) => a.end - b.end);
  // Loops holding runs of two agents or more, and what each name holds when each of them ends.
  const loops: Node[] = [];
  forEachDescendantOf(scope, [K.ForStatement, K.ForOfStatement, K.ForInStatement, K.WhileStatement, K.DoStatement], (loop) => {
    const inside = ordered.filter((run) => run.node.getStart() >= loop.getStart() && run.node.getEnd() <= loop.getEnd());
    if (new Set(inside.map((run) => run.agent.key)).size < 2) return;
    loops.push(loop);
    return 'skip';
  });
  const atLoopEnd = new Map<Node, Map<string, Set<RunSite>>>();
  const snapshot = (): Map<string, Set<RunSite>> => new Map([...holds].map(([name, sources]) => [name, new Set(sources)]));
  let pending = [...loops].sort((a, b) => a.getEnd() - b.getEnd());
  for (const event of events) {
    while (pending[0] && event.end > pending[0].getEnd()) atLoopEnd.set(pending.shift() as Node, snapshot());
    event.apply();
  }
  for (const loop of pending) atLoopEnd.set(loop, snapshot());
  pending = [];
  // A loop goes round again with what its first round left in each name (`msg = review.text`
  // feeds the writer of the next round), as the loop ends, not as the function does: the flows
  // only the second round shows go round the loop.
  const seen = new Set(flows.map((flow) => `${flow.from.agent.key}\u0000${flow.to.agent.key}`));
  for (const loop of loops) {
    holds.clear();
    for (const [name, sources] of atLoopEnd.get(loop) ?? []) holds.set(name, sources);
    gates.length = 0;
    const before = flows.length;
    for (const event of events) if (event.end > loop.getStart() && event.end <= loop.getEnd()) event.apply();
    const bounded = loopCountsRounds(program, loop);
    const added = flows.splice(before);
    for (const flow of added) {
      const pair = `${flow.from.agent.key}\u0000${flow.to.agent.key}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
      flows.push({ ...flow, carried: { loop, bounded } });
    }
  }
  return flows;
}

/**
 * True when a loop ends after a number of rounds its own code sets: `for (let i = 0; i < 3; i++)`,
 * `while (round < MAX_ROUNDS)`, a walk over a list (`for … of`); not one that ends when an
 * answer says so (`while (!approved)`, `while (true)` with a `break`).
 */
function loopCountsRounds(program: TsProgram, loop: Node): boolean {
  const { Node: N } = program.morph;
  if (N.isForOfStatement(loop) || N.isForInStatement(loop)) return true;
  const condition = N.isForStatement(loop) ? loop.getCondition() : N.isWhileStatement(loop) || N.isDoStatement(loop) ? loop.getExpression() : undefined;
  if (!condition) return false;
  // A comparison of a counter with a limit (`i < 3`, `round <= MAX_ROUNDS`, `attempts < this.maxAttempts`),
  // in the condition itself or joined by && / ||; a counter stepped by the for's own incrementor counts too.
  const stepped = N.isForStatement(loop) ? loop.getIncrementor()?.getText() ?? '' : '';
  const counter = (side: Node): boolean => {
    const text = side.getText();
    return /^(i|j|k|n|idx|index|count|counter|\w*(rounds?|attempts?|iterations?|iters?|tries|retries|turns?|steps?|loops?|passes|cycles?))$/i.test(text.split('.').pop() ?? '') || (stepped !== '' && new RegExp(`(^|[^\\w$])${escapeRegExp(text)}\\s*(\\+\\+|--|[+-]=)|(\\+\\+|--)${escapeRegExp(text)}`).test(stepped));
  };
  const limit = (side: Node): boolean => N.isNumericLiteral(side) || /^[A-Z][A-Z0-9_]*$|(max|limit|length|total|count)\w*$/i.test(side.getText().split('.').pop() ?? '');
  const bounds = (expression: Node): boolean => {
    const inner = N.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
    if (!N.isBinaryExpression(inner)) return false;
    const operator = inner.getOperatorToken().getText();
    // `!done && i < 5` stops at the limit; `!done || i < 5` goes on while either holds.
    if (operator === '&&') return bounds(inner.getLeft()) || bounds(inner.getRight());
    if (operator === '||') return bounds(inner.getLeft()) && bounds(inner.getRight());
    if (!['<', '<=', '>', '>='].includes(operator)) return false;
    return (counter(inner.getLeft()) && limit(inner.getRight())) || (counter(inner.getRight()) && limit(inner.getLeft()));
  };
  return bounds(condition);
}

/**
 * The code that coordinates a run: the class it sits in (a manager object), or else the nearest
 * named function (anonymous callbacks such as `withTrace(..., async () => …)` belong to it).
 */
export function orchestrationScope(program: TsProgram, node: Node): Node {
  const { Node: N } = program.morph;
  const named = (current: Node): boolean =>
    N.isFunctionDeclaration(current) ||
    N.isMethodDeclaration(current) ||
    ((N.isArrowFunction(current) || N.isFunctionExpression(current)) && (N.isVariableDeclaration(current.getParent()) || N.isPropertyAssignment(current.getParent())));
  let fallback: Node | undefined;
  for (let current = node.getParent(); current; current = current.getParent()) {
    if (N.isClassDeclaration(current)) return current;
    if (fallback === undefined && named(current)) fallback = current;
  }
  return fallback ?? node.getSourceFile();
}

/** A function's name: its own, or the variable or property it is assigned to. */
export function functionName(program: TsProgram, node: Node): string {
  const { Node: N } = program.morph;
  if (N.isSourceFile(node)) return node.getBaseNameWithoutExtension();
  if (N.isClassDeclaration(node)) return node.getName() ?? 'class';
  if ((N.isFunctionDeclaration(node) || N.isMethodDeclaration(node) || N.isFunctionExpression(node)) && node.getName()) return node.getName() ?? 'function';
  const parent = node.getParent();
  if (parent && (N.isVariableDeclaration(parent) || N.isPropertyAssignment(parent))) return parent.getName();
  const { line } = lineAndColumnOf(node);
  return `${node.getSourceFile().getBaseNameWithoutExtension()}:${line}`;
}

/**
 * What a parameter stands for where its function has one caller in `files` (`buildGraph(planNode,
 * wrapNode)`): the argument that caller passes, followed up to three functions out; the node itself
 * when it is no parameter or its function has no single caller.
 */
export function throughOneCaller(program: TsProgram, resolver: Resolver, files: readonly TsSourceFile[], node: Node): Node {
  const { Node: N } = program.morph;
  let current = node;
  for (let hops = 0; hops < 3; hops++) {
    const parameter = resolver.parameterOf(current);
    if (!parameter || parameter.property !== undefined) break;
    const calls = callsOf(program, resolver, files, parameter.fn);
    const call = calls.length === 1 ? calls[0] : undefined;
    const passed = call && N.isCallExpression(call) ? call.getArguments()[parameter.index] : undefined;
    if (!passed) break;
    current = passed;
  }
  return current;
}

/** Every call of `fn` in `files` (found by its name first, then checked to resolve to it). */
export function callsOf(program: TsProgram, resolver: Resolver, files: readonly TsSourceFile[], fn: Node): Node[] {
  const { Node: N } = program.morph;
  const name = functionName(program, fn);
  const calls: Node[] = [];
  for (const source of files) {
    forEachCallNamed(source, [name], (node) => {
      if (N.isCallExpression(node) && resolver.value(node.getExpression()) === fn) calls.push(node);
    });
  }
  return calls;
}

/**
 * The name each call of a factory gives the agent it builds (`createAgent('Stats Agent', …)` →
 * `return new Agent({ name, … })`, also a destructured option with its default), when the
 * construction is what the factory returns, its name comes from the caller, and every call in
 * `files` writes it out; undefined otherwise.
 */
export function namesPerCall(program: TsProgram, resolver: Resolver, files: readonly TsSourceFile[], construction: Node, written: Node | undefined): Array<{ call: Node; name: string }> | undefined {
  const { Node: N } = program.morph;
  const parent = construction.getParent();
  if (!written || !parent || !(N.isReturnStatement(parent) || N.isArrowFunction(parent)) || resolver.stringValue(written) !== undefined) return undefined;
  const input = resolver.factoryInput(written);
  if (!input) return undefined;
  const named = callsOf(program, resolver, files, input.fn).map((call) => ({ call, name: resolver.factoryArgument(call, input) }));
  if (named.length === 0 || named.some((each) => each.name === undefined)) return undefined;
  return named as Array<{ call: Node; name: string }>;
}

/** True when the call sits inside `Promise.all([...])` / `allSettled` within the same function. */
export function isInsidePromiseAll(program: TsProgram, node: Node, owner: Node): boolean {
  const { Node: N } = program.morph;
  for (let current = node.getParent(); current && current !== owner; current = current.getParent()) {
    if (N.isCallExpression(current)) {
      const text = current.getExpression().getText();
      if (text === 'Promise.all' || text === 'Promise.allSettled' || text === 'Promise.race' || text === 'Promise.any') return true;
    }
  }
  return false;
}

/**
 * For each function or class that runs agents: a code orchestrator (`code:<function>`) when it
 * passes one run's output into another's input, gathers parallel runs, or is a manager class;
 * delegate edges to each agent it runs, and one data edge per pair of agents, where the output
 * first passes on. Runs one after another for comparison (a demo's main) coordinate nothing.
 */
export function addCodeOrchestrators(program: TsProgram, draft: GraphDraft, runsByFunction: ReadonlyMap<Node, RunSite[]>, keyPrefix: string): void {
  for (const [owner, runs] of runsByFunction) {
    const distinct = new Set(runs.map((run) => run.agent.key));
    if (distinct.size < 2 && !runs.some((run) => run.parallel)) continue;
    // A function whose runs are one call of another function that runs agents passes its work on
    // whole: the function it calls coordinates them, not this one.
    if (runs.every((run) => run.node === runs[0]?.node)) continue;
    const flows = dataFlows(program, [...runs, ...methodCallSites(program, owner, runs)]);
    const gathers = runs.filter((run) => run.parallel).length >= 2;
    if (!program.morph.Node.isClassDeclaration(owner) && flows.length === 0 && !gathers) continue;
    // `code:main` names nothing: say which file's main it is.
    const ownName = functionName(program, owner);
    const name = `code:${isGenericName(ownName) ? `${fileSystemName(pathOf(owner))}.${ownName}` : ownName}`;
    const key = `${keyPrefix}:${pathOf(owner)}:${owner.getStart()}`;
    draft.addAgent({ key, name, role: 'orchestrator', tools: [], location: locationOf(owner), deterministic: true });
    draft.markEntry(key);
    for (const run of runs) draft.addEdge(key, run.agent.key, 'delegate', locationOf(run.node), { parallel: run.parallel });
    // One data edge per pair of agents: the first place the output passes on.
    const linked = new Set<string>();
    for (const flow of flows) {
      const pair = `${flow.from.agent.key}\u0000${flow.to.agent.key}`;
      if (linked.has(pair)) continue;
      linked.add(pair);
      draft.addEdge(flow.from.agent.key, flow.to.agent.key, 'data', locationOf(flow.to.node), { steps: { from: stepOf(flow.from.node), to: stepOf(flow.to.node) } });
      // A loop that counts its rounds bounds the way back.
      if (flow.carried?.bounded === true) draft.addLoop([flow.to.agent.key, flow.from.agent.key], undefined, locationOf(flow.carried.loop));
    }
  }
}

/**
 * The run's code files beyond `files` whose text passes `test`, parsed: the scripts and route
 * handlers that run agents without naming the SDK themselves (they import the agents).
 */
export function codeFilesBeyond(program: TsProgram, files: readonly TsSourceFile[], test: (text: string, path: string) => boolean): TsSourceFile[] {
  const parsed = new Set(files.map((file) => pathOf(file)));
  return program
    .paths()
    .filter((path) => !parsed.has(path) && /\.(m|c)?[jt]sx?$/.test(path) && test(program.text(path) ?? '', path))
    .flatMap((path) => program.file(path) ?? []);
}
