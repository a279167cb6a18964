import type { Agent, Human } from './agent.js';
import type { Edge } from './edge.js';
import type { Finding } from './finding.js';
import type { SystemMetrics } from './metrics.js';
import type { SystemModel } from './system.js';
import type { SystemAdvice } from './advice.js';

/** How one input file was read. */
export interface FileCoverage {
  file: string;
  extractor: string;
  agents: number;
  edges: number;
  gaps: number;
}

export interface SystemResult {
  model: SystemModel;
  metrics: SystemMetrics;
}

/** What a reporter needs to know of a rule that was on for the run (SARIF lists them). */
export interface RuleSummary {
  id: string;
  description: string;
  category: string;
  severity: 'error' | 'warning' | 'info';
  docs: string;
  why: string;
  seedSection: string;
}

/** Everything a run produced; every reporter renders from this alone. */
export interface LintResult {
  /** The rules that were on, sorted by id. */
  rules: RuleSummary[];
  systems: SystemResult[];
  findings: Finding[];
  coverage: FileCoverage[];
  /** Regime advice per system, when the command asked for it (the design review does). */
  advice?: SystemAdvice[];
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    files: number;
    systems: number;
    /** Findings hidden by suppression comments (present when some were). */
    suppressed?: number;
    /** Findings hidden by the baseline file (present when some were). */
    baselined?: number;
  };
}

/** The result with other findings (after a baseline or a filter), its counts made to match. */
export function withFindings(result: LintResult, findings: Finding[], extra: Partial<LintResult['summary']> = {}): LintResult {
  const count = (severity: string): number => findings.filter((finding) => finding.severity === severity).length;
  return { ...result, findings, summary: { ...result.summary, errors: count('error'), warnings: count('warning'), infos: count('info'), ...extra } };
}

export type { Agent, Human, Edge, Finding, SystemMetrics, SystemModel };
