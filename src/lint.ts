import { discover } from './discover/discover.js';
import { preparePython } from './extract/python.js';
import { extractorFor, type Extractor } from './extract/index.js';
import type { SourceFile, SystemFragment } from './extract/types.js';
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
}

/** The whole pipeline on paths: discover → extract → link → graph → metrics → rules. */
export async function lintPaths(paths: readonly string[], cwd: string, config: ResolvedConfig): Promise<PathsLint> {
  const discovery = discover(paths, cwd, config.ignore, { includeTests: config.includeTests });
  // The Python grammar loads asynchronously: only when a crew class is among the inputs.
  if (discovery.files.some((file) => file.path.endsWith('.py') && file.text.includes('CrewBase'))) await preparePython();
  const result = lintSources(discovery.files, config, discovery.problems);
  return { result, inputFiles: result.summary.files, onlyFiles: discovery.onlyFiles };
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
    if (extractor) byExtractor.set(extractor, [...(byExtractor.get(extractor) ?? []), file]);
  }
  for (const [extractor, group] of byExtractor) {
    if (extractor.extractAll) {
      const extracted = extractor.extractAll(group);
      fragments.push(...extracted.fragments);
      problems.push(...extracted.problems);
      coverage.push(...(extracted.coverage ?? []));
      continue;
    }
    for (const file of group) {
      const extracted = extractor.extract(file);
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
