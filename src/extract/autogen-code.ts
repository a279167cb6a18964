// AutoGen teams written in Python: AgentChat (`autogen_agentchat`: AssistantAgent, RoundRobin /
// Selector group chats, Swarm, MagenticOne, GraphFlow) and the older `autogen` package
// (AssistantAgent, UserProxyAgent, GroupChat under a GroupChatManager, initiate_chat). Read with
// tree-sitter, never run: each constructor call is rebuilt as the declarative component it stands
// for and read by the same reader as the JSON form.
import { compareText, escapeRegExp, nameWords, READING_VERBS, type Agent, type Location, type Problem } from '../model/index.js';
import { ComponentReader, type Json, type Path } from './autogen.js';
import { declaredToolEffect, mcpServerOf } from './python-tools.js';
import { fileCoverage } from './coverage.js';
import { GraphDraft } from './fragment-builder.js';
import { assignedTo, boundParameters, calleeName, descendants, enclosing, isImportablePython, isPythonModule, keywordArguments, modelBySetting, namedChildren, PyModules, pythonParser, PyValues, same, unquote, type PyNode } from './python.js';
import type { ExtractResult, Extractor, SourceFile, SystemFragment } from './types.js';

/** AgentChat (0.4 and later) or the older `autogen` package (0.2, AG2). */
const AGENTCHAT = /\bautogen_agentchat\b/;
const MODEL_CLIENTS = /^[ \t]*(?:from|import)[ \t]+autogen_(?:ext|core)\b/m;
const LEGACY = /^\s*(import\s+autogen\b|from\s+autogen(?:\.\w+)*\s+import\b|import\s+ag2\b|from\s+ag2(?:\.\w+)*\s+import\b)/m;
/** autogen-core's own agents: classes on a runtime that pass messages (not read, said so). */
const CORE_AGENTS = /\bautogen_core\b[\s\S]*\b(RoutedAgent|BaseAgent)\b/;

/** An import of AutoGen's agents or teams (`from autogen_agentchat.agents import AssistantAgent`, `from autogen import GroupChat`). */
const AUTOGEN_PARTS = /^[ \t]*from[ \t]+(?:autogen_agentchat|autogen|ag2)(?:\.\w+)*[ \t]+import[ \t]+(?:\([^)]*?|[^\n]*?)\b(AssistantAgent|UserProxyAgent|ConversableAgent|CodeExecutorAgent|SocietyOfMindAgent|RoundRobinGroupChat|SelectorGroupChat|Swarm|MagenticOneGroupChat|GraphFlow|GroupChat|GroupChatManager)\b/m;

/** True when a Python file builds AutoGen agents or teams (read with the Python grammar). */
export function isAutogenCode(path: string, text: string): boolean {
  return isPythonModule(path) && (AGENTCHAT.test(text) || LEGACY.test(text) || CORE_AGENTS.test(text));
}

export const autogenCodeExtractor: Extractor = {
  id: 'autogen-code',
  title: 'AutoGen teams in Python',
  matches: (path) => path.endsWith('.py'),
  // Modules that only build model clients or tools (`autogen_ext`, `autogen_core`) are read too: agents elsewhere import them.
  prefilter: (text) => AGENTCHAT.test(text) || LEGACY.test(text) || CORE_AGENTS.test(text) || MODEL_CLIENTS.test(text),
  extract: (file) => extractAutogenCode(file),
  extractAll: (files, context) => extractAutogenModules(files, context),
  // Settings and tool functions the project keeps in plain modules (`from .configs import llm_config`).
  context: isImportablePython,
};

/** A call that starts an AutoGen 0.2 chat. */
const STARTS_CHAT = /\.(?:a_)?initiate_chats?\s*\(/;

/** A file that builds a team or a chat, read before the modules whose agents it may take in. */
const BUILDS_TEAM = /\b(RoundRobinGroupChat|SelectorGroupChat|Swarm|MagenticOneGroupChat|GraphFlow|GroupChat|SocietyOfMindAgent)\s*\(|\.(?:a_)?initiate_chats?\s*\(/;

/**
 * Every AutoGen module of the run, with the others at hand: a team built in one module of agents
 * defined in another (`from agents.planner import planner`) takes them in, and the module that
 * defines them does not also stand them up as systems of their own.
 */
function extractAutogenModules(read: readonly SourceFile[], context: readonly SourceFile[] = []): ExtractResult {
  const modules = new PyModules([...read, ...context]);
  // A script that starts the chats of agents it imports from the project's AutoGen modules
  // (`from agents.coordinator import coordinator` … `coordinator.initiate_chats([…])`) builds that
  // system, though it imports nothing of AutoGen itself.
  const importedAutogen = (file: SourceFile): SourceFile[] =>
    [...file.text.matchAll(/^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b/gm)].flatMap((match) => read.filter((each) => each.path === modules.resolve(file.path, match[1] as string)?.path));
  const runners = context.filter((file) => STARTS_CHAT.test(codeOnly(file.text)) && importedAutogen(file).length > 0);
  // Such a script is written for the package its agents come from.
  const legacyRunners = new Set(runners.filter((file) => importedAutogen(file).some((each) => !AGENTCHAT.test(each.text) && LEGACY.test(each.text))).map((file) => file.path));
  const files = [...read, ...runners];
  const usedElsewhere = new Set<string>();
  // The project's classes built on AutoGen's agents, over every module (a class and its uses may sit apart).
  const classes: AgentClass[] = [];
  for (const file of files) {
    const root = pythonParser() ? modules.root(file.path) : undefined;
    for (const node of root ? descendants(root).filter((each) => each.type === 'class_definition') : []) {
      const name = node.childForFieldName('name')?.text;
      // A copy of AutoGen's own source kept in the project (`class CodeExecutorAgent(BaseChatAgent)`)
      // defines AutoGen's classes, which keep their own meaning.
      if (name !== undefined && isAutogenKind(name)) continue;
      const bases = (node.childForFieldName('superclasses')?.text ?? '').split(/[(),\s]+/).map((base) => base.split('.').pop() ?? '').filter(Boolean);
      const kind = bases.find((each) => AGENT_KINDS.has(each) || TEAM_KINDS.has(each) || LEGACY_CHAT_KINDS.has(each));
      if (name) classes.push({ name, kind: kind ?? '', bases, location: { file: file.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 } });
    }
  }
  // A class built on another of the project's agent classes is one too.
  for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
    changed = false;
    for (const each of classes) {
      if (each.kind !== '') continue;
      const parent = classes.find((other) => other.kind !== '' && each.bases.includes(other.name));
      if (parent) {
        each.kind = parent.kind;
        changed = true;
      }
    }
  }
  const agentClasses = classes.filter((each) => each.kind !== '');
  // (A 0.2 group chat or manager of the project's, `class CustomGroupChat(autogen.GroupChat)`, is read as AutoGen's.)
  const projectKinds = new Map(agentClasses.map((each) => [each.name, each.kind] as const));
  // Modules that build teams first (also of the project's team classes), so their members are read there, not alone.
  const teamClasses = agentClasses.filter((each) => TEAM_KINDS.has(each.kind) || each.kind === 'GroupChat').map((each) => escapeRegExp(each.name));
  const buildsProjectTeam = teamClasses.length > 0 ? new RegExp(`\\b(${teamClasses.join('|')})\\s*\\(`) : undefined;
  const buildsTeam = (text: string): boolean => BUILDS_TEAM.test(text) || (buildsProjectTeam?.test(text) ?? false);
  const ordered = [...files].sort((a, b) => Number(buildsTeam(b.text)) - Number(buildsTeam(a.text)));
  const results = ordered.map((file) => extractAutogenCode(file, modules, usedElsewhere, projectKinds, legacyRunners.has(file.path)));
  // The project's own agent classes that nothing read builds (made through a registry or at run
  // time): said at the class, never silence.
  const built = new Set(files.flatMap((file) => [...codeOnly(file.text).matchAll(/(?<!\bclass\s+)\b([A-Z]\w*)\s*\(/g)].map((match) => match[1] as string)));
  // Each leaf class (none of the project's classes builds on it) that no code read calls.
  const unbuilt: Problem[] = agentClasses
    .filter((each) => !built.has(each.name) && !agentClasses.some((other) => other.bases.includes(each.name)))
    .map((each) => ({ ruleId: 'extraction-gap', message: `the project's agent class '${each.name}' (on AutoGen's ${each.kind}) is not built where the code read can follow (made through a registry, a factory or at run time): its agents and their links are not read`, location: each.location }));
  const coverage = results.flatMap((result) => result.coverage ?? []);
  for (const problem of unbuilt) {
    const entry = coverage.find((each) => each.file === problem.location.file);
    if (entry) entry.gaps += 1;
    else coverage.push({ file: problem.location.file, extractor: 'autogen-code', agents: 0, edges: 0, gaps: 1 });
  }
  return {
    fragments: withoutCopies(results.flatMap((result) => result.fragments)),
    problems: [...results.flatMap((result) => result.problems), ...unbuilt],
    gaps: results.reduce((sum, result) => sum + result.gaps, 0) + unbuilt.length,
    coverage,
  };
}

/**
 * Copies of one team (`panel_gui_tabs.py`, `panel_gui_tabs17.py`, … each building the same group chat
 * from the agents another module defines) are one system: the first by path, read from every copy.
 * A copy builds nothing of its own but the team itself (its manager or team node) and has the same
 * members, defined at the same places, and the same edges; scripts that each define their own agents
 * (two demos of an assistant and a proxy) are never copies.
 */
function withoutCopies(fragments: readonly SystemFragment[]): SystemFragment[] {
  const firstOf = new Map<string, SystemFragment>();
  const kept: SystemFragment[] = [];
  for (const fragment of [...fragments].sort((a, b) => compareText(a.file, b.file))) {
    const own = fragment.agents.filter((agent) => agent.location?.file === fragment.file);
    const shared = fragment.agents.filter((agent) => agent.location?.file !== fragment.file);
    if (fragment.overlay || shared.length === 0 || own.some((agent) => agent.role !== 'router' && agent.role !== 'orchestrator')) {
      kept.push(fragment);
      continue;
    }
    const place = (agent: Agent): string => (agent.location?.file === fragment.file ? `${agent.id}|${agent.role}|own` : `${agent.id}|${agent.role}|${agent.location?.file}:${agent.location?.line}`);
    const shape = JSON.stringify([fragment.name, fragment.agents.map(place).sort(), fragment.humans.map((human) => human.id).sort(), fragment.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`).sort()]);
    const first = firstOf.get(shape);
    if (!first) {
      firstOf.set(shape, fragment);
      kept.push(fragment);
      continue;
    }
    first.sources = [...new Set([...(first.sources ?? [first.file]), ...(fragment.sources ?? [fragment.file])])].sort(compareText);
  }
  // (In the order they were read.)
  return fragments.filter((fragment) => kept.includes(fragment));
}

/** A class of the project built on an AutoGen agent or manager class, for the gap when nothing builds it. */
interface AgentClass {
  name: string;
  kind: string;
  bases: string[];
  location: Location;
}

/** Python text without comments and strings, for a look at what it calls. */
function codeOnly(text: string): string {
  return text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|#.*$|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/gm, ' ');
}

const AGENT_KINDS = new Set(['AssistantAgent', 'UserProxyAgent', 'CodeExecutorAgent', 'SocietyOfMindAgent', 'MultimodalWebSurfer', 'FileSurfer', 'MagenticOneCoderAgent', 'MessageFilterAgent', 'ConversableAgent', 'BaseChatAgent']);
/** True for a class name AutoGen itself defines (an agent or team kind, or a contrib agent). */
function isAutogenKind(name: string): boolean {
  return AGENT_KINDS.has(name) || TEAM_KINDS.has(name) || CONTRIB_KINDS[name] !== undefined;
}

/** 0.2 `contrib` agents, read as the agent they build on (a retrieval proxy is a proxy). */
const CONTRIB_KINDS: Readonly<Record<string, string>> = {
  RetrieveUserProxyAgent: 'UserProxyAgent',
  QdrantRetrieveUserProxyAgent: 'UserProxyAgent',
  MathUserProxyAgent: 'UserProxyAgent',
  RetrieveAssistantAgent: 'AssistantAgent',
  GPTAssistantAgent: 'AssistantAgent',
  MultimodalConversableAgent: 'ConversableAgent',
  LLaVAAgent: 'ConversableAgent',
  CompressibleAgent: 'ConversableAgent',
  TextAnalyzerAgent: 'ConversableAgent',
  WebSurferAgent: 'ConversableAgent',
  CaptainAgent: 'ConversableAgent',
  ReasoningAgent: 'ConversableAgent',
};
/** AutoGen 0.2's group chat and its manager, which a project may build its own classes on. */
const LEGACY_CHAT_KINDS: ReadonlySet<string> = new Set(['GroupChat', 'GroupChatManager']);
const TEAM_KINDS = new Set(['RoundRobinGroupChat', 'SelectorGroupChat', 'Swarm', 'MagenticOneGroupChat', 'GraphFlow']);
/** AG2's group chat patterns, read as the AgentChat team that moves the same way. */
const AG2_PATTERNS: Readonly<Record<string, string>> = {
  DefaultPattern: 'Swarm',
  AutoPattern: 'SelectorGroupChat',
  RoundRobinPattern: 'RoundRobinGroupChat',
  RandomPattern: 'RoundRobinGroupChat',
  ManualPattern: 'RoundRobinGroupChat',
};
/** Where each kind lives, for the provider the component reader goes by. */
const PROVIDER: Record<string, string> = {
  MultimodalWebSurfer: 'autogen_ext.agents.web_surfer.MultimodalWebSurfer',
  FileSurfer: 'autogen_ext.agents.file_surfer.FileSurfer',
  MagenticOneCoderAgent: 'autogen_ext.agents.magentic_one.MagenticOneCoderAgent',
};

function extractAutogenCode(file: SourceFile, modules?: PyModules, usedElsewhere: Set<string> = new Set(), projectKinds: ReadonlyMap<string, string> = new Map(), legacyRunner = false): ExtractResult {
  const problems: Problem[] = [];
  const parser = pythonParser();
  if (!parser) {
    problems.push({ ruleId: 'extraction-gap', message: 'AutoGen code that was not read (the Python grammar did not load)', location: { file: file.path, line: 1, column: 1 } });
    return { fragments: [], problems, gaps: 1, coverage: fileCoverage([{ file: file.path, extractor: 'autogen-code' }], [], problems) };
  }
  const root = modules ? modules.root(file.path) : parser.parse(file.text)?.rootNode;
  if (!root) return { fragments: [], problems, gaps: 0 };
  // Code Python refuses (a missing comma): said at the first error; what the grammar still reads is read.
  // (A notebook's cells run one by one: an unfinished cell is the notebook's own business.)
  if (root.hasError && !file.path.endsWith('.ipynb')) {
    // The narrowest error node: tree-sitter may wrap a whole stretch of the file in the outer one.
    // (Every node, punctuation too: a missing `)` is no named node.)
    const errors: PyNode[] = [];
    const stack: PyNode[] = [root];
    while (stack.length > 0 && errors.length < 50) {
      const node = stack.pop() as PyNode;
      if (node.type === 'ERROR' || node.isMissing) errors.push(node);
      if (node.hasError) for (const child of node.children) if (child) stack.push(child as PyNode);
    }
    const error = errors.sort((a, b) => a.endIndex - a.startIndex - (b.endIndex - b.startIndex) || a.startIndex - b.startIndex)[0];
    problems.push({ ruleId: 'parse-error', message: 'invalid Python (what can still be read around the error is read)', location: error ? { file: file.path, line: error.startPosition.row + 1, column: error.startPosition.column + 1 } : { file: file.path, line: 1, column: 1 } });
  }
  const legacy = legacyRunner || (!AGENTCHAT.test(file.text) && LEGACY.test(file.text));
  const values = modules?.module(file.path) ?? new PyValues(root, file.path);
  // Agents may be built in another module of the run: each is placed where it is written.
  const at = (node: PyNode): Location => ({ file: values.fileOf(node), line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  /** A constructor call's identity across modules. */
  const idOf = (node: PyNode): string => values.keyOf(node);
  /** An agent or team taken in by a team or chat: read there, not on its own. */
  const takeIn = (node: PyNode): void => {
    usedInside.add(idOf(node));
    usedElsewhere.add(idOf(node));
  };
  const nodes = descendants(root);
  const calls = nodes.filter((node) => node.type === 'call');
  const decoratedFunctions = nodes.filter((node) => node.type === 'decorated_definition' && node.childForFieldName('definition')?.type === 'function_definition');
  /** The calls of this file and, for an agent built in another module, of that module too (where its functions are registered), each module's read once. */
  const otherCalls = new Map<object, PyNode[]>();
  const callsAround = (agent: PyNode): PyNode[] => {
    if (agent.tree === root.tree) return calls;
    let theirs = otherCalls.get(agent.tree);
    if (!theirs) otherCalls.set(agent.tree, (theirs = [...calls, ...descendants(agent.tree.rootNode as PyNode).filter((node) => node.type === 'call')]));
    return theirs;
  };
  const gap = (node: PyNode, message: string): void => {
    if (!problems.some((problem) => problem.message === message && problem.location.line === at(node).line && problem.location.file === at(node).file)) problems.push({ ruleId: 'extraction-gap', message, location: at(node) });
  };

  /** Where each rebuilt component was written: the reader asks by path, answered by the deepest component on it. */
  const places = new WeakMap<object, Location>();
  const locate = (root: Json) => (path: Path): Location => {
    let current: unknown = root;
    let found = places.get(root) ?? { file: file.path, line: 1, column: 1 };
    for (const step of path) {
      if (current === null || typeof current !== 'object') break;
      current = (current as Record<string | number, unknown>)[step];
      if (current !== null && typeof current === 'object' && places.has(current)) found = places.get(current) as Location;
    }
    return found;
  };
  const placed = <T extends object>(value: T, node: PyNode): T => {
    places.set(value, at(node));
    return value;
  };

  const positional = (call: PyNode, index: number): PyNode | undefined => {
    const list = call.childForFieldName('arguments');
    return (list ? namedChildren(list).filter((each) => each.type !== 'keyword_argument' && each.type !== 'comment') : [])[index];
  };
  const argument = (call: PyNode, name: string, index?: number): PyNode | undefined => keywordArguments(call).get(name) ?? (index === undefined ? undefined : positional(call, index));
  const text = (node: PyNode | undefined): string | undefined => {
    const value = node ? values.value(node) : undefined;
    return value?.type === 'string' ? unquote(value.text) : undefined;
  };
  const number = (node: PyNode | undefined): number | undefined => {
    const value = node ? values.value(node) : undefined;
    const parsed = value?.type === 'integer' ? Number(value.text) : Number.NaN;
    return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
  };
  const list = (node: PyNode | undefined): PyNode[] | undefined => (node ? values.items(node) : undefined);
  /** The variable a call is assigned to (`writer = AssistantAgent(...)`). */
  const variableOf = (call: PyNode): string | undefined => assignedTo(call)?.replace(/^self\./, '');
  /**
   * A project's own subclass of an AutoGen agent or team (`class Reviewer(AssistantAgent)` here) is
   * read as its base; a team class imported from the project (`HierarchicalGroupChat(participants=
   * […])`, built on a group chat in another module) as a selector group chat of its participants.
   */
  const subclassKinds = new Map<string, string>();
  for (const node of nodes) {
    if (node.type !== 'class_definition') continue;
    const name = node.childForFieldName('name')?.text;
    if (name !== undefined && isAutogenKind(name)) continue;
    const bases = (node.childForFieldName('superclasses')?.text ?? '').split(/[(),\s]+/).map((base) => base.split('.').pop() ?? '');
    const base = bases.find((each) => AGENT_KINDS.has(each) || TEAM_KINDS.has(each) || LEGACY_CHAT_KINDS.has(each));
    if (name && base) subclassKinds.set(name, base);
  }
  const ownClasses = subclassKinds.size;
  // Classes of other modules this one imports (`from .base import Narrator`), and its own built on them.
  for (const name of values.importedNames()) {
    const kind = projectKinds.get(name);
    if (kind !== undefined && !subclassKinds.has(name)) subclassKinds.set(name, kind);
  }
  // A class of this module built on one of those (`class Villager(Player)`), in the order written.
  for (const node of nodes) {
    const name = node.type === 'class_definition' ? node.childForFieldName('name')?.text : undefined;
    if (!name || subclassKinds.has(name)) continue;
    const bases = (node.childForFieldName('superclasses')?.text ?? '').split(/[(),\s]+/).map((base) => base.split('.').pop() ?? '');
    const base = bases.find((each) => subclassKinds.has(each));
    if (base) subclassKinds.set(name, subclassKinds.get(base) as string);
  }
  const importedTeams = new Set<string>();
  for (const node of nodes) {
    if (node.type !== 'import_from_statement' || /^from\s+(autogen\w*|ag2)\b/.test(node.text)) continue;
    for (const name of node.text.replace(/^from\s+\S+\s+import\s+/, '').split(/[(),\s]+/)) if (/^\w*(GroupChat|Team)$/.test(name) && !subclassKinds.has(name)) importedTeams.add(name);
  }
  const kindOf = (call: PyNode): string => {
    const name = calleeName(call) ?? '';
    if (subclassKinds.has(name)) return subclassKinds.get(name) as string;
    if (CONTRIB_KINDS[name] !== undefined) return CONTRIB_KINDS[name] as string;
    // A project class built where this module cannot name it (an agent of a module it star-imports, `TutorAgent()` there).
    if (projectKinds.has(name) && values.valuesFor(call) !== values) return projectKinds.get(name) as string;
    if (importedTeams.has(name) && keywordArguments(call).has('participants')) return 'SelectorGroupChat';
    // A project's own class named like one of AutoGen's (`from app.agents import CodeExecutorAgent`)
    // that the code read does not build on AutoGen is not AutoGen's class: no kind.
    const written = call.childForFieldName('function');
    const source = written?.type === 'identifier' ? values.valuesFor(call).importOrigin(name) : undefined;
    if (source !== undefined && AGENT_KINDS.has(name) && !/^(\.*)?(autogen\w*|ag2|pyautogen)(\.|$)/.test(source)) return `project:${name}`;
    return name;
  };

  /** AG2 handoffs each agent declares (target names; `user` for the person), read before the patterns. */
  const ag2Handoffs = new Map<Json, string[]>();
  /** This module's functions by name, for the functions an AG2 agent may call. */
  const functionsByName = new Map(nodes.filter((node) => node.type === 'function_definition').map((node) => [node.childForFieldName('name')?.text ?? '', node] as const));
  /** The `target=` of each `ReplyResult(…)` a function of this module returns: where it hands the conversation. */
  const replyTargets = (item: PyNode): PyNode[] => {
    // A function of this module, or one of another module of the run (named in a project class's `super().__init__`).
    const body = functionsByName.get(item.text) ?? (item.type === 'identifier' ? values.valuesFor(item).functionNamed(item) : undefined);
    return body ? descendants(body).flatMap((node) => (node.type === 'call' && calleeName(node) === 'ReplyResult' ? (argument(node, 'target') ?? []) : [])) : [];
  };
  /** Components already rebuilt, by call: an agent in two teams is one agent. */
  const rebuilt = new Map<string, Json>();
  const usedInside = new Set<string>();

  /** The model a client is made for (`OpenAIChatCompletionClient(model="gpt-4o")`, `llm_config={"model": …}`). */
  const modelOf = (call: PyNode): string | undefined => {
    const client = argument(call, 'model_client');
    const value = client ? values.value(client) : undefined;
    if (value?.type === 'call') {
      const model = argument(value, 'model', 0);
      return text(model) ?? (model ? modelBySetting(value, model) : undefined);
    }
    const config = argument(call, 'llm_config');
    const dict = config ? values.value(config) : undefined;
    if (dict?.type !== 'dictionary') return undefined;
    const pairs = namedChildren(dict).filter((pair) => pair.type === 'pair');
    const model = pairs.find((pair) => text(pair.childForFieldName('key') ?? undefined) === 'model');
    if (model) return text(model.childForFieldName('value') ?? undefined);
    const configList = pairs.find((pair) => text(pair.childForFieldName('key') ?? undefined) === 'config_list');
    const first = list(configList?.childForFieldName('value') ?? undefined)?.[0];
    const entry = first ? values.value(first) : undefined;
    const inner = entry?.type === 'dictionary' ? namedChildren(entry).find((pair) => pair.type === 'pair' && text(pair.childForFieldName('key') ?? undefined) === 'model') : undefined;
    return inner ? text(inner.childForFieldName('value') ?? undefined) : undefined;
  };

  /**
   * An MCP server's tools (`McpWorkbench(params)`, `await mcp_server_tools(params)`): one tool named
   * after the server, judged by what the server is (the package, image or URL its parameters name).
   */
  const mcpComponent = (item: PyNode): Json | undefined => {
    const found = mcpServerOf(values, item);
    if (!found) return undefined;
    // A server known only by a bare endpoint names no service: its tools are listed when it runs.
    if (found.namesNoService) gap(item, `an MCP server at '${found.server}' that names no service: its tools are listed only when it runs, and what they do is not read`);
    return placed({ provider: 'autogen_ext.tools.mcp.McpWorkbench', config: { name: `mcp:${found.label}`, server: found.server } }, item);
  };

  /** A tool of an agent: a function (by its name), a tool object, an MCP server's tools, or an agent or team wrapped as a tool. */
  const toolComponent = (item: PyNode): Json => {
    const mcp = mcpComponent(item);
    if (mcp) return mcp;
    const value = values.lastKnown(item);
    if (value.type === 'call' && kindOf(value) === 'AgentTool') {
      const agent = argument(value, 'agent', 0);
      const inner = agent ? agentComponent(agent) : undefined;
      return placed({ provider: 'autogen_agentchat.tools.AgentTool', config: { ...(inner && { agent: inner }) } }, item);
    }
    if (value.type === 'call' && kindOf(value) === 'TeamTool') {
      const team = argument(value, 'team', 0);
      const inner = team ? teamComponent(team) : undefined;
      return placed({ provider: 'autogen_agentchat.tools.TeamTool', config: { ...(inner && { team: inner }) } }, item);
    }
    if (value.type === 'call') {
      // `FunctionTool(refund, description=…)`, `PythonCodeExecutionTool(executor)`: the function or the class names it.
      const kind = kindOf(value);
      const wrapped = kind === 'FunctionTool' ? argument(value, 'func', 0) : undefined;
      const name = text(argument(value, 'name')) ?? (wrapped ? wrapped.text.split('.').pop() : kind);
      const description = text(argument(value, 'description'));
      // A function that runs code through a code executor (a CodeExecutorAgent it builds) executes what the model wrote.
      const fn = wrapped ? toolFunctionOf(wrapped) : undefined;
      const executes = fn !== undefined && descendants(fn).some((node) => node.type === 'call' && /CodeExecutor(Agent)?$/.test(kindOf(node)));
      // What its function's code is seen to do (runs the shell command or the SQL it is given).
      const effect = wrapped ? declaredToolEffect(values, wrapped) : undefined;
      return placed({ provider: `autogen_core.tools.${executes ? 'CodeExecutorFunctionTool' : kind}`, config: { name, ...(description !== undefined && { description }), ...(effect !== undefined && { effect }) } }, item);
    }
    const effect = declaredToolEffect(values, item);
    return placed({ provider: 'autogen_core.tools.FunctionTool', config: { name: value.text.split('.').pop() ?? item.text, ...(effect !== undefined && { effect }) } }, item);
  };

  /** The project's class a constructor call builds: of this module, or imported from another module of the run. */
  function projectClassOf(call: PyNode): PyNode | undefined {
    const written = call.childForFieldName('function');
    // (A class of another module stands as its name there.)
    const named = written ? values.lastKnown(written) : undefined;
    const imported = named?.parent?.type === 'class_definition' && same(named.parent.childForFieldName('name') ?? undefined, named) ? named.parent : undefined;
    return nodes.find((node) => node.type === 'class_definition' && node.childForFieldName('name')?.text === calleeName(call)) ?? imported;
  }

  /**
   * The tools a project's agent class runs itself: it offers tools to its model client
   * (`self._model_client.create(messages, tools=[…])`) and dispatches the calls by name
   * (`if tool_name == "send_email": await self.send_email(…)`): each name it dispatches.
   */
  function dispatchedTools(call: PyNode): string[] {
    const cls = projectClassOf(call);
    if (!cls || !descendants(cls).some((node) => node.type === 'call' && /\.create$/.test(node.childForFieldName('function')?.text ?? '') && argument(node, 'tools') !== undefined)) return [];
    const names = descendants(cls).flatMap((node) => {
      if (node.type !== 'comparison_operator') return [];
      const [left, right] = namedChildren(node);
      return left && right && /(^|_|\.)name$/.test(left.text) && right.type === 'string' && /^\w+$/.test(unquote(right.text)) ? [unquote(right.text)] : [];
    });
    return [...new Set(names)];
  }

  /**
   * A project's ConversableAgent subclass that is plain code: built with no model (no `llm_config`
   * or `model_client`, here or in its `super().__init__`) and doing its work in a method of its own
   * (`def run(self, code)` reading CSV files). Nothing in it asks a model: no agent.
   */
  function plainCodeAgent(call: PyNode): boolean {
    const cls = projectClassOf(call);
    if (!cls || kindOf(call) !== 'ConversableAgent') return false;
    const parent = superInit(call);
    const given = (key: string): boolean => argument(call, key) !== undefined || (parent !== undefined && argument(parent, key) !== undefined);
    if (given('llm_config') || given('model_client') || given('code_execution_config') || given('human_input_mode')) return false;
    const methods = descendants(cls).filter((node) => node.type === 'function_definition' && same(enclosing(node, 'class_definition') ?? undefined, cls)).map((node) => node.childForFieldName('name')?.text ?? '');
    return methods.some((name) => /^(run|a_run|generate_reply|a_generate_reply)$/.test(name)) && !/\b(llm|model_client|create|completion|chat)\b/.test(descendants(cls).filter((node) => node.type === 'call').map((node) => node.childForFieldName('function')?.text ?? '').join(' '));
  }

  /** The `super().__init__(…)` call in the `__init__` of a project's agent class that a call builds, if any. */
  function superInit(call: PyNode): PyNode | undefined {
    const cls = projectClassOf(call);
    const init = cls ? descendants(cls).find((node) => node.type === 'function_definition' && node.childForFieldName('name')?.text === '__init__') : undefined;
    return init ? descendants(init).find((node) => node.type === 'call' && node.childForFieldName('function')?.text.replace(/\s+/g, '') === 'super().__init__') : undefined;
  }

  /** Calls of `agent.<method>(…)` on the agent a constructor call builds (`proxy.register_function(function_map=…)`). */
  function legacyRegistrations(call: PyNode, method: string): PyNode[] {
    return callsAround(call).filter((node) => {
      const fn = node.childForFieldName('function');
      const receiver = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === method ? fn.childForFieldName('object') : undefined;
      return receiver !== undefined && receiver !== null && same(constructorOf(receiver, AGENT_KINDS), call);
    });
  }

  /** True for a 0.2 user proxy that asks a person before every reply (`human_input_mode="ALWAYS"`, its default). */
  function asksEveryTurn(expression: PyNode | undefined): boolean {
    const agent = expression ? constructorOf(expression, AGENT_KINDS) : undefined;
    if (!agent) return false;
    const kind = kindOf(agent);
    return (text(argument(agent, 'human_input_mode')) ?? (kind === 'UserProxyAgent' ? 'ALWAYS' : 'NEVER')) === 'ALWAYS';
  }

  /** `agent.<method>(name=…, description=…)(f)`, a registration called by hand: the agent's expression, the options and the function. */
  function curried(node: PyNode, method: string): { receiver: PyNode; options: PyNode; fn: PyNode } | undefined {
    const options = node.childForFieldName('function');
    const called = options?.type === 'call' ? options.childForFieldName('function') : undefined;
    const receiver = called?.type === 'attribute' && called.childForFieldName('attribute')?.text === method ? called.childForFieldName('object') : undefined;
    const fn = argument(node, 'f', 0);
    return receiver && options && fn ? { receiver, options, fn } : undefined;
  }

  /** The functions registered for the model of the agent a constructor call builds, with the executor that runs them. */
  function registeredFunctions(call: PyNode): Json[] {
    const found: Json[] = [];
    const tool = (fn: PyNode, at: PyNode, name: string | undefined, description: string | undefined, executor: PyNode | undefined): void => {
      const effect = declaredToolEffect(values, fn);
      const fnName = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : fn.text.split('.').pop();
      const config: Json = { name: name ?? fnName ?? 'function', ...(description !== undefined && { description }), ...(effect !== undefined && { effect }), ...(asksEveryTurn(executor) && { approved: true }) };
      found.push(placed({ provider: 'autogen_core.tools.FunctionTool', config }, at));
    };
    const around = callsAround(call);
    for (const node of around) {
      // `assistant.register_for_llm(name=…, description=…)(f)` with `proxy.register_for_execution(name=…)(f)`:
      // the decorators called by hand (also inside a function the project calls to set its tools up).
      const forModel = curried(node, 'register_for_llm');
      if (forModel && same(constructorOf(forModel.receiver, AGENT_KINDS), call)) {
        const executor = around.map((each) => curried(each, 'register_for_execution')).find((each) => each !== undefined && each.fn.text === forModel.fn.text);
        // `for f in TOOLS: agent.register_for_llm(name=f.__name__)(f)`: each function of the list, by its own name.
        const looped = loopItems(forModel.fn);
        for (const each of looped ?? [forModel.fn]) {
          const fn = values.lastKnown(each);
          tool(fn.type === 'function_definition' ? fn : each, node, looped ? undefined : text(argument(forModel.options, 'name')), looped ? undefined : text(argument(forModel.options, 'description')), executor?.receiver);
        }
        continue;
      }
      // `register_function(f, caller=a, executor=b, name=…, description=…)` (also as `autogen.register_function`).
      if (/^(?:(?:autogen|ag2)\.)?register_function$/.test(node.childForFieldName('function')?.text ?? '')) {
        const caller = argument(node, 'caller');
        const fn = argument(node, 'f', 0);
        // (`for caller in [alice, bob]: register_function(f, caller=caller, …)`: each agent of the list.)
        const callers = caller ? (loopItems(caller) ?? [caller]) : [];
        if (fn && callers.some((each) => same(constructorOf(each, AGENT_KINDS), call))) {
          // `for func in [send_email, delete_record]: register_function(func, …, name=func.__name__)`: each function of the list.
          const looped = loopItems(fn);
          for (const each of looped ?? [fn]) tool(each, node, looped ? undefined : text(argument(node, 'name')), looped ? undefined : text(argument(node, 'description')), argument(node, 'executor'));
        }
      }
    }
    // `@assistant.register_for_llm(name=…, description=…)` over a function, with `@proxy.register_for_execution()`.
    for (const node of decoratedFunctions) {
      const definition = node.childForFieldName('definition') as PyNode;
      const decorators = namedChildren(node).filter((child) => child.type === 'decorator').map((decorator) => namedChildren(decorator)[0]).filter((each): each is PyNode => each !== undefined);
      const registration = (method: string): PyNode | undefined => {
        for (const decorator of decorators) {
          const fn = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
          if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === method) return decorator;
        }
        return undefined;
      };
      const forModel = registration('register_for_llm');
      const receiver = forModel?.type === 'call' ? forModel.childForFieldName('function')?.childForFieldName('object') : forModel?.childForFieldName('object');
      if (!forModel || !receiver || !same(constructorOf(receiver, AGENT_KINDS), call)) continue;
      const forExecution = registration('register_for_execution');
      const executorExpression = forExecution?.type === 'call' ? forExecution.childForFieldName('function')?.childForFieldName('object') : forExecution?.childForFieldName('object');
      const options = forModel.type === 'call' ? forModel : undefined;
      tool(definition, definition.childForFieldName('name') ?? definition, options ? text(argument(options, 'name')) : undefined, options ? text(argument(options, 'description')) : undefined, executorExpression ?? undefined);
    }
    return found;
  }

  /** The items of the list a `for` loop walks, when an expression is that loop's variable (`for func in [a, b]:`). */
  function loopItems(expression: PyNode): PyNode[] | undefined {
    if (expression.type !== 'identifier') return undefined;
    for (let at: PyNode | null = expression.parent; at; at = at.parent) {
      if (at.type !== 'for_statement') continue;
      if (at.childForFieldName('left')?.text !== expression.text) continue;
      const walked = at.childForFieldName('right');
      const listed = walked ? values.lastKnown(walked) : undefined;
      return listed?.type === 'list' || listed?.type === 'tuple' ? namedChildren(listed).filter((item) => item.type !== 'comment') : undefined;
    }
    return undefined;
  }

  /** The constructor call of one of `kinds` an expression holds (through variables and helpers). */
  function constructorOf(expression: PyNode, kinds: ReadonlySet<string>): PyNode | undefined {
    const call = values.value(expression);
    return call && call.type === 'call' && kinds.has(kindOf(call)) ? call : undefined;
  }

  /** The component an agent expression stands for, rebuilt from its constructor call; undefined when the call is not found. */
  function agentComponent(expression: PyNode, quiet = false): Json | undefined {
    const call = constructorOf(expression, AGENT_KINDS);
    if (!call) return undefined;
    // Built by a helper of the code read that is given the name (`self._make("Doctor", …)` returning
    // `AssistantAgent(name=name, …)`): one agent per call of the helper, named as that call names it.
    const through = values.callThrough(expression);
    const site = through && enclosing(call, 'function_definition')?.startIndex === through.fn.startIndex ? through : undefined;
    const id = site ? `${idOf(call)}@${idOf(site.call)}` : idOf(call);
    const known = rebuilt.get(id);
    if (known) return known;
    // (Read after the memo: a class's own code is looked at once per agent built.)
    if (plainCodeAgent(call)) return undefined;
    const kind = kindOf(call);
    // A project's agent class may name itself and its model in its `__init__` (`Planner()`).
    const parent = superInit(call);
    const inherited = parent ? argument(parent, 'name', 0) : undefined;
    const own = argument(call, 'name', 0);
    const passed = site && own?.type === 'identifier' ? boundParameters(site.call, site.fn).get(own.text) : undefined;
    const written = (passed && text(passed) !== undefined ? passed : own) ?? (inherited && text(inherited) !== undefined ? inherited : undefined);
    const name = text(written) ?? variableOf(call);
    if (name === undefined) {
      // (Said when the agent is read on its own; a helper's calls may still name it.)
      if (!quiet) gap(call, `an AutoGen ${kind} whose name is computed`);
      return undefined;
    }
    // `AssistantAgent(name=name)` in a base class's `__init__`: one node stands for every name its callers give.
    if (written && text(written) === undefined) gap(call, `an AutoGen ${kind} whose name is computed ('${written.text.slice(0, 40)}'): read as one agent '${name}' for every name it is given`);
    const config: Json = { name };
    const description = text(argument(call, 'description')) ?? text(argument(call, 'system_message')) ?? (parent ? (text(argument(parent, 'description')) ?? text(argument(parent, 'system_message'))) : undefined);
    if (description !== undefined) config.description = description;
    const model = modelOf(call) ?? (parent ? modelOf(parent) : undefined);
    if (model !== undefined) config.model_client = { config: { model } };
    // (Also the tools a project class gives itself in its `super().__init__(…, tools=[…])`.)
    const toolsWritten = argument(call, 'tools') ?? (parent ? argument(parent, 'tools') : undefined);
    const tools = list(toolsWritten);
    const toolsFromServer = toolsWritten ? mcpComponent(toolsWritten) : undefined;
    if (tools) config.tools = tools.map(toolComponent);
    else if (toolsFromServer) config.tools = [toolsFromServer];
    else if (toolsWritten) gap(call, `the tools of '${name}', which are not written out as a list`);
    // A custom agent that offers tools to its model and runs the calls itself: the tools it dispatches.
    else {
      const dispatched = dispatchedTools(call);
      if (dispatched.length > 0) config.tools = dispatched.map((tool) => placed({ provider: 'autogen_core.tools.FunctionTool', config: { name: tool } }, call));
    }
    // `workbench=` an MCP server's workbench (or a list of them), often entered by `async with … as bench`.
    const bench = argument(call, 'workbench');
    if (bench) {
      const benches = (list(bench) ?? [bench]).map((each) => mcpComponent(each));
      const known = benches.filter((each): each is Json => each !== undefined);
      config.tools = [...((config.tools as Json[] | undefined) ?? []), ...known];
      if (known.length < benches.length) gap(bench, `the workbench of '${name}', which is not an MCP server's written out in the code read`);
    }
    // AG2: functions the agent's model may call (`functions=[submit_itinerary]`).
    // A function that returns `ReplyResult(target=…)` hands the conversation on: a handoff, read as one, not a tool.
    const handsOn = (item: PyNode): boolean => replyTargets(item).length > 0;
    // (Also given in a project class's `super().__init__(…, functions=[run_code])`.)
    const callable = legacy ? list(argument(call, 'functions') ?? (parent ? argument(parent, 'functions') : undefined)) : undefined;
    // (One that also acts on the way, running the code it is given, is a tool as well.)
    if (callable) config.tools = [...((config.tools as Json[] | undefined) ?? []), ...callable.filter((item) => !handsOn(item) || declaredToolEffect(values, item) !== undefined).map(toolComponent)];
    // 0.2: tools registered by name (`function_map={"research": research}`), in the constructor or
    // after it (`agent.register_function(function_map=…)`).
    const functionMaps = [argument(call, 'function_map'), ...legacyRegistrations(call, 'register_function').map((registration) => argument(registration, 'function_map', 0))];
    for (const functionMap of functionMaps) {
      const functions = functionMap ? values.value(functionMap) : undefined;
      if (functions?.type !== 'dictionary') continue;
      // The map runs the calls this agent receives; a function no model of the file is told about
      // (no `"name": "run_shell_command"` in a `functions` list, no register_for_llm) is never called.
      const toldToModels = (key: string): boolean => /\bregister_for_llm\b|\bregister_function\b/.test(file.text.replace(/\.register_function\s*\(\s*function_map\b/g, '')) || new RegExp(`["']name["']\\s*:\\s*["']${escapeRegExp(key)}["']`).test(file.text);
      config.tools = [...((config.tools as Json[] | undefined) ?? []), ...namedChildren(functions).filter((pair) => pair.type === 'pair').map((pair) => {
        const key = text(pair.childForFieldName('key') ?? undefined) ?? pair.text;
        const fn = pair.childForFieldName('value');
        const effect = fn ? declaredToolEffect(values, fn) : undefined;
        // `"create_sell_order": broker.get_open_position`: the function run, not the name the model calls, says what happens.
        const runs = fn?.type === 'identifier' || fn?.type === 'attribute' ? nameWords(fn.text.split('.').pop() ?? '')[0] : undefined;
        const reads = effect === undefined && runs !== undefined && READING_VERBS.includes(runs);
        return placed({ provider: 'autogen_core.tools.FunctionTool', config: { name: key, ...(effect !== undefined && { effect }), ...(!toldToModels(key) && { uncalled: true }), ...(reads && { reads: true }) } }, pair);
      })];
    }
    // 0.2: a function this agent's model may call, run by an executor (`register_function(f,
    // caller=assistant, executor=proxy)`, or `@assistant.register_for_llm()` over
    // `@proxy.register_for_execution()`). An executor that asks a person every turn shows them each call first.
    if (legacy) {
      const registered = registeredFunctions(call);
      if (registered.length > 0) config.tools = [...((config.tools as Json[] | undefined) ?? []), ...registered];
    }
    const handoffs = list(argument(call, 'handoffs'));
    if (handoffs) {
      config.handoffs = handoffs.map((item) => {
        const value = values.lastKnown(item);
        if (value.type === 'call' && kindOf(value) === 'Handoff') return text(argument(value, 'target', 0)) ?? value.text;
        return text(item) ?? item.text;
      });
    }
    if (kind === 'SocietyOfMindAgent') {
      const team = argument(call, 'team', 1);
      const inner = team ? teamComponent(team) : undefined;
      if (inner) config.team = inner;
    }
    // `MessageFilterAgent(name=…, wrapped_agent=writer, filter=…)`: the wrapped agent, seeing only some
    // of the thread, under the wrapper's name. It is that agent (its model and tools), read once.
    let wrappedProvider: unknown;
    if (kind === 'MessageFilterAgent') {
      const wrapped = argument(call, 'wrapped_agent');
      const made = wrapped ? values.value(wrapped) : undefined;
      const inner = wrapped ? agentComponent(wrapped, true) : undefined;
      if (made?.type === 'call') takeIn(made);
      const innerConfig = inner && typeof inner.config === 'object' && inner.config !== null ? (inner.config as Json) : {};
      for (const key of ['model_client', 'tools', 'description', 'runs_code', 'sandboxed']) if (config[key] === undefined && innerConfig[key] !== undefined) config[key] = innerConfig[key];
      wrappedProvider = inner?.provider;
    }
    const provider = typeof wrappedProvider === 'string' ? wrappedProvider : (PROVIDER[kind] ?? `autogen_agentchat.agents.${kind}`);
    const component: Json = placed({ provider, config }, site && passed ? site.call : call);
    // 0.2: a code execution config runs the code blocks of the chat; in a Docker container unless told
    // not to (`"use_docker": False`, a local executor), where what the model writes runs sandboxed.
    const execution = legacy ? argument(call, 'code_execution_config') : undefined;
    // (A proxy allowed no automatic reply, `max_consecutive_auto_reply=0`, never gets to run a code block.)
    const runsCode = execution !== undefined && !/^(False|None)$/.test(execution.text) && argument(call, 'max_consecutive_auto_reply')?.text !== '0';
    const executionConfig = execution ? values.lastKnown(execution) : undefined;
    if (executionConfig?.type === 'dictionary' && !/["']use_docker["']\s*:\s*(False|None|0)\b|LocalCommandLineCodeExecutor/.test(executionConfig.text)) config.sandboxed = true;
    // An assistant given one runs them itself.
    if (kind === 'AssistantAgent' && runsCode) config.runs_code = true;
    if (legacy && (kind === 'UserProxyAgent' || kind === 'ConversableAgent')) {
      // 0.2: a proxy that asks a person every turn is that person (who also sees any code before
      // it runs); one that does not ask and runs code executes what the model writes.
      const mode = text(argument(call, 'human_input_mode')) ?? (kind === 'UserProxyAgent' ? 'ALWAYS' : 'NEVER');
      // A retrieval proxy that asks nobody fetches the documents and hands them on by itself.
      const retrieves = /Retrieve\w*UserProxyAgent$/.test(call.childForFieldName('function')?.text ?? '');
      if (runsCode && mode !== 'ALWAYS') {
        component.provider = 'autogen_agentchat.agents.CodeExecutorAgent';
      } else if (retrieves && mode !== 'ALWAYS') {
        component.provider = 'autogen_agentchat.agents.AssistantAgent';
      } else if (mode !== 'ALWAYS' && ((kind === 'ConversableAgent' && mode === 'NEVER' && conversableHasModel(call, config, parent)) || (argument(call, 'llm_config') !== undefined && !/^(False|None)$/.test(argument(call, 'llm_config')?.text ?? '')))) {
        // A conversable agent, or a user proxy, given a model answers with it, whatever it asks the
        // person at the end (a "Manager" proxy that hands out the chats and judges what comes back);
        // one that asks the person every turn (ALWAYS) is that person, its model only a default reply.
        component.provider = 'autogen_agentchat.agents.AssistantAgent';
      } else {
        component.provider = 'autogen_agentchat.agents.UserProxyAgent';
      }
    }
    rebuilt.set(id, component);
    return component;
  }

  /**
   * True when a 0.2 conversable agent has a model: one given, or its class's; or, built with no
   * `llm_config`, the one AG2 gives every agent built inside `with llm_config:`. Outside such a block,
   * a conversable agent with none has no model (its default config is False): it answers only
   * through the functions and code it runs.
   */
  function conversableHasModel(call: PyNode, config: Json, parent: PyNode | undefined): boolean {
    if (config.model_client !== undefined) return true;
    const given = argument(call, 'llm_config') ?? (parent ? argument(parent, 'llm_config') : undefined);
    if (given !== undefined) return !/^(False|None)$/.test(given.text);
    // (A project class that gives itself one in its `super().__init__(…, llm_config=…)`, in another module too.)
    const cls = projectClassOf(call) ?? values.valuesFor(call).exported(calleeName(call) ?? '');
    return /\bllm_config\s*=\s*(?!False\b|None\b)/.test(cls?.text ?? '') || inModelContext(call);
  }

  /** True when a call is built inside a `with` block (AG2's `with llm_config:`) of its function or module. */
  function inModelContext(call: PyNode): boolean {
    for (let node = call.parent; node; node = node.parent) {
      if (node.type === 'with_statement') return true;
      if (node.type === 'function_definition' && node.parent?.type !== 'decorated_definition') break;
    }
    return false;
  }

  /** A termination condition expression: `A | B` and `A & B` of conditions, `MaxMessageTermination(10)`. */
  function conditionComponent(expression: PyNode, depth = 0): Json | undefined {
    const value = values.lastKnown(expression);
    if (depth > 20) return undefined;
    if (value.type === 'binary_operator') {
      const left = value.childForFieldName('left');
      const right = value.childForFieldName('right');
      const symbol = value.childForFieldName('operator')?.text ?? (value.text.includes('&') ? '&' : '|');
      const operator = symbol === '&' ? 'And' : 'Or';
      const conditions = [left, right].flatMap((side) => (side ? [conditionComponent(side, depth + 1)] : [])).filter((each): each is Json => each !== undefined);
      return { provider: `autogen_agentchat.base.${operator}TerminationCondition`, config: { conditions } };
    }
    if (value.type !== 'call') return undefined;
    const kind = kindOf(value);
    const limit = kind === 'MaxMessageTermination' ? number(argument(value, 'max_messages', 0)) : undefined;
    return { provider: `autogen_agentchat.conditions.${kind}`, config: { ...(limit !== undefined && { max_messages: limit }) } };
  }

  /** True for a termination condition component (`MaxMessageTermination`, `A | B` of them). */
  function isTermination(component: Json): boolean {
    const provider = String(component.provider ?? '');
    if (/TerminationCondition$/.test(provider)) return true;
    return /\.\w*Termination$/.test(provider);
  }

  /** The component a team expression stands for, rebuilt from its constructor call. */
  function teamComponent(expression: PyNode): Json | undefined {
    const call = constructorOf(expression, TEAM_KINDS);
    if (!call) return undefined;
    const known = rebuilt.get(idOf(call));
    if (known) return known;
    const kind = kindOf(call);
    const members = argument(call, 'participants', 0);
    // GraphFlow(participants=builder.get_participants()): the nodes added to that builder.
    const items = list(members) ?? (kind === 'GraphFlow' && members ? builderNodes(members) : undefined);
    if (!items) gap(call, `the participants of an AutoGen ${kind}, which are not written out as a list`);
    const participants: Json[] = [];
    const branches = new BranchGroups();
    for (const item of items ?? []) {
      const agent = agentComponent(item) ?? teamAsParticipant(item);
      const made = values.value(item);
      // Taken into the team only when read as a member: one it cannot read stays an agent of its own.
      if (agent && made?.type === 'call') takeIn(made);
      if (agent) branches.add(item, participants.push(agent) - 1);
      else gap(item, `a participant '${item.text.slice(0, 40)}' of an AutoGen ${kind} that is not built in the code read`);
    }
    const config: Json = { participants, ...branches.config() };
    // Also passed second, by position (`Swarm([...], termination)`, `RoundRobinGroupChat([...], stop)`), when
    // what stands there is a termination condition (a selector's second is its model client).
    const written2 = ['Swarm', 'RoundRobinGroupChat'].includes(kind) ? namedChildren(call.childForFieldName('arguments') as PyNode).filter((each) => each.type !== 'keyword_argument' && each.type !== 'comment')[1] : undefined;
    const positional = written2 ? conditionComponent(written2) : undefined;
    const termination = argument(call, 'termination_condition');
    const condition = termination ? conditionComponent(termination) : positional && isTermination(positional) ? positional : undefined;
    if (condition) config.termination_condition = condition;
    const maxTurns = number(argument(call, 'max_turns'));
    if (maxTurns !== undefined) config.max_turns = maxTurns;
    if (kind === 'GraphFlow') config.graph = graphOf(call, argument(call, 'graph', 1));
    const written = calleeName(call) ?? kind;
    if (importedTeams.has(written)) gap(call, `a team of the project's class '${written}' (defined in another module): read as a selector group chat of its participants`);
    const component: Json = placed({ provider: `autogen_agentchat.teams.${kind}`, label: variableOf(call) ?? kind, config }, call);
    rebuilt.set(idOf(call), component);
    return component;
  }

  /** The agents `builder.get_participants()` returns: those given to `add_node` on that builder, in order. */
  function builderNodes(expression: PyNode): PyNode[] | undefined {
    const value = values.lastKnown(expression);
    const fn = value.type === 'call' ? value.childForFieldName('function') : undefined;
    const builder = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get_participants' ? fn.childForFieldName('object')?.text : undefined;
    if (!builder) return undefined;
    const nodes: PyNode[] = [];
    for (const each of calls) {
      const method = each.childForFieldName('function');
      if (method?.type !== 'attribute' || method.childForFieldName('attribute')?.text !== 'add_node' || !method.childForFieldName('object')?.text.startsWith(builder)) continue;
      const node = positional(each, 0);
      if (node && !nodes.some((known) => known.text === node.text)) nodes.push(node);
    }
    return nodes.length > 0 ? nodes : undefined;
  }

  /** A team among another team's participants is read as its own team; the outer one sees nothing of it. */
  function teamAsParticipant(item: PyNode): Json | undefined {
    const inner = teamComponent(item);
    if (inner) gap(item, `a team taking part in another team ('${item.text.slice(0, 40)}'); its members are read as a team of their own`);
    return undefined;
  }

  /**
   * GraphFlow's graph from the DiGraphBuilder calls on the builder it was built by
   * (`builder.add_edge(writer, reviewer, condition=…)`), as the JSON's `graph.nodes`.
   */
  function graphOf(call: PyNode, graph: PyNode | undefined): Json {
    const built = graph ? values.lastKnown(graph) : undefined;
    const receiver = built?.type === 'call' ? built.childForFieldName('function')?.childForFieldName('object') : undefined;
    const builder = receiver?.text;
    const nodes: Record<string, Json> = {};
    if (!builder) {
      gap(call, 'a GraphFlow whose graph is not built by a DiGraphBuilder in this file');
      return { nodes };
    }
    for (const each of calls) {
      const fn = each.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'add_edge') continue;
      // `builder.add_edge(…)` or chained `builder.add_node(a).add_edge(a, b)`.
      if (!fn.childForFieldName('object')?.text.startsWith(builder)) continue;
      const from = positional(each, 0);
      const to = positional(each, 1);
      const source = from ? (agentComponent(from)?.config as Json | undefined)?.name : undefined;
      const target = to ? (agentComponent(to)?.config as Json | undefined)?.name : undefined;
      if (typeof source !== 'string' || typeof target !== 'string') {
        gap(each, 'a GraphFlow edge between agents not built in the code read');
        continue;
      }
      const node = (nodes[source] ??= { edges: [] });
      (node.edges as Json[]).push(placed({ target, condition: keywordArguments(each).has('condition') ? 'written' : null }, each));
    }
    return { nodes };
  }

  /**
   * 0.2: `writer.register_nested_chats([{"recipient": critic, …}], trigger=…)`: before the writer
   * answers, it runs a chat with each recipient and answers with what comes back, as if the
   * recipients were its tools.
   */
  function nestedChats(call: PyNode): void {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'register_nested_chats') return;
    const hostNode = fn.childForFieldName('object');
    const host = hostNode ? agentComponent(hostNode) : undefined;
    const queue = list(argument(call, 'chat_queue', 0));
    if (!host || !queue) {
      gap(call, `nested chats of '${hostNode?.text.slice(0, 40) ?? 'an agent'}' that are not built in the code read`);
      return;
    }
    // A proxy with no model as the host (`user_proxy.register_nested_chats(…, trigger=writer)`): what
    // the trigger says to it starts the nested chats, and their answer goes back to the trigger, which
    // so consults the recipients as if they were its tools.
    const trigger = argument(call, 'trigger');
    const triggerAgent = trigger && /UserProxyAgent|CodeExecutorAgent/.test(String(host.provider)) ? agentComponent(trigger) : undefined;
    const owner = triggerAgent !== undefined && triggerAgent !== host && /AssistantAgent$/.test(String(triggerAgent.provider)) ? triggerAgent : host;
    const config = owner.config as Json;
    for (const item of queue) {
      const entry = values.value(item);
      const field = (key: string): PyNode | undefined => (entry?.type === 'dictionary' ? (namedChildren(entry).find((each) => each.type === 'pair' && text(each.childForFieldName('key') ?? undefined) === key)?.childForFieldName('value') ?? undefined) : undefined);
      let recipientNode = field('recipient');
      let recipient = recipientNode ? agentComponent(recipientNode) : undefined;
      // The host itself with a sender named (`{"sender": board_proxy, "recipient": player}`): the chat is with that sender.
      if (recipient !== undefined && recipient === host) {
        const senderNode = field('sender');
        const sender = senderNode ? values.value(senderNode) : undefined;
        // A proxy that only runs the host's functions (a UserProxyAgent, a ConversableAgent with no model) adds no agent.
        if (sender?.type === 'call' && (kindOf(sender) === 'UserProxyAgent' || (argument(sender, 'llm_config') === undefined && argument(sender, 'model_client') === undefined) || argument(sender, 'llm_config')?.text === 'False')) {
          takeIn(sender);
          continue;
        }
        recipientNode = senderNode;
        recipient = senderNode ? agentComponent(senderNode) : undefined;
      }
      // A group chat's manager (`{"recipient": manager}`): the nested chat runs that group chat.
      const managerCall = recipientNode ? values.value(recipientNode) : undefined;
      if (!recipient && managerCall?.type === 'call' && kindOf(managerCall) === 'GroupChatManager') {
        const team = groupChatComponent(managerCall);
        const chat = argument(managerCall, 'groupchat', 0);
        const made = chat ? values.value(chat) : undefined;
        if (made) managedChats.add(idOf(made));
        if (team) config.tools = [...((config.tools as Json[] | undefined) ?? []), placed({ provider: 'autogen_agentchat.tools.TeamTool', config: { team } }, item)];
        continue;
      }
      if (!recipient || recipient === host) {
        gap(item, `a nested chat of '${String(config.name)}' whose recipient is not an agent built in the code read`);
        continue;
      }
      const made = recipientNode ? values.value(recipientNode) : undefined;
      if (made?.type === 'call') takeIn(made);
      // Chats of one queue run in turn, each carrying the summaries before it into its start.
      config.tools = [...((config.tools as Json[] | undefined) ?? []), placed({ provider: 'autogen_agentchat.tools.AgentTool', config: { agent: recipient, queue: idOf(call) } }, item)];
    }
  }

  /**
   * AG2's group chat patterns (`initiate_group_chat(pattern=DefaultPattern(initial_agent=a, agents=[a, b],
   * user_agent=user))`): the agents and the person as one team; a default pattern moves by the
   * handoffs the agents declare, an automatic one lets a model pick, round robin and random share one thread.
   */
  function patternComponent(call: PyNode, kind: string): Json | undefined {
    const items = list(argument(call, 'agents'));
    if (!items) {
      gap(call, `the agents of an AG2 ${calleeName(call) ?? 'pattern'}, which are not written out as a list`);
      return undefined;
    }
    const participants: Json[] = [];
    for (const item of items) {
      const agent = agentComponent(item);
      const made = values.value(item);
      if (agent && made?.type === 'call') takeIn(made);
      if (agent) participants.push(agent);
      else gap(item, `an agent '${item.text.slice(0, 40)}' of an AG2 pattern that is not built in the code read`);
    }
    const user = argument(call, 'user_agent');
    const person = user ? agentComponent(user) : undefined;
    const madeUser = user ? values.value(user) : undefined;
    if (madeUser?.type === 'call') takeIn(madeUser);
    if (person && !participants.includes(person)) participants.push(person);
    // `group_after_work=AgentTarget(lead)`: an agent that finishes without handing off passes the turn there.
    const afterWork = argument(call, 'group_after_work');
    const fallback = afterWork ? ag2TargetsIn(afterWork) : [];
    for (const participant of participants) {
      const own = String((participant.config as Json).name);
      const handoffs = [...(ag2Handoffs.get(participant) ?? []), ...(participant === person ? [] : fallback.filter((target) => target !== own))];
      if (handoffs.length > 0) (participant.config as Json).handoffs = [...new Set([...(((participant.config as Json).handoffs as string[] | undefined) ?? []), ...handoffs])];
    }
    // `initiate_group_chat(pattern=pattern, max_rounds=20)`: the rounds bound the chat.
    const runs = calls.filter((each) => ['initiate_group_chat', 'a_initiate_group_chat', 'run_group_chat', 'a_run_group_chat'].includes(calleeName(each) ?? ''));
    const run = runs.find((each) => same(values.value(argument(each, 'pattern', 0) ?? each), call));
    const rounds = run ? number(argument(run, 'max_rounds')) : undefined;
    const label = variableOf(call) ?? calleeName(call) ?? 'pattern';
    return placed({ provider: `autogen_agentchat.teams.${kind}`, label, config: { participants, ...(rounds !== undefined && { max_turns: rounds }) } }, call);
  }

  /** The agents an AG2 transition target names (`AgentTarget(b)`, `AgentNameTarget("b")`, `RevertToUserTarget()` → user). */
  function ag2TargetsIn(node: PyNode): string[] {
    return [node, ...descendants(node)].flatMap((each) => {
      if (each.type !== 'call') return [];
      const name = calleeName(each);
      if (name === 'AgentTarget') {
        const target = argument(each, 'agent', 0);
        const component = target ? agentComponent(target) : undefined;
        return component ? [String((component.config as Json).name)] : [];
      }
      if (name === 'AgentNameTarget') return [text(argument(each, 'agent_name', 0)) ?? ''].filter(Boolean);
      if (name === 'RevertToUserTarget') return ['user'];
      return [];
    });
  }

  /**
   * AG2 handoffs, by agent: `a.handoffs.add_many([OnCondition(target=AgentTarget(b), …)])`,
   * `a.handoffs.set_after_work(AgentTarget(b))`, and a function of the agent's that returns
   * `ReplyResult(target=AgentNameTarget("b"))`; `RevertToUserTarget()` hands back to the person.
   */
  function readAg2Handoffs(): void {
    // A handoff to itself (a function that keeps the turn) moves nothing.
    const add = (host: Json, targets: readonly string[]): void => {
      const others = targets.filter((target) => target !== String((host.config as Json).name));
      if (others.length > 0) ag2Handoffs.set(host, [...(ag2Handoffs.get(host) ?? []), ...others]);
    };
    for (const call of calls) {
      const fn = call.childForFieldName('function');
      const owner = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      if (!owner || owner.type !== 'attribute' || owner.childForFieldName('attribute')?.text !== 'handoffs') continue;
      const hostNode = owner.childForFieldName('object');
      const host = hostNode ? agentComponent(hostNode) : undefined;
      if (host) add(host, ag2TargetsIn(call.childForFieldName('arguments') ?? call));
      else if (hostNode) gap(call, `handoffs of '${hostNode.text.slice(0, 40)}', which is not an agent built in the code read`);
    }
    // Functions an agent can call that hand the conversation on (`ReplyResult(target=AgentNameTarget("b"))`).
    for (const call of calls) {
      if (!AGENT_KINDS.has(kindOf(call))) continue;
      const host = agentComponent(call);
      // (Also the functions a project class gives in its `super().__init__`.)
      const inherited = superInit(call);
      const functions = list(argument(call, 'functions') ?? (inherited ? argument(inherited, 'functions') : undefined));
      if (!host || !functions) continue;
      for (const item of functions) {
        for (const target of replyTargets(item)) add(host, ag2TargetsIn(target));
      }
    }
  }

  /**
   * `MagenticOne(client=…, code_executor=…)` (autogen_ext.teams.magentic_one): the prebuilt team it
   * makes, an orchestrator over a web surfer, a file surfer, a coder and a terminal that runs the
   * coder's code in the executor given: a local one runs it on the host, a Docker one in a
   * container. With none given, it runs in Docker only when a Docker daemon is running, else on the
   * host (older autogen-ext versions always on the host): not a sandbox the code can count on. An
   * `approval_func` asks before each run of code.
   */
  function magenticOneTeam(call: PyNode): Json {
    const client = argument(call, 'client', 0);
    const made = client ? values.value(client) : undefined;
    const model = made?.type === 'call' ? text(argument(made, 'model', 0)) : undefined;
    const modelClient = model !== undefined ? { model_client: { config: { model } } } : {};
    const executor = argument(call, 'code_executor');
    const executorCall = executor ? values.value(executor) : undefined;
    const local = executorCall === undefined || (executorCall.type === 'call' && /LocalCommandLineCodeExecutor/.test(calleeName(executorCall) ?? ''));
    const approved = argument(call, 'approval_func') !== undefined && text(argument(call, 'approval_func')) !== 'None';
    const member = (provider: string, name: string, extra: Json = {}): Json => placed({ provider, config: { name, ...modelClient, ...extra } }, call);
    const participants = [
      member('autogen_ext.agents.web_surfer.MultimodalWebSurfer', 'WebSurfer'),
      member('autogen_ext.agents.file_surfer.FileSurfer', 'FileSurfer'),
      member('autogen_ext.agents.magentic_one.MagenticOneCoderAgent', 'Coder'),
      placed({ provider: 'autogen_agentchat.agents.CodeExecutorAgent', config: { name: 'ComputerTerminal', ...(!local && { sandboxed: true }), ...(approved && { approval_func: true }) } }, call),
    ];
    return placed({ provider: 'autogen_agentchat.teams.MagenticOneGroupChat', label: variableOf(call) ?? 'MagenticOne', config: { participants } }, call);
  }

  /** Agents that start a chat with this manager and are no members of its group chat: the `initiate_chat` receivers. */
  function outsideInitiators(manager: PyNode): PyNode[] {
    const chat = argument(manager, 'groupchat', 0);
    const chatCall = chat ? values.value(chat) : undefined;
    const made = (node: PyNode): string | undefined => {
      const value = values.value(node);
      return value ? idOf(value) : undefined;
    };
    const members = new Set((chatCall?.type === 'call' ? (list(argument(chatCall, 'agents', 0)) ?? []) : []).map(made));
    const isManager = (node: PyNode | undefined): boolean => node !== undefined && made(node) === idOf(manager);
    const found: PyNode[] = [];
    for (const each of calls) {
      const fn = each.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const caller = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      if (!caller || caller.type !== 'identifier') continue;
      const starts =
        ((method === 'initiate_chat' || method === 'a_initiate_chat') && isManager(argument(each, 'recipient', 0))) ||
        ((method === 'initiate_chats' || method === 'a_initiate_chats') && (list(argument(each, 'chat_queue', 0)) ?? []).some((entry) => isManager(values.dictionaryEntries(entry)?.find((item) => item.key === 'recipient')?.value)));
      if (starts && !members.has(made(caller)) && !found.some((other) => other.text === caller.text)) found.push(caller);
    }
    return found;
  }

  /** 0.2: `GroupChat(agents=[…], max_round=N)` under `GroupChatManager(groupchat=…)`: a selector over the members. */
  function groupChatComponent(manager: PyNode): Json | undefined {
    const chat = argument(manager, 'groupchat', 0);
    const call = chat ? values.value(chat) : undefined;
    if (!call || call.type !== 'call' || kindOf(call) !== 'GroupChat') {
      gap(manager, 'a GroupChatManager whose group chat is not built in the code read');
      return undefined;
    }
    const participants: Json[] = [];
    const branches = new BranchGroups();
    for (const item of list(argument(call, 'agents', 0)) ?? []) {
      const agent = agentComponent(item);
      const made = values.value(item);
      if (agent && made?.type === 'call') takeIn(made);
      if (agent) branches.add(item, participants.push(agent) - 1);
      else gap(item, `a member '${item.text.slice(0, 40)}' of a GroupChat that is not built in the code read`);
    }
    const maxRound = number(argument(call, 'max_round'));
    // A speaker picked by a function of the code (`speaker_selection_method=select_next(engineer, executor)`):
    // which member follows which is that function's, not read; every member is read as able to follow every other.
    const selection = argument(call, 'speaker_selection_method');
    if (selection !== undefined && text(selection) === undefined && selection.type !== 'none') {
      gap(selection, `the next speaker is picked by '${selection.text.replace(/\s+/g, ' ').slice(0, 50)}', a function of the code: who follows whom is not read (any member is taken to follow any other)`);
    }
    const name = text(argument(manager, 'name')) ?? variableOf(manager) ?? 'chat_manager';
    return placed({ provider: 'autogen_agentchat.teams.SelectorGroupChat', label: name, config: { participants, ...branches.config(), ...(maxRound !== undefined && { max_turns: maxRound }) } }, manager);
  }

  const draft = new GraphDraft();
  const reader = new ComponentReader(draft, problems, (path) => locate(currentRoot)(path));
  let currentRoot: Json = {};
  const systems: Array<{ component: Json; call: PyNode }> = [];
  const managedChats = new Set<string>();
  // Every agent first, so that the teams they wrap (a SocietyOfMindAgent's) are known as wrapped.
  for (const call of calls) if (AGENT_KINDS.has(kindOf(call))) agentComponent(call, true);
  if (legacy) readAg2Handoffs();
  if (legacy) for (const call of calls) nestedChats(call);
  for (const call of calls) {
    const kind = kindOf(call);
    if (TEAM_KINDS.has(kind)) {
      const team = teamComponent(call);
      if (team) systems.push({ component: team, call });
    } else if (kind === 'MagenticOne' && /\bautogen_ext\.teams\.magentic_one\b/.test(file.text)) {
      systems.push({ component: magenticOneTeam(call), call });
    } else if (legacy && AG2_PATTERNS[kind] !== undefined) {
      const team = patternComponent(call, AG2_PATTERNS[kind] as string);
      if (team) systems.push({ component: team, call });
    } else if (legacy && kind === 'GroupChatManager') {
      // A manager made again over the same group chat (`reset()` rebuilding it) is the same team.
      const groupChat = argument(call, 'groupchat', 0);
      const made = groupChat ? values.value(groupChat) : undefined;
      if (made && managedChats.has(idOf(made))) continue;
      if (made) managedChats.add(idOf(made));
      const chat = groupChatComponent(call);
      if (chat) systems.push({ component: chat, call });
    }
  }
  // Teams wrapped by another component (a SocietyOfMindAgent, a TeamTool) are read inside it.
  const wrapped = new Set<number>();
  for (const component of rebuilt.values()) {
    const config = component.config as Json;
    if (config.team && typeof config.team === 'object') for (const { component: team, call } of systems) if (team === config.team) wrapped.add(call.startIndex);
    for (const tool of (config.tools as Json[] | undefined) ?? []) {
      const inner = (tool.config as Json | undefined)?.team;
      for (const { component: team, call } of systems) if (team === inner) wrapped.add(call.startIndex);
    }
  }
  /** Teams built here, by the function that builds them: an agent built beside one and left out of it belongs to its system. */
  const teamsBuilt: Array<{ scope: number; prefix: string; label: string; location: Location }> = [];
  for (const { component, call } of systems) {
    if (wrapped.has(call.startIndex)) continue;
    // A team none of whose members is built here is only its gaps: no team node standing alone.
    if (((component.config as Json).participants as Json[] | undefined)?.length === 0) continue;
    currentRoot = component;
    const prefix = `autogen-code:${file.path}:${at(call).line}`;
    const label = String(component.label);
    // A team that is one of several agents per run (`[agent]`, set in an if/else) is that agent's system alone, one per branch.
    for (const key of reader.readTeam(component, [], prefix)) if (draft.hasAgent(key)) draft.assign(key, reader.alone.has(component) ? `${prefix}:${key}` : prefix, label, at(call));
    if (!reader.alone.has(component)) teamsBuilt.push({ scope: enclosing(call, 'function_definition')?.startIndex ?? -1, prefix, label, location: at(call) });
    // 0.2: an agent of the file that is no member starts a chat with the manager (`planner.initiate_chat(manager, …)`,
    // `initiate_chats([{"recipient": manager, …}])`): it talks with the group through its manager.
    const coordinator = legacy && kindOf(call) === 'GroupChatManager' ? reader.coordinatorOf(component) : undefined;
    for (const initiator of coordinator ? outsideInitiators(call) : []) {
      const made = values.value(initiator);
      const agent = agentComponent(initiator);
      if (!agent || made?.type !== 'call' || kindOf(made) === 'UserProxyAgent' || String((agent.provider as string | undefined) ?? '').endsWith('UserProxyAgent')) continue;
      const key = reader.readAgent(agent, [], prefix);
      if (!key || key === coordinator || !draft.hasAgent(key)) continue;
      takeIn(made);
      // (Read outside the team's component, it stands where it is built, not at the manager.)
      const node = draft.agent(key);
      if (node) node.location = at(made);
      draft.assign(key, prefix, label, at(call));
      // (A chat of two: the agent and the group, through its manager, answering each other in turn.)
      draft.addEdge(key, coordinator as string, 'peer', at(initiator));
    }
  }
  // 0.2 two-agent chats: `a.initiate_chat(b, …)` with two agents of this file is a chat of two.
  // The chats one agent starts in the same function are one pipeline it runs (`proxy.initiate_chat(reader)`,
  // then `proxy.initiate_chat(writer, message=reader.last_message()["content"])`): one system, and a
  // data edge where a later chat's message reads an earlier recipient's reply or chat result.
  if (legacy) {
    const pipelines = new Map<string, { prefix: string; label: string; at: Location; chats: Array<{ call: PyNode; recipient: PyNode; name: string; result?: string; queue?: PyNode }> }>();
    /** One chat of a pipeline: `initiator` starts it with `recipient`; `carries` when the previous chat's summary is handed on (initiate_chats). */
    const addChat = (call: PyNode, site: PyNode, initiator: PyNode, recipient: PyNode, message: string, maxTurnsWritten: PyNode | undefined, carries: boolean): void => {
      const recipientCall = values.value(recipient);
      if (kindOf(recipientCall ?? site) === 'GroupChatManager') return;
      if (recipientCall?.type !== 'call') {
        // A recipient the code read cannot follow (a dict of agents, a factory's return): said, not dropped.
        if (agentComponent(initiator) !== undefined) gap(site, `a chat that '${initiator.text}' starts with '${recipient.text.slice(0, 40)}', which the code read does not resolve to an agent`);
        return;
      }
      const members = [agentComponent(initiator), agentComponent(recipient)];
      if (members.some((member) => member === undefined)) return;
      for (const made of [values.value(initiator), recipientCall]) if (made?.type === 'call') takeIn(made);
      const maxTurns = number(maxTurnsWritten);
      const group = `${enclosing(call, 'function_definition')?.startIndex ?? -1}:${initiator.text}`;
      const pipeline = pipelines.get(group) ?? { prefix: `autogen-code:${file.path}:${at(call).line}`, label: variableOf(call) ?? `${initiator.text}-chat`, at: at(call), chats: [] };
      pipelines.set(group, pipeline);
      // A chat of the sender with itself (a last turn deciding on what the queue brought back) has one member.
      const participants = members[0] === members[1] ? [members[0]] : members;
      const chat = placed({ provider: 'autogen_agentchat.teams.RoundRobinGroupChat', label: pipeline.label, config: { participants, ...(maxTurns !== undefined && { max_turns: maxTurns }) } }, call);
      currentRoot = chat;
      for (const key of reader.readTeam(chat, [], pipeline.prefix)) if (draft.hasAgent(key)) draft.assign(key, pipeline.prefix, pipeline.label, pipeline.at);
      const name = String(((members[1] as Json).config as Json).name);
      const result = call.parent?.type === 'assignment' && call === site ? call.parent.childForFieldName('left')?.text : undefined;
      for (const earlier of pipeline.chats) {
        // `reader.last_message()`, `proxy.last_message(reader)`, or the earlier chat's result.
        const recipient = escapeRegExp(earlier.recipient.text);
        const reads = new RegExp(`\\b${recipient}\\s*\\.\\s*(last_message|chat_messages)\\b|\\.\\s*(last_message|chat_messages)\\s*\\(\\s*${recipient}\\s*\\)`).test(message) || (earlier.result !== undefined && new RegExp(`\\b${escapeRegExp(earlier.result)}\\b`).test(message));
        const from = `${pipeline.prefix}:${earlier.name}`;
        const to = `${pipeline.prefix}:${name}`;
        // initiate_chats carries the summaries of every earlier chat of its queue over into each chat.
        const carried = carries && earlier.queue === call;
        if ((reads || carried) && from !== to && draft.hasAgent(from) && draft.hasAgent(to)) draft.addEdge(from, to, 'data', at(site));
      }
      // A reply asked of another agent before the chat (`r = writer.generate_reply(messages=…)`) and
      // handed on in its message (`message=… + r["content"]`): that agent's output starts this chat.
      const scopeStart = enclosing(call, 'function_definition')?.startIndex ?? -1;
      for (const reply of replies) {
        if (reply.scope !== scopeStart || reply.call.startIndex > call.startIndex || !new RegExp(`\\b${escapeRegExp(reply.variable)}\\b`).test(message)) continue;
        const component = agentComponent(reply.agent);
        const made = values.value(reply.agent);
        if (!component || made?.type !== 'call') continue;
        // A member's own reply opening its chat is that chat's talk already.
        const chatMade = [values.value(initiator), recipientCall].map((each) => each?.startIndex);
        if (chatMade.includes(made.startIndex)) continue;
        takeIn(made);
        // Another agent of the same name as one of the chat (two writers both called 'CFP Writer') stays another agent.
        const sameName = members.some((member) => String(((member as Json).config as Json).name) === String(((component as Json).config as Json).name));
        const from = reader.readAgent(component, [], sameName ? `${pipeline.prefix}:${at(made).line}` : pipeline.prefix);
        if (!from || !draft.hasAgent(from)) continue;
        draft.assign(from, pipeline.prefix, pipeline.label, pipeline.at);
        // (The message is written by code, not by the initiator's model: the recipient reads it first.)
        const to = `${pipeline.prefix}:${name}`;
        if (to !== from && draft.hasAgent(to)) draft.addEdge(from, to, 'data', at(site));
      }
      pipeline.chats.push({ call: site, recipient, name, ...(result !== undefined && { result }), ...(carries && { queue: call }) });
    };
    /** `r = agent.generate_reply(…)`: a reply asked of an agent by plain code, kept in a variable. */
    const replies = calls.flatMap((call) => {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      const agent = fn?.childForFieldName('object');
      const assignment = call.parent?.type === 'assignment' ? call.parent : call.parent?.type === 'await' && call.parent.parent?.type === 'assignment' ? call.parent.parent : undefined;
      const variable = assignment?.childForFieldName('left');
      if (!agent || variable?.type !== 'identifier' || (method !== 'generate_reply' && method !== 'a_generate_reply')) return [];
      return [{ call, agent, variable: variable.text, scope: enclosing(call, 'function_definition')?.startIndex ?? -1 }];
    });
    /**
     * A recipient a function of the project picks (`retrieve_agent(name)`, an if/elif returning one
     * agent or another): each agent it may return, when it returns two or more.
     */
    const picked = (recipient: PyNode): PyNode[] | undefined => {
      const through = values.callThrough(recipient);
      if (!through) return undefined;
      const returned = descendants(through.fn)
        .filter((node) => node.type === 'return_statement' && same(enclosing(node, 'function_definition'), through.fn))
        .map((node) => namedChildren(node)[0])
        .filter((node): node is PyNode => node !== undefined && (modules?.valuesOf(node) ?? values).value(node)?.type === 'call' && agentComponent(node) !== undefined);
      const distinct = returned.filter((node, index) => returned.findIndex((other) => same((modules?.valuesOf(other) ?? values).value(other), (modules?.valuesOf(node) ?? values).value(node))) === index);
      return distinct.length >= 2 ? distinct : undefined;
    };
    for (const call of calls) {
      const fn = call.childForFieldName('function');
      const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      // `initiate_chats([{"sender": manager, "recipient": a, …}, …])`, the module's own function
      // (`from autogen import initiate_chats`): each chat names its sender.
      const queueFunction = fn?.type === 'identifier' && (fn.text === 'initiate_chats' || fn.text === 'a_initiate_chats');
      const caller = fn?.childForFieldName('object') ?? undefined;
      if (!caller && !queueFunction) continue;
      // `await proxy.a_initiate_chat(helper)` is the same chat, run asynchronously.
      if (caller && (method === 'initiate_chat' || method === 'a_initiate_chat')) {
        const recipient = positional(call, 0) ?? argument(call, 'recipient');
        for (const each of recipient ? (picked(recipient) ?? [recipient]) : []) addChat(call, call, caller, each, argument(call, 'message')?.text ?? '', argument(call, 'max_turns'), false);
      } else if (queueFunction || method === 'initiate_chats' || method === 'a_initiate_chats') {
        // `user.initiate_chats([{"recipient": a, "message": …}, {"recipient": b, …}])`: chats in turn,
        // each carrying the summaries of those before it over into its own start.
        const queue = list(positional(call, 0) ?? argument(call, 'chat_queue'));
        if (!queue) {
          gap(call, caller ? `chats started by '${caller.text}' from a queue that is not written out in the code read` : 'chats started from a queue that is not written out in the code read');
          continue;
        }
        for (const item of queue) {
          const entry = values.value(item) ?? item;
          const field = (key: string): PyNode | undefined => (entry.type === 'dictionary' ? namedChildren(entry).find((pair) => pair.type === 'pair' && unquote(pair.childForFieldName('key')?.text ?? '') === key)?.childForFieldName('value') ?? undefined : undefined);
          const recipient = field('recipient');
          const sender = field('sender') ?? caller;
          if (!recipient || !sender) {
            gap(item, `a chat of ${caller ? `'${caller.text}''s queue` : 'a queue'} whose ${recipient ? 'sender' : 'recipient'} is not written out in the code read`);
            continue;
          }
          // Each agent a picking function may return is a chat of the queue, in an order not read.
          const choices = picked(recipient);
          for (const each of choices ?? [recipient]) addChat(call, item, sender, each, field('message')?.text ?? '', field('max_turns'), choices === undefined);
        }
      }
    }
    // A chat's result worked into another agent's prompt by plain code (`result = a.initiate_chat(b)`,
    // `summary = extract(result.chat_history)`, `prompt = f"…{summary}"`, `reviewer.generate_reply(
    // messages=[{"content": prompt}])`): the chat's recipient feeds that agent.
    for (const pipeline of pipelines.values()) {
      for (const chat of pipeline.chats) {
        if (chat.result === undefined) continue;
        const fn = enclosing(chat.call, 'function_definition') ?? root;
        const derived = new Set([chat.result]);
        for (const node of descendants(fn)) {
          if (node.type !== 'assignment' || node.startIndex < chat.call.startIndex) continue;
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (left?.type === 'identifier' && right && descendants(right).concat(right).some((each) => each.type === 'identifier' && derived.has(each.text))) derived.add(left.text);
        }
        for (const reply of calls) {
          const method = reply.childForFieldName('function');
          const asked = method?.type === 'attribute' && /^a?_?generate_reply$/.test(method.childForFieldName('attribute')?.text ?? '') ? method.childForFieldName('object') : undefined;
          if (!asked || reply.startIndex < chat.call.startIndex || !same(enclosing(reply, 'function_definition') ?? root, fn)) continue;
          if (!descendants(reply).some((each) => each.type === 'identifier' && derived.has(each.text))) continue;
          const component = agentComponent(asked);
          const made = values.value(asked);
          if (!component || made?.type !== 'call') continue;
          takeIn(made);
          const to = reader.readAgent(component, [], pipeline.prefix);
          const from = `${pipeline.prefix}:${chat.name}`;
          if (!to || !draft.hasAgent(to) || !draft.hasAgent(from) || to === from) continue;
          draft.assign(to, pipeline.prefix, pipeline.label, pipeline.at);
          draft.addEdge(from, to, 'data', at(reply));
        }
      }
    }
  }
  // Agents no team or chat of this file takes in: each its own system, and runs of several of them
  // by plain code (`await writer.on_messages(…)`, `agent.run(task=…)`) are a gap: their order is not read.
  // An agent a tool's function builds to do its work (a CodeExecutorAgent inside `execute_code`) is
  // that tool's implementation, not an agent of the system.
  const toolFunctions = new Set(calls.filter((call) => kindOf(call) === 'FunctionTool').flatMap((call) => {
    const wrapped = argument(call, 'func', 0);
    const fn = wrapped ? toolFunctionOf(wrapped) : undefined;
    return fn ? [fn.startIndex] : [];
  }));
  const loose: Array<{ call: PyNode; key: string }> = [];
  for (const call of calls) {
    if (!AGENT_KINDS.has(kindOf(call)) || usedInside.has(idOf(call)) || usedElsewhere.has(idOf(call)) || insideComponent(call)) continue;
    if (toolFunctions.has(enclosing(call, 'function_definition')?.startIndex ?? -1)) continue;
    const component = agentComponent(call);
    if (!component) continue;
    currentRoot = component;
    const prefix = `autogen-code:${file.path}:${at(call).line}`;
    const key = reader.readAgent(component, [], prefix);
    if (key && draft.hasAgent(key)) {
      // Built in the same function as one team, run by nothing, and left out of it (a critic the
      // planner's prompt waits for, missing from the group chat): an agent of that team's system, linked to nobody.
      const scope = enclosing(call, 'function_definition')?.startIndex ?? -1;
      const beside = teamsBuilt.filter((team) => team.scope === scope);
      const variable = variableOf(call);
      const runsIt = variable !== undefined && calls.some((each) => {
        const fn = each.childForFieldName('function');
        return fn?.type === 'attribute' && fn.childForFieldName('object')?.text === variable && /^(on_messages|on_messages_stream|run|run_stream|initiate_chat|a_initiate_chat|initiate_chats|generate_reply|a_generate_reply|register_nested_chats)$/.test(fn.childForFieldName('attribute')?.text ?? '');
      });
      const team = beside.length === 1 && !runsIt ? beside[0] : undefined;
      if (team) draft.assign(key, team.prefix, team.label, team.location);
      else {
        draft.assign(key, key, String((component.config as Json).name), at(call));
        loose.push({ call, key });
      }
    }
  }
  if (loose.length >= 2) {
    const runs = calls.filter((call) => {
      const fn = call.childForFieldName('function');
      return fn?.type === 'attribute' && fn.childForFieldName('object')?.text !== 'asyncio' && /^(on_messages|on_messages_stream|run|run_stream|a_initiate_chat|generate_reply|a_generate_reply)$/.test(fn.childForFieldName('attribute')?.text ?? '');
    });
    const byFunction = new Map<number, PyNode[]>();
    for (const run of runs) {
      const fn = enclosing(run, 'function_definition');
      const scope = fn?.startIndex ?? -1;
      byFunction.set(scope, [...(byFunction.get(scope) ?? []), run]);
    }
    // A run in a helper (`run_agent(agent, message)`) stands for every agent passed to it.
    for (const [, sites] of byFunction) {
      const first = sites[0] as PyNode;
      const owner = enclosing(first, 'function_definition')?.childForFieldName('name')?.text ?? 'the module';
      gap(first, `agents run by plain code in '${owner}' (${sites.length} run${sites.length === 1 ? '' : 's'} here, ${loose.length} agents built in this file): the order of the runs and what passes between them are not read`);
    }
  } else if (modules) {
    // Agents built in other modules of the run and run here one after another by plain code
    // (`from agents.planner import planner`, then `await planner.on_messages(…)`): said too.
    const importedRuns = calls.filter((call) => {
      const fn = call.childForFieldName('function');
      const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
      if (receiver?.type !== 'identifier' || !/^(on_messages|on_messages_stream|run|run_stream|a_initiate_chat|initiate_chat)$/.test(fn?.childForFieldName('attribute')?.text ?? '')) return false;
      const made = values.value(receiver);
      return made?.type === 'call' && AGENT_KINDS.has(kindOf(made)) && modules.valuesOf(made) !== undefined && modules.valuesOf(made) !== values;
    });
    const byFunction = new Map<number, PyNode[]>();
    for (const run of importedRuns) byFunction.set(enclosing(run, 'function_definition')?.startIndex ?? -1, [...(byFunction.get(enclosing(run, 'function_definition')?.startIndex ?? -1) ?? []), run]);
    for (const [, sites] of byFunction) {
      const agents = new Set(sites.map((site) => site.childForFieldName('function')?.childForFieldName('object')?.text));
      if (agents.size < 2) continue;
      const first = sites[0] as PyNode;
      const owner = enclosing(first, 'function_definition')?.childForFieldName('name')?.text ?? 'the module';
      gap(first, `agents of other modules run by plain code in '${owner}' (${[...agents].join(', ')}): the order of the runs and what passes between them are not read`);
    }
  }
  // Functions registered on an agent the code read cannot name (`def register_functions(agent, …):
  // agent.register_for_llm(name=…)(f)`, the agent a parameter): which agent's model may call them is not read.
  if (legacy) {
    for (const node of calls) {
      const receiver = curried(node, 'register_for_llm')?.receiver;
      if (!receiver || constructorOf(receiver, AGENT_KINDS) !== undefined) continue;
      gap(node, `functions registered for the model of '${receiver.text}', which the code read does not resolve to one agent (a helper's parameter?): which agents may call them, and what they do, is not read`);
    }
  }
  // A team or agent picked at run time from a dict of them (`team = teams.get(intent)`, then
  // `team.run_stream(task=…)`): which one runs, and what decides it, is not read. Said at the run.
  for (const call of calls) {
    const fn = call.childForFieldName('function');
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    if (receiver?.type !== 'identifier' || !/^(on_messages|on_messages_stream|run|run_stream)$/.test(fn?.childForFieldName('attribute')?.text ?? '')) continue;
    const picked = values.value(receiver);
    const lookup = picked?.type === 'call' && picked.childForFieldName('function')?.type === 'attribute' && picked.childForFieldName('function')?.childForFieldName('attribute')?.text === 'get' ? picked.childForFieldName('function')?.childForFieldName('object') : picked?.type === 'subscript' ? picked.childForFieldName('value') : undefined;
    const table = lookup ? values.value(lookup) : undefined;
    if (table?.type !== 'dictionary') continue;
    const tableValues = modules?.valuesOf(table) ?? values;
    const choices = namedChildren(table)
      .filter((pair) => pair.type === 'pair')
      .flatMap((pair) => {
        const value = pair.childForFieldName('value');
        const made = value ? tableValues.value(value) : undefined;
        return value && made?.type === 'call' && (AGENT_KINDS.has(kindOf(made)) || TEAM_KINDS.has(kindOf(made))) ? [value.text] : [];
      });
    if (choices.length === 0) continue;
    gap(call, `'${receiver.text}' is picked at run time from '${lookup?.text ?? 'a dict'}' (${choices.join(', ')}): which one runs, and what decides it (an agent's answer before it?), is not read`);
  }
  // Agents of autogen-core (`class Writer(RoutedAgent)` registered on a runtime, talking by
  // messages) are no components: their links are in message handlers the reader does not follow.
  // (`BaseAgent` is also what projects call their own base class: it counts when imported from autogen_core.)
  const coreBase = /\bfrom\s+autogen_core[\w.]*\s+import\s+(\([^)]*|[^\n]*)\bBaseAgent\b/.test(file.text) ? /\b(RoutedAgent|BaseAgent)\b/ : /\bRoutedAgent\b|\bautogen_core\.BaseAgent\b/;
  const coreClass = nodes.find((node) => node.type === 'class_definition' && coreBase.test(node.childForFieldName('superclasses')?.text ?? ''));
  if (coreClass) gap(coreClass, `an autogen-core agent class ('${coreClass.childForFieldName('name')?.text ?? 'agent'}') on a message runtime: its agents and the messages between them are not read`);
  const fragments = draft.toFragments('autogen');
  // A file that imports AutoGen's agents or teams but yields nothing read: said at the import.
  // A module that only defines the project's own agent or team classes is read where they are used.
  // …and one whose agents a team of another module takes in is read there.
  const readElsewhere = calls.some((call) => usedElsewhere.has(idOf(call)));
  if (fragments.length === 0 && problems.length === 0 && ownClasses === 0 && !readElsewhere) {
    const imported = AUTOGEN_PARTS.exec(file.text);
    // (Not a module that passes AutoGen's names on, `__all__ = ["AssistantAgent", …]`: they are read where used.)
    const passedOn = imported !== null && new RegExp(`__all__\\s*=\\s*[[(][^\\])]*[\\x27\\x22]${imported[1]}[\\x27\\x22]`).test(file.text);
    if (imported && !passedOn) problems.push({ ruleId: 'extraction-gap', message: `imports AutoGen's ${imported[1]} but defines no agent or link that can be read statically`, location: { file: file.path, line: file.text.slice(0, imported.index).split('\n').length, column: 1 } });
  }
  const coverage = fileCoverage([{ file: file.path, extractor: 'autogen-code' }], fragments, problems);
  return { fragments, problems, gaps: problems.filter((problem) => problem.ruleId === 'extraction-gap').length, coverage };

  /** The function a FunctionTool wraps, when this file defines it: `execute_code`, or `self.execute_code` of the class. */
  function toolFunctionOf(written: PyNode): PyNode | undefined {
    const object = written.type === 'attribute' ? written.childForFieldName('object') : undefined;
    const name = written.type === 'identifier' ? written.text : object?.text === 'self' ? written.childForFieldName('attribute')?.text : undefined;
    if (name === undefined) return undefined;
    const cls = object ? enclosing(written, 'class_definition') : undefined;
    return nodes.find((node) => node.type === 'function_definition' && node.childForFieldName('name')?.text === name && same(enclosing(node, 'class_definition'), cls));
  }

  /** True when a call sits inside another agent or team constructor (an AgentTool's agent, a team's list). */
  function insideComponent(call: PyNode): boolean {
    for (let node = call.parent; node; node = node.parent) {
      if (node.type === 'call' && (AGENT_KINDS.has(kindOf(node)) || TEAM_KINDS.has(kindOf(node)) || ['AgentTool', 'TeamTool', 'GroupChat'].includes(kindOf(node)))) return true;
    }
    return false;
  }
}

/**
 * Members that are the branches of one `if`/`elif`/`else` (`coder` is a quick or a careful coder):
 * only one of them is in the team on a run, so they never talk to each other. Kept in the team's
 * config as `alternatives`, lists of participant indices.
 */
class BranchGroups {
  private readonly groups = new Map<number, number[]>();

  add(item: PyNode, index: number): void {
    if (item.parent?.type !== 'assignment') return;
    let clause = item.parent.parent?.parent?.parent;
    if (clause?.type === 'elif_clause' || clause?.type === 'else_clause') clause = clause.parent;
    if (clause?.type !== 'if_statement') return;
    this.groups.set(clause.startIndex, [...(this.groups.get(clause.startIndex) ?? []), index]);
  }

  config(): Json {
    const alternatives = [...this.groups.values()].filter((group) => group.length > 1);
    return alternatives.length > 0 ? { alternatives } : {};
  }
}
