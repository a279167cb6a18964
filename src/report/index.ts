import type { LintResult } from '../model/index.js';
import formatJson from './json.js';
import formatStylish from './stylish.js';
import type { ReportOptions } from './types.js';

export type Formatter = (result: LintResult, options: ReportOptions) => string;

/** Format id → formatter. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  json: formatJson,
  stylish: formatStylish,
};

export type { ReportOptions };
