import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from './helpers/project.js';
import { FIXTURES, runCli } from './helpers/run.js';

/** A copy of the bundled examples (ten systems in eight frameworks) in a fresh folder. */
function examples(): string {
  const folder = project({});
  cpSync(join(FIXTURES, 'examples'), folder, { recursive: true });
  return folder;
}

const findings = async (cwd: string) => (JSON.parse((await runCli(['--format', 'json'], cwd)).stdout) as { findings: unknown[] }).findings;

describe('coordlint init', () => {
  it('writes a commented config naming the frameworks found, and overlays for the systems with findings', async () => {
    const cwd = examples();
    const before = await findings(cwd);
    const { code, stdout } = await runCli(['init'], cwd);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'wrote .coordlintrc.yaml',
        'wrote coordlint/agents-triage.coordlint.yaml',
        'wrote coordlint/langgraph-research-report.coordlint.yaml',
        'wrote coordlint/workflow-content-studio.coordlint.yaml',
        '10 systems found (autogen, claude-code, crewai, langgraph, manifest, mastra, n8n, openai-agents); run coordlint to check them',
        '',
      ].join('\n'),
    );
    const config = readFileSync(join(cwd, '.coordlintrc.yaml'), 'utf8');
    expect(config).toContain('# yaml-language-server: $schema=node_modules/coordlint/schemas/coordlintrc.schema.json');
    expect(config).toContain('# Found here: coordlint manifests (3 systems), AutoGen (1 system),');
    const overlay = readFileSync(join(cwd, 'coordlint', 'agents-triage.coordlint.yaml'), 'utf8');
    expect(overlay).toContain('name: agents/triage\noverlay: true\n');
    expect(overlay).toContain("  #     - {name: cancel_booking, irreversible: true, needsApproval: false}   # read as irreversible: verb 'cancel'\n");
    // Until a key is filled in, nothing changes.
    expect(await findings(cwd)).toEqual(before);
  });

  it('writes overlays whose keys, once filled in, are a valid manifest that links', async () => {
    const cwd = examples();
    await runCli(['init'], cwd);
    const path = join(cwd, 'coordlint', 'agents-triage.coordlint.yaml');
    const filled = readFileSync(path, 'utf8')
      .replace('# humans:\n#   on-call:', 'humans:\n  on-call:')
      .replace(/ {2}# changes:\n {2}# {3}escalatesTo: \[on-call\]/, '  changes:\n    escalatesTo: [on-call]');
    writeFileSync(path, filled);
    const { stdout } = await runCli(['--format', 'json'], cwd);
    const json = JSON.parse(stdout) as { findings: Array<{ ruleId: string }>; systems: Array<{ id: string; edges: Array<{ from: string; to: string; kind: string }> }> };
    expect(json.findings.filter((finding) => finding.ruleId === 'parse-error' || finding.ruleId === 'unresolved-reference')).toEqual([]);
    expect(json.systems.find((system) => system.id === 'agents/triage')?.edges).toContainEqual(expect.objectContaining({ from: 'changes', to: 'on-call', kind: 'escalation' }));
  });

  it('never overwrites without --force, and leaves an existing configuration alone', async () => {
    const cwd = examples();
    writeFileSync(join(cwd, '.coordlintrc.yaml'), 'extends: strict\n');
    const again = await runCli(['init', '--overlays', 'none'], cwd);
    expect(again.stdout.split('\n')[0]).toBe('kept .coordlintrc.yaml: it exists (--force overwrites it)');
    expect(readFileSync(join(cwd, '.coordlintrc.yaml'), 'utf8')).toBe('extends: strict\n');
    expect(existsSync(join(cwd, 'coordlint'))).toBe(false);
    await runCli(['init', '--overlays', 'none', '--force'], cwd);
    expect(readFileSync(join(cwd, '.coordlintrc.yaml'), 'utf8')).toContain('extends: recommended');

    const json = examples();
    writeFileSync(join(json, '.coordlintrc.json'), '{}');
    expect((await runCli(['init', '--overlays', 'none'], json)).stdout.split('\n')[0]).toBe('kept .coordlintrc.json: a configuration is already there');
    expect(existsSync(join(json, '.coordlintrc.yaml'))).toBe(false);
  });

  it('writes an overlay for every multi-agent system with --overlays all', async () => {
    const cwd = examples();
    const { stdout } = await runCli(['init', '--overlays', 'all'], cwd);
    expect(stdout.split('\n').filter((line) => line.startsWith('wrote coordlint/'))).toHaveLength(7);
  });
});
