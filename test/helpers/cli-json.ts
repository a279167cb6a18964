import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FIXTURES, runCli } from './run.js';

/** An editorial desk of one editor over nine writers: a span and a regime finding, lines 7 and 3. */
export const NEWSROOM = readFileSync(join(FIXTURES, 'span-of-control-nine-reports', 'coordlint.yaml'), 'utf8');

/** The parts of `--format json` these tests read. */
export interface JsonReport {
  findings: Array<{ ruleId: string; location: { file: string; line: number; column: number }; message: string; severity: string }>;
  summary: { warnings: number; errors: number; suppressed?: number; baselined?: number };
}

/** Runs the CLI in `cwd` with `--format json`, expecting nothing on stderr. */
export async function lintJson(cwd: string, argv: string[] = []): Promise<JsonReport> {
  const { stdout, stderr } = await runCli(['--format', 'json', ...argv], cwd);
  expect(stderr).toBe('');
  return JSON.parse(stdout) as JsonReport;
}

/** Each finding as [rule, file, line]. */
export const found = (json: JsonReport) => json.findings.map((finding) => [finding.ruleId, finding.location.file, finding.location.line]);
