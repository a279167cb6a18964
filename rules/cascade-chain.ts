import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { longestPath } from '../src/graph/paths.js';
import type { Edge, EdgeKind } from '../src/model/index.js';

/** Edges along which one agent's failure stops the next: work and results moving forward. */
const DEPENDENCY_KINDS: ReadonlySet<EdgeKind> = new Set(['handoff', 'data', 'delegate', 'peer']);

/** A tight, synchronous edge with no fallback: a failure at its source stops its target. */
export function isBrittle(edge: Edge): boolean {
  return DEPENDENCY_KINDS.has(edge.kind) && edge.coupling === 'tight' && !edge.fallback && edge.mode === 'sync';
}

export default defineRule({
  meta: {
    id: 'cascade-chain',
    category: 'resilience',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a run of tight dependencies with no fallback, along which one failure stops every agent behind it.',
    seed: {
      section: 'Anti-Pattern 5: "Tight Integration Ensures Coherence"',
      why: 'Tight coupling turns every dependency into a path for failure: when each agent waits synchronously on the one before and nothing stands in for it, one failure takes down the whole run. Fallbacks and loose coupling contain it.',
    },
    options: z.strictObject({
      maxTight: z.number().int().min(1).default(2).describe('Most consecutive tight edges without a fallback before the run is reported.'),
    }),
    messages: {
      tightRun: "A chain of {{length}} tight edges from '{{from}}' to '{{to}}' has no fallback; one failure stops {{agents}} agents.",
    },
  },
  check({ graph, options, report }) {
    const path = longestPath(graph, isBrittle);
    if (path.length <= options.maxTight) return;
    const first = path[0] as Edge;
    const last = path[path.length - 1] as Edge;
    const middle = path[Math.floor((path.length - 1) / 2)] as Edge;
    report({
      messageId: 'tightRun',
      at: first,
      data: { length: path.length, from: first.from, to: last.to, agents: path.length + 1, maxTight: options.maxTight },
      related: path.map((edge, index) => ({ at: edge, message: `hop ${index + 1}: '${edge.from}' → '${edge.to}' (tight ${edge.kind})` })),
      suggestion: `Add a fallback between '${middle.from}' and '${middle.to}' (fallback: true), or make that ${middle.kind} asynchronous, so a failure stops at most ${options.maxTight} hops.`,
    });
  },
});
