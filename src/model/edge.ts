import { z } from 'zod';
import { approvalModeSchema } from './agent.js';
import { locationSchema } from './location.js';

export const edgeKindSchema = z.enum([
  'delegate',
  'handoff',
  'data',
  'approval',
  'escalation',
  'report',
  'peer',
]);
export type EdgeKind = z.infer<typeof edgeKindSchema>;

export const couplingSchema = z.enum(['tight', 'medium', 'loose']);
export type Coupling = z.infer<typeof couplingSchema>;

/** Default coupling of each edge kind (DESIGN.md, edge table). */
export const DEFAULT_COUPLING: Readonly<Record<EdgeKind, Coupling>> = {
  delegate: 'medium',
  handoff: 'tight',
  data: 'tight',
  approval: 'tight',
  escalation: 'loose',
  report: 'loose',
  peer: 'medium',
};

/** A directed relation between two nodes (agents or humans) of one system. */
export const edgeSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  kind: edgeKindSchema,
  coupling: couplingSchema,
  fallback: z.boolean(),
  /** A declared output schema: a path, or true when declared inline. */
  contract: z.union([z.string(), z.boolean()]).optional(),
  parallel: z.boolean(),
  mode: z.enum(['sync', 'async']),
  /** Only on `approval` edges: how often the approver is asked. */
  approvalMode: approvalModeSchema.optional(),
  /** Only on `approval` edges: the one tool whose calls wait for the approval (not the agent's other actions). */
  tool: z.string().optional(),
  /** Only on `report` edges: how status flows upward. */
  visibility: z.enum(['exceptions', 'continuous']).optional(),
  /**
   * One of its source's exclusive alternatives: a router picks one of them per run (a
   * conditional edge, a workflow branch), so the targets never work side by side.
   */
  exclusive: z.boolean().optional(),
  /**
   * With `exclusive`: the decision that picks among the alternatives, where one source has
   * several (a workflow calling three workflows, each of which picks one of its agents). The
   * alternatives are counted per decision; without it, all of a source's exclusive targets are one.
   */
  choice: z.string().optional(),
  /**
   * Only on `parallel` edges: the branch's result is joined downstream by a node that is not an
   * agent (an n8n Merge that waits for every branch), so the fan-out has its join.
   */
  joined: z.boolean().optional(),
  /**
   * The work steps the edge joins, when agents work in steps (tasks of a crew, steps of a
   * workflow, runs in code): cycles are judged on the order of steps, and an agent that does two
   * steps of a linear sequence is no cycle.
   */
  steps: z.strictObject({ from: z.string(), to: z.string() }).optional(),
  location: locationSchema,
});
export type Edge = z.infer<typeof edgeSchema>;

/**
 * The coupling an edge really has: `fallback: true` or `mode: async` caps it at medium.
 * seed: Perspective 4 (System Integration Loops) — fallbacks contain failure.
 */
export function effectiveCoupling(declared: Coupling, fallback: boolean, mode: 'sync' | 'async'): Coupling {
  if ((fallback || mode === 'async') && declared === 'tight') return 'medium';
  return declared;
}
