import type { Regime } from '../model/index.js';
import {
  FEDERATION_MIN_AGENTS,
  LARGE_MIN_AGENTS,
  MEDIUM_MIN_AGENTS,
  OVERHEAD_BANDS,
  SMALL_MIN_AGENTS,
  SPAN_BRANCHING,
} from './thresholds.js';

/**
 * The scale regime: single (N = 1), small (2–9), medium (10–49), large (50+); `none` for a
 * system with no agent. seed: Scaling Analysis.
 */
export function regimeOf(agentCount: number): Regime {
  if (agentCount === 0) return 'none';
  if (agentCount < SMALL_MIN_AGENTS) return 'single';
  if (agentCount < MEDIUM_MIN_AGENTS) return 'small';
  if (agentCount < LARGE_MIN_AGENTS) return 'medium';
  return 'large';
}

/**
 * The coordination overhead a system of this size should expect, as fractions of its effort.
 * seed: Perspective 1, Scaling Characteristics (10–15% small … 30–40% very large, 100+).
 */
export function overheadBand(agentCount: number): [number, number] {
  if (agentCount >= FEDERATION_MIN_AGENTS) return [...OVERHEAD_BANDS.veryLarge];
  const regime = regimeOf(agentCount);
  if (regime === 'small' || regime === 'medium' || regime === 'large') return [...OVERHEAD_BANDS[regime]];
  return [0, 0];
}

/** The next change of regime as the system grows: what it becomes and at how many agents. */
export function nextTransition(agentCount: number): { becomes: string; atAgents: number } | undefined {
  if (agentCount < SMALL_MIN_AGENTS) return { becomes: 'small', atAgents: SMALL_MIN_AGENTS };
  if (agentCount < MEDIUM_MIN_AGENTS) return { becomes: 'medium', atAgents: MEDIUM_MIN_AGENTS };
  if (agentCount < LARGE_MIN_AGENTS) return { becomes: 'large', atAgents: LARGE_MIN_AGENTS };
  if (agentCount < FEDERATION_MIN_AGENTS) return { becomes: 'federated (very large)', atAgents: FEDERATION_MIN_AGENTS };
  return undefined;
}

/** The smallest agent count above `agentCount` that needs one more level of hierarchy: 7^d + 1. */
export function nextDepthStep(agentCount: number): { depth: number; atAgents: number } {
  let depth = 0;
  let capacity = 1;
  while (capacity < Math.max(agentCount, 1)) {
    capacity *= SPAN_BRANCHING;
    depth++;
  }
  return { depth: depth + 1, atAgents: capacity + 1 };
}
