import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { RULES, findRule } from '../rules/index.js';
import { CONFIG_FILE_NAMES, loadConfig } from './config/load-config.js';
import { starterFiles, type OverlayChoice } from './init/starter.js';
import { adviseSystem, proposalFor } from './advise/advise.js';
import { toManifest } from './advise/manifest-out.js';
import { buildGraph } from './graph/build-graph.js';
import { computeMetrics } from './metrics/index.js';
import { adviceMarkdown, adviceText } from './report/advice.js';
import { parseRuleOverride, resolveConfig, type ResolvedConfig } from './config/resolve-config.js';
import { RuleCrash } from './engine/run-rules.js';
import { ConfigError, UsageError } from './errors.js';
import { closest } from './extract/yaml-source.js';
import { lintPaths } from './lint.js';
import { withFindings, type LintResult, type ProposalAdvice, type SystemModel } from './model/index.js';
import { applyBaseline, baselineSchema, createBaseline, serializeBaseline, type Baseline } from './engine/baseline.js';
import { namedFiles, TEST_FOLDERS } from './discover/discover.js';
import { FileCache } from './engine/cache.js';
import { writeOutputFile } from './output-file.js';
import { FORMATS, GRAPH_FORMATS, loadFormatter, loadGraphFormatter, type Formatter } from './report/index.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour in stylish output; defaults to off. */
  color?: boolean;
  /** Where a progress line may go (a terminal's stderr, never CI or a pipe); none by default. */
  progress?: (text: string) => void;
  /** Milliseconds since some fixed point, for the progress line's timing (tests pass their own). */
  now?: () => number;
}

/**
 * When the reader of standard output goes away (`coordlint lint | head`), writing fails with EPIPE:
 * that is the reader's choice, not an error, so it is ignored and the run ends with its own code.
 * Any other write error is thrown.
 */
export function ignoreClosedPipe(stream: NodeJS.EventEmitter): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/**
 * Whether to colour: FORCE_COLOR (other than 0/false) forces it, NO_COLOR (any value) turns it
 * off, otherwise only on a terminal.
 */
export function colorWanted(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

/**
 * A progress line for runs that take more than a second: "checking files 120/421", rewritten in
 * place, cleared when the run ends. Nothing when the output is no terminal.
 */
export function progressLine(io: CliIo): { update: (done: number, total: number) => void; end: () => void } {
  const write = io.progress;
  const now = io.now ?? (() => Date.now());
  if (!write) return { update: () => undefined, end: () => undefined };
  const start = now();
  let last = 0;
  let shown = false;
  return {
    update: (done, total) => {
      const at = now();
      if (at - start < 1000 || at - last < 100) return;
      last = at;
      shown = true;
      write(`\rcoordlint: checking files ${done}/${total}\u001b[K`);
    },
    end: () => {
      if (shown) write('\r\u001b[K');
    },
  };
}

const LINT_FORMATS = [...FORMATS];

/** Where `--cache` keeps extraction results when no `--cache-location` is given. */
const DEFAULT_CACHE = 'node_modules/.cache/coordlint/cache.json';

/** Where `--update-baseline` writes when no `--baseline` is given. */
const DEFAULT_BASELINE = '.coordlint-baseline.json';

/** Runs coordlint with `argv` (without the node and script entries) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let debug = argv.includes('--debug');
  const program = new Command('coordlint')
    .description('Static architecture linter and regime advisor for multi-agent AI systems.')
    .version(packageVersion(), '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text) })
    .showHelpAfterError('(run coordlint --help for usage)');

  program
    .command('lint', { isDefault: true })
    .description('Check the agent systems under the given paths (default: the current folder).')
    .argument('[paths...]', 'files or folders to check')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('-c, --config <file>', 'use this configuration file')
    .option('--rule <id=severity>', 'set a rule\'s severity (off, info, warning, error); repeatable', collect, [])
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount, -1)
    .option('-q, --quiet', 'report errors only (and say how many warnings that hid)')
    .option('--verbose', 'also print infos (extraction gaps) in the stylish format')
    .option('--allow-empty', 'exit 0 when the paths hold no agent system')
    .option('--baseline <file>', 'hide the findings recorded in this baseline file; report only new ones')
    .option('--update-baseline', `write every current error and warning to the baseline file (--baseline, default ${DEFAULT_BASELINE})`)
    .option('--cache', 'keep extraction results between runs; unchanged files are not read again')
    .option('--cache-location <file>', `where --cache keeps them (default ${DEFAULT_CACHE})`)
    .option('--debug', 'print stack traces of internal errors')
    .action(async (paths: string[], options: LintOptions) => {
      debug = options.debug ?? false;
      exitCode = await lintCommand(paths, options, io);
    });

  const documentOptions = (command: Command, formats: string[], fallback: string): Command =>
    command
      .argument('[paths...]', 'files or folders to check')
      .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(fallback))
      .option('-o, --output <file>', 'write the document to a file instead of standard output')
      .option('-c, --config <file>', 'use this configuration file')
      .option('--rule <id=severity>', 'set a rule\'s severity (off, info, warning, error); repeatable', collect, [])
      .option('--system <name>', 'only this system (its id or name)')
      .option('--allow-empty', 'exit 0 when the paths hold no agent system')
      .option('--debug', 'print stack traces of internal errors');

  documentOptions(
    program.command('review').description('Write the design review: regime cards, diagrams, findings and a checklist.'),
    ['html', 'markdown'],
    'markdown',
  ).action(async (paths: string[], options: DocumentOptions) => {
    debug = options.debug ?? false;
    exitCode = await documentCommand(paths, options, io, loadFormatter);
  });

  documentOptions(program.command('graph').description('Print the coordination graph of each system.'), [...GRAPH_FORMATS], 'mermaid').action(
    async (paths: string[], options: DocumentOptions) => {
      debug = options.debug ?? false;
      exitCode = await documentCommand(paths, options, io, loadGraphFormatter);
    },
  );

  program
    .command('advise')
    .description('Say where each system stands, where its structure stops fitting as it grows, and how to restructure it.')
    .argument('[paths...]', 'files or folders to check')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .option('-o, --output <file>', 'write the advice to a file instead of standard output')
    .option('-c, --config <file>', 'use this configuration file')
    .option('--rule <id=severity>', 'set a rule\'s severity (off, info, warning, error); repeatable', collect, [])
    .option('--system <name>', 'advise on this system only (its id or name)')
    .option('--grow <n>', 'what-if: grow the system to N agents (or xK times its size) and say when each rule starts to fire')
    .option('--emit-manifest <file>', 'write the proposal as a manifest (needs one system with a proposal)')
    .option('--allow-empty', 'exit 0 when the paths hold no agent system')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (paths: string[], options: AdviseOptions) => {
      debug = options.debug ?? false;
      exitCode = await adviseCommand(paths, options, io);
    });

  program
    .command('init')
    .description('Write a commented .coordlintrc.yaml and starter overlays with the questions code cannot answer.')
    .argument('[paths...]', 'files or folders to read (default: the current folder)')
    .addOption(new Option('--overlays <which>', 'which systems get a starter overlay').choices(['findings', 'all', 'none']).default('findings'))
    .option('--force', 'overwrite files that already exist')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (paths: string[], options: InitOptions) => {
      debug = options.debug ?? false;
      exitCode = await initCommand(paths, options, io);
    });

  program
    .command('rules')
    .description('List every rule, or show one rule\'s documentation.')
    .argument('[id]', 'a rule id')
    .action((id: string | undefined) => {
      exitCode = rulesCommand(id, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof ConfigError) {
      io.stderr(`coordlint: ${error.describe()}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.stderr(`coordlint: ${error.message}\n`);
      return 2;
    }
    const where = error instanceof RuleCrash ? `rule ${error.ruleId}` : 'lint';
    const cause = error instanceof RuleCrash ? error.original : error;
    const message = cause instanceof Error ? cause.message : String(cause);
    io.stderr(`coordlint: internal error in ${where}: ${message}\n`);
    if (debug && cause instanceof Error && cause.stack) io.stderr(`${cause.stack}\n`);
    return 2;
  }
}

interface CommonOptions {
  output?: string;
  config?: string;
  rule: string[];
  allowEmpty?: boolean;
  debug?: boolean;
}

interface LintOptions extends CommonOptions {
  format: string;
  maxWarnings: number;
  quiet?: boolean;
  verbose?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  cache?: boolean;
  cacheLocation?: string;
}

/** Runs the pipeline for any command; undefined means "exit now with this code". */
async function check(paths: string[], options: CommonOptions, io: CliIo, cache?: FileCache): Promise<{ result: LintResult; config: ResolvedConfig } | { exit: number }> {
  const overrides = options.rule.map(parseRuleOverride);
  const config = resolveConfig(loadConfig(io.cwd, options.config), RULES, overrides);
  const progress = progressLine(io);
  const linted = await lintPaths(paths, io.cwd, config, { ...(cache && { cache }), onProgress: progress.update });
  progress.end();
  if (linted.skippedMissing.length > 0 && linted.skippedMissing.length === paths.length) {
    io.stderr(`coordlint: none of the named files exists (deleted?): ${linted.skippedMissing.join(', ')}\n`);
  }
  if (linted.onlyFiles && linted.inputFiles === 0) return { exit: 0 };
  const { result } = linted;
  // Retired copies are passed over on purpose; saying which keeps a live folder from vanishing unseen.
  if (linted.skippedArchived.length > 0) {
    const shown = linted.skippedArchived.slice(0, 3).join(', ');
    const more = linted.skippedArchived.length > 3 ? ` and ${linted.skippedArchived.length - 3} more` : '';
    io.stderr(`coordlint: folders of retired copies are left out: ${shown}${more}; set includeArchived: true in .coordlintrc.yaml to read them\n`);
  }
  // A folder named like tests in a way of its own (`all_tools_test/`, `e2e-tests/`, not `tests/`) may
  // hold scripts that run: said even when systems were found elsewhere, so none is lost unseen.
  const namedLikeTests = linted.skippedTests.filter((each) => each.endsWith('/') && !TEST_FOLDERS.has(each.slice(0, -1).split('/').pop() ?? ''));
  if (namedLikeTests.length > 0 && result.systems.length > 0) {
    const shown = namedLikeTests.slice(0, 3).join(', ');
    const more = namedLikeTests.length > 3 ? ` and ${namedLikeTests.length - 3} more` : '';
    io.stderr(`coordlint: folders named like tests are left out: ${shown}${more}; set includeTests: true in .coordlintrc.yaml to read them\n`);
  }
  // A framework's own library implements agents rather than defining a system: said, not read.
  if (linted.skippedFramework.length > 0) {
    const shown = linted.skippedFramework.slice(0, 3).join(', ');
    const more = linted.skippedFramework.length > 3 ? ` and ${linted.skippedFramework.length - 3} more` : '';
    io.stderr(`coordlint: agent frameworks' own library packages are left out: ${shown}${more}; name a folder on the command line to read it\n`);
  }
  if (result.systems.length === 0 && result.findings.length === 0 && !options.allowEmpty) {
    io.stderr(`coordlint: no agent system found in ${paths.length > 0 ? paths.join(', ') : '.'} (use --allow-empty to accept)\n`);
    // Say where agent definitions may be that coordlint leaves out by default.
    if (linted.skippedTests.length > 0) {
      const shown = linted.skippedTests.slice(0, 3).join(', ');
      const more = linted.skippedTests.length > 3 ? ` and ${linted.skippedTests.length - 3} more` : '';
      io.stderr(`coordlint: test files and folders are left out: ${shown}${more}; set includeTests: true in .coordlintrc.yaml to read them\n`);
    }
    return { exit: 2 };
  }
  return { result, config };
}

/** Writes a report to `--output` (creating its folder; atomically) or to standard output. */
function emit(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  writeOutputFile(resolve(io.cwd, output), text, output);
}

/** From the output file's folder back to the working folder, so links in a report resolve. */
function linkBase(output: string | undefined, io: CliIo): string {
  if (output === undefined) return '';
  const back = relative(dirname(resolve(io.cwd, output)), io.cwd).split('\\').join('/');
  return back === '' ? '' : `${back}/`;
}

async function lintCommand(paths: string[], options: LintOptions, io: CliIo): Promise<number> {
  if (options.updateBaseline && paths.length > 0 && namedFiles(paths, io.cwd) !== undefined) {
    throw new UsageError('--update-baseline rewrites the whole baseline: run it on folders (or the whole repository), not on single files');
  }
  const cachePath = options.cache ? resolve(io.cwd, options.cacheLocation ?? DEFAULT_CACHE) : undefined;
  const cache = cachePath === undefined ? undefined : new FileCache(buildId(), readIfPresent(cachePath));
  const checked = await check(paths, options, io, cache);
  if (cache && cachePath !== undefined) {
    // A cache that cannot be written costs speed, not correctness: say so and go on.
    try {
      writeOutputFile(cachePath, cache.serialize(), options.cacheLocation ?? DEFAULT_CACHE);
    } catch (error) {
      io.stderr(`coordlint: ${error instanceof Error ? error.message : String(error)} (the cache is not kept)\n`);
    }
  }
  if ('exit' in checked) return checked.exit;
  const baselined = withBaseline(checked.result, options, io);
  const all = baselined.result;
  const result = options.quiet ? errorsOnly(all) : all;
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format: ${options.format}`);
  const color = (io.color ?? false) && options.output === undefined && options.format === 'stylish';
  const hidden = { warnings: all.summary.warnings - result.summary.warnings, infos: all.summary.infos - result.summary.infos };
  emit(
    formatter(result, {
      color,
      quiet: options.quiet ?? false,
      verbose: options.verbose ?? false,
      hidden,
      ...(baselined.baseline !== undefined && { baseline: baselined.baseline }),
      linkBase: linkBase(options.output, io),
      toolVersion: packageVersion(),
    }),
    options.output,
    io,
  );
  const { errors, warnings } = result.summary;
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) return 1;
  return 0;
}

/**
 * `--baseline` / `--update-baseline`: writes the baseline first when asked (every current error
 * and warning), then hides what it records. A baseline that cannot be read is a usage error.
 */
function withBaseline(result: LintResult, options: LintOptions, io: CliIo): { result: LintResult; baseline?: { file: string; hidden: number; fixed: number } } {
  if (options.baseline === undefined && !options.updateBaseline) return { result };
  const file = options.baseline ?? DEFAULT_BASELINE;
  const path = resolve(io.cwd, file);
  let baseline: Baseline;
  if (options.updateBaseline) {
    baseline = createBaseline(result.findings);
    writeOutputFile(path, serializeBaseline(baseline), file);
    io.stderr(`coordlint: wrote ${file} (${baseline.findings.reduce((sum, entry) => sum + entry.count, 0)} findings)\n`);
  } else {
    baseline = readBaseline(path, file);
  }
  const applied = applyBaseline(result.findings, baseline);
  return {
    result: withFindings(result, applied.findings, applied.hidden > 0 ? { baselined: applied.hidden } : {}),
    baseline: { file, hidden: applied.hidden, fixed: applied.fixed },
  };
}

function readBaseline(path: string, file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file; --update-baseline writes it' : String(error);
    throw new UsageError(`cannot read baseline ${file}: ${reason}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline is not valid JSON (${error instanceof Error ? error.message : String(error)}); rewrite it with --update-baseline`, { file, line: 1, column: 1 });
  }
  const checked = baselineSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new ConfigError(`baseline ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}; rewrite it with --update-baseline`, { file, line: 1, column: 1 });
  }
  return checked.data;
}

interface DocumentOptions extends CommonOptions {
  format: string;
  system?: string;
}

/** The result narrowed to one system (`--system`: its id or name) and that system's findings. */
function selectSystem(result: LintResult, wanted: string | undefined): LintResult {
  if (wanted === undefined) return result;
  const systems = result.systems.filter(({ model }) => model.id === wanted || model.name === wanted);
  if (systems.length === 0) {
    const hint = closest(wanted, result.systems.map(({ model }) => model.id));
    throw new UsageError(`no system '${wanted}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
  }
  const ids = new Set(systems.map(({ model }) => model.id));
  return withFindings({ ...result, systems, summary: { ...result.summary, systems: systems.length } }, result.findings.filter((finding) => finding.system !== undefined && ids.has(finding.system)));
}

/** `review` and `graph`: a document for people, written even when there are findings. */
async function documentCommand(paths: string[], options: DocumentOptions, io: CliIo, load: (format: string) => Promise<Formatter | undefined>): Promise<number> {
  const checked = await check(paths, options, io);
  if ('exit' in checked) return checked.exit;
  const formatter = await load(options.format);
  if (!formatter) throw new UsageError(`unknown format: ${options.format}`);
  // The design review carries the regime advice of each system that a scale rule flags.
  const selected = selectSystem(checked.result, options.system);
  const result = load === loadGraphFormatter ? selected : withAdvice(selected, checked.config);
  emit(formatter(result, { color: false, quiet: false, linkBase: linkBase(options.output, io), toolVersion: packageVersion() }), options.output, io);
  if (options.output !== undefined) io.stderr(`coordlint: wrote ${options.output}\n`);
  return 0;
}

interface AdviseOptions extends CommonOptions {
  format: string;
  system?: string;
  grow?: string;
  emitManifest?: string;
}

/** `coordlint advise`: the regime advisor over the systems of two or more agents. */
async function adviseCommand(paths: string[], options: AdviseOptions, io: CliIo): Promise<number> {
  const checked = await check(paths, options, io);
  if ('exit' in checked) return checked.exit;
  const { config } = checked;
  const systems = options.system !== undefined ? selectSystem(checked.result, options.system).systems : checked.result.systems.filter(({ model }) => model.agents.length >= 2);
  const advice = systems.map(({ model }) => {
    const graph = buildGraph(model);
    const grow = options.grow === undefined ? undefined : growTarget(options.grow, model.agents.length);
    return adviseSystem({ model, graph, metrics: computeMetrics(graph) }, config.rules, grow === undefined ? {} : { grow });
  });
  if (options.emitManifest !== undefined) {
    const proposals = systems.flatMap(({ model }, index) => {
      const proposal = advice[index]?.proposal;
      return proposal ? [{ model, proposal }] : [];
    });
    if (proposals.length !== 1) {
      throw new UsageError(`--emit-manifest needs exactly one system with a proposal, and ${proposals.length} have one${proposals.length > 1 ? ': choose one with --system' : ''}`);
    }
    const [only] = proposals as [{ model: SystemModel; proposal: ProposalAdvice }];
    const proposed = proposalFor(only.model, advice.find((item) => item.system === only.model.id)?.scaleFindings ?? []);
    if (proposed) {
      emit(toManifest(proposed.model, `${only.model.name}-proposed`), options.emitManifest, io);
      io.stderr(`coordlint: wrote ${options.emitManifest}\n`);
    }
  }
  const skipped = checked.result.systems.length - systems.length;
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ version: 1, advice }, null, 2)}\n`
      : options.format === 'markdown'
        ? `# Regime advice\n\n${adviceMarkdown(advice)}\n`
        : `${adviceText(advice)}${options.system === undefined && skipped > 0 ? `${skipped} single-agent ${skipped === 1 ? 'system' : 'systems'} not advised on.\n` : ''}`;
  emit(text, options.output, io);
  return 0;
}

function withAdvice(result: LintResult, config: ResolvedConfig): LintResult {
  const scale = new Set(RULES.filter((rule) => rule.meta.category === 'scale').map((rule) => rule.meta.id));
  const flagged = new Set(result.findings.filter((finding) => scale.has(finding.ruleId) && finding.system !== undefined).map((finding) => finding.system as string));
  const advice = result.systems
    .filter(({ model }) => flagged.has(model.id))
    .map(({ model }) => {
      const graph = buildGraph(model);
      return adviseSystem({ model, graph, metrics: computeMetrics(graph) }, config.rules);
    });
  return advice.length > 0 ? { ...result, advice } : result;
}

/** `--grow 40` or `--grow x3` (three times the current size). */
function growTarget(value: string, agents: number): number {
  const times = /^x(\d+(?:\.\d+)?)$/.exec(value);
  const target = times ? Math.round(agents * Number(times[1])) : /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(target) || target <= agents) throw new UsageError(`--grow expects a number of agents above the current ${agents}, or xK (K times its size); got '${value}'`);
  if (target > 2000) throw new UsageError(`--grow goes up to 2000 agents; got ${target}`);
  return target;
}

interface InitOptions {
  overlays: OverlayChoice;
  force?: boolean;
  debug?: boolean;
}

/**
 * `coordlint init`: reads the repository, then writes the starter files it proposes into the
 * working folder, never over an existing file unless `--force`, and never a second configuration
 * beside one that is already there.
 */
async function initCommand(paths: string[], options: InitOptions, io: CliIo): Promise<number> {
  const config = resolveConfig(loadConfig(io.cwd), RULES);
  const { result } = await lintPaths(paths, io.cwd, config);
  const existingConfig = CONFIG_FILE_NAMES.filter((name) => name !== 'package.json').find((name) => existsSync(join(io.cwd, name)));
  for (const file of starterFiles(result, options.overlays, 'node_modules/coordlint/schemas/coordlintrc.schema.json')) {
    const target = resolve(io.cwd, file.path);
    if (file.path === '.coordlintrc.yaml' && existingConfig !== undefined && existingConfig !== '.coordlintrc.yaml') {
      io.stdout(`kept ${existingConfig}: a configuration is already there\n`);
      continue;
    }
    if (existsSync(target) && !options.force) {
      io.stdout(`kept ${file.path}: it exists (--force overwrites it)\n`);
      continue;
    }
    writeOutputFile(target, file.text, file.path);
    io.stdout(`wrote ${file.path}\n`);
  }
  const frameworks = [...new Set(result.systems.map(({ model }) => model.framework))].sort();
  io.stdout(`${result.systems.length} ${result.systems.length === 1 ? 'system' : 'systems'} found (${frameworks.join(', ') || 'none'}); run coordlint to check them\n`);
  return 0;
}

/** ` (did you mean 'x'?)` for a rule id close to a known one, else ''. */
function didYouMean(id: string): string {
  const hint = closest(id, RULES.map((rule) => rule.meta.id));
  return hint ? ` (did you mean '${hint}'?)` : '';
}

function rulesCommand(id: string | undefined, io: CliIo): number {
  if (id !== undefined) {
    const rule = findRule(id);
    if (!rule) throw new UsageError(`unknown rule: ${id}${didYouMean(id)}`);
    const docs = join(packageRoot(), 'docs', 'rules', `${id}.md`);
    if (existsSync(docs)) {
      // The page without the markers that keep its generated block in sync.
      io.stdout(readFileSync(docs, 'utf8').replace(/^<!-- meta:(start|end) -->\r?\n/gm, ''));
      return 0;
    }
    const { meta } = rule;
    const options = Object.entries(meta.options.shape as Record<string, z.ZodType>).map(
      ([name, schema]) => `  ${name} (default ${JSON.stringify(schema.parse(undefined))}): ${schema.description ?? ''}`,
    );
    io.stdout(
      [
        `${meta.id} — ${meta.description}`,
        `category: ${meta.category}; default severity: ${meta.severity}; preset: ${meta.preset}`,
        `seed: ${meta.seed.section} — ${meta.seed.why}`,
        options.length > 0 ? `options:\n${options.join('\n')}` : 'options: none',
        `docs: ${meta.docs}`,
        '',
      ].join('\n'),
    );
    return 0;
  }
  const rows = RULES.map((rule) => [
    rule.meta.id,
    rule.meta.category,
    rule.meta.severity,
    rule.meta.preset === 'recommended' ? 'recommended, strict' : 'strict',
    rule.meta.description,
  ]);
  const header = ['rule', 'category', 'severity', 'presets', 'description'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  return 0;
}

function errorsOnly(result: LintResult): LintResult {
  const findings = result.findings.filter((finding) => finding.severity === 'error');
  return { ...result, findings, summary: { ...result.summary, warnings: 0, infos: 0 } };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseCount(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--max-warnings expects a whole number, got '${value}'`);
  return Number(value);
}

function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** The file's text, or undefined when it does not exist or cannot be read (a cache starts empty then). */
function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}


/** What cache entries are valid for: this version of coordlint, as built (a rebuild changes its files' times). */
function buildId(): string {
  const here = fileURLToPath(import.meta.url);
  // The pipeline's module beside this one, where the build has one (the bundle is all one file).
  const lint = join(dirname(here), 'lint' + (here.endsWith('.ts') ? '.ts' : '.js'));
  return `${packageVersion()}:${statSync(here).mtimeMs}:${existsSync(lint) ? statSync(lint).mtimeMs : ''}`;
}

function packageVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed ? String(parsed.version) : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
