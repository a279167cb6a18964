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
  const edgeOrder = new Map<Edge, number>();
  system.edges.forEach((edge, index) => {
    const from = keys.get(edge.from);
    const to = keys.get(edge.to);
    if (from === undefined || to === undefined) return;
    edgeOrder.set(edge, index);
    graph.setEdge(from, to, edge, String(index));
  });

  const byOrder = (a: Edge, b: Edge): number => (edgeOrder.get(a) ?? 0) - (edgeOrder.get(b) ?? 0);
  const collect = (list: ReturnType<typeof graph.outEdges>, kinds?: readonly EdgeKind[]): Edge[] =>
    (list ?? [])
      .map((handle) => graph.edge(handle))
      .filter((edge) => kinds === undefined || kinds.includes(edge.kind))
      .sort(byOrder);

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
      return key === undefined ? [] : collect(graph.outEdges(key), kinds);
    },
    incoming: (id, kinds) => {
      const key = keys.get(id);
      return key === undefined ? [] : collect(graph.inEdges(key), kinds);
    },
  };
}
