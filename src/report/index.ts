import type { LintResult } from '../model/index.js';
import formatGithub from './github.js';
import { formatGraphDot, formatGraphJson, formatGraphMermaid, formatGraphSvg } from './graph-formats.js';
import formatHtml from './html.js';
import formatJson from './json.js';
import formatReview from './review.js';
import formatSarif from './sarif.js';
import formatStylish from './stylish.js';
import type { ReportOptions } from './types.js';

export type Formatter = (result: LintResult, options: ReportOptions) => string;

/** Format id → formatter, for `lint` (and `review`, which uses markdown and html). */
export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  github: formatGithub,
  html: formatHtml,
  json: formatJson,
  markdown: (result, options) => formatReview(result, options),
  sarif: formatSarif,
  stylish: formatStylish,
};

/** Format id → formatter, for `graph`. */
export const GRAPH_FORMATTERS: Readonly<Record<string, Formatter>> = {
  dot: formatGraphDot,
  json: formatGraphJson,
  mermaid: formatGraphMermaid,
  svg: formatGraphSvg,
};

export type { ReportOptions };
