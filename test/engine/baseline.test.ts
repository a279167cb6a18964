import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFingerprint } from '../../src/engine/baseline.js';
import { project } from '../helpers/project.js';
import { runCli } from '../helpers/run.js';
import { NEWSROOM as newsroom } from '../helpers/cli-json.js';


interface Json {
  findings: Array<{ ruleId: string; location: { file: string; line: number } }>;
  summary: { warnings: number; baselined?: number };
}

async function lintJson(cwd: string, argv: string[]): Promise<Json> {
  const { stdout } = await runCli(['--format', 'json', ...argv], cwd);
  return JSON.parse(stdout) as Json;
}

describe('--baseline / --update-baseline', () => {
  it('writes sorted, stable JSON of every error and warning, and then hides them', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    const written = await runCli(['--update-baseline'], cwd);
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('coordlint: wrote .coordlint-baseline.json (2 findings)\n');
    const file = readFileSync(join(cwd, '.coordlint-baseline.json'), 'utf8');
    const baseline = JSON.parse(file) as { version: number; findings: Array<{ rule: string; file: string; system: string; count: number; fingerprint: string }> };
    expect(baseline.version).toBe(1);
    expect(baseline.findings.map((entry) => [entry.rule, entry.file, entry.system, entry.count])).toEqual([
      ['regime-mismatch', 'coordlint.yaml', 'newsroom', 1],
      ['span-of-control', 'coordlint.yaml', 'newsroom', 1],
    ]);
    expect(Object.keys(baseline.findings[0] ?? {})).toEqual(['fingerprint', 'rule', 'file', 'system', 'message', 'count']);
    // Writing again changes nothing: the file diffs only when findings change.
    await runCli(['--update-baseline'], cwd);
    expect(readFileSync(join(cwd, '.coordlint-baseline.json'), 'utf8')).toBe(file);

    const { code, stdout } = await runCli(['--baseline', '.coordlint-baseline.json'], cwd);
    expect(code).toBe(0);
    expect(stdout).toBe('✔ no problems in 1 file\n  2 findings hidden by the baseline .coordlint-baseline.json\n\n1 other system checked with no findings (coordlint review lists every system).\n');
  });

  it('keeps hiding a finding when lines are added above it, reports a new one, and drops a fixed one', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    await runCli(['--update-baseline', '--baseline', 'ci/baseline.json'], cwd);
    // Lines added above the findings move them; the fingerprints ignore lines.
    writeFileSync(join(cwd, 'coordlint.yaml'), `# The desk.\n# Reviewed in March.\n${newsroom}`);
    expect((await lintJson(cwd, ['--baseline', 'ci/baseline.json'])).findings).toEqual([]);
    // A new problem: a writer hands off to an agent that does not exist.
    writeFileSync(join(cwd, 'coordlint.yaml'), newsroom.replace('food-writer: {reportsTo: managing-editor', 'food-writer: {handoffs: [ghost], reportsTo: managing-editor'));
    const fresh = await lintJson(cwd, ['--baseline', 'ci/baseline.json']);
    expect(fresh.findings.map((finding) => finding.ruleId)).toEqual(['unresolved-reference']);
    expect(fresh.summary.baselined).toBe(2);
    // The span problem fixed (eight writers: also a small system now): both baselined findings are gone, and the text says so.
    const eight = newsroom.replace(/ {2}food-writer:.*\n/, '');
    writeFileSync(join(cwd, 'coordlint.yaml'), eight);
    const { stdout } = await runCli(['--baseline', 'ci/baseline.json'], cwd);
    expect(stdout).toContain('2 baselined findings no longer occur: --update-baseline drops them');
  });

  it('hides only as many findings of one kind as it counts', async () => {
    const cwd = project({ 'a/coordlint.yaml': newsroom });
    await runCli(['--update-baseline'], cwd);
    const json = JSON.parse(readFileSync(join(cwd, '.coordlint-baseline.json'), 'utf8')) as { findings: Array<{ rule: string; count: number }> };
    expect(json.findings.every((entry) => entry.count === 1)).toBe(true);
    // Same fingerprint for a second system of the same name in another file? No: the file is part of it.
    const second = project({ 'a/coordlint.yaml': newsroom, 'b/coordlint.yaml': newsroom.replace('name: newsroom', 'name: newsroom-b') });
    writeFileSync(join(second, '.coordlint-baseline.json'), readFileSync(join(cwd, '.coordlint-baseline.json')));
    const found = await lintJson(second, ['--baseline', '.coordlint-baseline.json']);
    expect(found.findings.map((finding) => [finding.ruleId, finding.location.file])).toEqual([
      ['regime-mismatch', 'b/coordlint.yaml'],
      ['span-of-control', 'b/coordlint.yaml'],
    ]);
  });

  it('uses the SARIF fingerprint', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    const sarif = JSON.parse((await runCli(['--format', 'sarif'], cwd)).stdout) as { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
    await runCli(['--update-baseline'], cwd);
    const baseline = JSON.parse(readFileSync(join(cwd, '.coordlint-baseline.json'), 'utf8')) as { findings: Array<{ fingerprint: string }> };
    expect(baseline.findings.map((entry) => entry.fingerprint).sort()).toEqual(sarif.runs[0]?.results.map((result) => result.partialFingerprints['coordlint/v1']).sort());
    expect(baselineFingerprint).toBeTypeOf('function');
  });

  it('says what is wrong with a missing or broken baseline', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom, 'broken.json': '{"version": 1, "findings": [{"rule": 1}]}', 'text.json': 'not json' });
    expect(await runCli(['--baseline', 'none.json'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: cannot read baseline none.json: no such file; --update-baseline writes it\n' });
    const broken = await runCli(['--baseline', 'broken.json'], cwd);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^coordlint: broken\.json:1:1: baseline findings\.0\.fingerprint: .*; rewrite it with --update-baseline\n$/);
    const text = await runCli(['--baseline', 'text.json'], cwd);
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/^coordlint: text\.json:1:1: baseline is not valid JSON/);
  });

  it('refuses to rewrite the baseline from a few named files', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    expect(await runCli(['--update-baseline', 'coordlint.yaml'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coordlint: --update-baseline rewrites the whole baseline: run it on folders (or the whole repository), not on single files\n',
    });
  });
});
