import type { Rule } from '../src/engine/define-rule.js';
import approvalBottleneck from './approval-bottleneck.js';
import cascadeChain from './cascade-chain.js';
import concernFiltering from './concern-filtering.js';
import coordinationCycle from './coordination-cycle.js';
import coordinationRatio from './coordination-ratio.js';
import correlatedVerification from './correlated-verification.js';
import extractionGap from './extraction-gap.js';
import handoffChain from './handoff-chain.js';
import missingContract from './missing-contract.js';
import missingIntegrationOwner from './missing-integration-owner.js';
import noBypassChannel from './no-bypass-channel.js';
import orphanAgent from './orphan-agent.js';
import overlappingAuthority from './overlapping-authority.js';
import pairExplosion from './pair-explosion.js';
import parseError from './parse-error.js';
import prematureHierarchy from './premature-hierarchy.js';
import regimeMismatch from './regime-mismatch.js';
import spanOfControl from './span-of-control.js';
import unguardedIrreversibleAction from './unguarded-irreversible-action.js';
import unresolvedReference from './unresolved-reference.js';
import unusedSuppression from './unused-suppression.js';
import visibilityAtScale from './visibility-at-scale.js';

/** Every rule, sorted by id. Retired ids stay listed here as comments and are never reused. */
export const RULES: readonly Rule[] = [
  approvalBottleneck,
  cascadeChain,
  concernFiltering,
  coordinationCycle,
  coordinationRatio,
  correlatedVerification,
  extractionGap,
  handoffChain,
  missingContract,
  missingIntegrationOwner,
  noBypassChannel,
  orphanAgent,
  overlappingAuthority,
  pairExplosion,
  parseError,
  prematureHierarchy,
  regimeMismatch,
  spanOfControl,
  unguardedIrreversibleAction,
  unresolvedReference,
  unusedSuppression,
  visibilityAtScale,
];

/** The rule with this id, if any. */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
