import type { Coupling } from './edge.js';

export type Regime = 'none' | 'single' | 'small' | 'medium' | 'large';
export type Topology =
  | 'none'
  | 'single'
  | 'federated'
  | 'mesh'
  | 'hierarchical'
  | 'hub-and-spoke'
  | 'pipeline'
  | 'mixed';

/** The measured shape of one system (DESIGN.md, Metrics). */
export interface SystemMetrics {
  agents: number;
  humans: number;
  regime: Regime;
  topology: Topology;
  depth: number;
  requiredDepth: number;
  maxSpan: number;
  potentialPairs: number;
  pairs: number;
  coupling: Record<Coupling, number>;
  coordinationRatio: number;
  overheadBand: [number, number];
}
