// Numbers taken from the seed document and used in more than one place.

/** seed: Perspective 7 (Hierarchical Delegation) — a coordinator tracks 5–8 direct reports. */
export const SPAN_OF_CONTROL_MAX = 8;

/** seed: Perspective 7 — the branching factor behind required depth, ceil(log_7 N). */
export const SPAN_BRANCHING = 7;

/** seed: Scaling Analysis — small scale begins at 2 agents (a single agent coordinates nothing). */
export const SMALL_MIN_AGENTS = 2;

/** seed: Scaling Analysis, Medium Scale — the flat orchestration ceiling is reached around 10. */
export const MEDIUM_MIN_AGENTS = 10;

/** seed: Scaling Analysis, Large Scale (50–1000+ agents). */
export const LARGE_MIN_AGENTS = 50;

/** seed: Large Scale, Required Changes — federation of domains is required from 100 agents. */
export const FEDERATION_MIN_AGENTS = 100;

/** seed: Scaling Characteristics — expected coordination overhead by regime, as fractions. */
export const OVERHEAD_BANDS = {
  small: [0.1, 0.15],
  medium: [0.15, 0.25],
  large: [0.25, 0.35],
  veryLarge: [0.3, 0.4],
} as const satisfies Record<string, readonly [number, number]>;
