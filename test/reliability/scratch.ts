import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { runCli } from '../helpers/run.js';

/** A scratch folder for one test file, removed when its tests are done. */
export function scratchFolder(prefix: string): (files: Record<string, string | Buffer>) => string {
  const root = mkdtempSync(join(tmpdir(), `coordlint-${prefix}-`));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return (files) => {
    const folder = mkdtempSync(join(root, 'p-'));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(folder, path, '..'), { recursive: true });
      writeFileSync(join(folder, path), content);
    }
    return folder;
  };
}

/** The parts of `--format json` output these tests look at. */
export interface JsonReport {
  systems: Array<{
    id: string;
    metrics: Record<string, unknown>;
    agents: Array<{ id: string; role: string }>;
    edges: Array<{ from: string; to: string; kind: string; contract?: unknown }>;
  }>;
  findings: Array<{ ruleId: string; severity: string; message: string; location: { file: string; line: number; column: number } }>;
  coverage: Array<{ file: string; extractor: string }>;
}

/**
 * Runs the CLI and checks what every run must keep, whatever it read: an exit code of 0, 1 or 2
 * and no stack trace anywhere in what it printed.
 */
export async function runGuarded(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runCli(argv, cwd);
  expect([0, 1, 2]).toContain(result.code);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
  expect(result.stdout).not.toMatch(/\n\s+at [\w.<>]+ \(/);
  return result;
}

/** Runs `--format json` and parses the report. */
export async function lintJson(cwd: string, extra: string[] = []): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const { code, stdout, stderr } = await runGuarded(['--format', 'json', ...extra], cwd);
  return { code, stderr, report: JSON.parse(stdout) as JsonReport };
}

/** Each finding as [ruleId, file, line, column, message]. */
export function placed(report: JsonReport): Array<[string, string, number, number, string]> {
  return report.findings.map((finding) => [finding.ruleId, finding.location.file, finding.location.line, finding.location.column, finding.message]);
}

/** A small valid manifest whose one finding proves the run went on: an unresolved handoff. */
export const WITNESS = 'version: 1\nname: witness\nagents:\n  a: {handoffs: [nobody]}\n';
export const WITNESS_FINDING: [string, string, number, number, string] = [
  'unresolved-reference',
  'witness.coordlint.yaml',
  4,
  18,
  "'nobody' in a handoff edge is not an agent or human of system 'witness'.",
];
