import type { LintResult } from '../model/index.js';
import { buildGraphView } from './graph-view.js';
import { renderSvg } from './svg.js';
import type { ReportOptions } from './types.js';

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
