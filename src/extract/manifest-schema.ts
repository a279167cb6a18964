import { z } from 'zod';
import { agentRoleSchema, approvalModeSchema } from '../model/index.js';
import { couplingSchema, edgeKindSchema } from '../model/index.js';

// The native manifest format, version 1 (MANIFEST.md). Every object is strict: an unknown key is a
// parse-error that names it, so a typo such as `reportTo` never passes silently.

const id = z.union([z.string().min(1), z.number()]).transform(String);
const idList = z.union([id.transform((value) => [value]), z.array(id)]);

const edgeOptions = {
  coupling: couplingSchema.optional(),
  fallback: z.boolean().optional(),
  contract: z.union([z.string().min(1), z.boolean()]).optional(),
  parallel: z.boolean().optional(),
  mode: z.enum(['sync', 'async']).optional(),
};

export const manifestToolSchema = z.union([
  id,
  z.strictObject({
    name: id,
    irreversible: z.boolean().optional(),
    needsApproval: z.boolean().optional(),
  }),
]);

export const manifestAgentSchema = z.strictObject({
  role: agentRoleSchema.optional(),
  description: z.string().optional(),
  model: z.string().optional(),
  reportsTo: id.optional(),
  domain: z.string().optional(),
  integrates: z.boolean().optional(),
  redundant: z.boolean().optional(),
  visibility: z.enum(['exceptions', 'continuous']).optional(),
  tools: z.array(manifestToolSchema).optional(),
  approval: z
    .strictObject({
      by: id,
      mode: approvalModeSchema.optional(),
    })
    .optional(),
  escalatesTo: idList.optional(),
  escalation: z
    .strictObject({
      minConfidence: z.number().min(0).max(1).optional(),
      highImpactToHuman: z.boolean().optional(),
    })
    .optional(),
  handoffs: z.array(z.union([id, z.strictObject({ to: id, ...edgeOptions })])).optional(),
  dependsOn: z.array(z.union([id, z.strictObject({ agent: id, ...edgeOptions })])).optional(),
  peers: idList.optional(),
});
export type ManifestAgent = z.infer<typeof manifestAgentSchema>;

export const manifestHumanSchema = z.strictObject({
  description: z.string().optional(),
});

export const manifestEdgeSchema = z.strictObject({
  from: id,
  to: id,
  kind: edgeKindSchema,
  ...edgeOptions,
});

/** The top level; `agents` and `humans` are maps checked entry by entry so ids keep their positions. */
export const manifestSchema = z.strictObject({
  version: z.literal(1, { error: 'version must be 1' }),
  name: z.string({ error: 'name is required: a string naming the system' }).min(1),
  description: z.string().optional(),
  overlay: z.boolean().optional(),
  defaults: z.strictObject({ model: z.string().optional() }).optional(),
  humans: z.union([z.record(z.string(), z.unknown()), z.null()]).optional(),
  agents: z.union([z.record(z.string(), z.unknown()), z.null()]).optional(),
  edges: z.array(manifestEdgeSchema).optional(),
  syncPoints: z.array(z.strictObject({ name: z.string().min(1), members: z.array(id) })).optional(),
  loops: z.array(z.strictObject({ agents: z.array(id).min(1), maxIterations: z.number().int().min(1) })).optional(),
});

/** Keys each object of the format allows, for "did you mean" hints on unknown keys. */
export function manifestKeysAt(path: readonly PropertyKey[]): readonly string[] {
  const shape = (schema: z.ZodObject): string[] => Object.keys(schema.shape);
  if (path.length === 0) return shape(manifestSchema);
  if (path[0] === 'edges') return shape(manifestEdgeSchema);
  return [];
}

/** Keys of an agent entry, and of the objects inside it. */
export function agentKeysAt(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return Object.keys(manifestAgentSchema.shape);
  const head = path[0];
  if (head === 'handoffs') return ['to', ...Object.keys(edgeOptions)];
  if (head === 'dependsOn') return ['agent', ...Object.keys(edgeOptions)];
  if (head === 'tools') return ['name', 'irreversible', 'needsApproval'];
  if (head === 'approval') return ['by', 'mode'];
  if (head === 'escalation') return ['minConfidence', 'highImpactToHuman'];
  return [];
}
