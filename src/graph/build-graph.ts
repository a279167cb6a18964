import { Graph } from '@dagrejs/graphlib';
import type { Agent, Edge, EdgeKind, Human, SystemModel } from '../model/index.js';

/** What a graph node stands for. */
export type GraphNode = { id: string; kind: 'agent'; agent: Agent } | { id: string; kind: 'human'; human: Human };

/**
 * A system's directed multigraph, with lookups by agent or human id.
 *
 * graphlib keeps nodes in plain objects, where ids such as `__proto__` or `constructor` would
 * collide with object internals; nodes are therefore keyed by their index and every lookup goes
 * through a `Map` from id to key.
 */
export interface CoordinationGraph {
  system: SystemModel;
  graph: Graph<undefined, GraphNode, Edge>;
  node(id: string): GraphNode | undefined;
  agent(id: string): Agent | undefined;
  isHuman(id: string): boolean;
  /** Edges leaving `id`, in model order, optionally only of the given kinds. */
  outgoing(id: string, kinds?: readonly EdgeKind[]): Edge[];
  /** Edges arriving at `id`, in model order, optionally only of the given kinds. */
  incoming(id: string, kinds?: readonly EdgeKind[]): Edge[];
}

/** Builds the graph of one linked system. Every edge of the model is kept (it is a multigraph). */
export function buildGraph(system: SystemModel): CoordinationGraph {
  const graph = new Graph<undefined, GraphNode, Edge>({ directed: true, multigraph: true });
  const keys = new Map<string, string>();
  const nodes: GraphNode[] = [
    ...system.agents.map((agent): GraphNode => ({ id: agent.id, kind: 'agent', agent })),
    ...system.humans.map((human): GraphNode => ({ id: human.id, kind: 'human', human })),
  ];
  nodes.forEach((node, index) => {
    keys.set(node.id, String(index));
    graph.setNode(String(index), node);
  });
  // Each node's edges out and in, in model order: rules and metrics ask for them per node, many
  // times, and reading them back from graphlib meant a lookup and a sort on every call.
  const outs = new Map<string, Edge[]>();
  const ins = new Map<string, Edge[]>();
  const append = (lists: Map<string, Edge[]>, key: string, edge: Edge): void => {
    const list = lists.get(key);
    if (list) list.push(edge);
    else lists.set(key, [edge]);
  };
  system.edges.forEach((edge, index) => {
    const from = keys.get(edge.from);
    const to = keys.get(edge.to);
    if (from === undefined || to === undefined) return;
    graph.setEdge(from, to, edge, String(index));
    append(outs, from, edge);
    append(ins, to, edge);
  });

  const collect = (list: readonly Edge[] | undefined, kinds?: readonly EdgeKind[]): Edge[] =>
    list === undefined ? [] : kinds === undefined ? [...list] : list.filter((edge) => kinds.includes(edge.kind));

  const node = (id: string): GraphNode | undefined => {
    const key = keys.get(id);
    return key === undefined ? undefined : graph.node(key);
  };
  return {
    system,
    graph,
    node,
    agent: (id) => {
      const found = node(id);
      return found?.kind === 'agent' ? found.agent : undefined;
    },
    isHuman: (id) => node(id)?.kind === 'human',
    outgoing: (id, kinds) => {
      const key = keys.get(id);
      return key === undefined ? [] : collect(outs.get(key), kinds);
    },
    incoming: (id, kinds) => {
      const key = keys.get(id);
      return key === undefined ? [] : collect(ins.get(key), kinds);
    },
  };
}
