/**
 * What each framework can express when a coordinator has too many agents: the advice coordlint
 * gives must be something the team can write in that framework, or name the limit and the
 * nearest thing it can do.
 */
export interface GroupingAdvice {
  /** False when a coordinator's agents cannot coordinate agents of their own. */
  canNest: boolean;
  /** The way to add a level of leads, in the framework's own terms ('' when the plain advice fits). */
  how: string;
}

const ADVICE: Readonly<Record<string, GroupingAdvice>> = {
  'claude-code': {
    canNest: false,
    how: 'subagents cannot start subagents in Claude Code, so group them into domain workflows the main session runs (one command or skill per domain of 5–8 subagents) instead of lead subagents',
  },
  langgraph: { canNest: true, how: 'build one subgraph per domain with a supervisor of its own (createSupervisor per team) under a top supervisor' },
  'openai-agents': { canNest: true, how: 'add a triage agent per domain that hands off to 5–8 specialists, and let the top agent hand off to the triage agents' },
  mastra: { canNest: true, how: 'add a supervisor agent per domain (agents: {…} of 5–8 agents) and give the top agent those supervisors' },
  crewai: { canNest: true, how: 'split the crew into hierarchical crews per domain, run by a flow' },
  autogen: { canNest: true, how: 'make each domain a team of its own, used by the top team as a TeamTool or SocietyOfMindAgent' },
  n8n: { canNest: true, how: 'give each domain an agent tool (or a sub-workflow) that directs 5–8 agents, under the top agent' },
};

/** A manifest (or a framework with nothing special to say): the plain advice is enough. */
const DEFAULT_ADVICE: GroupingAdvice = { canNest: true, how: '' };

/** How to add a level of coordination in `framework`. */
export function groupingAdvice(framework: string): GroupingAdvice {
  return Object.hasOwn(ADVICE, framework) ? (ADVICE[framework] as GroupingAdvice) : DEFAULT_ADVICE;
}

/** How each framework pauses a tool for a person, in its own terms. */
const APPROVAL_ADVICE: Readonly<Record<string, string>> = {
  'openai-agents': 'set needsApproval: true on the tool',
  mastra: 'set requireApproval: true on the tool (or suspend the workflow step for a person)',
  langgraph: "pause before the tool node (interruptBefore: ['tools'] on every compile, or interrupt() in the tool)",
  crewai: 'set human_input=True on the task that uses it',
  autogen: "let a person approve the call (human_input_mode='ALWAYS' on the proxy that runs it, or an approval function)",
  n8n: 'put a send-and-wait approval (or a Wait for a person) before the node',
  'claude-code': 'leave it to the permission prompt (no allow rule or bypass mode for it)',
};

/** How to pause a tool for a person in `framework`: the manifest's `needsApproval` where nothing else fits. */
export function approvalAdvice(framework: string): string {
  return Object.hasOwn(APPROVAL_ADVICE, framework) ? (APPROVAL_ADVICE[framework] as string) : 'set needsApproval on the tool';
}
