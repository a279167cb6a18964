import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import type { CoordinationGraph } from '../src/graph/build-graph.js';
import { escapeRegExp, firstSentence, isOversightAgent, saysItChecks, type Agent } from '../src/model/index.js';

export default defineRule({
  meta: {
    id: 'correlated-verification',
    category: 'oversight',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a verifier or auditor that runs on the same model as every agent whose work it checks.',
    seed: {
      section: 'Insight 3: Hierarchy Is Both Necessary and Dangerous',
      why: 'Verification is worth something only when it is independent; a checker built on the same model as the work it checks shares its blind spots and tends to approve the same mistakes.',
    },
    options: z.strictObject({}),
    messages: {
      sameModel: "'{{agent}}' checks {{checked}} agent(s) that all run on its own model '{{model}}'.",
    },
  },
  check({ system, graph, report }) {
    for (const verifier of system.agents) {
      // A verifier by role, or by what its name or description says it does (a critic, a reviewer).
      if ((!isOversightAgent(verifier) && !chairsReview(verifier, graph) && !guardsOutput(verifier, graph)) || verifier.model === undefined) continue;
      // A verdict a person approves (CrewAI's human_input on the verifier's own task, an approval by a
      // human of what it does) is not left to the shared model alone: the person checks it too.
      if (graph.outgoing(verifier.id, ['approval']).some((edge) => graph.isHuman(edge.to) && edge.tool === undefined && edge.approvalMode !== 'confidence')) continue;
      const checked = new Map<string, Agent>();
      // Work handed to it; where none is, the messages of a thread it shares (a group chat it takes
      // part in). A peer it may only ask (a CrewAI coworker under allow_delegation) hands it no work
      // when other agents' output is what it is given.
      const handed = graph.incoming(verifier.id, ['handoff', 'data']).map((edge) => edge.from).filter((id) => id !== verifier.id);
      const sources = handed.length > 0 ? handed : [...graph.incoming(verifier.id, ['peer']).map((edge) => edge.from), ...graph.outgoing(verifier.id, ['peer']).map((edge) => edge.to)];
      // Where no edge says what it checks: a model that directs it and other agents (a supervisor,
      // a network's router) hands it their work; a workflow or a script directing both passes
      // nothing. The user's own session (Claude Code's) hands it the work of the agents its
      // description names ("Reviews the writer's drafts").
      if (sources.length === 0) {
        for (const edge of graph.incoming(verifier.id, ['delegate'])) {
          const coordinator = graph.agent(edge.from);
          if (!coordinator || coordinator.deterministic === true) continue;
          const siblings = graph.outgoing(coordinator.id, ['delegate']).map((each) => each.to);
          if (coordinator.interactive === true) {
            // The agents its description names; or, when it says it reviews a kind of work (code
            // changes, drafts), the agents that produce that kind of work, and only where every
            // agent the session directs runs on the verifier's model (in a pool of mixed models,
            // which agent's work it gets is not known).
            const named = siblings.filter((id) => namedIn(verifier.description ?? '', id));
            const pool = siblings.map((id) => graph.agent(id)).filter((agent): agent is Agent => agent !== undefined && agent.id !== verifier.id && !isOversightAgent(agent) && !modelUnknown(agent, verifier));
            const uniform = pool.every((agent) => agent.model === verifier.model);
            const producers = uniform ? siblings.filter((id) => reviewsWorkOf(verifier.description ?? '', graph.agent(id)?.description ?? '')) : [];
            sources.push(...named, ...producers);
          } else if (coordinator.model !== undefined) sources.push(...siblings);
        }
      }
      for (const id of sources) {
        const source = graph.agent(id);
        if (source && source.id !== verifier.id && !isOversightAgent(source) && !modelUnknown(source, verifier) && !runsChecks(source)) checked.set(source.id, source);
      }
      if (checked.size === 0) continue;
      if (![...checked.values()].every((agent) => agent.model === verifier.model)) continue;
      report({
        messageId: 'sameModel',
        at: verifier,
        data: { agent: verifier.id, model: verifier.model, checked: checked.size },
        related: [...checked.values()].map((agent) => ({ at: agent, message: `'${agent.id}' also runs on '${verifier.model}'` })),
        suggestion: `Run '${verifier.id}' on a different model (or model family) from the agents it checks.`,
      });
    }
  },
});

/**
 * An agent named a guardrail that is handed another agent's output (an OpenAI Agents output
 * guardrail's checker): it judges that output. (A guardrail of the user's input checks no agent's
 * work, and is no one to escalate to.)
 */
function guardsOutput(agent: Agent, graph: CoordinationGraph): boolean {
  return /\bguardrails?\b/i.test(`${agent.id} ${agent.name}`.replace(/[_-]+/g, ' ')) && graph.incoming(agent.id, ['data', 'handoff']).some((edge) => edge.from !== agent.id);
}

/** The chair of a review panel: a checker by name that hands parts of its check to other checkers (AutoGen nested reviewer chats). */
function chairsReview(agent: Agent, graph: CoordinationGraph): boolean {
  if (agent.role !== 'orchestrator' || !saysItChecks(agent)) return false;
  const delegates = graph.outgoing(agent.id, ['delegate']).map((edge) => graph.agent(edge.to));
  return delegates.length > 0 && delegates.every((target) => target !== undefined && isOversightAgent(target));
}

/**
 * An agent whose model is not given (a code runner, a proxy with no model) is not compared; nor
 * is one that inherits the session's model (Claude Code's `inherit`) when the verifier names its own.
 */
function modelUnknown(agent: Agent, verifier: Agent): boolean {
  return agent.model === undefined || (agent.model === 'inherit' && verifier.model !== 'inherit');
}

/**
 * What a reviewer's first sentence says it reviews — code (changes, diffs, features) or written
 * content (drafts, documents) — and the verbs by which another agent's first sentence says it
 * produces that (a noun is no producer: "the Presentation Draft subtree").
 */
const REVIEWED: ReadonlyArray<readonly [kind: string, reviewed: RegExp, produced: RegExp]> = [
  ['code', /\b(code|changes?|implementations?|pull requests?|diffs?)\b/i, /\b(implement\w*|develop(s|ing|er)?|refactor\w*|fix(es|ing)?|fixer|build(s|ing)? features?|coding|coder|programm\w*|migrations?|engineer\w*)\b/i],
  ['content', /\b(ai-generated|drafts?|drafted)\b/i, /\b(writes?|writing|writer|drafts|drafting|drafter|authors|authoring|composes|composing|generates|generating|generator|copywrit\w*)\b/i],
  // "Review campaign plans…" checks the agent whose first sentence plans ("Plan design campaigns").
  ['plans', /\bplans\b/i, /^\s*(plans?|planning|planner)\b|\b(writes|drafts|creates|produces|makes)\s+(the\s+|an?\s+)?(\w+\s+)?plans?\b|\bplanner\b/i],
];

/** A first sentence that leads with running checks: tests, linters, builds ("Executes and monitors test suites"). */
const RUNS_CHECKS = /^\s*(?:you\s+)?(?:execut\w*|runs?\b|running|monitor\w*)\b[^.]{0,40}?\b(?:tests?|test suites?|specs?|linters?|lint|type[- ]?checks?|builds?|CI)\b/i;

/**
 * True for an agent that runs the project's checks and reports their results (a test runner):
 * what a reviewer after it reads is the code and those results, which no model of its own
 * wrote, so it shares no blind spot with the reviewer.
 */
function runsChecks(agent: Agent): boolean {
  return RUNS_CHECKS.test(firstSentence(agent.description ?? ''));
}

/** A first sentence that leads with analysing, scanning or auditing something. */
const ANALYSES = /^\s*(?:you\s+)?(?:analy[sz]\w*|scans?\b|scanning|audits?\b|auditing|evaluat\w*|diagnos\w*|inspect\w*|investigat\w*|assess\w*|detects?\b|identif\w*|performs?\b[^.]{0,40}\b(?:analysis|analyses|scans?|scanning|audits?|reviews?|assessments?))/i;

/**
 * True when the first sentence of a reviewer's description says it reviews what the other agents
 * produce ("Use this agent when AI-generated content needs quality review", "Reviews code
 * changes"), not a thing of its own (pages for accessibility, links in the docs), and the other
 * agent's first sentence says it produces that kind of work ("Full-stack implementer", "Writes the
 * blog drafts"): a code reviewer does not check the agent that builds slides.
 */
function reviewsWorkOf(reviewer: string, other: string): boolean {
  const first = firstSentence(reviewer);
  if (!/\b(review\w*|validat\w*|verif\w*|check\w*|audit\w*)\b/i.test(first)) return false;
  const produces = firstSentence(other);
  // One that analyses, scans or audits ("Analyzes stack traces… and suggests fixes", "Performs
  // security analysis… secure coding practices") produces findings, not the work reviewed.
  if (ANALYSES.test(produces)) return false;
  return REVIEWED.some(([, reviewed, produced]) => reviewed.test(first) && produced.test(produces)) || /\bagents?'?\s+(?:work|outputs?)\b/i.test(first);
}

/**
 * True when a text names an agent by its id as a word (`writer` in "Reviews the writer's drafts"),
 * not where it sends work elsewhere ("NOT for Go tests (use go-test-writer)", "see `x` instead").
 */
function namedIn(text: string, id: string): boolean {
  const escaped = escapeRegExp(id);
  // "use the researcher's notes" names the researcher's work: a possessive is no redirect.
  const redirect = new RegExp(`\\b(use|see|try|prefer|call|invoke|instead)\\s+(the\\s+)?[\`'"*]*${escaped}(?![\\w-]|'s\\b)`, 'gi');
  const kept = text.replace(redirect, ' ');
  // A name that is also a plain word ("docs", "compliance", "aws") names the agent only when it is
  // set apart (`docs`, @docs, **docs**) or called an agent ("the docs agent", "the writer's drafts").
  // A word for a person who does something, after "the", names one too ("the writer", "the developer").
  if (/^[a-z0-9]+$/i.test(id)) {
    const doer = /(er|or|ist|ant|ent|ect)$/i.test(id) ? `|\\bthe\\s+${escaped}(?![\\w-])` : '';
    // Written as a name, capitalised ("Coder 完成后调用", "after Coder finishes"), not in capitals (AWS).
    const titled = `${id.charAt(0).toUpperCase()}${id.slice(1).toLowerCase()}`;
    if (new RegExp(`(^|[^\\w-])${escapeRegExp(titled)}(?![\\w-])`).test(kept)) return true;
    return new RegExp(`[\`@*"']${escaped}[\`*"']?(?![\\w-])|(^|[^\\w-])${escaped}(?:\\s+(?:sub-?)?agent\\b|'s\\b)${doer}`, 'i').test(kept);
  }
  return new RegExp(`(^|[^\\w-])${escaped}([^\\w-]|$)`, 'i').test(kept);
}
