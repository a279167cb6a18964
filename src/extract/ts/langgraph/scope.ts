// What the LangGraph.js reader knows about one run's files, shared by its handlers: the graphs,
// prebuilt agents, supervisors and deep agents found, and the lookups that resolve an expression
// to one of them.
import type { Node } from '../project.js';
import { ReaderScope } from '../reader-scope.js';
import { locationOf } from '../project.js';
import type { Resolver } from '../resolve.js';
import type { AgentTool, Builder, DeepAgent, PrebuiltAgent, Supervisor } from './model.js';
import { BUILDER_METHODS, LANGGRAPH_MODULES } from './model.js';
import { cannotAct, chosenActionOf, functionEffectOf } from '../tool-body.js';
import { containsCall, toolName } from './model-calls.js';
import { entriesOf } from './reach.js';

/** A factory of prebuilt agents that takes the agent's name: agents are made at the calls that name them. */
export interface NamedFactory {
  definition: Node;
  parameter: NonNullable<ReturnType<Resolver['parameterOf']>>;
  tools: AgentTool[];
  /** Where the tools come from when each caller gives them (`tools: options.tools`). */
  toolsInput?: { index: number; property?: string };
  model?: string;
}

/** Methods that list a toolkit's or an MCP client's tools at run time (`client.getTools()`). */
export const RUNTIME_TOOL_LISTS = /^(getTools|get_tools|listTools|getLangChainTools)$/;

export class LangGraphScope extends ReaderScope {
  readonly builders = new Map<Node, Builder>();
  /** Prebuilt agents: createReactAgent / createAgent calls (or calls of a naming factory), by call node. */
  readonly prebuilt = new Map<Node, PrebuiltAgent>();
  readonly supervisors = new Map<Node, Supervisor>();
  readonly deepAgents: DeepAgent[] = [];
  /** Prebuilt agents that are a graph's node (or run inside one): the node is the agent. */
  /** Prebuilt agents that are a graph's node (or run inside one), with that node's key. */
  readonly prebuiltAsNodes = new Map<Node, string>();
  /** The key an agent of a prebuilt key is written under: the node's, when it is a graph's node. */
  readonly writtenKeyOf = (key: string): string => {
    for (const [call, nodeKey] of this.prebuiltAsNodes) if (this.prebuilt.get(call)?.key === key) return nodeKey;
    return key;
  };
  readonly factories: NamedFactory[] = [];

  /** True when `node` names something imported from LangGraph under one of `names`. */
  readonly isLg = (node: Node, names: string[]): boolean => this.resolver.isImportFrom(node, LANGGRAPH_MODULES, names);
  /**
   * `createHandoffTool`, from the swarm package or a package that re-exports it (`@langgraph-js/pro`):
   * any package named for LangGraph or LangChain.
   */
  readonly isHandoffTool = (node: Node): boolean => {
    if (this.isLg(node, ['createHandoffTool'])) return true;
    const binding = this.resolver.importOf(node);
    return binding?.name === 'createHandoffTool' && /langgraph|langchain/i.test(binding.module);
  };

  /** The builder an expression works on: `new StateGraph()` itself, or a chain of builder calls on it. */
  builderOf(expression: Node): Builder | undefined {
    const { N, resolver } = this;
    let current = resolver.value(expression);
    for (let hops = 0; current && hops < 200; hops++) {
      const found = this.builders.get(current);
      if (found) return found;
      if (!N.isCallExpression(current)) return undefined;
      const callee = current.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !BUILDER_METHODS.has(callee.getName())) return undefined;
      current = resolver.value(callee.getExpression());
    }
    return undefined;
  }

  /** The prebuilt agent an expression stands for: itself, or what the factories it calls return. */
  prebuiltCall(expression: Node): Node | undefined {
    const { N, resolver } = this;
    let current = resolver.value(expression);
    for (let hops = 0; current && hops < 8; hops++) {
      if (this.prebuilt.has(current)) return current;
      if (!N.isCallExpression(current)) return undefined;
      // `createX(…).withConfig({ recursionLimit })` is still that agent.
      const callee = current.getExpression();
      if (N.isPropertyAccessExpression(callee) && ['withConfig', 'withRetry', 'withFallbacks', 'withListeners'].includes(callee.getName())) current = resolver.value(callee.getExpression());
      else current = resolver.factoryResult(current);
    }
    return undefined;
  }

  /** The supervisor a value stands for: the createSupervisor call, or a chain of calls on it. */
  supervisorOf(value: Node): Supervisor | undefined {
    const { N, resolver } = this;
    let current: Node | undefined = value;
    for (let hops = 0; current && hops < 20; hops++) {
      const found = this.supervisors.get(current);
      if (found) return found;
      if (!N.isCallExpression(current)) return undefined;
      const callee = current.getExpression();
      if (!N.isPropertyAccessExpression(callee)) return undefined;
      current = resolver.value(callee.getExpression());
    }
    return undefined;
  }

  /** The key of the agent an expression stands for: a prebuilt agent, a supervisor, or a graph's entry agent. */
  agentKeyOf(expression: Node): string | undefined {
    const value = this.resolver.value(expression);
    if (!value) return undefined;
    const reactCall = this.prebuiltCall(value);
    const react = reactCall ? this.prebuilt.get(reactCall) : undefined;
    if (react) return react.key;
    const supervisor = this.supervisorOf(value);
    if (supervisor) return supervisor.key;
    const builder = this.builderOf(value);
    return builder ? entriesOf(builder)[0]?.key : undefined;
  }

  /** The tools a receiver runs: those bound to a model (`…bindTools([a, b])`), or given to a ToolNode. */
  boundTools(receiver: Node): AgentTool[] {
    const { N, resolver, gaps } = this;
    const value = resolver.value(receiver);
    if (!value) return [];
    let list: Node | undefined;
    if (N.isNewExpression(value) && this.isLg(value.getExpression(), ['ToolNode'])) list = value.getArguments()[0];
    else if (N.isCallExpression(value)) {
      const callee = value.getExpression();
      if (N.isPropertyAccessExpression(callee) && callee.getName() === 'bindTools') list = value.getArguments()[0];
    }
    if (!list) return [];
    // The files that define these tools hold something read: no "defines nothing" note on them.
    gaps.touch(value);
    const listed = resolver.elements(list);
    for (const unknown of listed.unknown) gaps.add(unknown, 'tools that are not written out in the code read (a call or a value computed at run time)');
    return listed.items.flatMap((item) => {
      gaps.touch(resolver.value(item) ?? item);
      return this.toolOf(item) ?? [];
    });
  }

  /**
   * A tool that hands the conversation to an agent of the parent graph: the calls of
   * `new Command({ goto, graph: Command.PARENT })` in its function, or in the factory that makes it
   * (`toAgent('bob')`), with that factory when there is one; undefined when it has none.
   */
  parentHandoffs(value: Node): { made?: Node; commands: Array<{ node: Node; goto?: Node }> } | undefined {
    const { N, resolver } = this;
    if (!N.isCallExpression(value)) return undefined;
    const factory = resolver.value(value.getExpression());
    const made = factory && (N.isArrowFunction(factory) || N.isFunctionDeclaration(factory) || N.isFunctionExpression(factory)) ? factory : undefined;
    const commands: Array<{ node: Node; goto?: Node }> = [];
    for (const node of (made ?? value).getDescendantsOfKind(this.program.morph.SyntaxKind.NewExpression)) {
      if (!this.isLg(node.getExpression(), ['Command'])) continue;
      const fields = node.getArguments()[0] ? resolver.value(node.getArguments()[0] as Node) : undefined;
      const graph = fields ? resolver.property(fields, 'graph') : undefined;
      if (!fields || !graph || !/\bPARENT\b/.test(graph.getText())) continue;
      const goto = resolver.property(fields, 'goto');
      commands.push({ node, ...(goto !== undefined && { goto }) });
    }
    return commands.length > 0 ? { ...(made !== undefined && { made }), commands } : undefined;
  }

  /**
   * One tool of a list, judged by its own code: it pauses for a human when its body calls
   * `interrupt()`, when the agent's `humanInTheLoopMiddleware` interrupts on it (`interruptOn`), or
   * when an approval wrapper asks first; what its body does that cannot be undone, or that it only
   * asks the person to confirm. Handoff tools (`createHandoffTool`) are edges, not actions: undefined.
   */
  toolOf(item: Node, interruptOn: ReadonlySet<string> = new Set()): AgentTool | undefined {
    const { N, resolver, gaps, program } = this;
    // A tool picked from the list an MCP client or a toolkit gives at run time (`wrap(tools.find(…))`
    // of `await client.getTools()`): which tool that is, is not in the code read.
    const listed = this.runtimeToolList(item);
    if (listed) {
      gaps.add(item, `a tool taken from the tools '${listed}' returns at run time`);
      return undefined;
    }
    const value = resolver.value(item);
    // The file that defines the tool holds something read: no "defines nothing" note on it.
    if (value) gaps.touch(value);
    if (value && N.isCallExpression(value) && this.isHandoffTool(value.getExpression())) return undefined;
    // A handoff written by hand (its function, or the factory that makes it, returns
    // `new Command({ goto, graph: Command.PARENT })`): an edge, not an action.
    // (One that acts first, a refund and then the handoff, is a tool all the same: the function that
    // returns the Command must do nothing else than read the state and write the tool message.)
    const handoff = value ? this.parentHandoffs(value) : undefined;
    const handsOn = handoff?.commands[0]?.node.getFirstAncestor((node) => N.isArrowFunction(node) || N.isFunctionExpression(node) || N.isFunctionDeclaration(node));
    if (handsOn && !containsCall(program, handsOn, (callee) => !/^(getCurrentTaskInput|String|JSON\.stringify)$/.test(callee.getText()))) return undefined;
    const name = toolName(resolver, item);
    const body = value && N.isCallExpression(value) ? resolver.value(value.getArguments()[0] ?? value) : undefined;
    const own = body !== undefined && body !== value ? body : undefined;
    const interrupts = own !== undefined && containsCall(program, own, (callee) => this.isLg(callee, ['interrupt']));
    // `tool(fn, { name, schema })`: what its parameters let the model pick, when its code says nothing.
    const options = value && N.isCallExpression(value) && own !== undefined ? resolver.value(value.getArguments()[1] ?? value) : undefined;
    const effect = (own !== undefined ? functionEffectOf(resolver, own) : undefined) ?? (options !== undefined && options !== value ? chosenActionOf(resolver, options) : undefined);
    const confirms = own !== undefined && cannotAct(resolver, own);
    // A wrapper that asks a person first (`withAsyncAuthorization(tool)`, `withApproval(tool)`).
    const approvedFirst = value !== undefined && N.isCallExpression(value) && /^with(?!out)\w*(Authori[sz]ation|Approval|Confirmation)$/.test(value.getExpression().getText());
    return {
      name,
      location: locationOf(item),
      ...((interrupts || interruptOn.has(name) || approvedFirst) && { needsApproval: true }),
      ...(effect !== undefined && { effect }),
      ...(confirms && { inert: true }),
      ...(own !== undefined && { body: own }),
    };
  }

  /** The `x.getTools()` call (an MCP client's or a toolkit's tools) a tool expression is taken from, through calls, finds and awaits. */
  private runtimeToolList(item: Node, depth = 0): string | undefined {
    const { N, resolver } = this;
    if (depth > 4) return undefined;
    const value = resolver.unwrap(resolver.value(item) ?? item);
    const awaited = N.isAwaitExpression(value) ? resolver.unwrap(value.getExpression()) : value;
    if (!N.isCallExpression(awaited)) return undefined;
    const callee = awaited.getExpression();
    if (N.isPropertyAccessExpression(callee) && RUNTIME_TOOL_LISTS.test(callee.getName())) return callee.getText().replace(/\s+/g, '');
    // `tools.find((t) => …)`, `tools.filter(…)`: picked from that list.
    if (N.isPropertyAccessExpression(callee) && /^(find|filter|at|slice)$/.test(callee.getName())) return this.runtimeToolList(callee.getExpression(), depth + 1);
    // `wrapTool(tool)`: a wrapper of one such tool.
    const first = awaited.getArguments()[0];
    return first && !N.isArrowFunction(first) && !N.isFunctionExpression(first) && !N.isObjectLiteralExpression(first) ? this.runtimeToolList(first, depth + 1) : undefined;
  }

  /** The node name an expression stands for: a string, a constant, START or END. */
  readonly nodeName = (expression: Node | undefined): string | undefined => {
    const { N } = this;
    if (!expression) return undefined;
    // A qualified name (`lg.END`) counts when it resolves; a bare identifier whenever it is imported.
    const named = N.isIdentifier(expression) || (N.isPropertyAccessExpression(expression) && this.resolver.value(expression) !== undefined);
    if (named && this.isLg(expression, ['START'])) return '__start__';
    if (named && this.isLg(expression, ['END'])) return '__end__';
    return this.resolver.stringValue(expression);
  };

  /** Names an expression stands for: one, or each element of a loop over a constant list. */
  nodeNames(expression: Node | undefined): string[] | undefined {
    if (!expression) return undefined;
    const single = this.nodeName(expression);
    if (single !== undefined) return [single];
    const unwrapped = this.resolver.unwrap(expression);
    if (!this.N.isIdentifier(unwrapped)) return undefined;
    const declaration = this.resolver.localDeclaration(unwrapped);
    const list = declaration ? this.loopedList(declaration) : undefined;
    return list ? this.listNames(list, 0) : undefined;
  }

  /**
   * The names a constant list holds: its elements, the keys of an object written out
   * (`Object.keys(agents)`), less those a filter leaves out by name (`.filter((k) => k !== 'sup')`).
   */
  private listNames(list: Node, depth: number): string[] | undefined {
    const { N, resolver } = this;
    const written = resolver.unwrap(list);
    if (depth < 3 && N.isCallExpression(written)) {
      const callee = written.getExpression();
      if (N.isPropertyAccessExpression(callee) && callee.getName() === 'filter') {
        const kept = this.listNames(callee.getExpression(), depth + 1);
        const test = written.getArguments()[0];
        const body = test && (N.isArrowFunction(test) || N.isFunctionExpression(test)) ? test.getBody() : undefined;
        const parameter = test && (N.isArrowFunction(test) || N.isFunctionExpression(test)) ? test.getParameters()[0]?.getName() : undefined;
        if (!kept || !body || !parameter || !N.isBinaryExpression(body) || !['!==', '!='].includes(body.getOperatorToken().getText())) return undefined;
        const [left, right] = [body.getLeft(), body.getRight()];
        const dropped = left.getText() === parameter ? resolver.stringValue(right) : right.getText() === parameter ? resolver.stringValue(left) : undefined;
        return dropped === undefined ? undefined : kept.filter((name) => name !== dropped);
      }
      if (callee.getText() === 'Object.keys') {
        const object = written.getArguments()[0] ? resolver.value(written.getArguments()[0] as Node) : undefined;
        if (!object || !N.isObjectLiteralExpression(object)) return undefined;
        const keys = object.getProperties().map((property) => (N.isPropertyAssignment(property) || N.isShorthandPropertyAssignment(property) || N.isMethodDeclaration(property) ? property.getName().replace(/^['"]|['"]$/g, '') : undefined));
        return keys.every((key) => key !== undefined) ? (keys as string[]) : undefined;
      }
    }
    const { items, unknown } = resolver.elements(list);
    if (unknown.length > 0) return undefined;
    const names = items.map(this.nodeName);
    return names.every((name) => name !== undefined) ? (names as string[]) : undefined;
  }

  /**
   * The list a loop variable runs over: `for (const m of list)`, or the first parameter of the
   * callback of `list.forEach(…)` / `list.map(…)`.
   */
  private loopedList(declaration: Node): Node | undefined {
    const { N } = this;
    const loop = declaration.getParent()?.getParent();
    if (loop && N.isForOfStatement(loop)) return loop.getExpression();
    if (!N.isParameterDeclaration(declaration)) return undefined;
    const callback = declaration.getParent();
    if (!callback || !(N.isArrowFunction(callback) || N.isFunctionExpression(callback)) || callback.getParameters()[0] !== declaration) return undefined;
    const call = callback.getParent();
    if (!call || !N.isCallExpression(call) || call.getArguments()[0] !== callback) return undefined;
    const callee = call.getExpression();
    return N.isPropertyAccessExpression(callee) && ['forEach', 'map'].includes(callee.getName()) ? callee.getExpression() : undefined;
  }
}
