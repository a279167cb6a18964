import type { LintResult } from '../model/index.js';
import { renderDot, renderDotDocument } from './dot.js';
import { buildGraphView, type GraphView } from './graph-view.js';
import { renderMermaid, renderMermaidDocument } from './mermaid.js';
import { renderSvg } from './svg.js';
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

/** `coordlint graph --format svg`: the systems' pictures stacked in one SVG document. */
export function formatGraphSvg(result: LintResult, _options: ReportOptions): string {
  const pictures = result.systems.map((system) => renderSvg(buildGraphView(system, result.findings)));
  if (pictures.length === 1) return `${pictures[0]}\n`;
  let offset = 0;
  let width = 0;
  const placed = pictures.map((svg) => {
    const size = /viewBox="-?[\d.]+ -?[\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
    const w = Number(size?.[1] ?? 0);
    const h = Number(size?.[2] ?? 0);
    const nested = svg.replace('<svg ', `<svg x="0" y="${offset}" `);
    offset += h + 24;
    width = Math.max(width, w);
    return nested;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${Math.max(offset - 24, 0)}" width="${width}" height="${Math.max(offset - 24, 0)}">\n${placed.join('\n')}\n</svg>\n`;
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
