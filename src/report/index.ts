import type { LintResult } from '../model/index.js';
import type { ReportOptions } from './types.js';

export type Formatter = (result: LintResult, options: ReportOptions) => string;

/** A formatter's module, imported when its format is asked for. */
type FormatterLoader = () => Promise<Formatter>;

// Formatters load on demand: a JSON lint in a pre-commit hook never pays for markdown-it, dagre or
// the SVG and HTML code, which only `review` and `graph` use.
const LINT_LOADERS: Readonly<Record<string, FormatterLoader>> = {
  github: async () => (await import('./github.js')).default,
  html: async () => (await import('./html.js')).default,
  json: async () => (await import('./json.js')).default,
  markdown: async () => {
    const { default: formatReview } = await import('./review.js');
    return (result, options) => formatReview(result, options);
  },
  sarif: async () => (await import('./sarif.js')).default,
  stylish: async () => (await import('./stylish.js')).default,
};

const GRAPH_LOADERS: Readonly<Record<string, FormatterLoader>> = {
  dot: async () => (await import('./graph-formats.js')).formatGraphDot,
  json: async () => (await import('./graph-formats.js')).formatGraphJson,
  mermaid: async () => (await import('./graph-formats.js')).formatGraphMermaid,
  svg: async () => (await import('./graph-svg.js')).formatGraphSvg,
};

/** Format ids of `lint` (and `review`, which uses markdown and html), sorted. */
export const FORMATS: readonly string[] = Object.keys(LINT_LOADERS).sort();

/** Format ids of `graph`, sorted. */
export const GRAPH_FORMATS: readonly string[] = Object.keys(GRAPH_LOADERS).sort();

/** Formats whose modules this process has loaded, as `lint:json`, `graph:svg` (for the tests). */
const loadedFormats = new Set<string>();

/** The formatter of a `lint`/`review` format, loading its module; undefined for an unknown id. */
export async function loadFormatter(format: string): Promise<Formatter | undefined> {
  if (!Object.hasOwn(LINT_LOADERS, format)) return undefined;
  loadedFormats.add(`lint:${format}`);
  return LINT_LOADERS[format]?.();
}

/** The formatter of a `graph` format, loading its module; undefined for an unknown id. */
export async function loadGraphFormatter(format: string): Promise<Formatter | undefined> {
  if (!Object.hasOwn(GRAPH_LOADERS, format)) return undefined;
  loadedFormats.add(`graph:${format}`);
  return GRAPH_LOADERS[format]?.();
}

/** The formats loaded so far in this process, sorted. */
export function formatsLoaded(): string[] {
  return [...loadedFormats].sort();
}

export type { ReportOptions };
