import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { RULES, findRule } from '../rules/index.js';
import { loadConfig } from './config/load-config.js';
import { parseRuleOverride, resolveConfig } from './config/resolve-config.js';
import { RuleCrash } from './engine/run-rules.js';
import { ConfigError, UsageError } from './errors.js';
import { closest } from './extract/yaml-source.js';
import { lintPaths } from './lint.js';
import type { LintResult } from './model/index.js';
import { FORMATS, GRAPH_FORMATS, loadFormatter, loadGraphFormatter, type Formatter } from './report/index.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colour in stylish output; defaults to off. */
  color?: boolean;
}

const LINT_FORMATS = [...FORMATS];

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
}

/** Runs the pipeline for any command; undefined means "exit now with this code". */
async function check(paths: string[], options: CommonOptions, io: CliIo): Promise<{ result: LintResult } | { exit: number }> {
  const overrides = options.rule.map(parseRuleOverride);
  const config = resolveConfig(loadConfig(io.cwd, options.config), RULES, overrides);
  const linted = await lintPaths(paths, io.cwd, config);
  if (linted.onlyFiles && linted.inputFiles === 0) return { exit: 0 };
  const { result } = linted;
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
  return { result };
}

/** Writes a report to `--output` (creating its folder) or to standard output. */
function emit(text: string, output: string | undefined, io: CliIo): void {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, output);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

/** From the output file's folder back to the working folder, so links in a report resolve. */
function linkBase(output: string | undefined, io: CliIo): string {
  if (output === undefined) return '';
  const back = relative(dirname(resolve(io.cwd, output)), io.cwd).split('\\').join('/');
  return back === '' ? '' : `${back}/`;
}

async function lintCommand(paths: string[], options: LintOptions, io: CliIo): Promise<number> {
  const checked = await check(paths, options, io);
  if ('exit' in checked) return checked.exit;
  const result = options.quiet ? errorsOnly(checked.result) : checked.result;
  const formatter = await loadFormatter(options.format);
  if (!formatter) throw new UsageError(`unknown format: ${options.format}`);
  const color = (io.color ?? false) && options.output === undefined && options.format === 'stylish';
  const hidden = { warnings: checked.result.summary.warnings - result.summary.warnings, infos: checked.result.summary.infos - result.summary.infos };
  emit(
    formatter(result, { color, quiet: options.quiet ?? false, verbose: options.verbose ?? false, hidden, linkBase: linkBase(options.output, io), toolVersion: packageVersion() }),
    options.output,
    io,
  );
  const { errors, warnings } = result.summary;
  if (errors > 0) return 1;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) return 1;
  return 0;
}

interface DocumentOptions extends CommonOptions {
  format: string;
}

/** `review` and `graph`: a document for people, written even when there are findings. */
async function documentCommand(paths: string[], options: DocumentOptions, io: CliIo, load: (format: string) => Promise<Formatter | undefined>): Promise<number> {
  const checked = await check(paths, options, io);
  if ('exit' in checked) return checked.exit;
  const formatter = await load(options.format);
  if (!formatter) throw new UsageError(`unknown format: ${options.format}`);
  emit(formatter(checked.result, { color: false, quiet: false, linkBase: linkBase(options.output, io), toolVersion: packageVersion() }), options.output, io);
  if (options.output !== undefined) io.stderr(`coordlint: wrote ${options.output}\n`);
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

function packageVersion(): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
    return typeof parsed === 'object' && parsed !== null && 'version' in parsed ? String(parsed.version) : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
