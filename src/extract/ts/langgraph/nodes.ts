// What a graph node is, judged from its action: an agent (it calls a model or runs an agent), a
// tool node, a mounted subgraph, or a plain function passed through.
import type { Node } from '../project.js';
import { throughOneCaller } from '../code-runs.js';
import { forEachDescendantOf, locationOf } from '../project.js';
import type { AgentTool, Builder, GraphNode } from './model.js';
import { RUN_METHODS } from './model.js';
import { calledModel, callsModel, containsCall, containsNew } from './model-calls.js';
import type { LangGraphScope } from './scope.js';
import { RUNTIME_TOOL_LISTS } from './scope.js';
import { namedActingCalls } from '../tool-body.js';
import { escapeRegExp } from '../../../model/index.js';

/** The node `addNode(name, action)` adds, with its kind, tools and pauses. */
export function classify(scope: LangGraphScope, builder: Builder, name: string, action: Node | undefined, at: Node): GraphNode {
  const { program, resolver, gaps, N, isLg } = scope;
  if (action) builder.actions.set(name, action);
  const key = `${builder.key}:${name}`;
  const base = { name, key, location: locationOf(at), interrupts: false };
  if (!action) return { ...base, kind: 'function' };
  const value = resolver.value(action);
  if (!value) {
    gaps.add(action, `the action of node '${name}' (not a function, agent or graph defined in the code read)`);
    return { ...base, kind: 'agent' };
  }
  if (N.isNewExpression(value) && isLg(value.getExpression(), ['ToolNode'])) {
    const listed = resolver.elements(value.getArguments()[0]);
    for (const unknown of listed.unknown) gaps.add(unknown, 'tools that are not written out in the code read (a call or a value computed at run time)');
    const tools = listed.items.flatMap((item) => scope.toolOf(item) ?? []);
    return { ...base, kind: 'tools', tools };
  }
  const reactCall = scope.prebuiltCall(value);
  const react = reactCall ? scope.prebuilt.get(reactCall) : undefined;
  if (reactCall && react) {
    scope.prebuiltAsNodes.set(reactCall, key);
    return { ...base, kind: 'agent', tools: react.tools, ...(react.model !== undefined && { model: react.model }) };
  }
  if (N.isCallExpression(value)) {
    // A compiled graph itself, or piped behind a step that shapes its input (`enter.pipe(team)`).
    const inner = scope.builderOf(value) ?? pipedGraph(scope, value);
    if (inner) {
      inner.usedAsSubgraph = true;
      // A subgraph of plain function nodes calls no model: a step like any other function.
      if (inner.nodes.size > 0 && !hasAgents(inner)) return { ...base, kind: 'function' };
      return { ...base, kind: 'subgraph', inner };
    }
    if (scope.supervisorOf(value)) return { ...base, kind: 'agent' };
    // A node made by a factory (`makeNarratorNode(0)`): judge the factory's code.
    // A method of a factory class counts the same (`new WorkerFactory().createNode(llm)`). A ReAct
    // agent the factory builds is the node's own way of working: its tools are the node's.
    const factory = valueThroughCaller(scope, value.getExpression());
    if (factory && (N.isArrowFunction(factory) || N.isFunctionExpression(factory) || N.isFunctionDeclaration(factory) || N.isMethodDeclaration(factory))) {
      // A wrapper given the node's own function (`createMCPNode({}, async (state, config, tools) => …)`):
      // that function is the node's work too.
      const given = value.getArguments().filter((argument) => N.isArrowFunction(argument) || N.isFunctionExpression(argument));
      // A wrapper that runs a node function it is handed by name (`wrapNode('router', routerNode)`, logging
      // and timing around `await node(state)`): that function alone is the node's work.
      const handed = wrappedNodeFunction(scope, value, factory);
      const work = handed ? [handed] : [factory, ...given];
      const tools = work.flatMap((fn) => functionNodeTools(scope, fn, key)).filter((tool, index, all) => all.findIndex((each) => each.name === tool.name) === index);
      const agent = work.some((fn) => callsModel(program, resolver, fn, scope.prebuilt, 0));
      const acts = agent ? undefined : actingCallOf(scope, factory);
      return { ...base, kind: agent ? 'agent' : 'function', ...(tools.length > 0 && { tools }), ...(acts && { acts }) };
    }
  }
  if (N.isArrowFunction(value) || N.isFunctionExpression(value) || N.isFunctionDeclaration(value) || N.isMethodDeclaration(value)) {
    const body = value.getBody();
    // `interrupt()`, or a dynamic breakpoint (`throw new NodeInterrupt('Confirm the purchase')` until the state says a person confirmed).
    // (Not a pause that goes to the same node whatever the person answers: it asks, and the run goes on.)
    const interrupts = body ? (containsCall(program, body, (callee) => isLg(callee, ['interrupt'])) && !answerIgnored(scope, value)) || containsNew(program, body, (callee) => isLg(callee, ['NodeInterrupt'])) : false;
    const tools = functionNodeTools(scope, value, key);
    const agent = callsModel(program, resolver, value, scope.prebuilt, 0);
    // A node that runs a compiled graph of agents itself (`await writerGraph.invoke(…)`) and calls
    // no model of its own mounts that graph, as `addNode(name, writerGraph)` would.
    const inner = agent || !body ? undefined : graphRunIn(scope, body);
    if (inner) {
      inner.usedAsSubgraph = true;
      return { ...base, kind: 'subgraph', inner, interrupts };
    }
    // A graph run by its id on a LangGraph server (`client.runs.create(thread, 'writer', …)`): which
    // graph that is, is set in the server's configuration, not in the code read.
    if (body) remoteGraphRuns(scope, body, name);
    const model = agent ? calledModel(program, resolver, value) : undefined;
    // An agent node that takes its tools from a toolkit or an MCP client at run time and runs the
    // calls itself (`await toolset.getTools({ apps: ['GOOGLESHEETS'] })`): which tools, is not read.
    if (agent && tools.length === 0) runtimeToolkits(scope, value, name);
    const acts = agent ? undefined : actingCallOf(scope, value);
    return { ...base, kind: agent ? 'agent' : 'function', interrupts, ...(tools.length > 0 && { tools }), ...(model !== undefined && { model }), ...(acts && { acts }) };
  }
  return { ...base, kind: 'agent' };
}

/**
 * True when every way out of a node function is `new Command({ goto: 'x' })` to one and the same
 * node with no state update: whatever the person answers an `interrupt()` there, the run goes on
 * to that node, so the pause approves nothing.
 */
function answerIgnored(scope: LangGraphScope, fn: Node): boolean {
  const { N, K, resolver, isLg } = scope;
  const returned: Node[] = [];
  forEachDescendantOf(fn, [K.ReturnStatement, K.ArrowFunction, K.FunctionExpression, K.FunctionDeclaration], (node) => {
    if (node !== fn && !N.isReturnStatement(node)) return 'skip';
    if (N.isReturnStatement(node)) returned.push(node.getExpression() ?? node);
    return undefined;
  });
  if (N.isArrowFunction(fn) && !N.isBlock(fn.getBody())) returned.push(fn.getBody());
  const targets = returned.map((expression) => {
    const value = resolver.unwrap(expression);
    if (!N.isNewExpression(value) || !isLg(value.getExpression(), ['Command'])) return undefined;
    const options = value.getArguments()[0];
    if (!options || !N.isObjectLiteralExpression(options) || resolver.property(options, 'update') !== undefined) return undefined;
    return resolver.stringValue(resolver.property(options, 'goto'));
  });
  return targets.length > 0 && targets.every((target) => target !== undefined && target === targets[0]);
}

/** A gap at each `x.getTools(…)` an agent node's code calls (a toolkit's or an MCP client's tools, listed at run time). */
function runtimeToolkits(scope: LangGraphScope, fn: Node, node: string): void {
  const { N, K, gaps } = scope;
  for (const body of functionsRun(scope, fn)) {
    forEachDescendantOf(body, [K.CallExpression], (call) => {
      if (!N.isCallExpression(call)) return;
      const callee = call.getExpression();
      if (N.isPropertyAccessExpression(callee) && RUNTIME_TOOL_LISTS.test(callee.getName())) {
        gaps.add(call, `node '${node}' takes its tools from '${callee.getText().replace(/\s+/g, '')}' at run time: which tools it can call, and whether they act, is not read`);
      }
    });
  }
}

/** A gap at each run of a graph by id through the LangGraph SDK's client in a node's body. */
function remoteGraphRuns(scope: LangGraphScope, body: Node, node: string): void {
  const { N, K, resolver, gaps } = scope;
  forEachDescendantOf(body, [K.CallExpression], (call) => {
    if (!N.isCallExpression(call)) return;
    const callee = call.getExpression();
    if (!N.isPropertyAccessExpression(callee) || !['create', 'wait', 'stream'].includes(callee.getName())) return;
    const runs = callee.getExpression();
    if (!N.isPropertyAccessExpression(runs) || runs.getName() !== 'runs') return;
    const id = resolver.stringValue(call.getArguments()[1]);
    if (id !== undefined) gaps.add(call, `node '${node}' runs the graph '${id}' by its id on a LangGraph server (runs.${callee.getName()}): which graph that is, is set in the server's configuration`);
  });
}

/** The one compiled graph with agents a function body runs (`graph.invoke(…)`, `.stream(…)`), if exactly one. */
function graphRunIn(scope: LangGraphScope, body: Node): Builder | undefined {
  const { N, K } = scope;
  const found = new Set<Builder>();
  forEachDescendantOf(body, [K.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (!N.isPropertyAccessExpression(callee) || !RUN_METHODS.has(callee.getName())) return;
    const builder = scope.builderOf(callee.getExpression());
    // A graph not read yet (its nodes are classified later) counts, as a mounted one does.
    if (builder && (builder.nodes.size === 0 || hasAgents(builder))) found.add(builder);
  });
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * A node function and the functions and methods of the code read it calls, and they call (three
 * levels, as `callsModel` follows them): an agent built or run in a helper is the node's own way of working.
 */
function functionsRun(scope: LangGraphScope, fn: Node): Node[] {
  const { N, resolver } = scope;
  const found: Node[] = [fn];
  for (let level = 0, from = 0; level < 3; level++) {
    const to = found.length;
    for (let index = from; index < to; index++) {
      (found[index] as Node).forEachDescendant((node) => {
        if (!N.isCallExpression(node)) return;
        const callee = node.getExpression();
        // A function, or a method of an object the code read makes (`expert.ask(q)` of `new BaseAgent()`, `this.answer(s)`).
        if (!N.isIdentifier(callee) && !N.isPropertyAccessExpression(callee)) return;
        const target = resolver.value(callee);
        if (target && (N.isFunctionDeclaration(target) || N.isArrowFunction(target) || N.isFunctionExpression(target) || N.isMethodDeclaration(target)) && !found.includes(target)) found.push(target);
      });
    }
    from = to;
  }
  return found;
}

/**
 * The first call a function node's code makes, or the code it calls does (three levels), that
 * acts outside the program by its name (`await sendEmail(state.draft)`, `transporter.sendMail`,
 * `resend.emails.send`): a step after an agent that does so acts on what the agent wrote.
 */
function actingCallOf(scope: LangGraphScope, fn: Node): { call: string; location: ReturnType<typeof locationOf> } | undefined {
  for (const body of functionsRun(scope, fn)) {
    const first = namedActingCalls(scope.resolver, body, true)[0];
    if (first) return { call: first.name, location: locationOf(first.node) };
  }
  return undefined;
}

/**
 * What an expression holds, also where it is a parameter of the function that builds the graph
 * (`buildGraph(planNode, routerNode, wrapNode)`): what that function's one caller passes there.
 */
function valueThroughCaller(scope: LangGraphScope, node: Node): Node | undefined {
  const { N, resolver } = scope;
  const held = resolver.value(node);
  if (!held || !N.isParameterDeclaration(held)) return held;
  const passed = throughOneCaller(scope.program, resolver, scope.files, node);
  return passed === node ? undefined : resolver.value(passed);
}

/**
 * The node function a wrapper call is handed by name and runs (`wrapNode('router', routerNode)` where
 * `wrapNode = (name, node) => async (state) => { …; return await node(state); }`): the function the
 * argument holds, or the one a factory call there returns (`createRouterNode()`). Undefined when the
 * wrapper runs none of its parameters.
 */
function wrappedNodeFunction(scope: LangGraphScope, call: Node, wrapper: Node): Node | undefined {
  const { N, resolver } = scope;
  if (!N.isCallExpression(call) || !(N.isArrowFunction(wrapper) || N.isFunctionExpression(wrapper) || N.isFunctionDeclaration(wrapper))) return undefined;
  const parameters = wrapper.getParameters().map((parameter) => parameter.getName());
  let ran: number | undefined;
  wrapper.forEachDescendant((node) => {
    if (ran !== undefined || !N.isCallExpression(node)) return;
    const index = parameters.indexOf(node.getExpression().getText());
    if (index >= 0) ran = index;
  });
  const argument = ran === undefined ? undefined : call.getArguments()[ran];
  if (!argument || N.isArrowFunction(argument) || N.isFunctionExpression(argument)) return undefined;
  const isFunction = (node: Node | undefined): boolean => node !== undefined && (N.isArrowFunction(node) || N.isFunctionExpression(node) || N.isFunctionDeclaration(node));
  const held = valueThroughCaller(scope, argument);
  if (isFunction(held)) return held;
  const made = held && N.isCallExpression(held) ? resolver.factoryResult(held) : undefined;
  return isFunction(made) ? made : undefined;
}

/** The one compiled graph a `.pipe(…)` chain runs (`enter.pipe(team)`, `team.pipe(format)`). */
function pipedGraph(scope: LangGraphScope, call: Node, depth = 0): Builder | undefined {
  const { N } = scope;
  const found = new Set<Builder>();
  let current: Node | undefined = call;
  for (let hops = 0; current && hops < 8; hops++) {
    if (!N.isCallExpression(current)) break;
    const callee = current.getExpression();
    if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'pipe') break;
    for (const part of current.getArguments()) {
      // The graph itself, or a chain that pipes it (`enter.pipe(graph.compile())` kept in a constant).
      const value = scope.resolver.value(part);
      const builder = scope.builderOf(part) ?? (value && depth < 3 ? pipedGraph(scope, value, depth + 1) : undefined);
      if (builder) found.add(builder);
    }
    const receiver = callee.getExpression();
    const first = scope.builderOf(receiver);
    if (first) found.add(first);
    current = scope.resolver.value(receiver);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * The tools a function node runs itself. A ReAct agent built and run inside the node's function
 * is the node's own way of working: its tools are the node's, and it is no agent beside the graph.
 * A ToolNode run by hand (`toolNode.invoke(…)`), or a model with tools bound
 * (`llm.bindTools(tools).invoke(…)`) whose tool calls the node runs itself: their tools. Tools a
 * model only asks for are run by the graph's tool node, judged there.
 */
function functionNodeTools(scope: LangGraphScope, fn: Node, nodeKey: string): AgentTool[] {
  const { resolver, gaps, N, isLg } = scope;
  const inner: AgentTool[] = [];
  const ranByHand: AgentTool[] = [];
  const boundByModel: AgentTool[] = [];
  for (const body of functionsRun(scope, fn)) body.forEachDescendant((node) => {
    // Built here, or built elsewhere and run here (`researcher.invoke(state)`).
    const callee = N.isCallExpression(node) ? node.getExpression() : undefined;
    const run = callee && N.isPropertyAccessExpression(callee) && RUN_METHODS.has(callee.getName()) ? scope.prebuiltCall(callee.getExpression()) : undefined;
    const call = scope.prebuilt.has(node) ? node : run;
    const react = call ? scope.prebuilt.get(call) : undefined;
    if (!react && callee && N.isPropertyAccessExpression(callee) && RUN_METHODS.has(callee.getName())) {
      const receiver = resolver.value(callee.getExpression());
      const isToolNode = receiver !== undefined && N.isNewExpression(receiver) && isLg(receiver.getExpression(), ['ToolNode']);
      (isToolNode ? ranByHand : boundByModel).push(...scope.boundTools(callee.getExpression()));
    }
    if (!call || !react) return;
    scope.prebuiltAsNodes.set(call, nodeKey);
    gaps.touch(call);
    inner.push(...react.tools.filter((tool) => !inner.some((each) => each.name === tool.name)));
  });
  // Bound tools are the node's own when it runs tool calls itself (a ToolNode, or the calls read by hand).
  const text = fn.getText();
  // (`executeTool(call)`, or the tool the call names looked up and invoked: `toolToRun.invoke(call.args)`.)
  const runsCalls = ranByHand.length > 0 || (/\btool_calls\b/.test(text) && (/\b(execute|run|call|invoke)\w*Tool\w*\s*\(/i.test(text) || /\b\w*tool\w*\b[^;\n]{0,20}\.(invoke|call|func)\s*\(/i.test(text) || /\.(invoke|call)\s*\(\s*\w+\.args\b/.test(text)));
  for (const tool of [...ranByHand, ...(runsCalls ? boundByModel : [])]) if (!inner.some((each) => each.name === tool.name)) inner.push(tool);
  // The tool each call names looked up in the node's own map or list of tools (`const tools = {
  // placeOrder }; tools[call.name].invoke(call.args)`): the node runs those tools.
  if (/\btool_calls\b/.test(text) && /\.(invoke|call)\s*\(/.test(text)) {
    fn.forEachDescendant((node) => {
      if (!N.isVariableDeclaration(node)) return;
      // Only a collection the code looks the called tool up in (`tools[call.name]`, `tools.find(…)`).
      const looked = new RegExp(`\\b${escapeRegExp(node.getName())}\\s*(\\[|\\.(find|get)\\s*\\()`);
      if (!looked.test(text)) return;
      const initializer = node.getInitializer();
      const items = initializer && N.isObjectLiteralExpression(initializer)
        ? initializer.getProperties().flatMap((property) => (N.isShorthandPropertyAssignment(property) ? [property.getNameNode()] : N.isPropertyAssignment(property) ? [property.getInitializerOrThrow()] : []))
        : initializer && N.isArrayLiteralExpression(initializer) ? initializer.getElements() : [];
      for (const item of items) {
        // (A tool is built: `tool(fn, {…})`, `new DynamicStructuredTool({…})`, `new PlaceOrderTool()`;
        // not a string, a plain object or a message.)
        const value = resolver.value(item);
        const maker = value && (N.isCallExpression(value) || N.isNewExpression(value)) ? value.getExpression().getText() : '';
        if (!/(^|\.)(tool|\w*Tool)$/.test(maker)) continue;
        const tool = scope.toolOf(item);
        if (tool && !inner.some((each) => each.name === tool.name)) inner.push(tool);
      }
    });
  }
  return inner;
}

/** True when a graph, or a subgraph it mounts, has a node that calls a model. */
function hasAgents(builder: Builder, depth = 0): boolean {
  if (depth > 10) return true;
  return [...builder.nodes.values()].some((node) => node.kind === 'agent' || (node.kind === 'subgraph' && (node.inner === undefined || hasAgents(node.inner, depth + 1))));
}
