// A graph builder's calls, in the order written: one handler per method (addNode, addEdge,
// addSequence, addConditionalEdges, setEntryPoint, compile) fills in the builder's nodes and edges.
import type { Node } from '../project.js';
import { escapeRegExp } from '../../../model/index.js';
import { assignedName as variableName, calleeName, fileSystemName, forEachDescendantOf, isGenericName, locationOf, pathOf } from '../project.js';
import type { Builder, RouteTarget } from './model.js';
import { BUILDER_METHODS } from './model.js';
import { classify } from './nodes.js';
import { commandGotos, conditionalTargets } from './routing.js';
import type { LangGraphScope } from './scope.js';

interface BuilderCall {
  builder: Builder;
  method: string;
  call: Node;
  /** The method's name (`addEdge` of `.addEdge('a', 'b')`): where a call of a chain is written. */
  name: Node;
  /** Where the method's name stands: every call of a chain starts where the chain starts. */
  at: number;
  args: Node[];
}

type BuilderCallHandler = (scope: LangGraphScope, call: BuilderCall) => void;

/** `addNode(name, action, { ends })` or `addNode({ a: actionA, b: actionB })`. */
const addNode: BuilderCallHandler = (scope, { builder, call, args }) => {
  const { resolver, gaps, N } = scope;
  const [first, second, options] = args;
  const firstValue = first ? resolver.value(first) : undefined;
  if (firstValue && N.isObjectLiteralExpression(firstValue)) {
    for (const property of firstValue.getProperties()) {
      if (!N.isPropertyAssignment(property) && !N.isShorthandPropertyAssignment(property)) continue;
      const name = property.getName().replace(/^['"]|['"]$/g, '');
      const action = N.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
      builder.nodes.set(name, classify(scope, builder, name, action, property));
    }
    return;
  }
  // `for (const [name, action] of Object.entries(HANDLERS)) graph.addNode(name, action)`: each entry of the object.
  const entries = first ? objectEntriesLooped(scope, first, second) : undefined;
  if (entries) {
    for (const entry of entries) builder.nodes.set(entry.name, classify(scope, builder, entry.name, entry.action, entry.at));
    return;
  }
  const name = scope.nodeName(first);
  if (name === undefined) {
    gaps.add(first ?? call, 'a node whose name is computed');
    return;
  }
  builder.nodes.set(name, classify(scope, builder, name, second, first ?? call));
  const ends = options ? resolver.property(resolver.value(options) ?? options, 'ends') : undefined;
  const listed = resolver.elements(ends);
  const action = second ? resolver.value(second) : undefined;
  const isFunction = action !== undefined && (N.isArrowFunction(action) || N.isFunctionExpression(action) || N.isFunctionDeclaration(action));
  const gotos = isFunction ? commandGotos(scope.program, resolver, action, scope.nodeName, scope.isLg) : undefined;
  for (const item of listed.items) {
    const target = scope.nodeName(item);
    // An `ends` entry no Command of the node's own function goes to (every goto written out, every
    // return a Command) is stale.
    // (END is kept: a node ends the run by returning without a Command too.)
    if (target && target !== '__end__' && gotos?.all === true && !gotos.found.some((each) => each.name === target)) {
      gaps.add(item, `'${name}' lists '${target}' among its ends, but no Command of its function goes there: no edge is drawn`);
      continue;
    }
    if (target) builder.edges.push({ from: name, to: target, parallel: false, conditional: true, location: locationOf(item) });
  }
  // `ends: subAgents.map((agent) => agent.name)`: where the node's Command may go is computed.
  if (ends && listed.unknown.length > 0) {
    gaps.add(ends, `the nodes '${name}' may go to (ends: ${ends.getText().replace(/\s+/g, ' ').slice(0, 50)}) are computed`);
    builder.computedRouting = true;
  }
  for (const target of gotos?.found ?? []) builder.edges.push({ from: name, to: target.name, parallel: false, conditional: true, location: locationOf(target.at) });
};

/**
 * The entries a loop over `Object.entries(OBJECT)` visits when `name` is its key and `action` its
 * value (`for (const [n, h] of Object.entries(HANDLERS))`), with each key as written or as the
 * constant it names (`[NODES.PLAN]: planNode`); undefined for anything else or a key not known.
 */
function objectEntriesLooped(scope: LangGraphScope, name: Node, action: Node | undefined): Array<{ name: string; action: Node | undefined; at: Node }> | undefined {
  const { resolver, N } = scope;
  const key = resolver.unwrap(name);
  if (!N.isIdentifier(key)) return undefined;
  const element = resolver.localDeclaration(key);
  const pattern = element?.getParent();
  const declaration = pattern?.getParent();
  const loop = declaration?.getParent()?.getParent();
  if (!element || !pattern || !N.isArrayBindingPattern(pattern) || pattern.getElements()[0] !== element || !loop || !N.isForOfStatement(loop)) return undefined;
  const valueElement = pattern.getElements()[1];
  const valueName = valueElement && N.isBindingElement(valueElement) ? valueElement.getName() : undefined;
  const iterated = resolver.unwrap(loop.getExpression());
  if (!N.isCallExpression(iterated) || iterated.getExpression().getText() !== 'Object.entries') return undefined;
  const object = iterated.getArguments()[0] ? resolver.value(iterated.getArguments()[0] as Node) : undefined;
  if (!object || !N.isObjectLiteralExpression(object)) return undefined;
  const found: Array<{ name: string; action: Node | undefined; at: Node }> = [];
  for (const property of object.getProperties()) {
    if (!N.isPropertyAssignment(property) && !N.isShorthandPropertyAssignment(property)) return undefined;
    const nameNode = property.getNameNode();
    const written = N.isComputedPropertyName(nameNode) ? scope.nodeName(nameNode.getExpression()) : nameNode.getText().replace(/^['"]|['"]$/g, '');
    if (written === undefined) return undefined;
    const value = N.isPropertyAssignment(property) ? property.getInitializer() : property.getNameNode();
    // The action is the entry's value only when the call passes the loop's value variable.
    found.push({ name: written, action: action && valueName !== undefined && resolver.unwrap(action).getText() === valueName ? value : action, at: property });
  }
  return found;
}

/** `addEdge(from, to)`; an array of sources is a join, a loop variable each of its list's names. */
const addEdge: BuilderCallHandler = (scope, { builder, name: method, args }) => {
  const { resolver, gaps, N } = scope;
  const [from, to] = args;
  const targets = scope.nodeNames(to);
  const fromValue = from ? resolver.value(from) : undefined;
  const join = fromValue !== undefined && N.isArrayLiteralExpression(fromValue);
  const sources = join ? fromValue.getElements().map(scope.nodeName) : (scope.nodeNames(from) ?? [undefined]);
  if (targets === undefined || sources.some((source) => source === undefined)) {
    gaps.add(method, 'an edge whose ends are computed');
    return;
  }
  for (const target of targets) {
    for (const source of sources) builder.edges.push({ from: source as string, to: target, parallel: join, conditional: false, location: locationOf(method) });
  }
};

/** `addSequence([[name, action], …])` or `addSequence([fnA, fnB])`: nodes one after another. */
const addSequence: BuilderCallHandler = (scope, { builder, args }) => {
  const { resolver, gaps, N } = scope;
  const list = resolver.elements(args[0]);
  let previous: string | undefined;
  for (const item of list.items) {
    const value = resolver.value(item) ?? item;
    let name: string | undefined;
    let action: Node | undefined;
    if (N.isArrayLiteralExpression(value)) {
      const [nameNode, actionNode] = value.getElements();
      name = scope.nodeName(nameNode);
      action = actionNode;
    } else if (N.isFunctionDeclaration(value) || N.isFunctionExpression(value)) {
      name = value.getName();
      action = value;
    }
    if (name === undefined) {
      gaps.add(item, 'a step of addSequence whose name is computed');
      previous = undefined;
      continue;
    }
    builder.nodes.set(name, classify(scope, builder, name, action, item));
    if (previous !== undefined) builder.edges.push({ from: previous, to: name, parallel: false, conditional: false, location: locationOf(item) });
    previous = name;
  }
};

/** `addConditionalEdges(source, router, pathMap?)`: the router's possible targets. */
const addConditionalEdges: BuilderCallHandler = (scope, { builder, name: method, args }) => {
  const { gaps } = scope;
  const [sourceNode, router, pathMap] = args;
  // One source, or each of a loop over a constant list (`Object.keys(agents).forEach((k) => …)`).
  const sources = scope.nodeNames(sourceNode);
  if (sources === undefined) {
    gaps.add(method, 'conditional edges from a computed node');
    return;
  }
  for (const source of sources) {
    const targets = conditionalTargets(scope.program, scope.resolver, router, pathMap, scope.nodeName, scope.isLg) ?? routingSchemaTargets(scope, builder, source, router);
    if (targets === undefined) {
      gaps.add(router ?? method, `a router of '${source}' whose targets are computed`);
      builder.computedRouting = true;
      return;
    }
    for (const target of targets) builder.edges.push({ from: source, to: target.name, parallel: target.parallel, conditional: true, location: locationOf(target.at ?? method) });
  }
};

const setEntryPoint: BuilderCallHandler = (scope, { builder, name: method, args }) => {
  const target = scope.nodeName(args[0]);
  if (target) builder.edges.push({ from: '__start__', to: target, parallel: false, conditional: false, location: locationOf(method) });
};

/** `compile({ interruptBefore, interruptAfter, name })`: pauses, and the graph's name. */
const compile: BuilderCallHandler = (scope, { builder, call, args }) => {
  const { resolver } = scope;
  const options = args[0] ? resolver.value(args[0]) : undefined;
  // The graph compiled twice (`autoApprove ? graph.compile() : graph.compile({ interruptBefore: ['tools'] })`):
  // a pause only one of them sets may not be there when it runs.
  for (const [field, set] of [['interruptBefore', builder.interruptBefore], ['interruptAfter', builder.interruptAfter]] as const) {
    const here = new Set<string>();
    for (const item of options ? resolver.elements(resolver.property(options, field)).items : []) {
      const name = scope.nodeName(item);
      if (name) here.add(name);
    }
    if (builder.compiled) {
      for (const name of [...set]) if (!here.has(name)) set.delete(name);
    } else for (const name of here) set.add(name);
  }
  builder.compiled = true;
  if (options) {
    const name = resolver.stringValue(resolver.property(options, 'name'));
    if (name) builder.name = name;
  }
  const variable = variableName(scope.program, call);
  if (variable && builder.name === builder.key) builder.name = variable;
};

const BUILDER_CALL_HANDLERS: Record<string, BuilderCallHandler> = { addNode, addEdge, addSequence, addConditionalEdges, setEntryPoint, compile };

/** Reads every builder call of the run's files, in document order per file, then names each graph. */
export function readBuilderCalls(scope: LangGraphScope): void {
  const { program, N } = scope;
  const calls: BuilderCall[] = [];
  for (const source of scope.files) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !BUILDER_METHODS.has(callee.getName())) return;
      const builder = scope.builderOf(callee.getExpression());
      if (builder) calls.push({ builder, method: callee.getName(), call: node, name: callee.getNameNode(), at: callee.getNameNode().getStart(), args: node.getArguments() });
    }, (node) => BUILDER_METHODS.has(calleeName(node) ?? ''));
  }
  calls.sort((a, b) => (pathOf(a.call) < pathOf(b.call) ? -1 : pathOf(a.call) > pathOf(b.call) ? 1 : a.at - b.at));
  for (const call of calls) BUILDER_CALL_HANDLERS[call.method]?.(scope, call);
  for (const builder of scope.builders.values()) {
    if (builder.name === builder.key) builder.name = variableName(program, builder.node) ?? `graph@${locationOf(builder.node).line}`;
    // `graph`, `app`, `workflow` name nothing: say which file's graph it is.
    if (isGenericName(builder.name)) builder.name = fileSystemName(pathOf(builder.node));
  }
}

/**
 * A supervisor whose router reads its choice from state (`x => x.next`) and whose model picks
 * it through a schema: the `z.enum([...])` in the module that builds the supervisor, when every
 * value is a node of this graph or END (and at least two are nodes). One runs per pass.
 */
function routingSchemaTargets(scope: LangGraphScope, builder: Builder, source: string, router?: Node): RouteTarget[] | undefined {
  const { program, resolver, N } = scope;
  const action = builder.actions.get(source);
  const defined = action ? resolver.value(action) : undefined;
  if (!action || !defined) return undefined;
  // The module that defines the action, and those of what it uses (`createSupervisor()` from another file).
  const modules = new Set([defined.getSourceFile()]);
  for (const identifier of [action, ...action.getDescendantsOfKind(program.morph.SyntaxKind.Identifier)].slice(0, 60)) {
    if (!N.isIdentifier(identifier)) continue;
    const value = resolver.value(identifier);
    if (value) modules.add(value.getSourceFile());
    const callee = value && N.isCallExpression(value) ? resolver.value(value.getExpression()) : undefined;
    if (callee) modules.add(callee.getSourceFile());
  }
  let found: RouteTarget[] | undefined;
  for (const module of modules) forEachDescendantOf(module, [program.morph.SyntaxKind.CallExpression], (call) => {
    if (found || !N.isCallExpression(call)) return;
    const callee = call.getExpression();
    if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'enum') return;
    const { items, unknown } = resolver.elements(call.getArguments()[0]);
    if (unknown.length > 0 || items.length === 0) return;
    const names = items.map((item) => scope.nodeNames(item));
    if (names.some((each) => each === undefined)) return;
    const flat = (names as string[][]).flat();
    const nodes = flat.filter((name) => builder.nodes.has(name));
    // A choice that is no node ("done", "FINISH") counts when the router handles it by name
    // (`s.next === 'done' ? END : s.next`): it ends the run there when the router names END.
    const routerText = router ? (resolver.value(router) ?? router).getText() : '';
    const handled = (name: string): boolean => new RegExp(`['"\`]${escapeRegExp(name)}['"\`]`).test(routerText);
    if (nodes.length < 2 || flat.some((name) => name !== '__end__' && !builder.nodes.has(name) && !handled(name))) return;
    const mapped = flat.some((name) => name !== '__end__' && !builder.nodes.has(name));
    const ends = flat.some((name) => name === '__end__') || (mapped && /\bEND\b|__end__/.test(routerText));
    // Where the router sends such a choice: END, or a node it names (`next === 'FINISH' ? 'reviewer' : next`).
    const named = mapped ? [...builder.nodes.keys()].filter((node) => !nodes.includes(node) && new RegExp(`['"\`]${escapeRegExp(node)}['"\`]`).test(routerText)) : [];
    found = [...nodes, ...named, ...(ends ? ['__end__'] : [])].map((name) => ({ name, parallel: false, at: call }));
  }, (call) => calleeName(call) === 'enum');
  return found;
}
