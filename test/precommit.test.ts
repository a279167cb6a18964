import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { project, writeFiles } from './helpers/project.js';
import { runCli } from './helpers/run.js';
import { NEWSROOM as newsroom } from './helpers/cli-json.js';

const ROOT = join(import.meta.dirname, '..');
const pair = 'version: 1\nname: pair\nagents:\n  lead: {escalatesTo: [owner]}\n  helper: {reportsTo: lead}\nhumans:\n  owner: {}\n';

/** Two OpenAI agents in two files: `support.ts` alone is part of the system named after `triage.ts`. */
const code = {
  'src/support.ts': [
    "import { Agent, tool } from '@openai/agents';",
    "import { z } from 'zod';",
    "const sendEmail = tool({ name: 'send_email', description: 'Send an email.', parameters: z.object({ to: z.string() }), execute: async () => 'sent' });",
    "export const support = new Agent({ name: 'support', instructions: 'Help.', tools: [sendEmail] });",
    '',
  ].join('\n'),
  'src/triage.ts': "import { Agent } from '@openai/agents';\nimport { support } from './support.js';\nexport const triage = new Agent({ name: 'triage', instructions: 'Route.', handoffs: [support] });\n",
};

interface Json {
  systems: Array<{ id: string }>;
  findings: Array<{ ruleId: string; system?: string; location: { file: string; line: number } }>;
}

async function lintJson(cwd: string, argv: string[]): Promise<{ code: number; json: Json; stderr: string }> {
  const { code, stdout, stderr } = await runCli(['--format', 'json', ...argv], cwd);
  return { code, json: JSON.parse(stdout || '{"systems":[],"findings":[]}') as Json, stderr };
}

describe('file arguments lint the whole systems that include them', () => {
  it('keeps the systems a named file belongs to, with the ids of a full run', async () => {
    const cwd = project({ 'a/coordlint.yaml': newsroom, 'b/coordlint.yaml': newsroom, 'team/coordlint.yaml': pair, ...code });
    const full = await lintJson(cwd, []);
    expect(full.json.systems.map((system) => system.id)).toEqual(['newsroom@a/coordlint.yaml', 'newsroom@b/coordlint.yaml', 'pair', 'triage']);

    const one = await lintJson(cwd, ['b/coordlint.yaml']);
    expect(one.json.systems.map((system) => system.id)).toEqual(['newsroom@b/coordlint.yaml']);
    expect(one.json.findings).toEqual(full.json.findings.filter((finding) => finding.system === 'newsroom@b/coordlint.yaml'));

    // The helper's file belongs to the system whose entry agent is in triage.ts; its findings come whole.
    const helper = await lintJson(cwd, ['src/support.ts']);
    expect(helper.json.systems.map((system) => system.id)).toEqual(['triage']);
    expect(helper.json.findings.map((finding) => [finding.ruleId, finding.location.file, finding.location.line])).toEqual([['unguarded-irreversible-action', 'src/support.ts', 4]]);
  });

  it('skips files that no longer exist, and exits 0 quietly when no named file holds an agent', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom, 'README.md': '# app\n', 'src/util.ts': 'export const x = 1;\n' });
    expect(await runCli(['README.md', 'src/util.ts'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runCli(['gone.yaml'], cwd)).toEqual({ code: 0, stdout: '', stderr: 'coordlint: none of the named files exists (deleted?): gone.yaml\n' });
    const mixed = await lintJson(cwd, ['gone.yaml', 'coordlint.yaml']);
    expect([mixed.code, mixed.stderr]).toEqual([0, '']);
    expect(mixed.json.findings.map((finding) => finding.ruleId)).toEqual(['regime-mismatch', 'span-of-control']);
    // A missing path without an extension is still a usage error (a mistyped folder).
    expect((await runCli(['missing-folder'], cwd)).code).toBe(2);
  });

  it('reports a parse error in a named file that yields no system', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom, 'broken/coordlint.yaml': 'version: 1\nname: [\n' });
    const { code, json } = await lintJson(cwd, ['broken/coordlint.yaml']);
    expect(code).toBe(1);
    expect(json.systems).toEqual([]);
    expect(json.findings.map((finding) => [finding.ruleId, finding.location.file])).toEqual([['parse-error', 'broken/coordlint.yaml']]);
  });
});

describe('in a real repository: a git hook, the pre-commit framework, the GitHub Action', () => {
  /** The CLI built from this checkout, as a hook or an action runs it (a process, not in-process). */
  const build = join(ROOT, 'node_modules', '.cache', 'coordlint-hook-test');
  beforeAll(() => {
    rmSync(build, { recursive: true, force: true });
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', build]);
  }, 120_000);

  const git = (cwd: string, ...args: string[]) =>
    spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'coordlint', GIT_AUTHOR_EMAIL: 'hook@example.com', GIT_COMMITTER_NAME: 'coordlint', GIT_COMMITTER_EMAIL: 'hook@example.com' },
    });

  it('refuses a commit of a manifest with an error, lets a clean one through, and ignores deleted files', () => {
    const repo = project({ 'README.md': '# agents\n' });
    expect(git(repo, 'init', '-q').status).toBe(0);
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    // The README's plain-hook recipe, with the CLI built from this checkout.
    writeFileSync(hook, `#!/bin/sh\ngit diff --cached --name-only -z | xargs -0 -r node ${JSON.stringify(join(build, 'src', 'main.js'))} lint\n`);
    chmodSync(hook, 0o755);

    writeFiles(repo, { 'coordlint.yaml': 'version: 1\nname: desk\nagents:\n  lead: {}\n  writer: {reportsTo: lead, handoffs: [ghost]}\n' });
    git(repo, 'add', '-A');
    const refused = git(repo, 'commit', '-q', '-m', 'desk with a dangling handoff');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('unresolved-reference');
    expect(git(repo, 'rev-parse', '--verify', '-q', 'HEAD').status).not.toBe(0);

    writeFiles(repo, { 'coordlint.yaml': 'version: 1\nname: desk\nagents:\n  lead: {}\n  writer: {reportsTo: lead}\n' });
    git(repo, 'add', '-A');
    const clean = git(repo, 'commit', '-q', '-m', 'desk');
    expect(clean.status).toBe(0);
    expect(clean.stderr).toContain('✔ no problems in 1 file');

    git(repo, 'rm', '-q', 'coordlint.yaml');
    const removed = git(repo, 'commit', '-q', '-m', 'remove the desk');
    expect(removed.status).toBe(0);
  });

  it('adopts on a repository with findings: baseline once, then the hook blocks only new problems', () => {
    const repo = project({ 'desk/coordlint.yaml': newsroom, 'team/coordlint.yaml': pair });
    expect(git(repo, 'init', '-q').status).toBe(0);
    const cli = join(build, 'src', 'main.js');
    // Today's findings (span, regime) are recorded once and committed with the code.
    execFileSync(process.execPath, [cli, 'lint', '--update-baseline'], { cwd: repo, stdio: 'pipe' });
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, `#!/bin/sh\ngit diff --cached --name-only -z | xargs -0 -r node ${JSON.stringify(cli)} lint --cache --baseline .coordlint-baseline.json --max-warnings 0\n`);
    chmodSync(hook, 0o755);
    git(repo, 'add', '-A');
    expect(git(repo, 'commit', '-q', '-m', 'agents and their baseline').status).toBe(0);

    // Touching the desk without a new problem passes, although its old findings remain.
    writeFiles(repo, { 'desk/coordlint.yaml': `# Reviewed.\n${newsroom}` });
    git(repo, 'add', '-A');
    expect(git(repo, 'commit', '-q', '-m', 'note').status).toBe(0);

    // A new problem in the desk is refused, and the message names it: a tenth writer who can
    // escalate only through the editor. The span growing from 9 to 10 is the recorded finding.
    writeFiles(repo, { 'desk/coordlint.yaml': `${newsroom}  wine-writer: {reportsTo: managing-editor}\n` });
    git(repo, 'add', '-A');
    const refused = git(repo, 'commit', '-q', '-m', 'a tenth writer');
    expect(refused.status).not.toBe(0);
    const said = refused.stdout + refused.stderr;
    expect(said).toContain("1 of the 10 agents directed by 'managing-editor' can escalate only through it.  no-bypass-channel");
    expect(said).toContain('✖ 1 problem (0 errors, 1 warning)\n  2 findings hidden by the baseline .coordlint-baseline.json');
    expect(readFileSync(join(repo, 'node_modules', '.cache', 'coordlint', 'cache.json'), 'utf8')).toContain('"tool":"coordlint"');
  });

  it('declares a pre-commit framework hook that runs the package bin on staged files', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ id: 'coordlint', entry: 'coordlint lint', language: 'node' });
    expect(hooks[0]?.pass_filenames).not.toBe(false);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(pkg.bin.coordlint).toBe('dist/cli/main.js');
    expect(pkg.files).toEqual(expect.arrayContaining(['dist', 'schemas']));
  });

  it('runs the action\'s steps: SARIF for code scanning, then annotations that gate on --max-warnings', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Array<{ name: string; run?: string; uses?: string; env?: Record<string, string> }> } };
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps;
    expect(steps.map((step) => step.uses ?? step.name)).toEqual(['Install coordlint', 'actions/cache@v4', 'Lint (SARIF)', 'github/codeql-action/upload-sarif@v3', 'Annotate and gate']);
    // No input is spliced into a script (a path named `$(rm -rf ~)` stays a path).
    for (const step of steps) expect(step.run ?? '').not.toContain('${{');

    const repo = project({ 'agents/coordlint.yaml': newsroom });
    const actionPath = project({});
    symlinkSync(build, join(actionPath, 'dist'));
    const runStep = (name: string, inputs: Record<string, string>) => {
      const step = steps.find((each) => each.name === name);
      const env: Record<string, string> = { ...process.env, GITHUB_ACTION_PATH: actionPath } as Record<string, string>;
      for (const [key, value] of Object.entries(step?.env ?? {})) {
        const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)?.[1] ?? '';
        env[key] = inputs[input] ?? '';
      }
      return spawnSync('bash', ['-e', '-c', step?.run ?? 'exit 99'], { cwd: repo, env, encoding: 'utf8' });
    };
    const inputs = { paths: 'agents', 'max-warnings': '-1', baseline: '', config: '', cache: 'true' };
    expect(runStep('Lint (SARIF)', inputs).status).toBe(0);
    const sarif = JSON.parse(readFileSync(join(repo, 'coordlint.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toEqual(['regime-mismatch', 'span-of-control']);
    expect(readFileSync(join(repo, '.coordlint-cache', 'cache.json'), 'utf8')).toContain('"tool":"coordlint"');

    const annotated = runStep('Annotate and gate', inputs);
    expect(annotated.status).toBe(0);
    expect(annotated.stdout).toContain('::warning file=agents/coordlint.yaml,line=7');
    expect(runStep('Annotate and gate', { ...inputs, 'max-warnings': '0' }).status).toBe(1);

    // With a baseline recorded, only new findings count.
    mkdirSync(join(repo, 'ci'));
    execFileSync(process.execPath, [join(build, 'src', 'main.js'), 'lint', 'agents', '--update-baseline', '--baseline', 'ci/baseline.json'], { cwd: repo });
    expect(runStep('Annotate and gate', { ...inputs, 'max-warnings': '0', baseline: 'ci/baseline.json' }).status).toBe(0);
  });
});
