import { buildGraph } from '../graph/build-graph.js';
import { computeMetrics, type RuleMetrics } from '../metrics/index.js';
import { nextDepthStep, nextTransition } from '../metrics/regime.js';
import { runRules, type ActiveRule, type CheckedSystem } from '../engine/run-rules.js';
import type { Ceiling, ProposalAdvice, Standing, StructureMeasures, SystemAdvice, SystemModel } from '../model/index.js';
import { growTo } from './grow.js';
import { proposeConsolidation, proposeExceptions, proposeFlattening, proposeGrouping, type Proposal } from './propose.js';

/** Scale rules whose remedy is grouping agents under leads. */
const GROUPING_RULES = new Set(['span-of-control', 'regime-mismatch', 'pair-explosion']);

/** How far the default look-ahead grows a system to find its first ceiling. */
const LOOK_AHEAD = 40;

/** How each framework can carry out a grouping, in its own terms. */
const FRAMEWORK_ADVICE: Record<string, string> = {
  'claude-code':
    'Subagents cannot start subagents: make each domain a workflow the main session runs (a .claude/commands/<domain>.md command or a skill that calls the domain\'s subagents in order and hands the result on), instead of a lead subagent.',
  langgraph: 'Give each domain its own subgraph with a supervisor over the domain\'s agents (createSupervisor), and mount the subgraphs as nodes of a top supervisor.',
  crewai: 'Make each domain a hierarchical crew (Process.hierarchical with a manager agent) and kick the crews off from a Flow that plays the primary coordinator.',
  'openai-agents': 'Put a triage agent in front of each domain with handoffs to its specialists, and let the primary agent hand off to the domain triage agents (or call them as tools).',
  mastra: 'Give each domain an agent network (an agent with agents: {...} of its specialists) and let a top agent or a workflow call the domain agents.',
  autogen: 'Make each domain a SelectorGroupChat of its agents, wrapped as one participant (SocietyOfMindAgent) of a top team.',
  n8n: 'Move each domain into a sub-workflow with its own AI Agent node, called as a workflow tool by the top agent.',
  manifest: 'Write the groups into the manifest (reportsTo the domain lead, domain on each agent): --emit-manifest writes the proposal as a manifest to start from.',
};

/** Runs every active rule on one model and returns the checked system with its findings. */
export function check(model: SystemModel, rules: readonly ActiveRule[]): { checked: CheckedSystem; findings: ReturnType<typeof runRules> } {
  const graph = buildGraph(model);
  const checked: CheckedSystem = { model, graph, metrics: computeMetrics(graph) };
  return { checked, findings: runRules(rules.filter((active) => active.rule.check !== undefined), [checked], []) };
}

/** The advice for one checked system: where it stands, where it stops fitting, and how to restructure it. */
export function adviseSystem(system: CheckedSystem, rules: readonly ActiveRule[], options: { grow?: number } = {}): SystemAdvice {
  const { model, metrics } = system;
  const firing = check(model, rules).findings;
  const scaleRules = new Set(rules.filter((active) => active.rule.meta.category === 'scale').map((active) => active.rule.meta.id));
  const scaleFindings = [...new Set(firing.filter((finding) => scaleRules.has(finding.ruleId)).map((finding) => finding.ruleId))].sort();
  const regime = nextTransition(metrics.agents);
  const lookAhead = ceilings(model, rules, metrics.agents + LOOK_AHEAD);
  const advice: SystemAdvice = {
    system: model.id,
    framework: model.framework,
    standing: standing(metrics),
    scaleFindings,
    transition: { ...(regime !== undefined && { regime }), depth: nextDepthStep(metrics.agents), ...(lookAhead[0] !== undefined && { firstCeiling: lookAhead[0] }) },
  };
  const proposal = proposalFor(model, scaleFindings);
  if (proposal) advice.proposal = proposalAdvice(system, proposal, rules, scaleFindings);
  if (options.grow !== undefined) advice.growth = { to: options.grow, ceilings: ceilings(model, rules, options.grow) };
  return advice;
}

/** The restructuring that answers the scale findings: grouping, flattening, consolidation or exception reporting. */
export function proposalFor(model: SystemModel, scaleFindings: readonly string[]): Proposal | undefined {
  if (scaleFindings.includes('premature-hierarchy')) return proposeFlattening(model) ?? proposeConsolidation(model);
  if (scaleFindings.some((rule) => GROUPING_RULES.has(rule))) return proposeGrouping(model);
  if (scaleFindings.includes('coordination-ratio')) return proposeConsolidation(model);
  if (scaleFindings.includes('visibility-at-scale')) return proposeExceptions(model);
  return undefined;
}

/** The proposal with its numbers before and after and what it clears, judged by the same rules. */
function proposalAdvice(system: CheckedSystem, proposal: Proposal, rules: readonly ActiveRule[], scaleFindings: readonly string[]): ProposalAdvice {
  const after = check(proposal.model, rules);
  const afterRules = [...new Set(after.findings.map((finding) => finding.ruleId))].sort();
  return {
    kind: proposal.kind,
    primary: proposal.primary,
    primaryIsNew: proposal.primaryIsNew,
    groups: proposal.groups.map((group) => ({ ...group, members: [...group.members] })),
    before: measures(system.metrics, 0),
    after: measures(after.checked.metrics, proposal.crossDomainEdges),
    cleared: scaleFindings.filter((rule) => !afterRules.includes(rule)),
    remaining: afterRules,
    frameworkAdvice:
      proposal.kind === 'flatten'
        ? 'Let the top coordinator direct every worker itself and retire the intermediate leads; add levels back when the system passes 8 workers.'
        : proposal.kind === 'consolidate'
          ? 'Retire the leads that direct one or two agents (their agents report to the lead above), let the coordinator route instead of a separate router, and fold duplicate monitors and state managers into one; give the workers more of the task.'
          : proposal.kind === 'exceptions'
            ? 'Report exceptions instead of continuous status (visibility: exceptions), and share state at declared sync points (syncPoints) rather than on every step.'
            : (FRAMEWORK_ADVICE[system.model.framework] ?? FRAMEWORK_ADVICE.manifest ?? ''),
  };
}

/** Each rule that does not fire today, with the first agent count at which it does, up to `limit`. */
export function ceilings(model: SystemModel, rules: readonly ActiveRule[], limit: number): Ceiling[] {
  const systemRules = rules.filter((active) => active.rule.check !== undefined);
  const firingNow = new Set(check(model, systemRules).findings.map((finding) => finding.ruleId));
  const watched = new Set(systemRules.map((active) => active.rule.meta.id).filter((id) => !firingNow.has(id)));
  const found: Ceiling[] = [];
  for (let agents = model.agents.length + 1; agents <= limit && watched.size > 0; agents++) {
    const grown = growTo(model, agents);
    if (grown === undefined) break;
    for (const finding of check(grown, systemRules).findings) {
      if (!watched.has(finding.ruleId)) continue;
      watched.delete(finding.ruleId);
      found.push({ rule: finding.ruleId, atAgents: agents });
    }
  }
  return found.sort((a, b) => a.atAgents - b.atAgents || (a.rule < b.rule ? -1 : 1));
}

function standing(metrics: RuleMetrics): Standing {
  return {
    regime: metrics.regime,
    topology: metrics.topology,
    agents: metrics.agents,
    depth: metrics.depth,
    requiredDepth: metrics.requiredDepth,
    maxSpan: metrics.maxSpan,
    coordinators: metrics.spans.length,
    pairs: metrics.pairs,
    potentialPairs: metrics.potentialPairs,
    coupling: { ...metrics.coupling },
    coordinationRatio: metrics.coordinationRatio,
    overheadBand: [...metrics.overheadBand],
  };
}

function measures(metrics: RuleMetrics, crossDomainEdges: number): StructureMeasures {
  return { agents: metrics.agents, maxSpan: metrics.maxSpan, depth: metrics.depth, requiredDepth: metrics.requiredDepth, pairs: metrics.pairs, crossDomainEdges };
}
