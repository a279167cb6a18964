// The shapes the LangGraph.js reader works on, between reading the code and writing the graph.
import type { Node } from '../project.js';
import { locationOf } from '../project.js';
import type { Tool } from '../../../model/index.js';

export const LANGGRAPH_MODULES = ['@langchain/langgraph', '@langchain/langgraph-supervisor', '@langchain/langgraph-swarm', 'langchain', '@langchain/langgraph-sdk', 'deepagents'];

export const BUILDER_METHODS = new Set(['addNode', 'addEdge', 'addConditionalEdges', 'addSequence', 'setEntryPoint', 'setFinishPoint', 'compile', 'withConfig']);
/** The methods that run a compiled graph or agent. */
export const RUN_METHODS = new Set(['invoke', 'stream', 'streamEvents', 'batch']);
export const START_NAMES = new Set(['__start__', 'START']);
export const END_NAMES = new Set(['__end__', 'END']);
export const MODEL_METHODS = new Set(['invoke', 'stream', 'batch', 'generate', 'call', 'streamEvents', 'ainvoke']);

export type Location = ReturnType<typeof locationOf>;

export type NodeKind = 'agent' | 'function' | 'tools' | 'subgraph';

export interface GraphNode {
  name: string;
  kind: NodeKind;
  key: string;
  location: Location;
  /** For subgraphs: the builder inside. */
  inner?: Builder;
  /** The node pauses for a human (`interrupt()` in its body). */
  interrupts: boolean;
  model?: string;
  /** For tool nodes: the tools it runs; for a prebuilt agent used as a node: its own tools. */
  tools?: AgentTool[];
  /** For function nodes: the first call in its code (or the code it calls) that acts outside the program (`sendEmail`). */
  acts?: { call: string; location: Location };
}

/** A tool as the extractor reads it; `needsApproval` when something pauses it for a human. */
export interface AgentTool {
  name: string;
  location: Location;
  needsApproval?: boolean;
  /** What its own function does that cannot be undone (destructive SQL, a commit to a code host). */
  effect?: string;
  /** Its function calls nothing and only asks the person to confirm, or says it is retired (see `cannotAct`). */
  inert?: boolean;
  /** Its own function, where agents it runs are read (an agent used as a tool, written by hand). */
  body?: Node;
}

export interface RawEdge {
  from: string;
  to: string;
  parallel: boolean;
  conditional: boolean;
  /** A router's pick that runs alongside a static edge of the same node: parallel to it, one of the router's alternatives. */
  alongside?: boolean;
  location: Location;
}

/** One `new StateGraph(…)` and what its builder calls add to it. */
export interface Builder {
  key: string;
  node: Node;
  name: string;
  nodes: Map<string, GraphNode>;
  edges: RawEdge[];
  interruptBefore: Set<string>;
  interruptAfter: Set<string>;
  usedAsSubgraph: boolean;
  /** A router's targets could not be resolved: any node may be linked in ways not seen. */
  computedRouting: boolean;
  /** Each node's action as written (`addNode(name, action)`). */
  actions: Map<string, Node>;
  /** `compile(…)` was read already: a later compile keeps only the pauses both set (a pause on one branch of a choice is no guarantee). */
  compiled?: boolean;
}

/** A prebuilt agent: a createReactAgent / createAgent call, or a call of a factory that names one. */
export interface PrebuiltAgent {
  key: string;
  name: string;
  location: Location;
  model?: string;
  tools: AgentTool[];
}

export interface Supervisor {
  key: string;
  name: string;
  agents: Node[];
  location: Location;
}

export interface DeepAgent {
  key: string;
  name: string;
  node: Node;
  config: Node | undefined;
  /** Its own tools, and the `execute` shell a local shell backend gives it. */
  tools: AgentTool[];
}

/** A target a router or path map can send the run to; `parallel` when it is one of a fan-out. */
export interface RouteTarget {
  name: string;
  parallel: boolean;
  at?: Node;
}

/** Resolves what a node name expression stands for (a literal, START, END, a constant). */
export type NodeNamer = (node: Node | undefined) => string | undefined;

export function newBuilder(node: Node, key: string): Builder {
  return { key, node, name: key, nodes: new Map(), edges: [], interruptBefore: new Set(), interruptAfter: new Set(), usedAsSubgraph: false, computedRouting: false, actions: new Map() };
}

/** The edges of a builder by the node they leave. */
export function successorsOf(builder: Builder): Map<string, RawEdge[]> {
  const successors = new Map<string, RawEdge[]>();
  for (const edge of builder.edges) {
    const list = successors.get(edge.from);
    if (list) list.push(edge);
    else successors.set(edge.from, [edge]);
  }
  return successors;
}

/** A tool of an agent as the model holds it (paused also when its agent's `interruptOn` names it). */
export function modelTool(tool: AgentTool, paused = false): Tool {
  return { name: tool.name, irreversible: false, needsApproval: tool.needsApproval === true || paused, ...(tool.effect !== undefined && { effect: tool.effect }), ...(tool.inert === true && { inert: true }), location: tool.location };
}
