import { z } from 'zod';
import { agentSchema, humanSchema } from './agent.js';
import { edgeSchema } from './edge.js';
import { locationSchema } from './location.js';

export const syncPointSchema = z.strictObject({
  name: z.string(),
  members: z.array(z.string()),
  location: locationSchema,
});
export type SyncPoint = z.infer<typeof syncPointSchema>;

export const loopBoundSchema = z.strictObject({
  agents: z.array(z.string()),
  /** Absent for a loop bounded by a condition (a workflow's `dountil`). */
  maxIterations: z.number().int().min(1).optional(),
  location: locationSchema,
});
export type LoopBound = z.infer<typeof loopBoundSchema>;

/** A reference that names no agent or human of its system; reported by `unresolved-reference`. */
export const unresolvedReferenceSchema = z.strictObject({
  name: z.string(),
  field: z.string(),
  location: locationSchema,
});
export type UnresolvedReference = z.infer<typeof unresolvedReferenceSchema>;

/** One agent system after linking: the unit that is graphed, measured and checked. */
export const systemModelSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  framework: z.string(),
  description: z.string().optional(),
  sources: z.array(z.string()),
  agents: z.array(agentSchema),
  humans: z.array(humanSchema),
  edges: z.array(edgeSchema),
  syncPoints: z.array(syncPointSchema),
  loops: z.array(loopBoundSchema),
  domains: z.array(z.string()),
  unresolved: z.array(unresolvedReferenceSchema),
  /**
   * Each coordinator with nobody above it starts runs of its own (workflows, scripts, entry
   * agents of code): coordinators that no common entry reaches never direct an agent in the same
   * run. False for a manifest, which describes one standing organisation.
   */
  separateRuns: z.boolean().optional(),
  location: locationSchema,
});
export type SystemModel = z.infer<typeof systemModelSchema>;
