import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { FIXTURES, runCli } from './helpers/run.js';

const scratch = mkdtempSync(join(tmpdir(), 'coordlint-cli-'));
afterAll(() => undefined);

/** A fresh folder holding the given files. */
function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(scratch, 'p-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const newsroom = readFileSync(join(FIXTURES, 'span-of-control-nine-reports', 'coordlint.yaml'), 'utf8');

describe('exit codes', () => {
  it('exits 0 on a clean system', async () => {
    const { code, stdout, stderr } = await runCli([], join(FIXTURES, 'healthy-thirty-agents'));
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('✔ no problems in 1 file');
    expect(stdout).toContain('1 other system checked with no findings');
  });

  it('exits 0 with warnings when --max-warnings is not given', async () => {
    const { code, stdout } = await runCli(['lint', '.'], join(FIXTURES, 'span-of-control-nine-reports'));
    expect(code).toBe(0);
    expect(stdout).toContain("7:3  warning  'managing-editor' directs 9 agents; the limit is 8.");
    expect(stdout).toContain('✖ 2 problems (0 errors, 2 warnings)');
    expect(stdout).toContain('  newsroom: medium, 10 agents, hub-and-spoke, depth 1/2, max span 9 — 2 warnings');
  });

  it('exits 1 when warnings exceed --max-warnings, 0 when within', async () => {
    const cwd = join(FIXTURES, 'span-of-control-nine-reports');
    expect((await runCli(['--max-warnings', '1'], cwd)).code).toBe(1);
    expect((await runCli(['--max-warnings', '2'], cwd)).code).toBe(0);
  });

  it('exits 1 on an error finding', async () => {
    const { code, stdout } = await runCli(['.'], join(FIXTURES, 'unresolved-reference-archive-handoff'));
    expect(code).toBe(1);
    expect(stdout).toContain("7:13  error  'archiver' in a handoff edge is not an agent or human of system 'ticket-pipeline'.  unresolved-reference");
  });

  it('exits 2 for an unknown option, with usage on stderr', async () => {
    const { code, stderr } = await runCli(['--no-such-flag'], FIXTURES);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-flag'");
  });

  it('exits 2 for an unknown format', async () => {
    const { code, stderr } = await runCli(['--format', 'xml', '.'], join(FIXTURES, 'healthy-thirty-agents'));
    expect(code).toBe(2);
    expect(stderr).toContain("argument 'xml' is invalid");
  });

  it('exits 2 for a path that does not exist', async () => {
    const { code, stderr } = await runCli(['missing-folder'], FIXTURES);
    expect([code, stderr]).toEqual([2, 'coordlint: no such file or directory: missing-folder\n']);
  });

  it('exits 2 when the paths hold no agent system, and 0 with --allow-empty', async () => {
    const cwd = project({ 'README.md': '# nothing here\n' });
    const empty = await runCli(['.'], cwd);
    expect([empty.code, empty.stderr]).toEqual([2, 'coordlint: no agent system found in . (use --allow-empty to accept)\n']);
    expect((await runCli(['--allow-empty', '.'], cwd)).code).toBe(0);
  });

  it('exits 0 quietly when a pre-commit hook passes files that hold no agent system', async () => {
    const cwd = project({ 'src/index.ts': 'export const x = 1;\n', 'notes.md': 'hello\n' });
    expect(await runCli(['src/index.ts', 'notes.md'], cwd)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('checks a manifest named on the command line', async () => {
    const cwd = project({ 'agents/support.coordlint.yaml': newsroom });
    const { code, stdout } = await runCli(['agents/support.coordlint.yaml'], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain('agents/support.coordlint.yaml\n  3:1');
  });
});

describe('bad input files', () => {
  const cases: Array<[string, string, string]> = [
    ['invalid YAML', 'version: 1\nname: x\nagents:\n  a: [b\n', '5:1  error  invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ].'],
    ['a wrong version', 'version: 3\nname: x\n', '1:10  error  version: version must be 1.'],
    ['an unknown key', 'version: 1\nname: x\nagents:\n  a: {reportTo: b}\n  b: {}\n', "4:7  error  unknown key 'reportTo' in agents.a (did you mean 'reportsTo'?)."],
    ['a duplicate id', 'version: 1\nname: x\nagents:\n  a: {}\n  a: {}\n', "5:3  error  duplicate agent id 'a' (first defined at line 4)."],
    ['a reportsTo cycle', 'version: 1\nname: x\nagents:\n  a: {reportsTo: b}\n  b: {reportsTo: a}\n', "4:18  error  reportsTo cycle: 'a' → 'b' → 'a'."],
    ['an alias bomb', `version: 1\nname: x\na: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${'bcdefg'.split('').map((letter, index) => `${letter}: &${letter} [${Array(10).fill(`*${'abcdef'[index]}`).join(', ')}]`).join('\n')}\n`, '4:8  error  the document expands more than 1000 aliases (an alias bomb).'],
  ];
  for (const [what, text, line] of cases) {
    it(`reports ${what} with file, line and column, and checks the other files`, async () => {
      const cwd = project({ 'bad.coordlint.yaml': text, 'good.coordlint.yaml': 'version: 1\nname: good\nagents:\n  a: {handoffs: [nobody]}\n' });
      const { code, stdout, stderr } = await runCli(['.'], cwd);
      expect(code).toBe(1);
      expect(stderr).toBe('');
      expect(stdout).toContain(`bad.coordlint.yaml\n  ${line}`);
      expect(stdout).toContain("good.coordlint.yaml\n  4:18  error  'nobody' in a handoff edge");
      expect(stdout).not.toMatch(/\n\s+at /);
    });
  }

  it('reports a file nested too deeply to read as a parse error and still checks the others', async () => {
    const depth = 20_000;
    const cwd = project({
      'src/deep.ts': `import { Agent } from '@openai/agents';\nexport const x = ${'('.repeat(depth)}1${')'.repeat(depth)};\nexport const a = new Agent({ name: 'deep_agent' });\n`,
      'src/ok.ts': "import { Agent } from '@openai/agents';\nexport const b = new Agent({ name: 'ok_agent' });\n",
    });
    const { code, stdout, stderr } = await runCli(['--format', 'json'], cwd);
    expect([code, stderr]).toEqual([1, '']);
    const result = JSON.parse(stdout) as { systems: Array<{ id: string }>; findings: Array<{ ruleId: string; message: string; location: { file: string } }> };
    expect(result.systems.map((system) => system.id)).toEqual(['ok/ok_agent']);
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.file, finding.message])).toEqual([
      ['parse-error', 'src/deep.ts', 'it nests more than 1000 brackets deep, too deeply to read; the other files are still checked.'],
    ]);
  });

  it('reports a file over the size limit instead of reading it', async () => {
    const cwd = project({ 'coordlint.yaml': `version: 1\nname: huge\n# ${'x'.repeat(8 * 1024 * 1024)}\n` });
    const { code, stdout } = await runCli(['.'], cwd);
    expect(code).toBe(1);
    expect(stdout).toMatch(/coordlint\.yaml\n {2}1:1 {2}error {2}file is \d+ bytes, over the 8388608-byte limit \(raise maxFileBytes in the config to read it\)\./);
  });
});

describe('stylish output for people', () => {
  const cwd = join(FIXTURES, 'claude-code-trap-broken-front-matter');

  it('leaves infos out by default and says how to see them', async () => {
    const { stdout } = await runCli([], cwd);
    expect(stdout).not.toContain('extraction-gap');
    expect(stdout).toContain('  1 info not shown (--verbose, or --format json, lists them)');
  });

  it('prints infos with --verbose', async () => {
    const { stdout } = await runCli(['--verbose'], cwd);
    expect(stdout).toContain('4:1  info  Not resolved statically: front matter that is not valid YAML');
    expect(stdout).not.toContain('not shown');
  });

  it('says how many warnings --quiet hid', async () => {
    const { stdout, code } = await runCli(['-q'], join(FIXTURES, 'span-of-control-nine-reports'));
    expect(code).toBe(0);
    expect(stdout).toBe('✔ no errors in 1 file\n  2 warnings hidden by --quiet\n');
  });

  it('counts findings by rule, the rules that fire most first', async () => {
    const { stdout } = await runCli([], join(FIXTURES, 'examples'));
    const byRule = stdout.slice(stdout.indexOf('By rule')).split('\n').slice(1, 4);
    expect(byRule).toEqual(['     2  correlated-verification', '     2  unguarded-irreversible-action', '     1  approval-bottleneck']);
    expect(stdout).toContain('5 other systems checked with no findings');
  });
});

describe('help for a first user', () => {
  it('suggests the rule meant by a misspelt --rule id', async () => {
    const { code, stderr } = await runCli(['--rule', 'span-of-contrl=off', '.'], join(FIXTURES, 'healthy-thirty-agents'));
    expect(code).toBe(2);
    expect(stderr).toContain("--rule span-of-contrl: unknown rule (did you mean 'span-of-control'?)");
  });

  it('prints a rule page without the markers of its generated block', async () => {
    const { code, stdout } = await runCli(['rules', 'span-of-control'], FIXTURES);
    expect(code).toBe(0);
    expect(stdout.startsWith('# span-of-control\n')).toBe(true);
    expect(stdout).not.toContain('<!--');
  });
});

describe('configuration', () => {
  it('reads .coordlintrc.yaml from the working folder', async () => {
    const { code, stdout } = await runCli(['.'], join(FIXTURES, 'cli-config-raises-span'));
    expect(code).toBe(0);
    expect(stdout).toContain('✔ no problems');
  });

  it('reads the coordlint key of package.json', async () => {
    const cwd = project({ 'package.json': JSON.stringify({ name: 'x', coordlint: { rules: { 'span-of-control': 'off', 'regime-mismatch': 'off' } } }), 'coordlint.yaml': newsroom });
    expect((await runCli(['--max-warnings', '0'], cwd)).code).toBe(0);
  });

  it('sets a rule to error with --rule, which wins over the file', async () => {
    const { code, stdout } = await runCli(['--rule', 'span-of-control=error', '--rule', 'regime-mismatch=off'], join(FIXTURES, 'span-of-control-nine-reports'));
    expect(code).toBe(1);
    expect(stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('uses extends: strict and a config named with --config', async () => {
    const cwd = project({ 'ci/lint.json': JSON.stringify({ extends: 'strict', rules: { 'span-of-control': ['error', { max: 20 }] } }), 'coordlint.yaml': newsroom });
    const { code, stdout } = await runCli(['--config', 'ci/lint.json', '.'], cwd);
    expect(code).toBe(0);
    expect(stdout).not.toContain('span-of-control');
  });

  const badConfigs: Array<[string, string, string, string]> = [
    ['an unknown rule', '.coordlintrc.yaml', 'rules:\n  span-of-controll: warning\n', "coordlint: .coordlintrc.yaml:2:3: rules.span-of-controll: unknown rule (did you mean 'span-of-control'?)\n"],
    ['a bad option value', '.coordlintrc.yaml', 'rules:\n  span-of-control: [warning, {max: 0}]\n', 'coordlint: .coordlintrc.yaml:2:36: rules.span-of-control.1.max: Too small: expected number to be >=1\n'],
    ['an unknown option', '.coordlintrc.json', '{\n  "rules": {\n    "span-of-control": ["warning", {"limit": 3}]\n  }\n}\n', 'coordlint: .coordlintrc.json:3:37: rules.span-of-control.1.limit: unknown key\n'],
    ['a bad severity', '.coordlintrc.yaml', 'rules:\n  span-of-control: loud\n', 'coordlint: .coordlintrc.yaml:2:20: rules.span-of-control: expected a severity (off, info, warning, error), [severity, options] or {severity, options}\n'],
    ['an unknown top-level key', '.coordlintrc.yaml', 'extend: strict\n', 'coordlint: .coordlintrc.yaml:1:1: extend: unknown key\n'],
    ['invalid YAML', '.coordlintrc.yaml', 'rules: [\n', 'coordlint: .coordlintrc.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n'],
  ];
  for (const [what, name, text, message] of badConfigs) {
    it(`exits 2 for ${what}, naming the key and its place`, async () => {
      const cwd = project({ [name]: text, 'coordlint.yaml': newsroom });
      expect(await runCli(['.'], cwd)).toEqual({ code: 2, stdout: '', stderr: message });
    });
  }

  it('exits 2 for a bad --rule', async () => {
    const cwd = join(FIXTURES, 'healthy-thirty-agents');
    expect((await runCli(['--rule', 'span-of-control=loud'], cwd)).stderr).toBe('coordlint: --rule span-of-control=loud: expected id=severity with severity off, info, warning or error\n');
    expect((await runCli(['--rule', 'nope=error'], cwd)).code).toBe(2);
  });
});

describe('output', () => {
  it('prints the JSON contract, byte-identical across runs', async () => {
    const cwd = join(FIXTURES, 'report-manifest-examples');
    const first = await runCli(['--format', 'json'], cwd);
    const second = await runCli(['--format', 'json'], cwd);
    expect(first.stdout).toBe(second.stdout);
    const parsed = JSON.parse(first.stdout) as Record<string, unknown> & { systems: Array<Record<string, unknown>>; summary: unknown };
    expect(Object.keys(parsed)).toEqual(['version', 'systems', 'findings', 'coverage', 'summary']);
    expect(parsed.systems.map((system) => system.id)).toEqual(['code-review-pipeline', 'research-crew', 'support-desk']);
    expect(Object.keys(parsed.systems[0]?.metrics as object)).toEqual([
      'agents', 'humans', 'regime', 'topology', 'depth', 'requiredDepth', 'maxSpan', 'potentialPairs', 'pairs', 'coupling', 'coordinationRatio', 'overheadBand',
    ]);
    expect(parsed.summary).toEqual({ errors: 0, warnings: 4, infos: 0, files: 3, systems: 3 });
  });

  it('writes the report to --output and nothing to stdout', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    const { code, stdout } = await runCli(['--format', 'json', '--output', 'reports/lint.json'], cwd);
    expect([code, stdout]).toEqual([0, '']);
    const written = JSON.parse(readFileSync(join(cwd, 'reports', 'lint.json'), 'utf8')) as { findings: unknown[] };
    expect(written.findings).toHaveLength(2);
  });

  it('shows only errors with --quiet', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom, 'broken.coordlint.yaml': 'version: 1\nname: b\nagents:\n  a: {handoffs: [ghost]}\n' });
    const { code, stdout } = await runCli(['--quiet'], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain('ghost');
    expect(stdout).not.toContain('  warning  ');
  });
});

describe('coordlint rules', () => {
  it('lists every rule with category, severity and presets', async () => {
    const { code, stdout } = await runCli(['rules'], FIXTURES);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^rule\s+category\s+severity\s+presets\s+description$/);
    expect(lines).toHaveLength(RULES.length + 1);
    expect(stdout).toMatch(/span-of-control\s+scale\s+warning\s+recommended, strict\s+Reports a coordinator that directs more agents/);
  });

  it('shows one rule, and exits 2 for an unknown one', async () => {
    const shown = await runCli(['rules', 'approval-bottleneck'], FIXTURES);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('approval-bottleneck');
    expect(await runCli(['rules', 'nope'], FIXTURES)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: unknown rule: nope\n' });
  });
});

describe('review and graph commands', () => {
  it('writes the design review to -o with links back to the checked files, and exits 0 despite warnings', async () => {
    const cwd = project({ 'agents/coordlint.yaml': newsroom });
    const { code, stdout, stderr } = await runCli(['review', 'agents', '-o', 'docs/agents-review.md'], cwd);
    expect([code, stdout, stderr]).toEqual([0, '', 'coordlint: wrote docs/agents-review.md\n']);
    const review = readFileSync(join(cwd, 'docs', 'agents-review.md'), 'utf8');
    expect(review.startsWith('# Agent architecture review\n')).toBe(true);
    expect(review).toContain('[agents/coordlint.yaml:7](../agents/coordlint.yaml#L7)');
  });

  it('writes the review as one HTML file', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom });
    expect((await runCli(['review', '--format', 'html', '-o', 'review.html'], cwd)).code).toBe(0);
    const html = readFileSync(join(cwd, 'review.html'), 'utf8');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
  });

  it('prints the graph as mermaid, dot, json or svg', async () => {
    const cwd = join(FIXTURES, 'span-of-control-nine-reports');
    expect((await runCli(['graph'], cwd)).stdout.startsWith('%% newsroom\nflowchart TD\n')).toBe(true);
    expect((await runCli(['graph', '--format', 'dot'], cwd)).stdout.startsWith('digraph "newsroom" {')).toBe(true);
    expect((await runCli(['graph', '--format', 'svg'], cwd)).stdout.startsWith('<svg xmlns=')).toBe(true);
    const json = JSON.parse((await runCli(['graph', '--format', 'json'], cwd)).stdout) as { systems: Array<{ nodes: unknown[]; edges: unknown[] }> };
    expect(json.systems[0]?.nodes).toHaveLength(11);
    expect(json.systems[0]?.edges).toHaveLength(19);
    expect((await runCli(['graph', '--format', 'png'], cwd)).code).toBe(2);
  });

  it('lints with --format sarif and --format github', async () => {
    const cwd = join(FIXTURES, 'unresolved-reference-archive-handoff');
    const sarif = await runCli(['--format', 'sarif'], cwd);
    expect(sarif.code).toBe(1);
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
    const github = await runCli(['--format', 'github'], cwd);
    expect(github.stdout.startsWith('::error file=coordlint.yaml,line=7,col=13,')).toBe(true);
  });
});

describe('discovery', () => {
  const broken = 'version: 1\nname: ignored\nagents:\n  a: {handoffs: [ghost]}\n';

  it('skips what the config ignores and what .gitignore names, and still reads the rest', async () => {
    const cwd = project({
      '.coordlintrc.yaml': 'ignore:\n  - drafts/**\n',
      '.gitignore': '# generated\ngenerated/\n*.bak.coordlint.yaml\n',
      'drafts/coordlint.yaml': broken,
      'generated/coordlint.yaml': broken,
      'old.bak.coordlint.yaml': broken,
      'agents/coordlint.yaml': 'version: 1\nname: kept\nagents:\n  a: {}\n',
    });
    const { code, stdout } = await runCli(['--format', 'json'], cwd);
    const result = JSON.parse(stdout) as { systems: Array<{ id: string }>; findings: unknown[] };
    expect(code).toBe(0);
    expect(result.systems.map((system) => system.id)).toEqual(['kept']);
    expect(result.findings).toEqual([]);
  });

  it('re-includes a path negated in .gitignore, as git does', async () => {
    const cwd = project({ '.gitignore': 'vendor/*\n!vendor/agents/\n', 'vendor/agents/coordlint.yaml': broken, 'vendor/other/coordlint.yaml': broken });
    const { code, stdout } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { coverage: Array<{ file: string }> }).coverage.map((entry) => entry.file)).toEqual(['vendor/agents/coordlint.yaml']);
  });

  it('cannot re-include below an excluded folder, as git cannot', async () => {
    const cwd = project({ '.gitignore': 'vendor/\n!vendor/agents/\n', 'vendor/agents/coordlint.yaml': broken });
    expect((await runCli([], cwd)).code).toBe(2);
  });

  it('leaves test files and test folders out unless includeTests is set', async () => {
    const files = {
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n',
      'tests/coordlint.yaml': broken,
      '__tests__/x.coordlint.yaml': broken,
      'src/triage.test.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'in_a_test' });\n",
      'src/triage.spec.ts': "import { Agent } from '@openai/agents';\nexport const b = new Agent({ name: 'in_a_spec' });\n",
    };
    const ids = async (cwd: string, argv: string[] = []) => (JSON.parse((await runCli(['--format', 'json', ...argv], cwd)).stdout) as { systems: Array<{ id: string }> }).systems.map((system) => system.id);
    expect(await ids(project(files))).toEqual(['app']);
    expect(await ids(project(files), ['src/triage.test.ts', 'coordlint.yaml'])).toEqual(['app']);
    const included = project({ ...files, '.coordlintrc.yaml': 'includeTests: true\n' });
    expect((await runCli(['--format', 'json'], included)).code).toBe(1);
    expect(await ids(included)).toEqual(['app', 'ignored@__tests__/x.coordlint.yaml', 'ignored@tests/coordlint.yaml', 'triage.spec/in_a_spec', 'triage.test/in_a_test']);
  });

  it('skips an oversized file that is no agent definition with an info, and reads the rest', async () => {
    const cwd = project({
      'data/large.json': `{"rows": [${'"x",'.repeat(2_200_000)}"x"]}`,
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n',
    });
    const { code, stdout } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { findings: Array<{ ruleId: string; severity: string; location: { file: string } }> };
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity, finding.location.file])).toEqual([['extraction-gap', 'info', 'data/large.json']]);
  });

  it('says where agent definitions were left out when it finds no system', async () => {
    const cwd = project({ 'tests/triage.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'triage' });\n", 'src/app.spec.ts': 'export {};\n' });
    const { code, stderr } = await runCli([], cwd);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'coordlint: no agent system found in . (use --allow-empty to accept)\n' +
        'coordlint: test files and folders are left out: src/app.spec.ts, tests/; set includeTests: true in .coordlintrc.yaml to read them\n',
    );
  });

  it('says which folders named like tests in a way of their own it left out, also when it finds systems elsewhere', async () => {
    const cwd = project({
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n',
      'all_tools_test/crew.coordlint.yaml': 'version: 1\nname: tools\nagents:\n  b: {}\n',
      'tests/x.coordlint.yaml': 'version: 1\nname: t\nagents:\n  c: {}\n',
    });
    const { code, stdout, stderr } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { systems: Array<{ id: string }> }).systems.map((system) => system.id)).toEqual(['app']);
    expect(stderr).toBe('coordlint: folders named like tests are left out: all_tools_test/; set includeTests: true in .coordlintrc.yaml to read them\n');
  });

  it('says which folders of retired copies it left out, also when it finds systems elsewhere', async () => {
    const cwd = project({
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n',
      'Lesson_6_backup/coordlint.yaml': 'version: 1\nname: old\nagents:\n  b: {}\n',
      'docs/_archive/coordlint.yaml': 'version: 1\nname: older\nagents:\n  c: {}\n',
    });
    const { code, stderr } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe('coordlint: folders of retired copies are left out: Lesson_6_backup/, docs/_archive/; set includeArchived: true in .coordlintrc.yaml to read them\n');
  });

  it("says which framework library packages it left out", async () => {
    const cwd = project({
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n',
      'libs/langgraph/package.json': '{"name": "@langchain/langgraph"}',
      'libs/langgraph/src/prebuilt.ts': "import { StateGraph } from '@langchain/langgraph';\nexport const g = new StateGraph({}).compile();\n",
    });
    const { code, stderr } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe("coordlint: agent frameworks' own library packages are left out: libs/langgraph/ (@langchain/langgraph); name a folder on the command line to read it\n");
  });

  it('reads an n8n workflow saved under its bare name, and no LICENSE or Makefile', async () => {
    const workflow = JSON.stringify({
      name: 'Support Flow',
      nodes: [
        { parameters: {}, id: 'a', name: 'Triage', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.8, position: [0, 0] },
        { parameters: {}, id: 'b', name: 'Answer', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.8, position: [200, 0] },
      ],
      connections: { Triage: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] } },
    });
    const cwd = project({ 'workflows/Support Flow': workflow, LICENSE: 'MIT', Makefile: 'all:\n\ttrue\n' });
    const { code, stdout } = await runCli(['--format', 'json'], cwd);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { systems: Array<{ id: string }>; coverage: Array<{ file: string }> };
    expect(result.systems.map((system) => system.id)).toEqual(['Support Flow']);
    expect(result.coverage.map((entry) => entry.file)).toEqual(['workflows/Support Flow']);
  });

  it('never walks into node_modules or build output', async () => {
    const cwd = project({ 'node_modules/pkg/coordlint.yaml': broken, 'dist/coordlint.yaml': broken, 'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n' });
    expect((await runCli([], cwd)).code).toBe(0);
  });
});
