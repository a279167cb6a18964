import type { LintResult } from '../model/index.js';
import { renderDot, renderDotDocument } from './dot.js';
import { buildGraphView, type GraphView } from './graph-view.js';
import { renderMermaid, renderMermaidDocument } from './mermaid.js';
import { renderSvg, textWidth } from './svg.js';
import { escapeXml } from './text.js';
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
  // Each system under a title line naming it.
  const placed = pictures.map((svg, index) => {
    const size = /viewBox="-?[\d.]+ -?[\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
    const w = Number(size?.[1] ?? 0);
    const h = Number(size?.[2] ?? 0);
    const id = result.systems[index]?.model.id ?? '';
    const title = `<text x="8" y="${offset + 16}" font-family="Helvetica, Arial, sans-serif" font-size="14" font-weight="bold">${escapeXml(id)}</text>`;
    const nested = svg.replace('<svg ', `<svg x="0" y="${offset + 24}" `);
    offset += h + 24 + 24;
    width = Math.max(width, w, Math.ceil(textWidth(id, 14, true)) + 16);
    return `${title}\n${nested}`;
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
