import type { Coupling, EdgeKind, Finding, SystemResult } from '../model/index.js';

/** A node as drawn: an agent, a human, or a collapsed team of agents. */
export interface ViewNode {
  key: string;
  label: string;
  /** A second line: the role, or what a team node stands for. */
  detail: string;
  kind: 'agent' | 'human' | 'team';
  /** True when a finding points at this agent. */
  flagged: boolean;
  group?: string;
  /** Agents a team node stands for. */
  count?: number;
}

export interface ViewEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  coupling: Coupling;
  parallel: boolean;
  /** Edges of the model this one stands for (more than one once teams are collapsed). */
  count: number;
}

export interface ViewGroup {
  key: string;
  label: string;
}

/** A system ready to draw: grouped by domain or coordinator, large teams collapsed. */
export interface GraphView {
  id: string;
  nodes: ViewNode[];
  edges: ViewEdge[];
  groups: ViewGroup[];
}

export interface ViewOptions {
  /** Systems with more agents than this have their large teams collapsed. */
  collapseAbove: number;
  /** A team is collapsed when it has at least this many unflagged plain members. */
  teamMin: number;
}

const DEFAULTS: ViewOptions = { collapseAbove: 30, teamMin: 3 };

/**
 * Builds the picture of one system. Groups are domains when the system has any, else the teams
 * of each coordinator (its direct reports that direct nobody). In a system larger than
 * `collapseAbove`, a team of `teamMin` or more agents without findings becomes one node with a
 * count, and its edges are merged, so a 120-agent system stays readable.
 */
export function buildGraphView(system: SystemResult, findings: readonly Finding[], options: Partial<ViewOptions> = {}): GraphView {
  const settings = { ...DEFAULTS, ...options };
  const { model } = system;
  const flagged = flaggedAgents(system, findings);
  const coordinatorOf = new Map<string, string>();
  const directs = new Set<string>();
  for (const edge of model.edges) {
    if (edge.kind !== 'delegate' || edge.from === edge.to) continue;
    directs.add(edge.from);
    if (!coordinatorOf.has(edge.to)) coordinatorOf.set(edge.to, edge.from);
  }

  const groups: ViewGroup[] = [];
  const groupOf = new Map<string, string>();
  if (model.domains.length > 0) {
    model.domains.forEach((domain, index) => groups.push({ key: `g${index}`, label: domain }));
    const keyOf = new Map(model.domains.map((domain, index) => [domain, `g${index}`]));
    for (const agent of model.agents) if (agent.domain !== undefined) groupOf.set(agent.id, keyOf.get(agent.domain) ?? '');
  } else {
    const teamKey = new Map<string, string>();
    for (const agent of model.agents) {
      const coordinator = coordinatorOf.get(agent.id);
      if (coordinator === undefined || directs.has(agent.id)) continue;
      let key = teamKey.get(coordinator);
      if (key === undefined) {
        key = `g${groups.length}`;
        teamKey.set(coordinator, key);
        groups.push({ key, label: `team of ${coordinator}` });
      }
      groupOf.set(agent.id, key);
    }
  }

  const nodeKey = new Map<string, string>();
  let nodes: ViewNode[] = [];
  model.agents.forEach((agent, index) => {
    const key = `a${index}`;
    nodeKey.set(agent.id, key);
    const group = groupOf.get(agent.id);
    nodes.push({ key, label: agent.id, detail: agent.role, kind: 'agent', flagged: flagged.has(agent.id), ...(group !== undefined && { group }) });
  });
  model.humans.forEach((human, index) => {
    const key = `h${index}`;
    nodeKey.set(human.id, key);
    nodes.push({ key, label: human.id, detail: 'human', kind: 'human', flagged: false });
  });

  if (model.agents.length > settings.collapseAbove) nodes = collapseTeams(nodes, nodeKey, groups, directs, settings.teamMin);

  // Links inside a collapsed team are not drawn: the team is one node.
  const teamKeys = new Set(nodes.filter((node) => node.kind === 'team').map((node) => node.key));
  const merged = new Map<string, ViewEdge>();
  for (const edge of model.edges) {
    const from = nodeKey.get(edge.from);
    const to = nodeKey.get(edge.to);
    if (from === undefined || to === undefined) continue;
    if (from === to && teamKeys.has(from)) continue;
    const id = `${from}|${to}|${edge.kind}|${edge.coupling}`;
    const existing = merged.get(id);
    if (existing) existing.count++;
    else merged.set(id, { from, to, kind: edge.kind, coupling: edge.coupling, parallel: edge.parallel, count: 1 });
  }
  return { id: model.id, nodes, edges: [...merged.values()], groups };
}

/** The nodes with each large team replaced by one node; the members' ids are pointed at it in `nodeKey`. */
function collapseTeams(nodes: ViewNode[], nodeKey: Map<string, string>, groups: ViewGroup[], directs: Set<string>, teamMin: number): ViewNode[] {
  const collapsed = new Set<ViewNode>();
  const teams: ViewNode[] = [];
  for (const group of groups) {
    const members = nodes.filter((node) => node.kind === 'agent' && node.group === group.key && !node.flagged && !directs.has(node.label));
    if (members.length < teamMin) continue;
    const team: ViewNode = {
      key: `t${group.key}`,
      label: `${members.length} agents`,
      detail: group.label,
      kind: 'team',
      flagged: false,
      group: group.key,
      count: members.length,
    };
    for (const member of members) {
      nodeKey.set(member.label, team.key);
      collapsed.add(member);
    }
    teams.push(team);
  }
  return [...nodes.filter((node) => !collapsed.has(node)), ...teams];
}

/** Agents a finding of this system points at (by location, or by naming them in its data). */
function flaggedAgents(system: SystemResult, findings: readonly Finding[]): Set<string> {
  const flagged = new Set<string>();
  const own = findings.filter((finding) => finding.system === system.model.id);
  for (const agent of system.model.agents) {
    const hit = own.some(
      (finding) =>
        (finding.location.file === agent.location.file && finding.location.line === agent.location.line) ||
        finding.data.agent === agent.id,
    );
    if (hit) flagged.add(agent.id);
  }
  return flagged;
}
