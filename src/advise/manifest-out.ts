import { stringify } from 'yaml';
import { DEFAULT_COUPLING, type SystemModel } from '../model/index.js';

/**
 * A system (a proposal) as a coordlint manifest, version 1, so a team can start from it: each
 * agent with its role, domain, coordinator (`reportsTo`), handoffs, inputs (`dependsOn`),
 * escalations and tools; links the short keys cannot say (a second coordinator, peers,
 * approvals, reports) under `edges`.
 */
export function toManifest(model: SystemModel, name: string): string {
  const agents: Record<string, Record<string, unknown>> = {};
  for (const agent of model.agents) {
    agents[agent.id] = {
      ...(agent.role !== 'worker' && { role: agent.role }),
      ...(agent.description !== undefined && { description: agent.description }),
      ...(agent.model !== undefined && { model: agent.model }),
      ...(agent.domain !== undefined && { domain: agent.domain }),
      ...(agent.tools.length > 0 && { tools: agent.tools.map((tool) => (tool.irreversible || tool.needsApproval ? { name: tool.name, irreversible: tool.irreversible, needsApproval: tool.needsApproval } : tool.name)) }),
    };
  }
  const humans: Record<string, Record<string, unknown>> = {};
  for (const human of model.humans) humans[human.id] = human.description !== undefined ? { description: human.description } : {};
  const edges: Array<Record<string, unknown>> = [];
  const push = (id: string, key: string, value: unknown): void => {
    const agent = agents[id];
    if (!agent) return;
    agent[key] = [...((agent[key] as unknown[] | undefined) ?? []), value];
  };
  for (const edge of model.edges) {
    const fromAgent = agents[edge.from];
    const toAgent = agents[edge.to];
    const plain = edge.coupling === DEFAULT_COUPLING[edge.kind] && !edge.fallback && !edge.parallel && edge.mode === 'sync' && edge.contract === undefined;
    if (edge.kind === 'delegate' && fromAgent && toAgent && toAgent.reportsTo === undefined) {
      toAgent.reportsTo = edge.from;
    } else if (edge.kind === 'handoff' && fromAgent) {
      push(edge.from, 'handoffs', plain ? edge.to : { to: edge.to, coupling: edge.coupling, fallback: edge.fallback, parallel: edge.parallel, mode: edge.mode });
    } else if (edge.kind === 'data' && toAgent && plain) {
      push(edge.to, 'dependsOn', edge.from);
    } else if (edge.kind === 'escalation' && fromAgent) {
      push(edge.from, 'escalatesTo', edge.to);
    } else {
      edges.push({ from: edge.from, to: edge.to, kind: edge.kind, ...(edge.coupling !== DEFAULT_COUPLING[edge.kind] && { coupling: edge.coupling }), ...(edge.fallback && { fallback: true }), ...(edge.parallel && { parallel: true }) });
    }
  }
  const manifest = {
    version: 1,
    name,
    ...(model.description !== undefined && { description: model.description }),
    ...(Object.keys(humans).length > 0 && { humans }),
    agents,
    ...(edges.length > 0 && { edges }),
  };
  return `# Written by coordlint advise: the proposed structure of '${model.name.replace(/ \(proposed\)$/, '')}'.\n${stringify(manifest, { lineWidth: 0 })}`;
}
