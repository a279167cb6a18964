// Prebuilt agents outside graphs, supervisors over the agents they list, deep agents with their
// subagents, and swarms whose handoff tools name the agent they hand to.
import type { Node } from '../project.js';
import { forEachDescendantOf, hasImportedCallee, locationOf } from '../project.js';
import type { AgentTool } from './model.js';
import { modelTool, RUN_METHODS } from './model.js';
import { agentTools, callerToolItems, interruptsOf } from './constructions.js';
import type { LangGraphScope } from './scope.js';
import { entriesOf } from './reach.js';

export function writePrebuilt(scope: LangGraphScope): void {
  writeReactAgents(scope);
  writeSupervisors(scope);
  writeDeepAgents(scope);
  writeSwarmHandoffs(scope);
  writeCommandHandoffs(scope);
}

/** A ReAct agent that is no graph's node is an agent of its own; it ends its run when the model answers without calling a tool. */
function writeReactAgents(scope: LangGraphScope): void {
  for (const [call, agent] of scope.prebuilt) {
    if (scope.prebuiltAsNodes.has(call)) continue;
    const tools = agent.tools.map((tool) => modelTool(tool));
    scope.draft.addAgent({ key: agent.key, name: agent.name, role: 'worker', tools, location: agent.location, terminates: true, ...(agent.model !== undefined && { model: agent.model }) });
    writeToolDelegations(scope, agent.key, agent.tools);
  }
}

function writeSupervisors(scope: LangGraphScope): void {
  const { draft, gaps, resolver } = scope;
  for (const supervisor of scope.supervisors.values()) {
    draft.addAgent({ key: supervisor.key, name: supervisor.name, role: 'worker', tools: [], location: supervisor.location, terminates: true });
    draft.markEntry(supervisor.key);
    for (const item of supervisor.agents) {
      const target = scope.agentKeyOf(item);
      if (!target) {
        gaps.add(item, `the supervised agent '${item.getText().slice(0, 40)}', ${resolver.whyUnknown(item, 'which is not an agent defined in the code read')}`);
        continue;
      }
      draft.addEdge(supervisor.key, target, 'delegate', locationOf(item));
    }
  }
}

function writeDeepAgents(scope: LangGraphScope): void {
  const { draft, gaps, resolver } = scope;
  for (const deep of scope.deepAgents) {
    const tools = deep.tools.map((tool) => modelTool(tool));
    draft.addAgent({ key: deep.key, name: deep.name, role: 'orchestrator', tools, location: locationOf(deep.node), terminates: true });
    writeToolDelegations(scope, deep.key, deep.tools);
    draft.markEntry(deep.key);
    const list = resolver.elements(deep.config ? resolver.property(deep.config, 'subagents') : undefined);
    for (const unknown of list.unknown) gaps.add(unknown, 'subagents spread from an array that is not written out');
    for (const item of list.items) {
      const spec = resolver.value(item);
      const name = resolver.stringValue(spec ? resolver.property(spec, 'name') : undefined);
      if (!spec || name === undefined) {
        gaps.add(item, 'a subagent whose name is computed');
        continue;
      }
      const key = `${deep.key}:${name}`;
      // (Its own tools, `{ name, systemPrompt, tools: [sendEmail] }`, paused by its own `interruptOn`.)
      const own = agentTools(scope, spec);
      // (Without one of its own, it pauses where the main agent's `interruptOn` says.)
      const paused = interruptsOf(scope, resolver.property(spec, 'interruptOn') ?? (deep.config ? resolver.property(deep.config, 'interruptOn') : undefined));
      const tools = own.map((tool) => modelTool(tool, paused.has(tool.name)));
      draft.addAgent({ key, name, role: 'worker', tools, location: locationOf(item) });
      draft.addEdge(deep.key, key, 'delegate', locationOf(item));
      writeToolDelegations(scope, key, own);
    }
  }
}

/**
 * The ReAct agent a handoff names: the one of that name in the handoff's own file when there is
 * one (separate scripts in one folder each build a `hotel_assistant`), else the first of that name.
 */
function agentNamed(scope: LangGraphScope, name: string, near: Node): { key: string; name?: string } | undefined {
  const named = [...scope.prebuilt].filter(([, agent]) => agent.name === name);
  return (named.find(([call]) => call.getSourceFile() === near.getSourceFile()) ?? named[0])?.[1];
}

/** Swarms: a `createHandoffTool({ agentName })` among an agent's tools hands to that agent. */
function writeSwarmHandoffs(scope: LangGraphScope): void {
  const { program, resolver, draft, gaps, N } = scope;
  for (const source of scope.files) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node) || !scope.isHandoffTool(node.getExpression())) return;
      const options = resolver.value(node.getArguments()[0] ?? node);
      const target = resolver.stringValue(options ? resolver.property(options, 'agentName') : undefined);
      const enclosing = enclosingPrebuilt(scope, node);
      // (A ReAct agent run as a graph's node is written as that node.)
      const owner = enclosing === undefined ? undefined : scope.writtenKeyOf(enclosing);
      if (!target || !owner) {
        gaps.add(node, 'a handoff tool outside any agent that is read');
        return;
      }
      const destination = agentNamed(scope, target, node);
      // A compiled graph of that name in the swarm (`compile({ name: 'research_dispatcher' })`): its run starts at its entry agents.
      const graph = destination ? undefined : [...scope.builders.values()].find((builder) => builder.name === target && builder.nodes.size > 0);
      const entries = graph ? entriesOf(graph).filter((entry) => draft.hasAgent(entry.key)) : [];
      if (destination) draft.addEdge(owner, scope.writtenKeyOf(destination.key), 'handoff', locationOf(node));
      else if (entries.length > 0) {
        for (const entry of entries) {
          draft.addEdge(owner, entry.key, 'handoff', locationOf(node));
          // Swarm members compiled as graphs of their own are one run.
          draft.joinSystemsOf(owner, entry.key);
        }
      }
      else gaps.add(node, `a handoff to '${target}', which is not a known agent`);
    }, (node) => hasImportedCallee(node, resolver.imports(source)));
  }
}

/**
 * Handoff tools written by hand: a tool among an agent's tools whose function returns
 * `new Command({ goto: 'bob', graph: Command.PARENT })`, also from a factory given the target
 * (`toAgent('bob')` → `goto: agentName`), hands to that agent.
 */
function writeCommandHandoffs(scope: LangGraphScope): void {
  const { resolver, draft, gaps, N } = scope;
  for (const [call, agent] of scope.prebuilt) {
    const options = N.isCallExpression(call) ? call.getArguments()[0] : undefined;
    const config = options ? resolver.value(options) : undefined;
    // The tools in the options, or where a naming factory takes them (`makeAgent('sales', [handoffTo('support')])`).
    const factory = N.isCallExpression(call) ? scope.factories.find((each) => each.toolsInput !== undefined && resolver.value(call.getExpression()) === each.parameter.fn) : undefined;
    const items = factory?.toolsInput ? callerToolItems(scope, call, factory.toolsInput).items : config ? resolver.elements(resolver.property(config, 'tools')).items : [];
    for (const item of items) {
      const value = resolver.value(item);
      const handoff = value ? scope.parentHandoffs(value) : undefined;
      if (!value || !handoff) continue;
      for (const { goto } of handoff.commands) {
        // The factory's parameter (`toAgent('bob')`), or a property of it (`handoffTo({ agentName: 'bob' })`).
        const input = handoff.made && goto ? resolver.factoryInput(goto) : undefined;
        const target = input && input.fn === handoff.made ? resolver.factoryArgument(value, input) : resolver.stringValue(goto);
        const destination = target === undefined ? undefined : agentNamed(scope, target, item);
        if (destination && destination.key !== agent.key) draft.addEdge(agent.key, destination.key, 'handoff', locationOf(item));
        else if (!destination) gaps.add(item, target === undefined ? 'a handoff tool whose target is computed' : `a handoff to '${target}', which is not a known agent`);
      }
    }
  }
}

/** The prebuilt agent whose config holds this node (a handoff tool in its `tools`). */
function enclosingPrebuilt(scope: LangGraphScope, node: Node): string | undefined {
  const { resolver, N } = scope;
  for (let current: Node | undefined = node.getParent(); current; current = current.getParent()) {
    const found = scope.prebuilt.get(current);
    if (found) return found.key;
    if (N.isVariableDeclaration(current)) {
      // A tool defined in a variable and listed in an agent's tools: find the agent that lists it.
      const name = current.getName();
      for (const [call, agent] of scope.prebuilt) {
        const options = N.isCallExpression(call) ? call.getArguments()[0] : undefined;
        const config = options ? resolver.value(options) : undefined;
        const listed = config ? resolver.property(config, 'tools') : undefined;
        const tools = resolver.elements(listed).items;
        if (tools.some((tool) => tool.getText() === name)) return agent.key;
        // The agent's whole list kept in the variable (`const tools = [createHandoffTool(…)]; createReactAgent({ tools })`).
        const initializer = current.getInitializer();
        if (listed && initializer && resolver.value(listed) === initializer) return agent.key;
      }
      return undefined;
    }
  }
  return undefined;
}

/**
 * Agents a tool's own function runs (`sub.invoke(…)`, `graph.streamEvents(…)` in a LangChain
 * `tool()`): the agent that owns the tool delegates to them, an agent used as a tool by hand.
 */
export function writeToolDelegations(scope: LangGraphScope, ownerKey: string, tools: readonly AgentTool[]): void {
  const { N, K } = scope;
  for (const tool of tools) {
    if (!tool.body) continue;
    forEachDescendantOf(tool.body, [K.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !RUN_METHODS.has(callee.getName())) return;
      const target = scope.agentKeyOf(callee.getExpression());
      if (target !== undefined && target !== ownerKey) scope.draft.addEdge(ownerKey, target, 'delegate', locationOf(node));
    });
  }
}
