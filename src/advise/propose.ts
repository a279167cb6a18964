import { compareText, DEFAULT_COUPLING, isInfrastructure, type Agent, type Edge, type EdgeKind, type SystemModel } from '../model/index.js';
import { requiredDepth } from '../metrics/depth.js';
import { SPAN_BRANCHING, SPAN_OF_CONTROL_MAX } from '../metrics/thresholds.js';

/** One group of the proposal: its members and who leads it. */
export interface ProposedGroup {
  name: string;
  /** The lead: an existing coordinator or integrator of the group, or a new agent. */
  lead: string;
  leadIsNew: boolean;
  /** Members the lead directs (agents of the system, or the leads of lower groups). */
  members: string[];
  /** The level: 1 for groups of the system's agents, 2 for groups of their leads, … */
  level: number;
}

/** A restructured system, as a model that the whole pipeline can check. */
export interface Proposal {
  kind: 'group' | 'flatten' | 'consolidate' | 'exceptions';
  model: SystemModel;
  groups: ProposedGroup[];
  primary: string;
  primaryIsNew: boolean;
  /** Edges of the system between agents that the proposal puts in different groups. */
  crossDomainEdges: number;
}

/** Work edges between agents: what ties agents to one group. */
const WORK_WEIGHT: Partial<Record<EdgeKind, number>> = { handoff: 3, data: 3, delegate: 2, peer: 1, escalation: 1, report: 1 };

/**
 * Groups a system's agents into domains that one lead can direct, using the graph: agents that
 * exchange handoffs and data go together (greedy agglomeration of the heaviest links, capped at
 * the group size), so that few edges cross domains; groups are packed, deterministically, to as
 * few as the size allows. The levels are as many as keep every span within 8 (`ceil(log_8 M)`,
 * at least two), with groups of at most 7 (the span target) where that many levels hold M, else 8,
 * balanced in size. Each group is led by an existing coordinator or integrator in it, else by a new
 * lead; the levels end under one primary coordinator (the existing root coordinator if any).
 * Peer chatter inside a group goes through its lead; work crossing groups goes lead to lead.
 */
export function proposeGrouping(system: SystemModel): Proposal | undefined {
  const delegates = system.edges.filter((edge) => edge.kind === 'delegate');
  const agentIds = new Set(system.agents.map((agent) => agent.id));
  const spanOf = new Map<string, number>();
  for (const edge of delegates) if (agentIds.has(edge.to)) spanOf.set(edge.from, (spanOf.get(edge.from) ?? 0) + 1);
  const directed = new Set(delegates.filter((edge) => agentIds.has(edge.from)).map((edge) => edge.to));
  // The primary: the root coordinator with the widest span, when there is one.
  const roots = system.agents.filter((agent) => (spanOf.get(agent.id) ?? 0) > 0 && !directed.has(agent.id));
  roots.sort((a, b) => (spanOf.get(b.id) ?? 0) - (spanOf.get(a.id) ?? 0) || compareText(a.id, b.id));
  const existingPrimary = roots[0];
  const members = system.agents.filter((agent) => agent.id !== existingPrimary?.id && !isInfrastructure(agent.role));
  if (members.length < 2) return undefined;
  // Groups of 7 (the span target) where that many levels suffice, else of 8 (the most one lead tracks).
  const levels = Math.max(2, Math.ceil(Math.log(members.length) / Math.log(SPAN_OF_CONTROL_MAX) - 1e-9));
  const size = SPAN_BRANCHING ** levels >= members.length ? SPAN_BRANCHING : SPAN_OF_CONTROL_MAX;

  const taken = new Set(system.agents.map((agent) => agent.id).concat(system.humans.map((human) => human.id)));
  const fresh = (wanted: string): string => {
    let id = wanted;
    for (let count = 2; taken.has(id); count++) id = `${wanted}-${count}`;
    taken.add(id);
    return id;
  };
  const primary = existingPrimary?.id ?? fresh('primary');
  const byId = new Map(system.agents.map((agent) => [agent.id, agent]));

  const groups: ProposedGroup[] = [];
  /** The bottom group of each member (its lead included), and the group above each lead. */
  const bottomGroup = new Map<string, ProposedGroup>();
  const above = new Map<string, ProposedGroup>();
  let current = members.map((agent) => agent.id);
  let weights = linkWeights(system.edges, new Set(current));
  const infrastructure = system.agents.length - members.length - (existingPrimary ? 1 : 0);
  let newLeads = 0;
  for (let level = 1; level <= 8; level++) {
    // As few groups as the size allows, balanced: 9 agents make groups of 5 and 4, not 7 and 2.
    // A level more than the spans need is added where the system's size needs the depth
    // (ceil(log_7 N), counting the leads added), in at least two groups.
    const count = Math.min(current.length, Math.max(level > 1 ? 2 : 1, Math.ceil(current.length / size)));
    const clusters = cluster(current, weights, Math.ceil(current.length / count));
    const leadOfMember = new Map<string, string>();
    const leads: string[] = [];
    clusters.forEach((memberIds, index) => {
      const existing = level === 1 ? pickLead(memberIds.map((id) => byId.get(id) as Agent), spanOf) : undefined;
      // New leads get their names once the number of levels is known.
      const lead = existing?.id ?? `\u0001${level}:${index + 1}`;
      if (!existing) newLeads++;
      const group: ProposedGroup = { name: `\u0001${level}:${index + 1}`, lead, leadIsNew: existing === undefined, members: memberIds.filter((id) => id !== lead), level };
      groups.push(group);
      leads.push(lead);
      for (const id of memberIds) {
        leadOfMember.set(id, lead);
        (level === 1 ? bottomGroup : above).set(id, group);
      }
    });
    const finalAgents = members.length + infrastructure + 1 + newLeads;
    if (clusters.length <= SPAN_OF_CONTROL_MAX && level + 1 >= requiredDepth(finalAgents)) break;
    if (clusters.length < 2) break;
    // The next level groups these leads by the work that crosses between their groups.
    const next = new Map<string, number>();
    for (const [key, weight] of weights) {
      const [a, b] = key.split('\u0000') as [string, string];
      const [x, y] = [leadOfMember.get(a), leadOfMember.get(b)];
      if (x === undefined || y === undefined || x === y) continue;
      const pair = x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`;
      next.set(pair, (next.get(pair) ?? 0) + weight);
    }
    current = leads;
    weights = next;
  }
  // Names by level: one level makes domains; more make teams, then domains, then divisions.
  const levelCount = Math.max(...groups.map((group) => group.level));
  const prefixOf = (level: number): string => (levelCount === 1 ? 'domain' : level === 1 ? 'team' : level === 2 ? 'domain' : 'division');
  const renamed = new Map<string, string>();
  const perLevel = new Map<number, number>();
  for (const group of groups) {
    const index = (perLevel.get(group.level) ?? 0) + 1;
    perLevel.set(group.level, index);
    const name = `${prefixOf(group.level)}-${index}`;
    renamed.set(group.name, name);
    group.name = name;
    if (group.leadIsNew) {
      const lead = fresh(`${name}-lead`);
      renamed.set(group.lead, lead);
      group.lead = lead;
    }
  }
  for (const group of groups) group.members = group.members.map((member) => renamed.get(member) ?? member);
  for (const [temporary, lead] of renamed) {
    const group = above.get(temporary);
    if (group) {
      above.delete(temporary);
      above.set(lead, group);
    }
  }
  /** The domain an agent or lead belongs to: its group at the domain level (2, or 1 when there is one level). */
  const domainLevel = Math.min(2, levelCount);
  const domainOf = (id: string): string | undefined => {
    let group = bottomGroup.get(id) ?? groups.find((each) => each.lead === id);
    for (let hops = 0; group !== undefined && group.level < domainLevel && hops < 16; hops++) group = above.get(group.lead);
    return group?.name;
  };
  const location = system.location;
  const newAgent = (id: string, role: Agent['role']): Agent => ({ id, name: id, role, tools: [], location });
  const agents: Agent[] = system.agents.map((agent) => {
    const isLead = groups.some((group) => group.lead === agent.id);
    const role: Agent['role'] = agent.id === primary ? 'orchestrator' : isLead ? 'lead' : agent.role === 'orchestrator' || agent.role === 'lead' ? 'worker' : agent.role;
    const domain = agent.id === primary ? undefined : domainOf(agent.id);
    return { ...agent, role, ...(domain !== undefined && { domain }) };
  });
  if (existingPrimary === undefined) agents.push(newAgent(primary, 'orchestrator'));
  for (const group of groups) {
    if (!group.leadIsNew) continue;
    const domain = domainOf(group.lead) ?? group.name;
    agents.push({ ...newAgent(group.lead, 'lead'), domain });
  }
  const edge = (from: string, to: string, kind: EdgeKind): Edge => ({
    from,
    to,
    kind,
    coupling: DEFAULT_COUPLING[kind],
    fallback: false,
    parallel: false,
    mode: 'sync',
    location,
  });
  const edges: Edge[] = [];
  const seen = new Set<string>();
  const add = (next: Edge): void => {
    const key = `${next.from}\u0000${next.to}\u0000${next.kind}`;
    if (seen.has(key) || next.from === next.to) return;
    seen.add(key);
    edges.push(next);
  };
  const topLevel = Math.max(...groups.map((group) => group.level));
  for (const group of groups) if (group.level === topLevel) add(edge(primary, group.lead, 'delegate'));
  for (const group of groups) for (const member of group.members) add(edge(group.lead, member, 'delegate'));
  const memberIds = new Set(members.map((agent) => agent.id));
  const bottomLead = (id: string): string | undefined => (memberIds.has(id) ? bottomGroup.get(id)?.lead : undefined);
  let crossDomainEdges = 0;
  for (const original of system.edges) {
    const fromAgent = byId.get(original.from);
    const toAgent = byId.get(original.to);
    const work = original.kind === 'handoff' || original.kind === 'data' || original.kind === 'peer' || original.kind === 'delegate';
    if (!work || fromAgent === undefined || toAgent === undefined) {
      add(original);
      continue;
    }
    // The old hierarchy is replaced; an infrastructure agent keeps its links.
    if (original.kind === 'delegate' && !isInfrastructure(toAgent.role) && !isInfrastructure(fromAgent.role)) continue;
    const [x, y] = [bottomLead(original.from), bottomLead(original.to)];
    if (x === undefined || y === undefined) {
      add(original);
      continue;
    }
    if (x === y) {
      if (original.kind !== 'peer') add(original);
      continue;
    }
    crossDomainEdges++;
    add({ ...edge(x, y, original.kind === 'delegate' ? 'data' : original.kind), coupling: original.coupling, fallback: original.fallback, mode: original.mode });
  }
  // A new lead escalates where all of its members do (a human, an auditor), so the level it adds
  // is no wall between them and whoever takes concerns; levels in order, so leads of leads inherit too.
  const targetsOf = (id: string): string[] => [...new Set(edges.filter((each) => each.kind === 'escalation' && each.from === id).map((each) => each.to))];
  for (const group of [...groups].sort((a, b) => a.level - b.level)) {
    if (!group.leadIsNew) continue;
    const [first, ...rest] = group.members.map(targetsOf);
    for (const target of (first ?? []).filter((each) => each !== primary && rest.every((targets) => targets.includes(each)))) add(edge(group.lead, target, 'escalation'));
  }
  const domains = [...new Set(agents.flatMap((agent) => (agent.domain === undefined ? [] : [agent.domain])))].sort();
  const model: SystemModel = { ...system, id: `${system.id} (proposed)`, name: `${system.name} (proposed)`, agents, edges, domains, unresolved: [] };
  return { kind: 'group', model, groups, primary, primaryIsNew: existingPrimary === undefined, crossDomainEdges };
}

/**
 * For a hierarchy deeper than its size needs: every worker directly under the top coordinator,
 * the intermediate leads becoming workers again.
 */
export function proposeFlattening(system: SystemModel): Proposal | undefined {
  const agentIds = new Set(system.agents.map((agent) => agent.id));
  const delegates = system.edges.filter((edge) => edge.kind === 'delegate' && agentIds.has(edge.from) && agentIds.has(edge.to));
  const directed = new Set(delegates.map((edge) => edge.to));
  const roots = system.agents.filter((agent) => delegates.some((edge) => edge.from === agent.id) && !directed.has(agent.id));
  const primary = roots.sort((a, b) => compareText(a.id, b.id))[0];
  if (!primary) return undefined;
  const workers = system.agents.filter((agent) => agent.id !== primary.id && !isInfrastructure(agent.role));
  if (workers.length > SPAN_OF_CONTROL_MAX) return undefined;
  const location = system.location;
  const edges: Edge[] = system.edges.filter((edge) => !(edge.kind === 'delegate' && agentIds.has(edge.from) && agentIds.has(edge.to) && !isInfrastructure(system.agents.find((agent) => agent.id === edge.to)?.role ?? 'worker')));
  for (const worker of workers) edges.push({ from: primary.id, to: worker.id, kind: 'delegate', coupling: 'medium', fallback: false, parallel: false, mode: 'sync', location });
  const agents = system.agents.map((agent) => (agent.id === primary.id ? { ...agent, role: 'orchestrator' as const } : agent.role === 'lead' ? { ...agent, role: 'worker' as const } : agent));
  const model: SystemModel = { ...system, id: `${system.id} (proposed)`, name: `${system.name} (proposed)`, agents, edges, unresolved: [] };
  return { kind: 'flatten', model, groups: [{ name: 'team', lead: primary.id, leadIsNew: false, members: workers.map((agent) => agent.id), level: 1 }], primary: primary.id, primaryIsNew: false, crossDomainEdges: 0 };
}

/** Undirected work weights between members, keyed `a\0b` with a < b. */
function linkWeights(edges: readonly Edge[], members: ReadonlySet<string>): Map<string, number> {
  const weights = new Map<string, number>();
  for (const edge of edges) {
    const weight = WORK_WEIGHT[edge.kind];
    if (weight === undefined || !members.has(edge.from) || !members.has(edge.to) || edge.from === edge.to) continue;
    const key = edge.from < edge.to ? `${edge.from}\u0000${edge.to}` : `${edge.to}\u0000${edge.from}`;
    weights.set(key, (weights.get(key) ?? 0) + weight);
  }
  return weights;
}

/**
 * Greedy agglomeration: merge the two clusters joined by the heaviest work (ties by name) while
 * the merged cluster fits `size`; then pack what is left, largest first, into as few clusters as
 * fit. Deterministic: same input, same clusters.
 */
function cluster(ids: readonly string[], weights: ReadonlyMap<string, number>, size: number): string[][] {
  const clusterOf = new Map(ids.map((id, index) => [id, index]));
  const clusters = new Map<number, string[]>(ids.map((id, index) => [index, [id]]));
  const links = [...weights].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  for (;;) {
    // Weight between clusters, recomputed from member links (the sizes here are small).
    const between = new Map<string, number>();
    for (const [key, weight] of links) {
      const [a, b] = key.split('\u0000') as [string, string];
      const [x, y] = [clusterOf.get(a), clusterOf.get(b)];
      if (x === undefined || y === undefined || x === y) continue;
      if ((clusters.get(x)?.length ?? 0) + (clusters.get(y)?.length ?? 0) > size) continue;
      const pair = x < y ? `${x}:${y}` : `${y}:${x}`;
      between.set(pair, (between.get(pair) ?? 0) + weight);
    }
    const best = [...between].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0];
    if (!best) break;
    const [x, y] = best[0].split(':').map(Number) as [number, number];
    const merged = [...(clusters.get(x) ?? []), ...(clusters.get(y) ?? [])];
    clusters.set(x, merged);
    clusters.delete(y);
    for (const id of merged) clusterOf.set(id, x);
  }
  // Pack: largest first, each into the first bin it fits (bins in creation order).
  const pieces = [...clusters.values()].sort((a, b) => b.length - a.length || compareText(a[0] ?? '', b[0] ?? ''));
  const bins: string[][] = [];
  for (const piece of pieces) {
    const bin = bins.find((candidate) => candidate.length + piece.length <= size);
    if (bin) bin.push(...piece);
    else bins.push([...piece]);
  }
  return bins.map((bin) => [...bin].sort((a, b) => (ids.indexOf(a) - ids.indexOf(b))));
}

/** The member best placed to lead its group: a coordinator or integrator already (widest span first). */
function pickLead(members: readonly Agent[], spanOf: ReadonlyMap<string, number>): Agent | undefined {
  const candidates = members.filter((agent) => agent.role === 'orchestrator' || agent.role === 'lead' || agent.role === 'integrator' || agent.integrates === true || (spanOf.get(agent.id) ?? 0) > 0);
  return candidates.sort((a, b) => (spanOf.get(b.id) ?? 0) - (spanOf.get(a.id) ?? 0) || compareText(a.id, b.id))[0];
}


/**
 * For too many coordinators: leads that direct one or two agents are retired and their agents
 * report to the lead above, as long as its span stays within 8 (thinnest leads first); monitors
 * and state managers beyond one are folded into the first, a router into the coordinator above
 * it. Undefined when nothing can be merged.
 */
export function proposeConsolidation(system: SystemModel): Proposal | undefined {
  const byId = new Map(system.agents.map((agent) => [agent.id, agent]));
  let edges = [...system.edges];
  const reportsOf = (id: string): string[] => [...new Set(edges.filter((edge) => edge.kind === 'delegate' && edge.from === id && byId.has(edge.to) && !isInfrastructure(byId.get(edge.to)?.role ?? 'worker')).map((edge) => edge.to))];
  const parentOf = (id: string): string | undefined => edges.find((edge) => edge.kind === 'delegate' && edge.to === id && byId.has(edge.from))?.from;
  const retired = new Map<string, { parent: string; reports: string[] }>();
  const leads = system.agents.filter((agent) => agent.role === 'lead' || (agent.role !== 'orchestrator' && reportsOf(agent.id).length > 0));
  leads.sort((a, b) => reportsOf(a.id).length - reportsOf(b.id).length || compareText(a.id, b.id));
  for (const lead of leads) {
    const reports = reportsOf(lead.id);
    const parent = parentOf(lead.id);
    if (reports.length > 2 || parent === undefined) continue;
    if (reportsOf(parent).length - 1 + reports.length > SPAN_OF_CONTROL_MAX) continue;
    retired.set(lead.id, { parent, reports });
    edges = edges.map((edge) => (edge.kind === 'delegate' && edge.from === lead.id && reports.includes(edge.to) ? { ...edge, from: parent } : edge));
  }
  // Infrastructure of one kind (monitors, state managers) folded into the first of its kind, and
  // a router under a coordinator folded into it: routing is what a coordinator does.
  const folded = new Map<string, string>();
  for (const router of system.agents.filter((agent) => agent.role === 'router')) {
    const parent = parentOf(router.id);
    const parentRole = parent === undefined ? undefined : byId.get(parent)?.role;
    if (parent !== undefined && (parentRole === 'orchestrator' || parentRole === 'lead')) folded.set(router.id, parent);
  }
  for (const role of ['monitor', 'state-manager'] as const) {
    const same = system.agents.filter((agent) => agent.role === role).sort((a, b) => compareText(a.id, b.id));
    for (const extra of same.slice(1)) folded.set(extra.id, (same[0] as Agent).id);
  }
  if (retired.size === 0 && folded.size === 0) return undefined;
  edges = edges
    .filter((edge) => !folded.has(edge.from) || !folded.has(edge.to))
    .map((edge) => ({ ...edge, from: folded.get(edge.from) ?? edge.from, to: folded.get(edge.to) ?? edge.to }))
    .filter((edge) => edge.from !== edge.to);
  const agents = system.agents.filter((agent) => !folded.has(agent.id)).map((agent) => (retired.has(agent.id) ? { ...agent, role: 'worker' as const } : agent));
  const model: SystemModel = { ...system, id: `${system.id} (proposed)`, name: `${system.name} (proposed)`, agents, edges, unresolved: [] };
  const groups: ProposedGroup[] = [...retired].map(([id, { parent, reports }]) => ({ name: `retire ${id} (its agents report to ${parent})`, lead: parent, leadIsNew: false, members: reports, level: 1 }));
  for (const [extra, into] of folded) groups.push({ name: `fold ${extra} into ${into}`, lead: into, leadIsNew: false, members: [extra], level: 1 });
  return { kind: 'consolidate', model, groups, primary: '', primaryIsNew: false, crossDomainEdges: 0 };
}

/**
 * For continuous status from most agents to one node: every agent reports exceptions instead,
 * and the receiver is told at declared sync points.
 */
export function proposeExceptions(system: SystemModel): Proposal | undefined {
  const continuous = system.agents.filter((agent) => agent.visibility === 'continuous');
  if (continuous.length === 0) return undefined;
  const agents = system.agents.map((agent) => (agent.visibility === 'continuous' ? { ...agent, visibility: 'exceptions' as const } : agent));
  const edges = system.edges.map((edge) => (edge.kind === 'report' && edge.visibility === 'continuous' ? { ...edge, visibility: 'exceptions' as const } : edge));
  const model: SystemModel = { ...system, id: `${system.id} (proposed)`, name: `${system.name} (proposed)`, agents, edges, unresolved: [] };
  return { kind: 'exceptions', model, groups: [{ name: 'report exceptions', lead: '', leadIsNew: false, members: continuous.map((agent) => agent.id), level: 1 }], primary: '', primaryIsNew: false, crossDomainEdges: 0 };
}
