import type { FileCoverage, Problem } from '../model/index.js';
import type { SystemFragment } from './types.js';

/**
 * Per-file coverage (DESIGN: honest coverage): the agents and edges located in each file and the
 * extraction gaps reported there, counted in one pass over the fragments and problems.
 */
export function fileCoverage(
  read: ReadonlyArray<{ file: string; extractor: string }>,
  fragments: readonly SystemFragment[],
  problems: readonly Problem[],
): FileCoverage[] {
  const counts = new Map<string, { agents: number; edges: number; gaps: number }>();
  const bump = (file: string, field: 'agents' | 'edges' | 'gaps'): void => {
    const entry = counts.get(file) ?? { agents: 0, edges: 0, gaps: 0 };
    entry[field]++;
    counts.set(file, entry);
  };
  for (const fragment of fragments) {
    for (const agent of fragment.agents) bump(agent.location.file, 'agents');
    for (const edge of fragment.edges) bump(edge.location.file, 'edges');
  }
  for (const problem of problems) if (problem.ruleId === 'extraction-gap') bump(problem.location.file, 'gaps');
  return read.map(({ file, extractor }) => ({ file, extractor, ...(counts.get(file) ?? { agents: 0, edges: 0, gaps: 0 }) }));
}
