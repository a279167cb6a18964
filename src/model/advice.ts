import type { Coupling } from './edge.js';
import type { Regime } from './metrics.js';

/** The numbers a proposal is judged by, before and after. */
export interface StructureMeasures {
  agents: number;
  maxSpan: number;
  depth: number;
  requiredDepth: number;
  pairs: number;
  /** Work edges between agents of different domains (0 before grouping). */
  crossDomainEdges: number;
}

/** Where a system stands, each measure with its target. */
export interface Standing {
  regime: Regime;
  topology: string;
  agents: number;
  depth: number;
  requiredDepth: number;
  maxSpan: number;
  /** Agents that direct others (span ≥ 1). */
  coordinators: number;
  pairs: number;
  potentialPairs: number;
  coupling: Record<Coupling, number>;
  coordinationRatio: number;
  overheadBand: [number, number];
}

/** A rule that does not fire today and the first agent count, growing as the system grows, where it does. */
export interface Ceiling {
  rule: string;
  atAgents: number;
}

export interface ProposalAdvice {
  kind: 'group' | 'flatten' | 'consolidate' | 'exceptions';
  primary: string;
  primaryIsNew: boolean;
  groups: Array<{ name: string; lead: string; leadIsNew: boolean; members: string[]; level: number }>;
  before: StructureMeasures;
  after: StructureMeasures;
  /** Scale findings of today that the proposal clears, and every finding the proposal itself still gets. */
  cleared: string[];
  remaining: string[];
  /** How to build it in the system's own framework. */
  frameworkAdvice: string;
}

/** What `coordlint advise` says about one system. */
export interface SystemAdvice {
  system: string;
  framework: string;
  standing: Standing;
  /** Scale rules firing today. */
  scaleFindings: string[];
  transition: {
    regime?: { becomes: string; atAgents: number };
    depth: { depth: number; atAgents: number };
    /** As it grows the way it would (workers under its coordinators), the first rule to fire. */
    firstCeiling?: Ceiling;
  };
  proposal?: ProposalAdvice;
  /** `--grow`: every rule's first firing up to the given size. */
  growth?: { to: number; ceilings: Ceiling[] };
}
