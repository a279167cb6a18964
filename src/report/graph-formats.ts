import type { LintResult } from '../model/index.js';
import { renderDot, renderDotDocument } from './dot.js';
import { buildGraphView, type GraphView } from './graph-view.js';
import { renderMermaid, renderMermaidDocument } from './mermaid.js';
import type { ReportOptions } from './types.js';

/** `coordlint graph --format mermaid`: one flowchart; with several systems, a subgraph per system. */
export function formatGraphMermaid(result: LintResult, _options: ReportOptions): string {
  const views = result.systems.map((system) => buildGraphView(system, result.findings));
  if (views.length === 1) return `%% ${views[0]?.id ?? ''}\n${renderMermaid(views[0] as GraphView)}`;
  return renderMermaidDocument(views);
}

/** `coordlint graph --format dot`: one digraph; with several systems, a cluster per system. */
export function formatGraphDot(result: LintResult, _options: ReportOptions): string {
  const views = result.systems.map((system) => buildGraphView(system, result.findings));
  return views.length === 1 ? renderDot(views[0] as GraphView) : renderDotDocument(views);
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
