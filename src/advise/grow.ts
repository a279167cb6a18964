import { isInfrastructure, type Agent, type Edge, type SystemModel } from '../model/index.js';

/**
 * The system grown to `agents` agents the way it would naturally grow: more workers under its
 * existing coordinators, in proportion to the workers each directs now (largest remainder), each
 * new worker linked like the coordinator's first worker (its delegate edge and its escalations).
 * With no coordinator, new agents join like the best-connected agent (its edges, copied). The
 * same input always grows the same way. Undefined when the system has no agent to copy.
 */
export function growTo(system: SystemModel, agents: number): SystemModel | undefined {
  const extra = agents - system.agents.length;
  if (extra <= 0) return system;
  const byId = new Map(system.agents.map((agent) => [agent.id, agent]));
  const reports = new Map<string, Agent[]>();
  for (const edge of system.edges) {
    const target = byId.get(edge.to);
    if (edge.kind !== 'delegate' || !byId.has(edge.from) || !target || isInfrastructure(target.role)) continue;
    const list = reports.get(edge.from) ?? [];
    if (!list.includes(target)) list.push(target);
    reports.set(edge.from, list);
  }
  const taken = new Set([...system.agents.map((agent) => agent.id), ...system.humans.map((human) => human.id)]);
  let serial = 0;
  const freshId = (base: string): string => {
    let id = '';
    do id = `${base}-new-${++serial}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const newAgents: Agent[] = [];
  const newEdges: Edge[] = [];
  const copy = (template: Agent, linked: (edge: Edge) => boolean): void => {
    const id = freshId(template.id);
    newAgents.push({ ...template, id, name: id, tools: template.tools.map((tool) => ({ ...tool })) });
    for (const edge of system.edges) {
      if (!linked(edge)) continue;
      if (edge.from === template.id) newEdges.push({ ...edge, from: id });
      else if (edge.to === template.id) newEdges.push({ ...edge, to: id });
    }
  };
  const coordinators = [...reports.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  if (coordinators.length > 0) {
    const total = coordinators.reduce((sum, [, list]) => sum + list.length, 0);
    const shares = coordinators.map(([id, list]) => ({ id, list, exact: (extra * list.length) / total }));
    const counts = shares.map((share) => Math.floor(share.exact));
    let left = extra - counts.reduce((sum, count) => sum + count, 0);
    const order = shares.map((share, index) => ({ index, remainder: share.exact - Math.floor(share.exact) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
    for (const { index } of order) {
      if (left-- <= 0) break;
      counts[index] = (counts[index] ?? 0) + 1;
    }
    shares.forEach((share, index) => {
      const template = [...share.list].sort((a, b) => (a.id < b.id ? -1 : 1))[0] as Agent;
      for (let count = 0; count < (counts[index] ?? 0); count++) {
        copy(template, (edge) => (edge.kind === 'delegate' && edge.from === share.id && edge.to === template.id) || (edge.kind === 'escalation' && edge.from === template.id));
      }
    });
  } else {
    const degree = new Map<string, number>();
    for (const edge of system.edges) for (const end of [edge.from, edge.to]) degree.set(end, (degree.get(end) ?? 0) + 1);
    const template = [...system.agents].sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1))[0];
    if (!template) return undefined;
    for (let count = 0; count < extra; count++) copy(template, (edge) => edge.from !== edge.to);
  }
  return { ...system, agents: [...system.agents, ...newAgents], edges: [...system.edges, ...newEdges] };
}
