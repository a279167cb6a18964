// AutoGen AgentChat declarative components: https://microsoft.github.io/autogen/stable/user-guide/agentchat-user-guide/serialize-components.html
import type { Location, Problem, Tool } from '../model/index.js';
import { GraphDraft } from './fragment-builder.js';
import type { ExtractResult, Extractor, SourceFile } from './types.js';
import { nodeAt, parseYamlSource } from './yaml-source.js';
import { isRecord } from './values.js';
import { fileCoverage } from './coverage.js';

export type Json = Record<string, unknown>;
export type Path = Array<string | number>;

const USER_KEY = 'autogen:user';

export const autogenExtractor: Extractor = {
  id: 'autogen',
  title: 'AutoGen AgentChat components',
  matches: (path) => path.endsWith('.json'),
  // AgentChat components, or an AutoGen Studio 0.2 agent spec (`type` and `human_input_mode`).
  // AgentChat components, an AutoGen Studio 0.2 agent spec (`type` and `human_input_mode`), or a
  // 0.4 preview component (`team_type` / `agent_type`), which is reported as not read.
  prefilter: (text) =>
    text.includes('autogen_agentchat') ||
    (/"type"\s*:\s*"(assistant|userproxy|groupchat)"/.test(text) && text.includes('"human_input_mode"')) ||
    (/"component_type"\s*:\s*"(team|agent)"/.test(text) && /"(team|agent)_type"\s*:/.test(text)),
  extract: (file) => extractAutogen(file),
};

/** The last part of a provider: `autogen_agentchat.teams.RoundRobinGroupChat` → `RoundRobinGroupChat`. */
function kindOf(component: Json): string {
  return String(component.provider ?? '').split('.').pop() ?? '';
}


/** A component of AutoGen Studio's 0.4 preview (`"team_type": "RoundRobinGroupChat"`, `"agent_type": "AssistantAgent"`): no provider, no config. */
function isPreviewComponent(component: Json): boolean {
  return component.provider === undefined && (typeof component.team_type === 'string' || typeof component.agent_type === 'string');
}

function isTeam(component: Json): boolean {
  return component.component_type === 'team' || String(component.provider ?? '').includes('.teams.');
}

/**
 * Teams become systems: RoundRobin and Selector group chats share one thread (every pair of
 * participants talks; the selector is a router), Swarm hands off, MagenticOne has an
 * orchestrator, GraphFlow follows its edges; UserProxyAgent is a human; SocietyOfMindAgent,
 * AgentTool and TeamTool delegate to what they wrap; max_turns and termination conditions bound
 * the loops. A gallery file (`components.teams`) holds several teams.
 */
function extractAutogen(file: SourceFile): ExtractResult {
  const parsed = parseYamlSource(file.path, file.text);
  if (!parsed.ok) return { fragments: [], problems: parsed.problems, gaps: 0 };
  const source = parsed.source;
  const root = source.value;
  const problems: Problem[] = [];
  const draft = new GraphDraft();
  const at = (path: Path): Location => source.locate(nodeAt(source, source.doc.contents, path));

  const teams: Array<{ team: Json; path: Path }> = [];
  if (isRecord(root) && isTeam(root)) teams.push({ team: root, path: [] });
  const gallery = isRecord(root) && isRecord(root.components) ? root.components : undefined;
  if (gallery && Array.isArray(gallery.teams)) gallery.teams.forEach((team, index) => isRecord(team) && teams.push({ team, path: ['components', 'teams', index] }));
  // AutoGen Studio's 0.4 preview format (`team_type`, `agent_type`, no provider), also in a gallery's `items`.
  const previewGallery = isRecord(root) && isRecord(root.items) ? root.items : undefined;
  const previews: Path[] = [];
  if (isRecord(root) && isPreviewComponent(root)) previews.push([]);
  if (previewGallery && Array.isArray(previewGallery.teams)) previewGallery.teams.forEach((team, index) => isRecord(team) && isPreviewComponent(team) && previews.push(['items', 'teams', index]));
  for (const path of previews) problems.push({ ruleId: 'extraction-gap', message: 'an AutoGen Studio 0.4 preview component (team_type / agent_type), a format that is not read', location: at(path) });
  // AutoGen Studio 0.2 workflows (`sender` and `receiver` agent specs, a `groupchat_config`): not read, said so.
  if (teams.length === 0 && isRecord(root) && isRecord(root.sender) && isRecord(root.receiver)) {
    problems.push({ ruleId: 'extraction-gap', message: 'an AutoGen Studio 0.2 workflow (sender and receiver agent specs), a format that is not read', location: at([]) });
    const coverage = fileCoverage([{ file: file.path, extractor: 'autogen' }], [], problems);
    return { fragments: [], problems, gaps: problems.length, coverage };
  }
  // AutoGen Studio 0.1's defaults (`dbdefaults.json`: `agents`, `skills` and `workflows` whose items have sender and receiver specs): not read, said per workflow.
  const storedWorkflows = teams.length === 0 && isRecord(root) && Array.isArray(root.workflows) ? root.workflows : [];
  storedWorkflows.forEach((workflow, index) => {
    if (isRecord(workflow) && isRecord(workflow.sender) && isRecord(workflow.receiver)) {
      problems.push({ ruleId: 'extraction-gap', message: `an AutoGen Studio workflow ('${String(workflow.name ?? index)}', sender and receiver agent specs), a format that is not read`, location: at(['workflows', index]) });
    }
  });
  if (previews.length > 0 || problems.length > 0) {
    const coverage = fileCoverage([{ file: file.path, extractor: 'autogen' }], [], problems);
    return { fragments: [], problems, gaps: problems.length, coverage };
  }
  if (teams.length === 0 && isRecord(root) && isLegacyAgent(root)) readLegacyAgent(root);
  const reader = new ComponentReader(draft, problems, at);
  if (teams.length === 0 && isRecord(root) && root.component_type === 'agent') {
    const key = reader.readAgent(root, [], `autogen:${file.path}`);
    if (key) draft.assign(key, `autogen:${file.path}`, String((root.config as Json | undefined)?.name ?? 'agent'), at([]));
  }

  /**
   * An AutoGen Studio 0.2 agent spec: one agent per file (the links live in workflows of the
   * Studio's database). A user proxy that runs code without asking the human
   * (`code_execution_config` set, `human_input_mode: NEVER`) is an agent that executes code.
   */
  function readLegacyAgent(spec: Json): void {
    const config = isRecord(spec.config) ? spec.config : {};
    const name = typeof config.name === 'string' ? config.name : 'agent';
    const key = `autogen-legacy:${file.path}`;
    const execution = config.code_execution_config;
    const runsCode = execution !== undefined && execution !== false && execution !== null && execution !== 'none';
    const asks = config.human_input_mode === 'ALWAYS';
    const tools: Tool[] = runsCode ? [{ name: 'code_execution', irreversible: false, needsApproval: asks, kind: 'code-execution', location: at(['config', 'code_execution_config']) }] : [];
    const role = spec.type === 'groupchat' ? 'orchestrator' : 'worker';
    draft.addAgent({ key, name, role, tools, location: at([]), terminates: true });
    draft.assign(key, key, name, at([]));
    if (asks) draft.addHumanApproval(key, at(['config', 'human_input_mode']), 'every-action');
  }

  for (const { team, path } of teams) {
    const label = typeof team.label === 'string' ? team.label : kindOf(team);
    const systemName = teams.length === 1 && isRecord(root) && typeof root.name === 'string' && gallery ? root.name : label;
    const prefix = `autogen:${file.path}:${path.join('.')}`;
    const members = reader.readTeam(team, path, prefix);
    // A team that is one of several agents per run is that agent's system alone, one per branch.
    for (const key of members) if (draft.hasAgent(key)) draft.assign(key, reader.alone.has(team) ? `${prefix}:${key}` : prefix, systemName, at(path));
  }
  const fragments = draft.toFragments('autogen');
  // A file the prefilter took that yields nothing is said, never dropped unseen.
  // (A component that holds no agent by its kind — a model, a tool, a termination condition — is read as what it is.)
  const holdsNoAgent = isRecord(root) && typeof root.component_type === 'string' && /^(model|tool|termination|workbench|chat_completion_context|memory|token_provider)$/.test(root.component_type);
  if (fragments.length === 0 && problems.length === 0 && !holdsNoAgent) problems.push({ ruleId: 'extraction-gap', message: 'an AutoGen JSON file with no team, agent or workflow component this reader knows: nothing in it is read', location: at([]) });
  const coverage = fileCoverage([{ file: file.path, extractor: 'autogen' }], fragments, problems);
  return { fragments, problems, gaps: coverage[0]?.gaps ?? 0, coverage };
}

/**
 * Reads AgentChat components (as the declarative JSON writes them, or as the Python reader
 * rebuilds them from code) into a draft: agents, humans, teams and their links.
 */
export class ComponentReader {
  constructor(
    readonly draft: GraphDraft,
    readonly problems: Problem[],
    /** Where the component at a path of the document stands. */
    readonly at: (path: Path) => Location,
  ) {}

  /** Teams whose agents are all branches of one choice: one agent per run (see `readTeam`). */
  readonly alone = new Set<Json>();

  /** The selector or orchestrator each team read has (RoundRobin, Swarm and GraphFlow teams have none). */
  private readonly coordinators = new Map<Json, string>();

  /**
   * Whom an agent wrapping a team (a SocietyOfMindAgent, a TeamTool) hands the task to: the
   * team's selector or orchestrator, which directs the members; else the members themselves.
   */
  /** The coordinator node a team read already has (a selector's or an orchestrator's), if any. */
  coordinatorOf(team: Json): string | undefined {
    return this.coordinators.get(team);
  }

  readTeamEntry(team: Json, path: Path, prefix: string): string[] {
    const members = this.readTeam(team, path, prefix);
    const coordinator = this.coordinators.get(team);
    return coordinator !== undefined ? [coordinator] : members;
  }

  readAgent(component: Json, path: Path, prefix: string): string | undefined {
    const { draft, problems, at } = this;
    const config = isRecord(component.config) ? component.config : {};
    const kind = kindOf(component);
    const name = typeof config.name === 'string' ? config.name : undefined;
    if (name === undefined) {
      problems.push({ ruleId: 'extraction-gap', message: `a ${kind || 'participant'} without config.name`, location: at(path) });
      return undefined;
    }
    if (kind === 'UserProxyAgent') {
      draft.addHuman(`${prefix}:${name}`, name, at(path));
      return `${prefix}:${name}`;
    }
    const key = `${prefix}:${name}`;
    const model = isRecord(config.model_client) && isRecord(config.model_client.config) && typeof config.model_client.config.model === 'string' ? config.model_client.config.model : undefined;
    // Agents whose kind is an action: a browser they drive, code they run.
    const builtIn: Tool[] =
      kind === 'MultimodalWebSurfer'
        ? [{ name: 'web_browser', irreversible: false, needsApproval: false, kind: 'computer-use', location: at(path) }]
        : kind === 'CodeExecutorAgent' || config.runs_code === true
          ? [{ name: 'code_executor', irreversible: false, needsApproval: config.approval_func !== undefined && config.approval_func !== null && config.approval_func !== false, kind: 'code-execution', location: at(path), ...(config.sandboxed === true && { inert: true, detail: 'in a Docker container (AutoGen 0.2 runs code there unless use_docker is False)' }) }]
          : [];
    // What the agent is for: its description, else its system message (a critic, a reviewer).
    const description = [config.description, config.system_message].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    draft.addAgent({ key, name, role: 'worker', tools: [...builtIn, ...toolsOf(config)], location: at(path), terminates: true, ...(model !== undefined && { model }), ...(description !== undefined && { description }) });
    // Agents and teams wrapped as tools: the agent delegates to them.
    const toolLists = [config.tools, ...(Array.isArray(config.workbench) ? config.workbench.map((bench) => (isRecord(bench) && isRecord(bench.config) ? bench.config.tools : undefined)) : [])];
    /** The last agent of each nested-chat queue read so far: the next chat of the queue starts with its summary. */
    const lastOfQueue = new Map<string, string>();
    for (const list of toolLists) {
      if (!Array.isArray(list)) continue;
      list.forEach((tool, index) => {
        if (!isRecord(tool) || !isRecord(tool.config)) return;
        const toolKind = kindOf(tool);
        const toolPath = [...path, 'config', 'tools', index];
        if (toolKind === 'AgentTool' && isRecord(tool.config.agent)) {
          const inner = this.readAgent(tool.config.agent, [...toolPath, 'config', 'agent'], prefix);
          if (inner) draft.addEdge(key, inner, 'delegate', at(toolPath));
          const queue = typeof tool.config.queue === 'string' ? tool.config.queue : undefined;
          const before = queue !== undefined ? lastOfQueue.get(queue) : undefined;
          // Each chat is a step of its own: a queue that comes back to an agent (writer, reviewer, writer) runs once, no loop.
          // Each chat starts from its own message; the summaries carried over are context, not its input: medium coupling.
          if (inner && before !== undefined && before !== inner) draft.addEdge(before, inner, 'data', at(toolPath), { steps: { from: `${queue}#${index - 1}`, to: `${queue}#${index}` }, coupling: 'medium' });
          if (inner && queue !== undefined) lastOfQueue.set(queue, inner);
        } else if (toolKind === 'TeamTool' && isRecord(tool.config.team)) {
          for (const member of this.readTeamEntry(tool.config.team, [...toolPath, 'config', 'team'], prefix)) draft.addEdge(key, member, 'delegate', at(toolPath));
        }
      });
    }
    if (kind === 'SocietyOfMindAgent' && isRecord(config.team)) {
      for (const member of this.readTeamEntry(config.team, [...path, 'config', 'team'], prefix)) draft.addEdge(key, member, 'delegate', at([...path, 'config', 'team']));
    }
    return key;
  }

  /** Reads a team's participants and links them as the team kind says; returns the participants' keys. */
  readTeam(team: Json, path: Path, prefix: string): string[] {
    const { draft, problems, at } = this;
    const config = isRecord(team.config) ? team.config : {};
    const kind = kindOf(team);
    const participants = Array.isArray(config.participants) ? config.participants : [];
    const keys: string[] = [];
    const byName = new Map<string, string>();
    // Members that are alternatives of one choice (`alternatives`: lists of participant indices) are never in the thread together.
    const choice = new Map<number, number>();
    (Array.isArray(config.alternatives) ? config.alternatives : []).forEach((group, at) => (Array.isArray(group) ? group : []).forEach((index) => choice.set(Number(index), at)));
    const choiceOf = new Map<string, number>();
    participants.forEach((participant, index) => {
      if (!isRecord(participant)) return;
      const key = this.readAgent(participant, [...path, 'config', 'participants', index], prefix);
      if (!key) return;
      keys.push(key);
      if (choice.has(index)) choiceOf.set(key, choice.get(index) as number);
      const name = isRecord(participant.config) ? String(participant.config.name) : key;
      byName.set(name, key);
    });
    const agents = keys.filter((key) => draft.hasAgent(key));
    const humans = keys.filter((key) => !draft.hasAgent(key));
    // Every agent one branch of a single `if` (`agent = Doctor(…)` or `Nurse(…)`, then a team of
    // `[agent]`): each run's team is that one agent alone.
    if (agents.length > 1 && humans.length === 0 && new Set(agents.map((key) => choiceOf.get(key) ?? -1 - agents.indexOf(key))).size === 1) this.alone.add(team);
    const teamLocation = at(path);
    const label = typeof team.label === 'string' ? team.label : kind;
    if (kind === 'RoundRobinGroupChat' || kind === 'SelectorGroupChat') {
      // One shared thread: everyone reads everyone.
      const together = (a: string, b: string): boolean => !choiceOf.has(a) || choiceOf.get(a) !== choiceOf.get(b);
      for (let i = 0; i < agents.length; i++) for (let j = i + 1; j < agents.length; j++) if (together(agents[i] as string, agents[j] as string)) draft.addEdge(agents[i] as string, agents[j] as string, 'peer', teamLocation);
      for (const agent of agents) for (const human of humans) draft.addEdge(agent, human, 'escalation', teamLocation);
      if (kind === 'SelectorGroupChat') {
        const selector = `${prefix}:team:${label}:${path.join('.')}`;
        draft.addAgent({ key: selector, name: `team:${label}`, role: 'router', tools: [], location: teamLocation });
        this.coordinators.set(team, selector);
        for (const agent of agents) draft.addEdge(selector, agent, 'delegate', teamLocation);
      }
    } else if (kind === 'MagenticOneGroupChat') {
      const orchestrator = `${prefix}:team:${label}:${path.join('.')}`;
      draft.addAgent({ key: orchestrator, name: `team:${label}`, role: 'orchestrator', tools: [], location: teamLocation, terminates: true });
      this.coordinators.set(team, orchestrator);
      for (const agent of agents) draft.addEdge(orchestrator, agent, 'delegate', teamLocation);
      for (const human of humans) draft.addEdge(orchestrator, human, 'escalation', teamLocation);
    } else if (kind === 'Swarm') {
      // Its members' handoffs are its links: read below, with every team's handoffs to the user.
    } else if (kind === 'GraphFlow' || kind === 'DiGraphGroupChat') {
      const graph = isRecord(config.graph) && isRecord(config.graph.nodes) ? config.graph.nodes : {};
      for (const [name, node] of Object.entries(graph)) {
        const from = byName.get(name);
        const edges = isRecord(node) && Array.isArray(node.edges) ? node.edges : [];
        const unconditional = edges.filter((edge) => isRecord(edge) && (edge.condition === null || edge.condition === undefined)).length;
        edges.forEach((edge, index) => {
          if (!isRecord(edge) || !from) return;
          const to = byName.get(String(edge.target));
          const conditional = edge.condition !== null && edge.condition !== undefined;
          if (to) draft.addEdge(from, to, 'handoff', at([...path, 'config', 'graph', 'nodes', name, 'edges', index]), { parallel: !conditional && unconditional > 1 });
        });
      }
    } else if (agents.length > 0) {
      problems.push({ ruleId: 'extraction-gap', message: `a team of kind '${kind}' whose links are not known`, location: teamLocation });
    }
    // Handoffs the members declare: a swarm's members pass the conversation on by them; in any
    // team, one to the user (`Handoff(target="user")` with a HandoffTermination) hands it to the person.
    participants.forEach((participant, index) => {
      if (!isRecord(participant) || !isRecord(participant.config)) return;
      const from = byName.get(String(participant.config.name));
      const handoffs = Array.isArray(participant.config.handoffs) ? participant.config.handoffs : [];
      handoffs.forEach((handoff, position) => {
        const target = typeof handoff === 'string' ? handoff : isRecord(handoff) ? String(handoff.target ?? '') : '';
        const handoffPath = [...path, 'config', 'participants', index, 'config', 'handoffs', position];
        if (!from) return;
        if (target === 'user') {
          draft.addHuman(USER_KEY, 'user', at(handoffPath));
          draft.addEdge(from, USER_KEY, 'handoff', at(handoffPath));
          return;
        }
        if (kind !== 'Swarm') return;
        const to = byName.get(target);
        if (to) draft.addEdge(from, to, 'handoff', at(handoffPath));
        else problems.push({ ruleId: 'extraction-gap', message: `a handoff to '${target}', which is not a participant of the swarm`, location: at(handoffPath) });
      });
    });
    const maxTurns = Number(config.max_turns);
    const maxMessages = terminationLimit(config.termination_condition);
    const bound = Number.isInteger(maxTurns) && maxTurns > 0 ? maxTurns : maxMessages;
    if (bound !== undefined && agents[0]) draft.addLoop([], bound, teamLocation, agents[0]);
    // Any other termination condition (a text mention, a handoff to the user, a timeout) ends the run too.
    else if (isRecord(config.termination_condition) && agents[0]) draft.addLoop([], undefined, teamLocation, agents[0]);
    return keys;
  }
}

function toolsOf(config: Json): Tool[] {
  const tools: Tool[] = [];
  const lists = [config.tools, ...(Array.isArray(config.workbench) ? config.workbench.map((bench) => (isRecord(bench) && isRecord(bench.config) ? bench.config.tools : undefined)) : [])];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const tool of list) {
      if (!isRecord(tool)) continue;
      const toolConfig = isRecord(tool.config) ? tool.config : {};
      const name = typeof toolConfig.name === 'string' ? toolConfig.name : isRecord(toolConfig.source_code) ? 'tool' : String(tool.label ?? kindOf(tool));
      // A code execution tool runs whatever the model writes.
      const executesCode = /CodeExecution|CodeExecutor/.test(String(tool.provider ?? ''));
      // A tool whose description says it runs statements that change or remove rows (`Execute SQL
      // queries … SELECT, INSERT, UPDATE, DELETE`) acts whatever its name (`query_database`) says.
      // A description that forbids them (`read-only`, `never DELETE`, `no UPDATE`) says the opposite.
      const description = typeof toolConfig.description === 'string' ? toolConfig.description : '';
      const forbids = /\bread[- ]only\b|\bonly\s+SELECT\b|\b(never|not|no|without|forbid\w*|disallow\w*)\b[^.]{0,40}\b(UPDATE|DELETE|DROP|TRUNCATE)\b/i.test(description);
      const writes = forbids ? [] : [...new Set(description.match(/\b(UPDATE|DELETE|DROP|TRUNCATE)\b/g) ?? [])];
      // What its code is seen to do, where the code was read (`effect`, from the Python reader).
      const effect = typeof toolConfig.effect === 'string' ? toolConfig.effect : writes.length > 0 ? `its description says it runs ${writes.join(', ')} statements` : undefined;
      // An MCP server's tools: judged by what the server is.
      if (/McpWorkbench$/.test(String(tool.provider ?? '')) && typeof toolConfig.server === 'string') {
        tools.push({ name, irreversible: false, needsApproval: false, kind: 'mcp', detail: toolConfig.server });
        continue;
      }
      tools.push({ name, irreversible: false, needsApproval: toolConfig.approved === true, ...(executesCode && { kind: 'code-execution' as const }), ...(effect !== undefined && { effect }), ...((toolConfig.uncalled === true || toolConfig.reads === true) && { inert: true }) });
    }
  }
  return tools;
}

/** An AutoGen Studio 0.2 agent spec: `type` assistant, userproxy or groupchat, with a config. */
function isLegacyAgent(root: Json): boolean {
  return ['assistant', 'userproxy', 'groupchat'].includes(String(root.type)) && isRecord(root.config) && root.provider === undefined;
}

/** The smallest `max_messages` of a termination condition tree (Or/And of conditions). */
function terminationLimit(condition: unknown): number | undefined {
  if (!isRecord(condition)) return undefined;
  const config = isRecord(condition.config) ? condition.config : {};
  const own = Number(config.max_messages ?? config.max_turns);
  const nested = Array.isArray(config.conditions) ? config.conditions.map(terminationLimit).filter((value): value is number => value !== undefined) : [];
  const all = [...(Number.isInteger(own) && own > 0 ? [own] : []), ...nested];
  return all.length > 0 ? Math.min(...all) : undefined;
}

