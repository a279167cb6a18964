import type { Rule } from '../src/engine/define-rule.js';
import approvalBottleneck from './approval-bottleneck.js';
import missingIntegrationOwner from './missing-integration-owner.js';
import noBypassChannel from './no-bypass-channel.js';
import pairExplosion from './pair-explosion.js';
import parseError from './parse-error.js';
import prematureHierarchy from './premature-hierarchy.js';
import regimeMismatch from './regime-mismatch.js';
import spanOfControl from './span-of-control.js';
import unresolvedReference from './unresolved-reference.js';

/** Every rule, sorted by id. Retired ids stay listed here as comments and are never reused. */
export const RULES: readonly Rule[] = [
  approvalBottleneck,
  missingIntegrationOwner,
  noBypassChannel,
  pairExplosion,
  parseError,
  prematureHierarchy,
  regimeMismatch,
  spanOfControl,
  unresolvedReference,
];

/** The rule with this id, if any. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
