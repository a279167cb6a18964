import { discover, namedFiles } from './discover/discover.js';
import { isAutogenCode } from './extract/autogen-code.js';
import { needsPythonGrammar } from './extract/crewai.js';
import { preparePython } from './extract/python.js';
import { isPythonNotebook } from './extract/notebook.js';
import { extractorFor, type Extractor } from './extract/index.js';
import { codeNestingProblem, deepestCodePoint } from './extract/nesting.js';
import type { ExtractResult, SourceFile, SystemFragment } from './extract/types.js';
import { buildGraph } from './graph/build-graph.js';
import { linkFragments } from './link/link.js';
import { computeMetrics, publicMetrics } from './metrics/index.js';
import { withFindings, type FileCoverage, type LintResult, type Problem } from './model/index.js';
import type { InputProblem } from './engine/define-rule.js';
import { runRules, sortFindings, type CheckedSystem } from './engine/run-rules.js';
import { systemWithoutSecrets } from './engine/secrets.js';
import { applyOverrides } from './engine/overrides.js';
import { applySuppressions, parseSuppressions, type Suppression } from './engine/suppressions.js';
import { closest } from './extract/yaml-source.js';
import { cacheKey, type ExtractionCache } from './engine/cache.js';
import type { ResolvedConfig } from './config/resolve-config.js';

/** How a run reads: an extraction cache (`--cache`), the systems to check, a progress callback. */
export interface LintOptions {
  cache?: ExtractionCache;
  /**
   * Check only the systems that include one of these files (file arguments): every file is still
   * read and linked, so ids are a full run's, but only those systems are graphed and checked.
   */
  checkOnly?: ReadonlySet<string>;
  /** Called after each extractor call with the files read so far and in all (a progress line). */
  onProgress?: (done: number, total: number) => void;
}

/** What `lintPaths` found on disk, besides the result: whether anything was there to lint. */
export interface PathsLint {
  result: LintResult;
  /** Files an extractor read (after the prefilter). */
  inputFiles: number;
  /** True when every path given was a file, as from a pre-commit hook. */
  onlyFiles: boolean;
  /** Test files and folders discovery left out (see `includeTests`). */
  skippedTests: string[];
  /** Folders of retired copies discovery left out (see `includeArchived`). */
  skippedArchived: string[];
  /** Folders of an agent framework's own library discovery left out (see FRAMEWORK_PACKAGE). */
  skippedFramework: string[];
  /** Files named on the command line that no longer exist (deleted in the commit being checked). */
  skippedMissing: string[];
}

/**
 * The whole pipeline on paths: discover → extract → link → graph → metrics → rules.
 *
 * Files named alone (a pre-commit hook's staged files) are linted as whole systems: the folder
 * is read as in a full run and only the systems that include a named file are kept, with their
 * findings and the findings about the named files themselves; ids and fingerprints are the full
 * run's. A named file that no longer exists (deleted in the commit) is skipped.
 */
export async function lintPaths(paths: readonly string[], cwd: string, config: ResolvedConfig, options: LintOptions = {}): Promise<PathsLint> {
  const named = namedFiles(paths, cwd);
  if (named === undefined) return lintWhole(paths, cwd, config, options);
  const empty = emptyResult(config);
  if (named.files.length === 0 || !named.files.some((file) => extractorFor(file) !== undefined)) {
    return { result: empty, inputFiles: 0, onlyFiles: true, skippedTests: [], skippedArchived: [], skippedFramework: [], skippedMissing: named.missing };
  }
  const outside = named.files.filter((file) => file.startsWith('../'));
  const wanted = new Set(named.files);
  const whole = await lintWhole(['.', ...outside], cwd, config, { ...options, checkOnly: wanted });
  const systems = whole.result.systems.filter(({ model }) => model.sources.some((source) => wanted.has(source)));
  const kept = new Set(systems.map(({ model }) => model.id));
  const files = new Set([...wanted, ...systems.flatMap(({ model }) => model.sources)]);
  const findings = whole.result.findings.filter((finding) => (finding.system !== undefined ? kept.has(finding.system) : wanted.has(finding.location.file)));
  const coverage = whole.result.coverage.filter((entry) => files.has(entry.file));
  const result = withFindings({ ...whole.result, systems, coverage, summary: { ...whole.result.summary, files: coverage.length, systems: systems.length } }, findings);
  const touched = named.files.filter((file) => files.has(file) && (kept.size > 0 || findings.length > 0)).length;
  return { result, inputFiles: touched, onlyFiles: true, skippedTests: [], skippedArchived: [], skippedFramework: [], skippedMissing: named.missing };
}

/** A folder's (or several paths') run, without the file-argument narrowing. */
async function lintWhole(paths: readonly string[], cwd: string, config: ResolvedConfig, options: LintOptions): Promise<PathsLint> {
  const discovery = discover(paths, cwd, config.ignore, { includeTests: config.includeTests, includeArchived: config.includeArchived, maxFileBytes: config.maxFileBytes });
  // The Python grammar loads asynchronously: only when crew or AutoGen code is among the inputs.
  if (discovery.files.some((file) => needsPythonGrammar(file.path, file.text) || isAutogenCode(file.path, file.text) || isPythonNotebook(file.path, file.text))) await preparePython();
  const result = lintSources(discovery.files, config, discovery.problems, options);
  return { result, inputFiles: result.summary.files, onlyFiles: discovery.onlyFiles, skippedTests: discovery.skippedTests, skippedArchived: discovery.skippedArchived, skippedFramework: discovery.skippedFramework, skippedMissing: [] };
}

function emptyResult(config: ResolvedConfig): LintResult {
  return { ...lintSources([], config), summary: { errors: 0, warnings: 0, infos: 0, files: 0, systems: 0 } };
}

/**
 * Runs an extractor over its files so that a crash in one file (a stack overflow on a deeply
 * nested expression, a bug) becomes a parse error about that file and the others are still read:
 * the files together first (for cross-file links), then, only if that throws, one by one.
 */
function extractIsolated(extractor: Extractor, group: readonly SourceFile[], problems: InputProblem[], context: readonly SourceFile[] = []): ExtractResult[] {
  const all = (files: readonly SourceFile[]): ExtractResult => (extractor.extractAll as NonNullable<Extractor['extractAll']>)(files, context);
  try {
    return [all(group)];
  } catch (error) {
    if (group.length === 1) {
      problems.push(crashProblem(group[0] as SourceFile, error));
      return [];
    }
    return group.flatMap((file) => {
      const extracted = guarded(() => all([file]), file, problems);
      return extracted ? [extracted] : [];
    });
  }
}

/** The extractor's result for one file, or undefined with a parse error when it throws. */
function guarded(run: () => ExtractResult, file: SourceFile, problems: InputProblem[]): ExtractResult | undefined {
  try {
    return run();
  } catch (error) {
    problems.push(crashProblem(file, error));
    return undefined;
  }
}

/** A per-file extractor's result, with its coverage entry filled in. */
function extractOne(extractor: Extractor, file: SourceFile, problems: InputProblem[]): ExtractResult[] {
  const extracted = guarded(() => extractor.extract(file), file, problems);
  if (!extracted) return [];
  if (extracted.coverage) return [extracted];
  const agents = extracted.fragments.reduce((sum, fragment) => sum + fragment.agents.length, 0);
  const edges = extracted.fragments.reduce((sum, fragment) => sum + fragment.edges.length, 0);
  return [{ ...extracted, coverage: [{ file: file.path, extractor: extractor.id, agents, edges, gaps: extracted.gaps }] }];
}

function crashProblem(file: SourceFile, error: unknown): InputProblem {
  const reason = error instanceof RangeError ? 'it nests too deeply to read' : `reading it failed (${error instanceof Error ? error.message : String(error)})`;
  const deepest = error instanceof RangeError ? deepestCodePoint(file) : undefined;
  // Where even parsing overflows (a chain of 100,000 `?:` with no bracket), the longest line holds it.
  const fallback = error instanceof RangeError ? longestLine(file.text) : 1;
  return { ruleId: 'parse-error', message: `${reason}; the other files are still checked`, location: deepest?.location ?? { file: file.path, line: fallback, column: 1 } };
}

/** The number of a text's longest line (the first of equal ones). */
function longestLine(text: string): number {
  let best = 1;
  let bestLength = -1;
  let line = 1;
  for (let start = 0; start <= text.length; line++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > bestLength) {
      best = line;
      bestLength = stop - start;
    }
    if (end === -1) break;
    start = end + 1;
  }
  return best;
}

/**
 * The pipeline from file texts on: the programmatic API, and what tests call with inline inputs.
 * `readProblems` are files that could not be read at all.
 */
export function lintSources(
  files: readonly SourceFile[],
  config: ResolvedConfig,
  readProblems: readonly Problem[] = [],
  options: LintOptions = {},
): LintResult {
  const fragments: SystemFragment[] = [];
  const problems: InputProblem[] = [...readProblems];
  const coverage: FileCoverage[] = [];
  const byExtractor = new Map<Extractor, SourceFile[]>();
  for (const file of files) {
    const extractor = extractorFor(file.path, file.text);
    if (!extractor) continue;
    const tooDeep = codeNestingProblem(file);
    if (tooDeep) {
      problems.push(tooDeep);
      continue;
    }
    const group = byExtractor.get(extractor);
    if (group) group.push(file);
    else byExtractor.set(extractor, [file]);
  }
  const total = [...byExtractor.values()].reduce((sum, group) => sum + group.length, 0);
  let done = 0;
  for (const [extractor, group] of byExtractor) {
    // Files the extractor's code may import from that it does not read itself (plain Python modules).
    const own = new Set(group);
    const context = extractor.context ? files.filter((file) => extractor.context?.(file.path) === true && !own.has(file)) : [];
    const contextDigest = context.length > 0 && options.cache ? [{ path: '\u0000context', text: cacheKey('context', context) }] : [];
    // With a cache, code is read in its import groups so that a changed file re-reads only its
    // group; without one, in one pass (one program for all files costs less than many small ones).
    const parts = extractor.extractAll ? (options.cache && extractor.partition ? extractor.partition(group) : [group]) : group.map((file) => [file]);
    for (const part of parts) {
      done += part.length;
      options.onProgress?.(done, total);
      const key = options.cache ? cacheKey(extractor.id, [...part, ...contextDigest]) : '';
      const cached = options.cache?.get(key);
      let results = cached ? [cached] : undefined;
      if (results === undefined) {
        const crashes: InputProblem[] = [];
        results = extractor.extractAll ? extractIsolated(extractor, part, crashes, context) : extractOne(extractor, part[0] as SourceFile, crashes);
        problems.push(...crashes);
        // A crash is not cached: the next run tries the file again (and says so again).
        if (options.cache && crashes.length === 0 && results.length === 1) options.cache.set(key, results[0] as ExtractResult);
      }
      for (const extracted of results) {
        fragments.push(...extracted.fragments);
        problems.push(...extracted.problems);
        coverage.push(...(extracted.coverage ?? []));
      }
    }
  }
  const linked = linkFragments(fragments);
  problems.push(...linked.problems);

  const wanted = options.checkOnly;
  // Credentials written in the files read are masked in the model, as in every report of it.
  const systems = linked.systems.map(systemWithoutSecrets);
  const toCheck = wanted ? systems.filter((model) => model.sources.some((source) => wanted.has(source))) : systems;
  const checked: CheckedSystem[] = toCheck.map((model) => {
    const graph = buildGraph(model);
    return { model, graph, metrics: computeMetrics(graph) };
  });
  const ruled = applyOverrides(runRules(config.rules, checked, problems), config.rules, config.overrides);
  const suppressed = applySuppressions(ruled, suppressionsOf(files), config.knownRules, (id) => closest(id, [...config.knownRules]));
  const directiveRules = config.rules.filter((active) => active.rule.meta.id === 'unused-suppression');
  const findings = sortFindings([...suppressed.findings, ...applyOverrides(runRules(directiveRules, [], suppressed.problems), config.rules, config.overrides)]);
  const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
  return {
    rules: config.rules.map(({ rule, severity }) => ({
      id: rule.meta.id,
      description: rule.meta.description,
      category: rule.meta.category,
      severity,
      docs: rule.meta.docs,
      why: rule.meta.seed.why,
      seedSection: rule.meta.seed.section,
    })),
    systems: checked.map(({ model, metrics }) => ({ model, metrics: publicMetrics(metrics) })),
    findings,
    coverage: coverage.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    summary: {
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      files: coverage.length + readProblems.length,
      systems: checked.length,
      ...(suppressed.suppressed > 0 && { suppressed: suppressed.suppressed }),
    },
  };
}

/** The suppression comments of every file that has some. */
function suppressionsOf(files: readonly SourceFile[]): Map<string, Suppression[]> {
  const found = new Map<string, Suppression[]>();
  for (const file of files) {
    const directives = parseSuppressions(file.path, file.text);
    if (directives.length > 0) found.set(file.path, directives);
  }
  return found;
}
