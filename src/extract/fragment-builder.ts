import {
  DEFAULT_COUPLING,
  effectiveCoupling,
  type Agent,
  type AgentRole,
  type ApprovalMode,
  type Coupling,
  type EdgeKind,
  type Location,
  type Tool,
} from '../model/index.js';
import type { FragmentEdge, SystemFragment } from './types.js';

export interface DraftAgent {
  key: string;
  name: string;
  role: AgentRole;
  model?: string;
  tools: Tool[];
  location: Location;
  description?: string;
  /** Can end the run (reaches a graph's END, or gives the final output). */
  terminates?: boolean;
  /** Some of its links could not be resolved. */
  partial?: boolean;
  /** One of the agents a graph's entry picks from: its caller hands it the work. */
  entry?: boolean;
  /** The user's own session (Claude Code's main session). */
  interactive?: boolean;
  /** Plain code or a workflow engine that sequences agents without judging their output. */
  deterministic?: boolean;
}

export interface DraftEdgeOptions {
  coupling?: Coupling;
  fallback?: boolean;
  contract?: string | boolean;
  parallel?: boolean;
  mode?: 'sync' | 'async';
  approvalMode?: ApprovalMode;
  /** On an approval: the one tool it guards. */
  tool?: string;
  /** One of a router's exclusive alternatives. */
  exclusive?: boolean;
  /** With `exclusive`: the decision that picks among them, where the source has several. */
  choice?: string;
  /** A parallel branch joined downstream by a node that is not an agent (an n8n Merge). */
  joined?: boolean;
  /** The work steps the edge joins (task or step ids), when agents work in steps. */
  steps?: { from: string; to: string };
}

interface DraftEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  options: DraftEdgeOptions;
  location: Location;
}

/** The human node framework extractors attach approval points to (FRAMEWORKS.md: HITL → human). */
export const APPROVER_KEY = 'human:user';

/**
 * Collects what a code or config extractor finds (agents, humans, edges, loop bounds, keyed by
 * the extractor's own keys) and cuts it into systems: one per connected group, unless the
 * extractor assigns systems itself. Agent ids are the framework's names, made unique per system.
 */
export class GraphDraft {
  private readonly agents = new Map<string, DraftAgent>();
  private readonly humans = new Map<string, { name: string; location: Location }>();
  private readonly edges: DraftEdge[] = [];
  private readonly edgeKeys = new Set<string>();
  private readonly loops: Array<{ keys: string[]; maxIterations?: number; location: Location; anchor?: string }> = [];
  private readonly assigned = new Map<string, string>();
  /** Systems joined into another (`joinSystemsOf`). */
  private readonly joinedSystems = new Map<string, string>();
  private readonly systemInfo = new Map<string, { name: string; location: Location }>();
  private readonly entries = new Set<string>();
  /** Root coordinators start runs of their own (workflows, scripts): see `SystemModel.separateRuns`. */
  separateRuns = false;

  /** Marks a node as where work enters its system (an agent that code runs). */
  markEntry(key: string): void {
    this.entries.add(key);
  }

  addAgent(agent: DraftAgent): DraftAgent {
    const existing = this.agents.get(agent.key);
    if (existing) return existing;
    this.agents.set(agent.key, agent);
    return agent;
  }

  agent(key: string): DraftAgent | undefined {
    return this.agents.get(key);
  }


  hasAgent(key: string): boolean {
    return this.agents.has(key);
  }

  addHuman(key: string, name: string, location: Location): void {
    if (!this.humans.has(key)) this.humans.set(key, { name, location });
  }

  addEdge(from: string, to: string, kind: EdgeKind, location: Location, options: DraftEdgeOptions = {}): void {
    const steps = options.steps === undefined ? '' : `\u0000${options.steps.from}\u0000${options.steps.to}`;
    const id = `${from}\u0000${to}\u0000${kind}${steps}`;
    if (this.edgeKeys.has(id)) return;
    this.edgeKeys.add(id);
    this.edges.push({ from, to, kind, options, location });
  }

  /** An approval of `agentKey`'s actions (or of one tool's calls) by the run's human user. */
  addHumanApproval(agentKey: string, location: Location, mode: ApprovalMode, tool?: string): void {
    this.addHuman(APPROVER_KEY, 'user', location);
    this.addEdge(agentKey, APPROVER_KEY, 'approval', location, { approvalMode: mode, ...(tool !== undefined && { tool }) });
  }

  /** A declared iteration bound (a recursion limit, max turns, a bounded loop); no keys = the whole system. */
  addLoop(keys: string[], maxIterations: number | undefined, location: Location, anchor?: string): void {
    this.loops.push({ keys, ...(maxIterations !== undefined && { maxIterations }), location, ...(anchor !== undefined && { anchor }) });
  }

  /**
   * Makes the system of `keyB` part of the system of `keyA` when both are assigned to different
   * ones (swarm members compiled as graphs of their own that hand the run to each other).
   */
  joinSystemsOf(keyA: string, keyB: string): void {
    const a = this.assigned.get(keyA);
    const b = this.assigned.get(keyB);
    if (a !== undefined && b !== undefined && a !== b) this.joinedSystems.set(b, a);
  }

  /** Puts a node in a named system; nodes linked to it join it unless assigned elsewhere. */
  assign(key: string, systemKey: string, name: string, location: Location): void {
    this.assigned.set(key, systemKey);
    if (!this.systemInfo.has(systemKey)) this.systemInfo.set(systemKey, { name, location });
  }

  /**
   * The systems: connected groups of agents (through any edge), each named after its assigned
   * system, or else after `nameOf` its first agent. Humans join every system that links to them.
   */
  toFragments(
    framework: string,
    nameOf: (root: DraftAgent, members: DraftAgent[]) => string = (root) => root.name,
    /** A bound the framework always enforces (the OpenAI Agents SDK's default max turns). */
    frameworkBound?: number,
  ): SystemFragment[] {
    const parent = new Map<string, string>();
    const find = (key: string): string => {
      let root = key;
      while ((parent.get(root) ?? root) !== root) root = parent.get(root) ?? root;
      let current = key;
      while (current !== root) {
        const next = parent.get(current) ?? root;
        parent.set(current, root);
        current = next;
      }
      return root;
    };
    const union = (a: string, b: string): void => {
      const rootA = find(a);
      const rootB = find(b);
      if (rootA === rootB) return;
      const systemA = this.assigned.get(rootA);
      const systemB = this.assigned.get(rootB);
      if (systemA !== undefined && systemB !== undefined && systemA !== systemB) return;
      if (systemA === undefined) parent.set(rootA, rootB);
      else parent.set(rootB, rootA);
    };
    for (const key of this.agents.keys()) parent.set(key, key);
    // A joined system is the one it joined (followed to the end, a few hops at most).
    for (const [key, system] of this.assigned) {
      let joined = system;
      for (let hops = 0; hops < 20 && this.joinedSystems.has(joined); hops++) joined = this.joinedSystems.get(joined) as string;
      if (joined !== system) this.assigned.set(key, joined);
    }
    for (const [key, system] of this.assigned) {
      if (!this.agents.has(key)) continue;
      const anchor = `system:${system}`;
      if (!parent.has(anchor)) {
        parent.set(anchor, anchor);
        this.assigned.set(anchor, system);
      }
      union(key, anchor);
    }
    for (const edge of this.edges) {
      if (this.agents.has(edge.from) && this.agents.has(edge.to)) union(edge.from, edge.to);
    }

    // An agent that delegates to other agents coordinates them, whatever the framework called it.
    const delegating = new Set<string>();
    const directed = new Set<string>();
    for (const edge of this.edges) {
      if (edge.kind !== 'delegate' || edge.from === edge.to || !this.agents.has(edge.from) || !this.agents.has(edge.to)) continue;
      delegating.add(edge.from);
      directed.add(edge.to);
    }
    for (const agent of this.agents.values()) {
      if (agent.role === 'worker' && delegating.has(agent.key)) agent.role = directed.has(agent.key) ? 'lead' : 'orchestrator';
    }

    const groups = new Map<string, DraftAgent[]>();
    for (const agent of this.agents.values()) {
      const root = find(agent.key);
      const members = groups.get(root);
      if (members) members.push(agent);
      else groups.set(root, [agent]);
    }
    // Each edge belongs to at most one group: both its agents are in it, or one is and the other
    // end is a human. Sorting them out once keeps the cut linear in agents + edges.
    const edgesOf = new Map<string, DraftEdge[]>();
    for (const edge of this.edges) {
      const from = this.agents.has(edge.from) ? find(edge.from) : undefined;
      const to = this.agents.has(edge.to) ? find(edge.to) : undefined;
      const group = from !== undefined && (to === from || (to === undefined && this.humans.has(edge.to))) ? from : from === undefined && to !== undefined && this.humans.has(edge.from) ? to : undefined;
      if (group === undefined) continue;
      const edges = edgesOf.get(group);
      if (edges) edges.push(edge);
      else edgesOf.set(group, [edge]);
    }
    const fragments: SystemFragment[] = [];
    for (const [root, members] of groups) {
      const edges = edgesOf.get(root) ?? [];
      const entry = this.entryOf(members, edges);
      const systemKey = this.assigned.get(root);
      const info = systemKey === undefined ? undefined : this.systemInfo.get(systemKey);
      const fragment = this.fragment(framework, info?.name ?? nameOf(entry, members), info?.location ?? entry.location, members, edges);
      if (frameworkBound !== undefined && !fragment.loops.some((loop) => loop.agents.length === 0)) {
        fragment.loops.push({ agents: [], maxIterations: frameworkBound, location: fragment.location });
      }
      fragments.push(fragment);
    }
    return fragments;
  }

  /** The member work enters by: a marked entry with nothing above it, else fewest incoming handoff/delegate edges, then most outgoing, then first. */
  private entryOf(members: DraftAgent[], groupEdges: readonly DraftEdge[]): DraftAgent {
    const keys = new Set(members.map((member) => member.key));
    const incoming = new Map<string, number>();
    const outgoing = new Map<string, number>();
    for (const edge of groupEdges) {
      if ((edge.kind !== 'handoff' && edge.kind !== 'delegate') || edge.from === edge.to || !keys.has(edge.from) || !keys.has(edge.to)) continue;
      incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
      outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
    }
    // (Where no handoff or delegation says it, work passed on as data does: what feeds the others comes first.)
    if (incoming.size === 0) {
      for (const edge of groupEdges) {
        if (edge.kind !== 'data' || edge.from === edge.to || !keys.has(edge.from) || !keys.has(edge.to)) continue;
        incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
        outgoing.set(edge.from, (outgoing.get(edge.from) ?? 0) + 1);
      }
    }
    const marked = members.filter((member) => this.entries.has(member.key));
    const top =
      marked.find((member) => member.role === 'orchestrator' && !incoming.has(member.key)) ??
      marked.find((member) => !incoming.has(member.key)) ??
      marked[0];
    if (top) return top;
    let best = members[0] as DraftAgent;
    for (const member of members) {
      const fewer = (incoming.get(member.key) ?? 0) < (incoming.get(best.key) ?? 0);
      const tie = (incoming.get(member.key) ?? 0) === (incoming.get(best.key) ?? 0);
      if (fewer || (tie && (outgoing.get(member.key) ?? 0) > (outgoing.get(best.key) ?? 0))) best = member;
    }
    return best;
  }

  private fragment(framework: string, name: string, location: Location, members: DraftAgent[], groupEdges: readonly DraftEdge[]): SystemFragment {
    const idOf = new Map<string, string>();
    const used = new Set<string>();
    for (const member of members) {
      let id = member.name;
      for (let suffix = 2; used.has(id); suffix++) id = `${member.name}#${suffix}`;
      used.add(id);
      idOf.set(member.key, id);
    }
    const memberKeys = new Set(members.map((member) => member.key));
    const edges: FragmentEdge[] = [];
    const humanKeys = new Set<string>();
    for (const edge of groupEdges) {
      const fromAgent = memberKeys.has(edge.from);
      const toAgent = memberKeys.has(edge.to);
      const fromHuman = this.humans.has(edge.from);
      const toHuman = this.humans.has(edge.to);
      if (!((fromAgent && (toAgent || toHuman)) || (toAgent && fromHuman))) continue;
      if (fromHuman) humanKeys.add(edge.from);
      if (toHuman) humanKeys.add(edge.to);
      const fallback = edge.options.fallback ?? false;
      const mode = edge.options.mode ?? 'sync';
      const built: FragmentEdge = {
        from: idOf.get(edge.from) ?? this.humans.get(edge.from)?.name ?? edge.from,
        to: idOf.get(edge.to) ?? this.humans.get(edge.to)?.name ?? edge.to,
        kind: edge.kind,
        coupling: effectiveCoupling(edge.options.coupling ?? DEFAULT_COUPLING[edge.kind], fallback, mode),
        fallback,
        parallel: edge.options.parallel ?? false,
        mode,
        location: edge.location,
      };
      if (edge.options.contract !== undefined) built.contract = edge.options.contract;
      if (edge.options.approvalMode !== undefined) built.approvalMode = edge.options.approvalMode;
      if (edge.options.exclusive === true) built.exclusive = true;
      if (edge.options.exclusive === true && edge.options.choice !== undefined) built.choice = edge.options.choice;
      if (edge.options.joined === true) built.joined = true;
      if (edge.options.tool !== undefined) built.tool = edge.options.tool;
      if (edge.options.steps !== undefined) built.steps = edge.options.steps;
      edges.push(built);
    }
    const agents: Agent[] = members.map((member) => ({
      id: idOf.get(member.key) ?? member.name,
      name: member.name,
      role: member.role,
      tools: member.tools,
      location: member.location,
      ...(member.model !== undefined && { model: member.model }),
      ...(member.description !== undefined && { description: member.description }),
      ...(member.terminates === true && { terminates: true }),
      ...(member.partial === true && { partial: true }),
      ...(member.entry === true && { entry: true }),
      ...(member.interactive === true && { interactive: true }),
      ...(member.deterministic === true && { deterministic: true }),
    }));
    const humans = [...humanKeys].map((key) => {
      const human = this.humans.get(key) as { name: string; location: Location };
      return { id: human.name, name: human.name, location: human.location };
    });
    const loops = this.loops
      .filter((loop) => loop.keys.length === 0 ? false : loop.keys.every((key) => memberKeys.has(key)))
      .map((loop) => ({ agents: loop.keys.map((key) => idOf.get(key) ?? key), ...(loop.maxIterations !== undefined && { maxIterations: loop.maxIterations }), location: loop.location }));
    // A system-wide bound belongs to the system of the agent it was given for, else to the systems of its file.
    const systemWide = this.loops.filter(
      (loop) => loop.keys.length === 0 && (loop.anchor !== undefined ? memberKeys.has(loop.anchor) : members.some((member) => member.location.file === loop.location.file)),
    );
    for (const loop of systemWide) loops.push({ agents: [], ...(loop.maxIterations !== undefined && { maxIterations: loop.maxIterations }), location: loop.location });
    const sources = [...new Set([location.file, ...members.map((member) => member.location.file), ...edges.map((edge) => edge.location.file)])].sort();
    return {
      name,
      framework,
      overlay: false,
      file: location.file,
      sources,
      location,
      agents,
      humans,
      edges,
      references: [],
      syncPoints: [],
      loops,
      ...(this.separateRuns && { separateRuns: true }),
    };
  }
}
