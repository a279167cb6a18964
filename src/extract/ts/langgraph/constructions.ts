// The things LangGraph.js code constructs: graph builders, prebuilt ReAct agents (and factories
// that name them), deep agents and supervisors. One handler per construct.
import { codeFilesBeyond, functionName } from '../code-runs.js';
import type { Construction, Node } from '../project.js';
import { assignedName as variableName, calleeName, forEachDescendantOf, hasImportedCallee, locationOf, pathOf } from '../project.js';
import { propertyName } from '../resolve.js';
import type { AgentTool } from './model.js';
import { newBuilder } from './model.js';
import { modelName } from './model-calls.js';
import type { LangGraphScope } from './scope.js';

interface ConstructionHandler {
  /** `new X(…)` or `X(…)`. */
  form: 'new' | 'call';
  /** The names it is imported from LangGraph under. */
  names: string[];
  read(scope: LangGraphScope, node: Construction): void;
}

/** `new StateGraph(…)`: a graph builder, filled in by its builder calls. */
const stateGraph: ConstructionHandler = {
  form: 'new',
  names: ['StateGraph', 'Graph', 'MessageGraph'],
  read(scope, node) {
    scope.builders.set(node, newBuilder(node, `lg:${pathOf(node)}:${node.getStart()}`));
  },
};

/** `createReactAgent({ llm, tools, name })` / `createAgent(…)`: a prebuilt agent with its own tools. */
const reactAgent: ConstructionHandler = {
  form: 'call',
  names: ['createReactAgent', 'createAgent'],
  read(scope, node) {
    const { resolver, program } = scope;
    const config = resolver.value(node.getArguments()[0] ?? node);
    const written = config ? resolver.property(config, 'name') : undefined;
    const model = modelName(resolver, config);
    const literal = resolver.stringValue(written);
    // A factory that takes the agent's name (`createSpecialist('keyword_expert', …)`, `makeAgent({ name })`): one agent per call that names it.
    const parameter = literal === undefined && written ? resolver.factoryInput(written) : undefined;
    // Tools the caller gives (`tools: options.tools`) are read at each call.
    const givenTools = config ? resolver.property(config, 'tools') : undefined;
    const toolsInput = parameter && givenTools ? resolver.factoryInput(givenTools) : undefined;
    // The agent's own tools: what it can do without a graph around it.
    const tools = agentTools(scope, config, toolsInput !== undefined && toolsInput.fn === parameter?.fn);
    if (parameter) {
      scope.factories.push({ definition: node, parameter, tools, ...(model !== undefined && { model }), ...(toolsInput !== undefined && toolsInput.fn === parameter.fn && { toolsInput }) });
      return;
    }
    const name = literal ?? variableName(program, node) ?? 'agent';
    scope.prebuilt.set(node, { key: `lg-agent:${pathOf(node)}:${node.getStart()}`, name, location: locationOf(node), tools, ...(model !== undefined && { model }) });
  },
};

/** deepagents' `createDeepAgent`: a main agent that delegates to named subagents through its task tool. */
const deepAgent: ConstructionHandler = {
  form: 'call',
  names: ['createDeepAgent'],
  read(scope, node) {
    const { resolver, program } = scope;
    const config = resolver.value(node.getArguments()[0] ?? node);
    const key = `lg-deep:${pathOf(node)}:${node.getStart()}`;
    const name = resolver.stringValue(config ? resolver.property(config, 'name') : undefined) ?? variableName(program, node) ?? 'deep-agent';
    // Its own tools, paused where its `interruptOn` (or a human-in-the-loop middleware) says; and the
    // `execute` tool a local shell backend adds, which runs any command on the host.
    const interruptOn = interruptsOf(scope, config ? resolver.property(config, 'interruptOn') : undefined);
    const tools = agentTools(scope, config).map((tool) => (interruptOn.has(tool.name) ? { ...tool, needsApproval: true } : tool));
    const backend = config ? resolver.property(config, 'backend') : undefined;
    if (backend && runsHostShell(scope, backend)) {
      tools.push({ name: 'execute', location: locationOf(backend), effect: "it runs any shell command on the host (deepagents' LocalShellBackend)", ...(interruptOn.has('execute') && { needsApproval: true }) });
    }
    scope.deepAgents.push({ key, name, node, config, tools });
  },
};

/** The tool names an `interruptOn` map pauses (`{ execute: true, write_file: { allowedDecisions: […] } }`). */
export function interruptsOf(scope: LangGraphScope, written: Node | undefined): Set<string> {
  const { resolver, N } = scope;
  const found = new Set<string>();
  const map = written ? resolver.value(written) : undefined;
  if (!map || !N.isObjectLiteralExpression(map)) return found;
  for (const property of map.getProperties()) {
    if (!N.isPropertyAssignment(property) && !N.isShorthandPropertyAssignment(property)) continue;
    const setting = N.isPropertyAssignment(property) ? property.getInitializer()?.getText() : 'true';
    if (setting !== 'false') found.add(propertyName(property.getNameNode()));
  }
  return found;
}

/**
 * True when a deep agent's `backend` runs commands on the host: deepagents' `LocalShellBackend`,
 * a class of the code read that extends it, built with `new` or by a static factory of the class
 * (`await ScopedBackend.createScoped({ rootDir })`), or returned by a function the option names.
 */
function runsHostShell(scope: LangGraphScope, written: Node): boolean {
  const { resolver, N } = scope;
  let value: Node | undefined = resolver.value(written) ?? written;
  if (value && (N.isArrowFunction(value) || N.isFunctionExpression(value))) value = resolver.returnedExpression(value);
  value = value ? resolver.unwrap(value) : undefined;
  let made: Node | undefined;
  if (value && N.isNewExpression(value)) made = value.getExpression();
  else if (value && N.isCallExpression(value)) {
    const callee = resolver.unwrap(value.getExpression());
    made = N.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
  }
  for (let hops = 0; made && hops < 5; hops++) {
    if (resolver.isImportFrom(made, ['deepagents'], ['LocalShellBackend'])) return true;
    const declared = resolver.value(made);
    const heritage = declared && N.isClassDeclaration(declared) ? declared.getExtends()?.getExpression() : undefined;
    made = heritage;
  }
  return false;
}

/** `createSupervisor({ agents, supervisorName })`: a supervisor over the agents listed. */
const supervisor: ConstructionHandler = {
  form: 'call',
  names: ['createSupervisor'],
  read(scope, node) {
    const { resolver, gaps } = scope;
    const config = resolver.value(node.getArguments()[0] ?? node);
    const name = resolver.stringValue(config ? resolver.property(config, 'supervisorName') : undefined) ?? 'supervisor';
    const list = resolver.elements(config ? resolver.property(config, 'agents') : undefined);
    for (const unknown of list.unknown) gaps.add(unknown, 'supervised agents spread from an array that is not written out');
    scope.supervisors.set(node, { key: `lg-supervisor:${pathOf(node)}:${node.getStart()}`, name, agents: list.items, location: locationOf(node) });
  },
};

const CONSTRUCTIONS: ConstructionHandler[] = [stateGraph, reactAgent, deepAgent, supervisor];

/** Finds every construct of `CONSTRUCTIONS` in the run's files, then the agents of naming factories. */
export function readConstructions(scope: LangGraphScope): void {
  const { program, resolver, N } = scope;
  for (const source of scope.files) {
    const imported = resolver.imports(source);
    forEachDescendantOf(source, [program.morph.SyntaxKind.NewExpression, program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isNewExpression(node) && !N.isCallExpression(node)) return;
      const form = N.isNewExpression(node) ? 'new' : 'call';
      const handler = CONSTRUCTIONS.find((each) => each.form === form && scope.isLg(resolver.unwrap(node.getExpression()), each.names));
      handler?.read(scope, node);
    }, (node) => hasImportedCallee(node, imported));
  }
  readNamedFactories(scope);
}

/** Agents of factories that take their name: one per call that writes the name out. */
function readNamedFactories(scope: LangGraphScope): void {
  const { program, resolver, gaps, N } = scope;
  for (const factory of scope.factories) {
    const fnName = functionName(program, factory.parameter.fn);
    let named = 0;
    // Callers often import only the factory, never the framework (`makeAgent({ name: 'alpha' })` in app.ts).
    const callers = codeFilesBeyond(program, scope.files, (text) => text.includes(`${fnName}(`));
    for (const source of [...scope.files, ...callers]) {
      forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (call) => {
        if (!N.isCallExpression(call) || resolver.value(call.getExpression()) !== factory.parameter.fn) return;
        const name = resolver.argumentString(call, factory.parameter);
        if (name === undefined) {
          gaps.add(call, `an agent built by '${fnName}' under a name computed at run time`);
          return;
        }
        named++;
        const given = factory.toolsInput ? callerTools(scope, call, factory.toolsInput) : [];
        scope.prebuilt.set(call, { key: `lg-agent:${pathOf(call)}:${call.getStart()}`, name, location: locationOf(call), tools: [...factory.tools, ...given], ...(factory.model !== undefined && { model: factory.model }) });
      }, (call) => calleeName(call) === fnName);
    }
    if (named === 0) gaps.add(factory.definition, `agents built by '${fnName}' under the name its callers give, and no call read names one`);
    else gaps.touch(factory.definition);
  }
}

/**
 * A ReAct agent's tools, without its handoff tools (createHandoffTool: edges, not actions). A
 * tool pauses for a human when its body calls `interrupt()`, when the agent's
 * `humanInTheLoopMiddleware` interrupts on it, or when an approval wrapper asks first.
 */
export function agentTools(scope: LangGraphScope, config: Node | undefined, toolsFromCaller = false): AgentTool[] {
  const { resolver, gaps, N, isLg } = scope;
  const interruptOn = new Set<string>();
  for (const item of resolver.elements(config ? resolver.property(config, 'middleware') : undefined).items) {
    const value = resolver.value(item);
    if (!value || !N.isCallExpression(value) || !isLg(value.getExpression(), ['humanInTheLoopMiddleware'])) continue;
    const options = resolver.value(value.getArguments()[0] ?? value);
    for (const name of interruptsOf(scope, options ? resolver.property(options, 'interruptOn') : undefined)) interruptOn.add(name);
  }
  const tools: AgentTool[] = [];
  const given = config && !toolsFromCaller ? resolver.property(config, 'tools') : undefined;
  // `tools: new ToolNode(tools, { handleToolErrors })`: the tools that node runs.
  const givenValue = given ? resolver.value(given) : undefined;
  const written = givenValue && N.isNewExpression(givenValue) && isLg(givenValue.getExpression(), ['ToolNode']) ? givenValue.getArguments()[0] : given;
  for (const assignment of runTimeAssignments(scope, written)) gaps.add(assignment, `tools assigned at run time ('${assignment.getText().replace(/\s+/g, ' ').slice(0, 60)}'), not written out in the code read`);
  const listed = resolver.elements(written);
  // Tools returned by a call: the action names a visible factory lists (Composio style), else a gap.
  for (const unknown of listed.unknown) {
    const factoryTools = actionsFromFactory(scope, unknown) ?? instancesFromFactory(scope, unknown);
    if (factoryTools === undefined) gaps.add(unknown, 'tools that are not written out in the code read (a call or a value computed at run time)');
    else tools.push(...factoryTools.filter((tool) => !tools.some((each) => each.name === tool.name)));
  }
  for (const item of listed.items) {
    const tool = scope.toolOf(item, interruptOn);
    if (tool) tools.push(tool);
  }
  return tools;
}

/** The tools a call of a naming factory gives (`makeAgent({ name: 'a', tools: [search] })`). */
function callerTools(scope: LangGraphScope, call: Node, input: { index: number; property?: string }): AgentTool[] {
  const listed = callerToolItems(scope, call, input);
  for (const unknown of listed.unknown) scope.gaps.add(unknown, 'tools that are not written out in the code read (a call or a value computed at run time)');
  return listed.items.flatMap((item) => scope.toolOf(item) ?? []);
}

/** The tool expressions a call of a naming factory passes where the factory takes its tools (an argument, or a property of one). */
export function callerToolItems(scope: LangGraphScope, call: Node, input: { index: number; property?: string }): { items: Node[]; unknown: Node[] } {
  const { resolver, N } = scope;
  if (!N.isCallExpression(call)) return { items: [], unknown: [] };
  const argument = call.getArguments()[input.index];
  const object = argument && input.property !== undefined ? resolver.value(argument) : undefined;
  const written = input.property === undefined ? argument : object ? resolver.property(object, input.property) : undefined;
  return written ? resolver.elements(written) : { items: [], unknown: [] };
}

/**
 * Where a `let` holding an agent's tools is given another value that is not written out
 * (`jiraTools = await (await import('./jira.js')).getJiraTools()` inside a try): what the
 * declaration shows (`[]`) is not what the agent gets. Assignments of literal arrays are left
 * out (the fallback of a catch).
 */
function runTimeAssignments(scope: LangGraphScope, tools: Node | undefined): Node[] {
  const { resolver, N } = scope;
  const written = tools ? resolver.unwrap(tools) : undefined;
  if (!written || !N.isIdentifier(written)) return [];
  const name = written.getText();
  const declaration = written.getSymbol()?.getDeclarations()[0];
  if (!declaration || !N.isVariableDeclaration(declaration)) return [];
  const list = declaration.getParent();
  if (!list || !N.isVariableDeclarationList(list) || list.getDeclarationKind() === 'const') return [];
  const scopeNode = declaration.getFirstAncestor((node) => N.isFunctionLikeDeclaration(node) || N.isSourceFile(node)) ?? declaration.getSourceFile();
  const found: Node[] = [];
  scopeNode.forEachDescendant((node) => {
    if (!N.isBinaryExpression(node) || node.getOperatorToken().getText() !== '=') return;
    const left = node.getLeft();
    if (!N.isIdentifier(left) || left.getText() !== name || left.getSymbol() !== written.getSymbol()) return;
    if (!N.isArrayLiteralExpression(resolver.unwrap(node.getRight()))) found.push(node);
  });
  return found;
}

/**
 * The tools a factory call returns, when its body is visible and lists toolkit actions by name
 * (`toolset.getTools({ actions: ['GMAIL_SEND_MESSAGE'] })`): each action as a tool, at its name.
 * Undefined when the value is no call of a function defined in the code read, or names no action.
 */
function actionsFromFactory(scope: LangGraphScope, expression: Node): AgentTool[] | undefined {
  const { resolver, N } = scope;
  const value = resolver.value(expression);
  if (!value || !N.isCallExpression(value)) return undefined;
  const factory = resolver.value(value.getExpression());
  if (!factory || !(N.isFunctionDeclaration(factory) || N.isArrowFunction(factory) || N.isFunctionExpression(factory))) return undefined;
  const found: AgentTool[] = [];
  factory.forEachDescendant((node) => {
    if (!N.isStringLiteral(node) || !N.isArrayLiteralExpression(node.getParent() ?? node)) return;
    const name = node.getLiteralValue();
    // Toolkit actions are named SERVICE_VERB_OBJECT in capitals.
    if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name) && !found.some((tool) => tool.name === name)) found.push({ name, location: locationOf(node) });
  });
  return found.length > 0 ? found : undefined;
}

/**
 * The tools a factory of the code read returns as a list of instances (`createDeskTools(runtime)`
 * → `const tools = [new RefundTool(runtime), …]; return filter ? tools.filter(…) : tools`): each
 * instance, named by its class's `name` field. Undefined when the factory returns anything else.
 */
function instancesFromFactory(scope: LangGraphScope, expression: Node): AgentTool[] | undefined {
  const { resolver, N } = scope;
  const value = resolver.value(expression);
  if (!value || !N.isCallExpression(value)) return undefined;
  const factory = resolver.value(value.getExpression());
  if (!factory || !(N.isFunctionDeclaration(factory) || N.isArrowFunction(factory) || N.isFunctionExpression(factory))) return undefined;
  const returned = resolver.returnsOf(factory).filter((each): each is Node => each !== undefined);
  const lists: Node[] = [];
  const walk = (node: Node, depth: number): void => {
    const at = resolver.unwrap(node);
    if (depth > 4) return;
    if (N.isConditionalExpression(at)) {
      walk(at.getWhenTrue(), depth + 1);
      walk(at.getWhenFalse(), depth + 1);
      return;
    }
    // `tools.filter(…)`: some of the same list.
    const callee = N.isCallExpression(at) ? at.getExpression() : undefined;
    if (callee && N.isPropertyAccessExpression(callee) && callee.getName() === 'filter') {
      walk(callee.getExpression(), depth + 1);
      return;
    }
    const list = resolver.value(at);
    if (list && N.isArrayLiteralExpression(list) && !lists.includes(list)) lists.push(list);
  };
  for (const each of returned) walk(each, 0);
  const elements = lists.flatMap((list) => (N.isArrayLiteralExpression(list) ? list.getElements() : []));
  if (elements.length === 0 || !elements.every((element) => N.isNewExpression(element))) return undefined;
  const tools: AgentTool[] = [];
  for (const element of elements) {
    const tool = scope.toolOf(element);
    if (tool && !tools.some((each) => each.name === tool.name)) tools.push(tool);
  }
  return tools;
}

