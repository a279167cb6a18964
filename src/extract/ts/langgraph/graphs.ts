// Writes each graph into the draft: its agent nodes (and mounted subgraphs), the handoffs between
// agents through the nodes that are not agents, the tools agents reach through tool nodes, and
// the human pauses (`interrupt()`, interruptBefore/After).
import { locationOf } from '../project.js';
import type { Builder, GraphNode, RawEdge } from './model.js';
import { END_NAMES, modelTool, successorsOf } from './model.js';
import { writeToolDelegations } from './prebuilt.js';
import { entriesOf, reachAgents, reachesEnd, reachToolNodes } from './reach.js';
import type { LangGraphScope } from './scope.js';

export function writeGraphs(scope: LangGraphScope): void {
  const systemOf = new Map<Builder, Builder>();
  for (const builder of scope.builders.values()) for (const node of builder.nodes.values()) if (node.inner) systemOf.set(node.inner, builder);
  /** The outermost graph a builder is mounted in: all of it is one system. */
  const topOf = (builder: Builder): Builder => {
    let current = builder;
    for (let hops = 0; hops < 20 && systemOf.has(current); hops++) current = systemOf.get(current) as Builder;
    return current;
  };
  for (const builder of scope.builders.values()) writeGraph(scope, builder, topOf(builder));
}

/** The one agent of a compiled graph mounted as a node, when it has exactly one (and no graph of its own). */
function soleAgentOf(node: GraphNode): GraphNode | undefined {
  if (node.kind !== 'subgraph' || !node.inner) return undefined;
  const agents = [...node.inner.nodes.values()].filter((each) => each.kind === 'agent' || each.kind === 'subgraph');
  return agents.length === 1 && agents[0]?.kind === 'agent' ? agents[0] : undefined;
}

/** The agent a node of a graph stands for: a mounted graph of one agent is that agent. */
const keyOf = (node: GraphNode): string => soleAgentOf(node)?.key ?? node.key;

function writeGraph(scope: LangGraphScope, builder: Builder, top: Builder): void {
  const { draft, gaps } = scope;
  const successors = successorsOf(builder);
  for (const node of builder.nodes.values()) {
    if (node.kind !== 'agent' && node.kind !== 'subgraph') continue;
    // A compiled graph whose only agent is one node is that agent: written once, from its own graph.
    if (soleAgentOf(node)) continue;
    const name = builder.usedAsSubgraph ? `${builder.name}/${node.name}` : node.name;
    draft.addAgent({
      key: node.key,
      name,
      role: node.kind === 'subgraph' ? 'lead' : 'worker',
      tools: (node.tools ?? []).map((tool) => modelTool(tool)),
      location: node.location,
      ...(reachesEnd(builder, node.name, successors) && { terminates: true }),
      ...(builder.computedRouting && { partial: true }),
      ...(node.model !== undefined && { model: node.model }),
      // A compiled subgraph mounted as a node makes no model call of its own: it runs the
      // subgraph and passes its output on, judging nothing.
      ...(node.kind === 'subgraph' && { deterministic: true }),
    });
    draft.assign(node.key, top.key, top.name, locationOf(top.node));
    writeToolDelegations(scope, node.key, node.tools ?? []);
    if (node.inner) {
      for (const entry of entriesOf(node.inner)) draft.addEdge(node.key, entry.key, 'delegate', node.location);
    }
  }
  // Static edges that leave one node for several are a parallel fan-out (one superstep).
  // Static edges always fire, alongside whatever a router picks: two or more outgoing paths
  // of which one is static run in the same superstep.
  // (Counted by target: a static edge and a `Command` ending to the same node are one way on. A
  // router's picks beside a static edge run alongside it, and are still one pick among them.)
  for (const [, edges] of successors) {
    const live = edges.filter((edge) => !END_NAMES.has(edge.to));
    const targets = new Set(live.map((edge) => edge.to));
    const statics = new Set(live.filter((edge) => !edge.conditional).map((edge) => edge.to));
    if (statics.size > 1 || (statics.size >= 1 && targets.size > statics.size)) {
      for (const edge of live) {
        if (edge.conditional && !edge.parallel) edge.alongside = true;
        edge.parallel = true;
      }
    }
  }
  const agentNodes = [...builder.nodes.values()].filter((node) => node.kind === 'agent' || node.kind === 'subgraph');
  // The agents the top graph's entry reaches (a router of plain code picking one of them per request).
  if (builder === top) {
    const entries = reachAgents(builder, '__start__', successors);
    for (const reached of entries.length > 1 ? entries : []) {
      const agent = draft.agent(keyOf(reached.node));
      if (agent) agent.entry = true;
    }
  }
  const supervised = supervisedWorkers(builder, agentNodes, successors);
  for (const agent of agentNodes) {
    for (const reached of reachAgents(builder, agent.name, successors)) {
      if (keyOf(reached.node) === keyOf(agent)) continue;
      const workers = supervised.get(agent.name);
      // A supervisor written by hand directs its workers; a worker's way back is its reply.
      if (workers?.has(reached.node.name)) {
        draft.addEdge(keyOf(agent), keyOf(reached.node), 'delegate', reached.edge.location);
        continue;
      }
      if (supervised.get(reached.node.name)?.has(agent.name)) continue;
      // A router's pick (a conditional edge that is no fan-out) is one of exclusive alternatives,
      // also when it runs beside a static edge, or when a node of plain code on the way picks it.
      const { edge: first, last } = reached;
      const pickedOnTheWay = last !== first && last.conditional && (!last.parallel || last.alongside === true);
      const exclusive = (first.conditional && (!first.parallel || first.alongside === true)) || pickedOnTheWay;
      const choice = pickedOnTheWay ? `${builder.key}:${last.from}` : first.alongside === true ? `${builder.key}:${first.from}` : undefined;
      draft.addEdge(keyOf(agent), keyOf(reached.node), 'handoff', first.location, { parallel: first.parallel, ...(exclusive && { exclusive: true }), ...(choice !== undefined && { choice }) });
    }
  }
  // Tools an agent runs through a tool node it reaches; paused ones need approval.
  for (const agent of agentNodes) {
    const owner = draft.agent(keyOf(agent));
    if (!owner) continue;
    for (const reached of reachToolNodes(builder, agent.name, successors)) {
      // A step after the agent whose own code acts (`sendEmail(state.reply)`) does so on what the agent wrote.
      const acts = reached.node.kind === 'function' ? reached.node.acts : undefined;
      if (acts) {
        const name = `${acts.call} (node '${reached.node.name}')`;
        if (!owner.tools.some((existing) => existing.name === name)) {
          const effect = `node '${reached.node.name}' after it calls '${acts.call}' in its own code, with no pause for a person before it`;
          owner.tools.push({ name, irreversible: false, needsApproval: reached.paused, effect, location: acts.location });
        }
      }
      for (const tool of reached.node.tools ?? []) {
        if (owner.tools.some((existing) => existing.name === tool.name)) continue;
        owner.tools.push({
          name: tool.name,
          irreversible: false,
          needsApproval: reached.paused || tool.needsApproval === true,
          ...(tool.effect !== undefined && { effect: tool.effect }),
          ...(tool.inert === true && { inert: true }),
          location: tool.location,
        });
      }
    }
  }
  // Human approval: interrupt() in a node, or interruptBefore/After on compile.
  for (const node of builder.nodes.values()) {
    const paused = node.interrupts || builder.interruptBefore.has(node.name) || builder.interruptAfter.has(node.name);
    if (!paused) continue;
    if (node.kind === 'agent') {
      draft.addHumanApproval(node.key, node.location, 'every-action');
      continue;
    }
    for (const upstream of agentNodes) {
      if (reachAgents(builder, upstream.name, successors, node.name).length > 0) draft.addHumanApproval(keyOf(upstream), node.location, 'every-action');
    }
    // An agent entered only from the pause (write → interrupt → send) acts on what the person approved.
    for (const downstream of agentNodes) {
      const entries = builder.edges.filter((edge) => edge.to === downstream.name);
      if (entries.length > 0 && entries.every((edge) => edge.from === node.name)) draft.addHumanApproval(keyOf(downstream), node.location, 'every-action');
    }
  }
  if (agentNodes.length === 0 && builder.nodes.size > 0 && !builder.usedAsSubgraph) {
    gaps.add(builder.node, `graph '${builder.name}' has nodes but none that calls a model`);
  }
}

/**
 * Supervisors written by hand: an agent node whose router (conditional edges, `Command({ goto })`
 * or `ends`) picks only among two or more agents that each go back to it and nowhere else. That is
 * the supervisor pattern (createSupervisor built by hand): it directs them, and each worker's
 * edge back carries its reply, so the picks are delegation and the returns are no handoffs.
 * Returns each supervisor's name with the names of the workers it directs.
 */
function supervisedWorkers(builder: Builder, agentNodes: GraphNode[], successors: Map<string, RawEdge[]>): Map<string, Set<string>> {
  const supervised = new Map<string, Set<string>>();
  for (const agent of agentNodes) {
    if (agent.kind !== 'agent') continue;
    const picks = reachAgents(builder, agent.name, successors).filter((reached) => reached.node.key !== agent.key);
    const returns = (name: string): boolean => {
      const onward = reachAgents(builder, name, successors);
      return onward.length > 0 && onward.every((next) => next.node.name === agent.name) && !reachesEnd(builder, name, successors);
    };
    // Every agent it picks comes back to it: an agent it hands the run on to (a reviewer at the
    // end, reading what the workers wrote into the state) makes it a router among stages instead.
    if (picks.length < 2 || !picks.every((reached) => reached.edge.conditional && !reached.edge.parallel && returns(reached.node.name))) continue;
    supervised.set(agent.name, new Set(picks.map((reached) => reached.node.name)));
  }
  return supervised;
}
