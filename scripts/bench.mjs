// Benchmark: is coordlint cheap enough for every commit? Each measure compares two commands run
// side by side in this one run (interleaved, several runs, median), so a noisy shared machine
// still gives meaningful ratios. Inputs are generated into a temporary folder; nothing large is
// committed. Usage: npm run bench -- [--repo DIR] [--runs N] [--keep]
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');

const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
// `npm run bench -- --repo DIR --runs N` passes the flags on; `npm run bench --repo DIR --runs N`
// makes npm take `--repo` and `--runs` as its own settings (set to true) and pass DIR and N on
// alone, in that order.
const positionals = args.filter((arg, index) => !arg.startsWith('--') && !['--repo', '--runs'].includes(args[index - 1] ?? ''));
const fromNpm = (name) => {
  const value = process.env[`npm_config_${name}`];
  if (value === undefined || value === '') return undefined;
  return value === 'true' ? positionals.shift() : value;
};
const repo = option('--repo') ?? fromNpm('repo');
const runsGiven = Number(option('--runs') ?? fromNpm('runs') ?? 5);
const runs = Number.isInteger(runsGiven) && runsGiven > 0 ? runsGiven : 5;
const keep = args.includes('--keep');
if (repo !== undefined && !existsSync(resolve(repo))) {
  console.error(`coordlint bench: --repo: no such folder: ${resolve(repo)}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'coordlint-bench-'));
const rssFile = join(work, 'usage');
// Every measured process reports, when it exits, its peak resident set size and the CPU time of
// all its threads (less sensitive than wall time to other jobs on a shared machine).
const rssHook = join(work, 'usage.cjs');
writeFileSync(
  rssHook,
  "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ rss: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); });\n",
);

/** Runs `node argv…` once: wall time in ms (spawn included), CPU time in ms and peak RSS in MB. */
function once(argv, cwd) {
  rmSync(rssFile, { force: true });
  const start = performance.now();
  const child = spawnSync(process.execPath, ['--require', rssHook, ...argv], { cwd, env: { ...process.env, BENCH_RSS_FILE: rssFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  if (child.status !== 0 && child.status !== 1) throw new Error(`node ${argv.join(' ')} exited ${child.status}: ${child.stderr?.toString().slice(0, 500) ?? ''}`);
  let usage = { rss: 0, cpu: 0 };
  try {
    usage = JSON.parse(readFileSync(rssFile, 'utf8'));
  } catch {
    // A process that died before exit reports nothing.
  }
  return { ms, cpu: usage.cpu / 1000, rss: usage.rss / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs the commands interleaved, `count` times each after one warm-up round; medians and peak RSS. */
function compare(commands, count = runs) {
  for (const command of commands) {
    command.before?.();
    once(command.argv, command.cwd);
  }
  const times = commands.map(() => []);
  const cpuTimes = commands.map(() => []);
  const peaks = commands.map(() => 0);
  for (let run = 0; run < count; run++) {
    commands.forEach((command, index) => {
      command.before?.();
      const { ms, cpu, rss } = once(command.argv, command.cwd);
      times[index].push(ms);
      cpuTimes[index].push(cpu);
      peaks[index] = Math.max(peaks[index], rss);
    });
  }
  return commands.map((_, index) => ({ ms: median(times[index]), cpu: median(cpuTimes[index]), rss: peaks[index] }));
}

// ---------------------------------------------------------------- generated inputs

/** The parse floor: TypeScript's createSourceFile over every .ts file under a folder (no type checker). */
const floorScript = join(work, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
const ts = createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('typescript');
const root = process.argv[2];
let files;
try {
  files = execFileSync('git', ['-C', root, 'ls-files', '*.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\\n').filter(Boolean);
} catch {
  files = [];
  const stack = [root];
  while (stack.length > 0) {
    const folder = stack.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (entry.name.endsWith('.ts')) files.push(relative(root, path));
    }
  }
}
for (const file of files) ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest);
`,
);

/**
 * A TypeScript repository of `total` files, `agentFiles` of which define OpenAI Agents SDK agents
 * that hand off to agents in other files (systems of ten, a triage agent over nine specialists);
 * the rest is ordinary application code of a realistic size that imports its neighbours.
 */
function syntheticRepository(folder, total, agentFiles) {
  mkdirSync(join(folder, 'src', 'lib'), { recursive: true });
  mkdirSync(join(folder, 'src', 'agents'), { recursive: true });
  for (let index = 0; index < total - agentFiles; index++) {
    const neighbour = index > 0 ? `import { Store${index - 1}, summarize${index - 1} } from './module${index - 1}.js';\n` : '';
    const use = index > 0 ? `    const previous = new Store${index - 1}<T>();\n    previous.put(key, value);\n    summarize${index - 1}([]);\n` : '';
    writeFileSync(
      join(folder, 'src', 'lib', `module${index}.ts`),
      `${neighbour}/** Records of kind ${index}, kept in memory with an expiry. */
export interface Record${index} {
  id: string;
  createdAt: Date;
  tags: readonly string[];
  payload: Record<string, unknown>;
  score?: number;
}

export class Store${index}<T> {
  private readonly items = new Map<string, { value: T; expires: number }>();

  constructor(private readonly ttlMs = ${1000 + index}) {}

  put(key: string, value: T): void {
${use}    this.items.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  get(key: string): T | undefined {
    const item = this.items.get(key);
    if (!item || item.expires < Date.now()) {
      this.items.delete(key);
      return undefined;
    }
    return item.value;
  }

  *entries(): Iterable<[string, T]> {
    for (const [key, item] of this.items) if (item.expires >= Date.now()) yield [key, item.value];
  }
}

export function summarize${index}(records: Record${index}[]): { count: number; mean: number; tags: string[] } {
  const scores = records.map((record) => record.score ?? 0).filter((score) => Number.isFinite(score));
  const mean = scores.length === 0 ? 0 : scores.reduce((sum, score) => sum + score, 0) / scores.length;
  const tags = [...new Set(records.flatMap((record) => record.tags))].sort();
  return { count: records.length, mean, tags };
}

export async function load${index}(fetcher: (url: string) => Promise<Response>, base: string): Promise<Record${index}[]> {
  const response = await fetcher(\`\${base}/records/${index}?limit=100\`);
  if (!response.ok) throw new Error(\`failed to load kind ${index}: \${response.status}\`);
  const body = (await response.json()) as Array<Omit<Record${index}, 'createdAt'> & { createdAt: string }>;
  return body.map((raw) => ({ ...raw, createdAt: new Date(raw.createdAt) }));
}
`,
    );
  }
  for (let index = 0; index < agentFiles; index++) {
    const system = Math.floor(index / 10);
    const first = system * 10;
    const isTriage = index === first;
    const specialists = isTriage ? Array.from({ length: Math.min(9, agentFiles - first - 1) }, (_, offset) => first + offset + 1) : [];
    const imports = specialists.map((other) => `import { agent${other} } from './agent${other}.js';\n`).join('');
    const back = isTriage ? '' : `import { agent${first} } from './agent${first}.js';\n`;
    writeFileSync(
      join(folder, 'src', 'agents', `agent${index}.ts`),
      `import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
${imports}${isTriage ? '' : back}
const lookup${index} = tool({
  name: 'lookup_${index}',
  description: 'Looks up the records this agent works on.',
  parameters: z.object({ id: z.string() }),
  execute: async ({ id }) => \`record \${id}\`,
});

export const agent${index} = new Agent({
  name: '${isTriage ? `Triage ${system}` : `Specialist ${index}`}',
  instructions: 'You handle requests of kind ${index}. Answer briefly and cite the record.',
  model: 'gpt-4.1-mini',
  tools: [lookup${index}],
  ${isTriage ? `handoffs: [${specialists.map((other) => `agent${other}`).join(', ')}],` : ''}
});
`,
    );
  }
}

/** A hierarchical manifest: span 7, every agent reporting up, escalating to an auditor, a third handing off to a sibling (about 3 edges per agent). */
function hierarchy(count) {
  const lines = ['version: 1', `name: bench-${count}`, 'humans:', '  owner: {}', 'agents:', '  root: {role: orchestrator, escalatesTo: [owner]}', '  audit: {role: auditor, escalatesTo: [owner]}'];
  for (let index = 1; index < count - 1; index++) {
    const parent = index <= 7 ? 'root' : `a${Math.floor((index - 1) / 7)}`;
    const handoff = index % 7 !== 1 ? `, handoffs: [a${index - 1}]` : '';
    lines.push(`  a${index}: {reportsTo: ${parent}, escalatesTo: [audit]${handoff}}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- measures

const rows = [];
const lint = (target, ...rest) => [CLI, 'lint', target, '--format', 'json', '--allow-empty', ...rest];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (value) => `${Math.round(value)} MB`;

function row(measure, ours, baseline, baselineLabel, targetText, limit, extra = '') {
  const ratio = ours.ms / baseline.ms;
  const cpuRatio = baseline.cpu > 0 ? ours.cpu / baseline.cpu : Number.NaN;
  rows.push({ measure, ours: seconds(ours.ms), baseline: `${seconds(baseline.ms)} ${baselineLabel}`, ratio: `${ratio.toFixed(2)}×`, cpuRatio: `${cpuRatio.toFixed(2)}×`, met: ratio <= limit, rss: mb(ours.rss), extra, targetText });
}

console.error(`coordlint bench: ${runs} runs per command, inputs in ${work}`);

// 1 and 5. A real checkout: full lint against the parse floor; one changed file against a full lint.
if (repo) {
  const checkout = resolve(repo);
  const name = checkout.split('/').filter(Boolean).pop();
  console.error(`measuring ${checkout} …`);
  const [full, floor] = compare([
    { argv: lint('.'), cwd: checkout },
    { argv: [floorScript, '.'], cwd: checkout },
  ]);
  row(`real repository (${name}): lint vs parse floor`, full, floor, 'floor', '≤ 1.0×, RSS ≤ 400 MB', 1.0);
  rows[rows.length - 1].rssLimit = 400;
  // Pre-commit: the hook passes the changed file; coordlint lints the whole systems that include
  // it, re-reading (with --cache, as the README's recipes run it) only that file's import group.
  // Measured on a copy of the checkout, where the file is changed before every run.
  const result = spawnSync(process.execPath, lint('.'), { cwd: checkout, maxBuffer: 256 * 1024 * 1024 });
  const coverage = JSON.parse(result.stdout.toString()).coverage ?? [];
  const changed = coverage.find((entry) => entry.agents > 0)?.file;
  if (changed) {
    const copy = join(work, 'precommit-copy');
    cpSync(checkout, copy, { recursive: true, filter: (source) => !/[\\/](\.git|node_modules)([\\/]|$)/.test(source) });
    const cache = ['--cache', '--cache-location', join(work, 'precommit-cache.json')];
    spawnSync(process.execPath, lint('.', ...cache), { cwd: copy, maxBuffer: 256 * 1024 * 1024 });
    let edit = 0;
    const touch = () => appendFileSync(join(copy, changed), `\n// edit ${++edit}\n`);
    const [single, whole] = compare([
      { argv: lint(changed, ...cache), cwd: copy, before: touch },
      { argv: lint('.'), cwd: copy },
    ]);
    row(`pre-commit: one changed file (${changed.split('/').pop()}), --cache, vs full lint`, single, whole, 'full', '≤ 0.2×', 0.2);
  }
}

// 2. A synthetic TypeScript repository against the parse floor and ESLint (typescript-eslint parser, one trivial rule).
{
  const folder = join(work, 'synthetic');
  syntheticRepository(folder, 2000, 100);
  const eslintConfig = join(work, 'eslint.config.mjs');
  writeFileSync(
    eslintConfig,
    `import parser from ${JSON.stringify(join(ROOT, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js'))};
const trivial = { meta: { type: 'problem', schema: [] }, create: (context) => ({ DebuggerStatement: (node) => context.report({ node, message: 'debugger' }) }) };
export default [{ files: ['**/*.ts'], languageOptions: { parser }, plugins: { bench: { rules: { trivial } } }, rules: { 'bench/trivial': 'error' } }];
`,
  );
  console.error('measuring the synthetic repository (2,000 files, 100 with agents) …');
  const eslint = join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const [ours, floor, lintEslint] = compare(
    [
      { argv: lint('.'), cwd: folder },
      { argv: [floorScript, '.'], cwd: folder },
      { argv: [eslint, '--config', eslintConfig, '--no-warn-ignored', '.'], cwd: folder },
    ],
    Math.min(runs, 3),
  );
  row('synthetic TS repo (2,000 files, 100 agents): lint vs parse floor', ours, floor, 'floor', '≤ 0.5×', 0.5);
  row('synthetic TS repo: lint vs ESLint + typescript-eslint, one rule', ours, lintEslint, 'ESLint', '≤ 0.05×', 0.05);
}

// 3. Manifest scaling: 10,000 agents against 1,000.
{
  for (const count of [1000, 10000]) {
    mkdirSync(join(work, `manifest-${count}`));
    writeFileSync(join(work, `manifest-${count}`, 'coordlint.yaml'), hierarchy(count));
  }
  console.error('measuring manifests of 1,000 and 10,000 agents …');
  const [large, small] = compare([
    { argv: lint('.'), cwd: join(work, 'manifest-10000') },
    { argv: lint('.'), cwd: join(work, 'manifest-1000') },
  ]);
  row('manifest scaling: 10,000 vs 1,000 agents', large, small, '1k', '≤ 12×', 12);
  rows.push({ measure: 'manifest of 10,000 agents: lint time', ours: seconds(large.ms), baseline: '—', ratio: '—', cpuRatio: '—', met: large.ms < 2000, rss: mb(large.rss), extra: '', targetText: '< 2 s' });
}

// 4. Start-up: a lint of one manifest against a bare `node -e 0`.
{
  const folder = join(work, 'startup');
  mkdirSync(folder);
  writeFileSync(join(folder, 'coordlint.yaml'), 'version: 1\nname: desk\nagents:\n  editor: {role: orchestrator}\n  writer: {reportsTo: editor}\n  checker: {reportsTo: editor, role: verifier}\n');
  console.error('measuring start-up …');
  const [ours, bare] = compare(
    [
      { argv: lint('.'), cwd: folder },
      { argv: ['-e', '0'], cwd: folder },
    ],
    Math.max(runs, 9),
  );
  row('start-up: JSON lint of one manifest vs node -e 0', ours, bare, 'node', '≤ 3.5×', 3.5);
}

// ---------------------------------------------------------------- report

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(`coordlint bench: Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} cores (${cpu}); median of ${runs} interleaved runs (ESLint 3)`);
console.log(`load average when done: ${loadavg().map((value) => value.toFixed(1)).join(' ')} (wall-time ratios are judged; CPU-time ratios count every thread and vary less with other jobs)`);
console.log('');
console.log('| measure | coordlint | baseline | ratio | target | met | CPU-time ratio | coordlint peak RSS |');
console.log('|---|---:|---:|---:|---:|:-:|---:|---:|');
for (const entry of rows) {
  const rssNote = entry.rssLimit !== undefined ? ` (≤ ${entry.rssLimit} MB: ${Number.parseInt(entry.rss, 10) <= entry.rssLimit ? 'yes' : 'no'})` : '';
  const met = entry.met && (entry.rssLimit === undefined || Number.parseInt(entry.rss, 10) <= entry.rssLimit);
  console.log(`| ${entry.measure} | ${entry.ours} | ${entry.baseline} | ${entry.ratio} | ${entry.targetText} | ${met ? 'yes' : 'no'} | ${entry.cpuRatio} | ${entry.rss}${rssNote}${entry.extra ? `; ${entry.extra}` : ''} |`);
}
if (!repo) console.log('\n(no --repo given: the real-repository and pre-commit measures were skipped)');

if (keep) console.error(`inputs kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
