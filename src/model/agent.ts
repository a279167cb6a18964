import { z } from 'zod';
import { locationSchema } from './location.js';

/** Agent roles. The last five are coordination infrastructure (see {@link INFRASTRUCTURE_ROLES}). */
export const agentRoleSchema = z.enum([
  'orchestrator',
  'lead',
  'worker',
  'integrator',
  'verifier',
  'auditor',
  'monitor',
  'router',
  'state-manager',
]);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/**
 * Roles that count in N but not in anyone's span of control.
 * seed: Perspective 7 (Hierarchical Delegation) — coordination agents don't count against span.
 */
export const INFRASTRUCTURE_ROLES: ReadonlySet<AgentRole> = new Set([
  'verifier',
  'auditor',
  'monitor',
  'router',
  'state-manager',
]);

/** Roles whose agents check the work of others: the targets of an independent bypass channel. */
export const OVERSIGHT_ROLES: ReadonlySet<AgentRole> = new Set(['verifier', 'auditor']);

export const toolSchema = z.strictObject({
  name: z.string(),
  irreversible: z.boolean(),
  needsApproval: z.boolean(),
  location: locationSchema.optional(),
});
export type Tool = z.infer<typeof toolSchema>;

export const approvalModeSchema = z.enum(['every-action', 'batch', 'confidence', 'irreversible-only']);
export type ApprovalMode = z.infer<typeof approvalModeSchema>;

export const escalationPolicySchema = z.strictObject({
  minConfidence: z.number().min(0).max(1).optional(),
  highImpactToHuman: z.boolean().optional(),
});

/** An LLM-backed actor of a system. */
export const agentSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  role: agentRoleSchema,
  description: z.string().optional(),
  model: z.string().optional(),
  domain: z.string().optional(),
  tools: z.array(toolSchema),
  visibility: z.enum(['exceptions', 'continuous']).optional(),
  integrates: z.boolean().optional(),
  redundant: z.boolean().optional(),
  escalation: escalationPolicySchema.optional(),
  /** The agent can end the run and hand the result back to its caller (a graph's END, a final output). */
  terminates: z.boolean().optional(),
  /** Some links to or from this agent could not be resolved statically (an extraction gap). */
  partial: z.boolean().optional(),
  location: locationSchema,
});
export type Agent = z.infer<typeof agentSchema>;

/** A person in the loop: a node of the graph, never counted in N. */
export const humanSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  location: locationSchema,
});
export type Human = z.infer<typeof humanSchema>;

/** True when the role is coordination infrastructure (verifier, auditor, monitor, router, state-manager). */
export function isInfrastructure(role: AgentRole): boolean {
  return INFRASTRUCTURE_ROLES.has(role);
}
