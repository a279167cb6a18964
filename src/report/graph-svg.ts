import type { LintResult } from '../model/index.js';
import { buildGraphView } from './graph-view.js';
import { renderSvg, textWidth } from './svg.js';
import { escapeXml } from './text.js';
import type { ReportOptions } from './types.js';

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
