import MarkdownIt from 'markdown-it';
import type { LintResult } from '../model/index.js';
import { buildGraphView } from './graph-view.js';
import formatReview from './review.js';
import { renderSvg } from './svg.js';
import { escapeXml } from './text.js';
import type { ReportOptions } from './types.js';

const STYLE = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#24292e;line-height:1.5}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #d1d5da;padding:.3rem .6rem;text-align:left}th{background:#f6f8fa}
code{background:#f6f8fa;padding:.1rem .3rem;border-radius:3px}.graph{overflow-x:auto;border:1px solid #e1e4e8;border-radius:6px;padding:.5rem;margin:1rem 0}
h2{border-bottom:1px solid #eaecef;padding-bottom:.3rem}li{margin:.2rem 0}`;

/**
 * The design review as one self-contained HTML file: the Markdown rendered with markdown-it, each
 * graph as inline SVG, the style inline; nothing is fetched when the file is opened.
 */
export default function formatHtml(result: LintResult, options: ReportOptions): string {
  const markdown = formatReview(result, options, (system, findings) => `<div class="graph">${renderSvg(buildGraphView(system, findings))}</div>`);
  const body = new MarkdownIt({ html: true, linkify: false }).render(markdown);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml('Agent architecture review')}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    body.trimEnd(),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
