import type { LintResult } from '../model/index.js';
import { renderDot } from './dot.js';
import { buildGraphView } from './graph-view.js';
import { renderMermaid } from './mermaid.js';
import type { ReportOptions } from './types.js';

/** `coordlint graph --format mermaid`: one flowchart per system, each under a comment naming it. */
export function formatGraphMermaid(result: LintResult, _options: ReportOptions): string {
  return result.systems.map((system) => `%% ${system.model.id}\n${renderMermaid(buildGraphView(system, result.findings))}`).join('\n');
}

/** `coordlint graph --format dot`: one digraph per system. */
export function formatGraphDot(result: LintResult, _options: ReportOptions): string {
  return result.systems.map((system) => renderDot(buildGraphView(system, result.findings))).join('\n');
}

/** `coordlint graph --format json`: the model graph of every system (nodes and edges, no findings). */
export function formatGraphJson(result: LintResult, _options: ReportOptions): string {
  const systems = result.systems.map(({ model }) => ({
    id: model.id,
    nodes: [
      ...model.agents.map((agent) => ({ id: agent.id, kind: 'agent', role: agent.role, ...(agent.domain !== undefined && { domain: agent.domain }), location: agent.location })),
      ...model.humans.map((human) => ({ id: human.id, kind: 'human', role: 'human', location: human.location })),
    ],
    edges: model.edges.map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind, coupling: edge.coupling, parallel: edge.parallel, location: edge.location })),
  }));
  return `${JSON.stringify({ version: 1, systems }, null, 2)}\n`;
}
