import { discover } from './discover/discover.js';
import { preparePython } from './extract/python.js';
import { extractorFor, type Extractor } from './extract/index.js';
import type { ExtractResult, SourceFile, SystemFragment } from './extract/types.js';
import { buildGraph } from './graph/build-graph.js';
import { linkFragments } from './link/link.js';
import { computeMetrics, publicMetrics } from './metrics/index.js';
import type { FileCoverage, LintResult, Problem } from './model/index.js';
import type { InputProblem } from './engine/define-rule.js';
import { runRules, type CheckedSystem } from './engine/run-rules.js';
import type { ResolvedConfig } from './config/resolve-config.js';

/** What `lintPaths` found on disk, besides the result: whether anything was there to lint. */
export interface PathsLint {
  result: LintResult;
  /** Files an extractor read (after the prefilter). */
  inputFiles: number;
  /** True when every path given was a file, as from a pre-commit hook. */
  onlyFiles: boolean;
  /** Test files and folders discovery left out (see `includeTests`). */
  skippedTests: string[];
}

/** The whole pipeline on paths: discover → extract → link → graph → metrics → rules. */
export async function lintPaths(paths: readonly string[], cwd: string, config: ResolvedConfig): Promise<PathsLint> {
  const discovery = discover(paths, cwd, config.ignore, { includeTests: config.includeTests });
  // The Python grammar loads asynchronously: only when a crew class is among the inputs.
  if (discovery.files.some((file) => file.path.endsWith('.py') && file.text.includes('CrewBase'))) await preparePython();
  const result = lintSources(discovery.files, config, discovery.problems);
  return { result, inputFiles: result.summary.files, onlyFiles: discovery.onlyFiles, skippedTests: discovery.skippedTests };
}

/**
 * Runs an extractor over its files so that a crash in one file (a stack overflow on a deeply
 * nested expression, a bug) becomes a parse error about that file and the others are still read:
 * the files together first (for cross-file links), then, only if that throws, one by one.
 */
function extractIsolated(extractor: Extractor, group: readonly SourceFile[], problems: InputProblem[]): ExtractResult[] {
  const all = extractor.extractAll as (files: readonly SourceFile[]) => ExtractResult;
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

function crashProblem(file: SourceFile, error: unknown): InputProblem {
  const reason = error instanceof RangeError ? 'it nests too deeply to read' : `reading it failed (${error instanceof Error ? error.message : String(error)})`;
  return { ruleId: 'parse-error', message: `${reason}; the other files are still checked`, location: { file: file.path, line: 1, column: 1 } };
}

/**
 * The pipeline from file texts on: the programmatic API, and what tests call with inline inputs.
 * `readProblems` are files that could not be read at all.
 */
export function lintSources(
  files: readonly SourceFile[],
  config: ResolvedConfig,
  readProblems: readonly Problem[] = [],
): LintResult {
  const fragments: SystemFragment[] = [];
  const problems: InputProblem[] = [...readProblems];
  const coverage: FileCoverage[] = [];
  const byExtractor = new Map<Extractor, SourceFile[]>();
  for (const file of files) {
    const extractor = extractorFor(file.path, file.text);
    const group = extractor ? byExtractor.get(extractor) : undefined;
    if (group) group.push(file);
    else if (extractor) byExtractor.set(extractor, [file]);
  }
  for (const [extractor, group] of byExtractor) {
    if (extractor.extractAll) {
      for (const extracted of extractIsolated(extractor, group, problems)) {
        fragments.push(...extracted.fragments);
        problems.push(...extracted.problems);
        coverage.push(...(extracted.coverage ?? []));
      }
      continue;
    }
    for (const file of group) {
      const extracted = guarded(() => extractor.extract(file), file, problems);
      if (!extracted) continue;
      fragments.push(...extracted.fragments);
      problems.push(...extracted.problems);
      if (extracted.coverage) {
        coverage.push(...extracted.coverage);
        continue;
      }
      coverage.push({
        file: file.path,
        extractor: extractor.id,
        agents: extracted.fragments.reduce((sum, fragment) => sum + fragment.agents.length, 0),
        edges: extracted.fragments.reduce((sum, fragment) => sum + fragment.edges.length, 0),
        gaps: extracted.gaps,
      });
    }
  }
  const linked = linkFragments(fragments);
  problems.push(...linked.problems);

  const checked: CheckedSystem[] = linked.systems.map((model) => {
    const graph = buildGraph(model);
    return { model, graph, metrics: computeMetrics(graph) };
  });
  const findings = runRules(config.rules, checked, problems);
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
    },
  };
}
