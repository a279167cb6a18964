// Walks within one graph: which agents, tool nodes and ends a node reaches through the nodes
// that are not agents (functions, routers, tool nodes).
import type { Builder, GraphNode, RawEdge } from './model.js';
import { END_NAMES, START_NAMES, successorsOf } from './model.js';

const isAgentNode = (node: GraphNode | undefined): boolean => node !== undefined && (node.kind === 'agent' || node.kind === 'subgraph');

/** Agents reached from `start` through non-agent nodes, with the first edge taken; with `stopAt`, whether that node is reached. */
export function reachAgents(builder: Builder, start: string, successors: Map<string, RawEdge[]>, stopAt?: string): Array<{ node: GraphNode; edge: RawEdge; last: RawEdge }> {
  const found: Array<{ node: GraphNode; edge: RawEdge; last: RawEdge }> = [];
  const seen = new Set<string>([start]);
  const queue: Array<{ name: string; first?: RawEdge }> = [{ name: start }];
  for (let head = 0; head < queue.length; head++) {
    const { name, first } = queue[head] as { name: string; first?: RawEdge };
    for (const edge of successors.get(name) ?? []) {
      if (END_NAMES.has(edge.to) || START_NAMES.has(edge.to) || seen.has(edge.to)) continue;
      seen.add(edge.to);
      const target = builder.nodes.get(edge.to);
      const taken = first ?? edge;
      if (stopAt !== undefined && edge.to === stopAt) {
        found.push({ node: target ?? { name: edge.to, kind: 'function', key: edge.to, location: edge.location, interrupts: false }, edge: taken, last: edge });
        continue;
      }
      if (target && isAgentNode(target)) {
        if (stopAt === undefined) found.push({ node: target, edge: taken, last: edge });
        continue;
      }
      queue.push({ name: edge.to, first: taken });
    }
  }
  return found;
}

/**
 * Tool nodes, and function nodes that run tools or whose code acts (`acts`), reached from an agent through non-agent
 * nodes, and whether a human pause lies on the way (a node that pauses itself counts as paused).
 */
export function reachToolNodes(builder: Builder, start: string, successors: Map<string, RawEdge[]>): Array<{ node: GraphNode; paused: boolean }> {
  const found: Array<{ node: GraphNode; paused: boolean }> = [];
  const seen = new Set<string>([start]);
  const queue: Array<{ name: string; paused: boolean }> = [{ name: start, paused: builder.interruptAfter.has(start) }];
  for (let head = 0; head < queue.length; head++) {
    const { name, paused } = queue[head] as { name: string; paused: boolean };
    for (const edge of successors.get(name) ?? []) {
      const target = builder.nodes.get(edge.to);
      if (!target || seen.has(edge.to) || isAgentNode(target)) continue;
      seen.add(edge.to);
      const pausedHere = paused || target.interrupts || builder.interruptBefore.has(target.name);
      // (A function node that runs tool calls itself runs its tools as a tool node does.)
      if (target.kind === 'tools' || target.acts || (target.kind === 'function' && (target.tools?.length ?? 0) > 0)) found.push({ node: target, paused: pausedHere });
      queue.push({ name: edge.to, paused: pausedHere || builder.interruptAfter.has(target.name) });
    }
  }
  return found;
}

/** True when a node can reach END, directly or through nodes that are not agents. */
export function reachesEnd(builder: Builder, start: string, successors: Map<string, RawEdge[]>): boolean {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    for (const edge of successors.get(queue[head] as string) ?? []) {
      if (END_NAMES.has(edge.to)) return true;
      const target = builder.nodes.get(edge.to);
      if (seen.has(edge.to) || isAgentNode(target)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  // A node with no way on at all ends the run when it finishes.
  return (successors.get(start) ?? []).length === 0;
}

/** The agents a graph's run starts with (what START reaches), else its first agent. */
export function entriesOf(builder: Builder): GraphNode[] {
  const entries = reachAgents(builder, '__start__', successorsOf(builder)).map((reached) => reached.node);
  return entries.length > 0 ? entries : [...builder.nodes.values()].filter((node) => node.kind === 'agent').slice(0, 1);
}
