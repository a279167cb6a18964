import {
  compareText,
  systemModelSchema,
  type Agent,
  type Edge,
  type Location,
  type SystemModel,
  type UnresolvedReference,
} from '../model/index.js';
import type { FragmentEdge, SystemFragment } from '../extract/types.js';

/** A reference that belongs to no system: an overlay naming a system that was not found. */
export interface LinkProblem {
  ruleId: 'unresolved-reference';
  message: string;
  location: Location;
}

export interface LinkResult {
  systems: SystemModel[];
  problems: LinkProblem[];
}

/**
 * Merges fragments into systems: overlays are applied to the system they name, references are
 * resolved, and the result is validated against the intermediate model.
 */
export function linkFragments(fragments: readonly SystemFragment[]): LinkResult {
  const bases = distinctNames(fragments.filter((fragment) => !fragment.overlay));
  const overlays = fragments.filter((fragment) => fragment.overlay);
  const problems: LinkProblem[] = [];
  const drafts = bases.map(startDraft);
  const ids = systemIds(bases);

  for (const overlay of overlays) {
    // By the system's name, or by its entry agent's (code systems are named `<file>/<agent>`).
    const exact = drafts.filter((draft) => draft.name === overlay.name);
    const targets = exact.length > 0 ? exact : drafts.filter((draft) => draft.name.endsWith(`/${overlay.name}`));
    if (targets.length === 0) {
      problems.push({
        ruleId: 'unresolved-reference',
        message: `overlay names system '${overlay.name}', which no other file defines`,
        location: overlay.location,
      });
      continue;
    }
    for (const target of targets) applyOverlay(target, overlay);
  }

  const systems = drafts.map((draft, index) => finishDraft(draft, ids[index] ?? draft.name));
  return { systems: systems.sort((a, b) => compareText(a.id, b.id)), problems };
}

interface Draft extends Omit<SystemFragment, 'file' | 'overlay'> {
  sources: string[];
}

function startDraft(fragment: SystemFragment): Draft {
  return {
    name: fragment.name,
    framework: fragment.framework,
    ...(fragment.description !== undefined && { description: fragment.description }),
    location: fragment.location,
    sources: fragment.sources ?? [fragment.file],
    agents: [...fragment.agents],
    humans: [...fragment.humans],
    edges: [...fragment.edges],
    references: [...fragment.references],
    syncPoints: [...fragment.syncPoints],
    loops: [...fragment.loops],
    ...(fragment.separateRuns === true && { separateRuns: true }),
  };
}

/** Overlay agents match base agents by id, then by name; what they add wins, what they omit stays. */
function applyOverlay(target: Draft, overlay: SystemFragment): void {
  const byId = new Map(target.agents.map((agent) => [agent.id, agent]));
  const byName = new Map(target.agents.map((agent) => [agent.name, agent]));
  const renamed = new Map<string, string>();
  for (const agent of overlay.agents) {
    const base = byId.get(agent.id) ?? byName.get(agent.id);
    if (!base) {
      target.agents.push(agent);
      continue;
    }
    renamed.set(agent.id, base.id);
    mergeAgent(base, agent);
  }
  const humanIds = new Set(target.humans.map((human) => human.id));
  for (const human of overlay.humans) if (!humanIds.has(human.id)) target.humans.push(human);
  const rename = (id: string): string => renamed.get(id) ?? id;
  for (const edge of overlay.edges) target.edges.push({ ...edge, from: rename(edge.from), to: rename(edge.to) });
  for (const reference of overlay.references) target.references.push({ ...reference, name: rename(reference.name) });
  for (const syncPoint of overlay.syncPoints) target.syncPoints.push({ ...syncPoint, members: syncPoint.members.map(rename) });
  for (const loop of overlay.loops) target.loops.push({ ...loop, agents: loop.agents.map(rename) });
  if (!target.sources.includes(overlay.file)) target.sources.push(overlay.file);
  target.sources.sort(compareText);
}

function mergeAgent(base: Agent, overlay: Agent): void {
  // An overlay entry that gives no role says nothing about the role: keep the extracted one.
  if (overlay.role !== 'worker') base.role = overlay.role;
  for (const key of ['model', 'domain', 'visibility', 'integrates', 'redundant', 'escalation', 'description', 'interactive', 'deterministic'] as const) {
    if (overlay[key] !== undefined) Object.assign(base, { [key]: overlay[key] });
  }
  const tools = new Map(base.tools.map((tool) => [tool.name, tool]));
  for (const tool of overlay.tools) {
    const existing = tools.get(tool.name);
    if (existing) {
      existing.irreversible ||= tool.irreversible;
      existing.needsApproval ||= tool.needsApproval;
    } else {
      base.tools.push(tool);
    }
  }
}

function finishDraft(draft: Draft, id: string): SystemModel {
  const nodes = new Set<string>([...draft.agents.map((agent) => agent.id), ...draft.humans.map((human) => human.id)]);
  const unresolved: UnresolvedReference[] = [];
  const edges: Edge[] = [];
  const peerPairs = new Set<string>();
  for (const edge of draft.edges) {
    const missing = [
      !nodes.has(edge.from) && { name: edge.from, location: edge.fromLocation ?? edge.location },
      !nodes.has(edge.to) && { name: edge.to, location: edge.toLocation ?? edge.location },
    ].filter((item) => item !== false);
    for (const item of missing) unresolved.push({ name: item.name, field: edgeField(edge), location: item.location });
    if (missing.length > 0) continue;
    if (edge.kind === 'peer') {
      // A peer link is two-way: `a peers b` and `b peers a` are one edge.
      const key = [edge.from, edge.to].sort(compareText).join('\u0000');
      if (peerPairs.has(key)) continue;
      peerPairs.add(key);
    }
    edges.push(stripEdge(edge));
  }
  for (const reference of draft.references) {
    if (!nodes.has(reference.name)) unresolved.push(reference);
  }
  const domains = [...new Set(draft.agents.flatMap((agent) => (agent.domain === undefined ? [] : [agent.domain])))];
  const model: SystemModel = {
    id,
    name: draft.name,
    framework: draft.framework,
    ...(draft.description !== undefined && { description: draft.description }),
    sources: draft.sources,
    agents: draft.agents,
    humans: draft.humans,
    edges,
    syncPoints: draft.syncPoints,
    loops: draft.loops,
    domains: domains.sort(compareText),
    unresolved,
    ...(draft.separateRuns === true && { separateRuns: true }),
    location: draft.location,
  };
  return systemModelSchema.parse(model);
}

function edgeField(edge: FragmentEdge): string {
  return `${edge.kind} edge`;
}

function stripEdge(edge: FragmentEdge): Edge {
  const { fromLocation: _from, toLocation: _to, ...rest } = edge;
  return rest;
}

/**
 * System ids are names; a name used by two systems is told apart by the file that defines it,
 * and by a count when one file defines both.
 */
/**
 * Systems read from code that would share a name (two `deep-agent.ts` files each with an
 * `agent`) are told apart by the nearest folder where their paths differ:
 * `streaming/deep-agent/agent` and `ui-react/deep-agent/agent`. A name a manifest gives is the
 * team's own and stays as written (the ids then carry the file).
 */
function distinctNames(fragments: SystemFragment[]): SystemFragment[] {
  const byName = new Map<string, SystemFragment[]>();
  for (const fragment of fragments) byName.set(fragment.name, [...(byName.get(fragment.name) ?? []), fragment]);
  const renamed = new Map<SystemFragment, string>();
  for (const [name, group] of byName) {
    if (group.length < 2 || group.some((fragment) => fragment.framework === 'manifest')) continue;
    const folders = group.map((fragment) => fragment.file.split('/').slice(0, -1).reverse());
    const depth = Math.max(...folders.map((parts) => parts.length));
    for (let level = 0; level < depth; level++) {
      const labels = folders.map((parts) => parts[level] ?? '.');
      if (new Set(labels).size !== labels.length) continue;
      group.forEach((fragment, index) => renamed.set(fragment, `${labels[index]}/${name}`));
      break;
    }
  }
  return fragments.map((fragment) => {
    const name = renamed.get(fragment);
    return name === undefined || fragments.some((other) => other.name === name) ? fragment : { ...fragment, name };
  });
}

function systemIds(fragments: readonly SystemFragment[]): string[] {
  const counts = new Map<string, number>();
  for (const fragment of fragments) counts.set(fragment.name, (counts.get(fragment.name) ?? 0) + 1);
  const used = new Set<string>();
  return fragments.map((fragment) => {
    const base = (counts.get(fragment.name) ?? 0) > 1 ? `${fragment.name}@${fragment.file}` : fragment.name;
    let id = base;
    for (let count = 2; used.has(id); count++) id = `${base}#${count}`;
    used.add(id);
    return id;
  });
}

