// CrewAI crews written as plain Python: `Agent(...)`, `Task(...)` and `Crew(...)` calls in a
// script, a function or a class without @CrewBase. Read with tree-sitter, never run.
import type { Location, Problem } from '../model/index.js';
import { boundParameters, calleeName, descendants, enclosing, keywordArguments, modelBySetting, namedChildren, PyValues, same, unquote, type PyModules, type PyNode } from './python.js';
import { declaredToolName, mcpServerOf, withSandboxedTools, withToolEffects } from './python-tools.js';

/** One crew as its code builds it: agents and tasks in order, and what only code sets. */
export interface CrewCode {
  file: string;
  className: string;
  location: Location;
  /** Agents in order: how tasks name them (method or variable) → agent key (the YAML key when configured there), and what code adds. */
  agents: Array<{ method: string; key: string; allowDelegation?: boolean; llm?: string; role?: string; goal?: string; tools: string[]; toolEffects?: Record<string, string>; toolServers?: Record<string, string>; sandboxedTools?: string[]; codeExecution?: 'host' | 'sandboxed'; location: Location; modelUnset?: ModelUnset }>;
  tasks: Array<{ method: string; key: string; agent?: string; context?: string[]; humanInput?: boolean; asyncExecution?: boolean; tools?: string[]; location: Location }>;
  hierarchical: boolean;
  /** A hierarchical crew's manager, and the model it judges with when the code names one. */
  manager?: { name: string; location: Location; model?: string };
  /** The YAML files a @CrewBase class names (`agents_config = "config/agents_screening.yaml"`), resolved against its file. */
  configs?: { agents?: string; tasks?: string };
  /** Agents the class builds that none of its crews lists (a class with several @crew methods). */
  idleAgents?: string[];
}

/**
 * An agent built with no `llm` (and nothing spread in that could hold one) runs on CrewAI's
 * default model, the same for every such agent of the process: `plain` when nothing else could
 * give it one, `config` when its YAML entry could (it is read there).
 */
export type ModelUnset = 'plain' | 'config';

/** The model CrewAI gives an agent built with no `llm` (the `OPENAI_MODEL_NAME` setting, else its default). */
export const CREWAI_DEFAULT_MODEL = 'crewai-default';

/** How an `Agent(…)` call leaves its model unset, if it does. */
export function modelUnsetBy(call: PyNode, kwargs: ReadonlyMap<string, PyNode>): ModelUnset | undefined {
  if (kwargs.has('llm')) return undefined;
  const list = call.childForFieldName('arguments');
  if (list && namedChildren(list).some((argument) => argument.type === 'dictionary_splat' || argument.type === 'list_splat')) return undefined;
  return kwargs.has('config') ? 'config' : 'plain';
}

/** `{ modelUnset }` when the model is left unset, else nothing (to spread into an agent). */
export function unsetModel(unset: ModelUnset | undefined): { modelUnset?: ModelUnset } {
  return unset === undefined ? {} : { modelUnset: unset };
}

/** `self.agents_config['researcher']`, `agents_config["researcher"]` → `researcher`. */
export function configKeyOf(node: PyNode | undefined): string | undefined {
  if (!node || node.type !== 'subscript') return undefined;
  const index = node.childForFieldName('subscript');
  return index?.type === 'string' ? unquote(index.text) : undefined;
}

/**
 * `"gpt-4o"`, `LLM(model="gpt-4o")` → the model name; other code stands for itself (two agents
 * given the same `llm` share it). A model built from settings spread in (`LLM(**llm_kwargs)`,
 * filled per agent by a helper) is not known: undefined.
 */
export function modelText(node: PyNode, values?: PyValues): string | undefined {
  if (node.type === 'string') return unquote(node.text);
  if (node.type === 'call') {
    const model = keywordArguments(node).get('model') ?? keywordArguments(node).get('model_name');
    if (model?.type === 'string') return unquote(model.text);
    if (model) return modelBySetting(node, model);
    const splats = namedChildren(node.childForFieldName('arguments') as PyNode).filter((argument) => argument.type === 'dictionary_splat' || argument.type === 'list_splat');
    if (splats.length > 0) {
      // `LLM(**kwargs)` where `kwargs = {"model": MODEL, …}` is written out just before.
      const spread = splats[0]?.type === 'dictionary_splat' ? namedChildren(splats[0])[0] : undefined;
      const written = values?.dictionaryEntries(spread)?.find((entry) => entry.key === 'model' || entry.key === 'model_name')?.value;
      if (written) {
        const resolved = values?.value(written) ?? written;
        return resolved.type === 'string' ? unquote(resolved.text) : resolved.text;
      }
      // Built once at module level (`llm = LLM(**SETTINGS["llm"])`) it is one model every agent
      // given it shares; built per call by a helper, which model each agent gets is not known.
      return enclosing(node, 'function_definition') === undefined ? node.text : undefined;
    }
  }
  return node.text;
}

/** A gap for an agent whose model is built where the code read cannot name it (`LLM(**llm_kwargs)`). */
export function modelGap(agent: string, written: PyNode | undefined, model: string | undefined, location: Location): Problem[] {
  if (!written || model !== undefined) return [];
  return [{ ruleId: 'extraction-gap', message: `the model of agent '${agent}' (${written.text.replace(/\s+/g, ' ').slice(0, 60)}) is built from settings read at run time: it is not compared with other agents' models`, location }];
}

/** `{ [key]: model }` when the model is known, else nothing (to spread into an object). */
export function withModel<K extends string>(key: K, model: string | undefined): Partial<Record<K, string>> {
  return model === undefined ? {} : ({ [key]: model } as Record<K, string>);
}

/** What a name written in code reads as: `self._web_researcher` → `web_researcher`. */
/**
 * The name of an agent or a task written in place: the key it is kept under in a dictionary
 * (`{"researcher": Agent(…)}`), else its role or a description's first words, else as written.
 */
function writtenName(node: PyNode): string {
  // `agents["scout"]`: the key it is kept under.
  if (node.type === 'subscript' && node.childForFieldName('subscript')?.type === 'string') return unquote(node.childForFieldName('subscript')?.text ?? '');
  if (node.type === 'call') {
    // `{"researcher": Agent(…)}`, or `tasks["plan"] = Task(…)`.
    const left = node.parent?.type === 'assignment' ? node.parent.childForFieldName('left') : undefined;
    const key = node.parent?.type === 'pair' ? node.parent.childForFieldName('key') : left?.type === 'subscript' ? left.childForFieldName('subscript') : undefined;
    if (key?.type === 'string') return unquote(key.text);
    const role = keywordArguments(node).get('role') ?? keywordArguments(node).get('name');
    if (role?.type === 'string') return unquote(role.text).trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  }
  return plainName(node);
}

function plainName(node: PyNode): string {
  return node.text.replace(/^self\./, '').replace(/^_+/, '').replace(/\(.*$/s, '');
}

/** A tool as a name: `search_tool` → what it holds when that is a function or a tool class (`tweet`, `LinkedInPostingTool`). */
function toolName(values: PyValues, item: PyNode): string {
  const value = values.lastKnown(item);
  if (value.type === 'call') return declaredToolName(values, value) ?? calleeName(value) ?? value.text;
  if (value.type === 'identifier' || value.type === 'attribute') return value.text.split('.').pop() ?? value.text;
  // A tool function imported from another module (`from twitter import *` … `tools=[tweet]`).
  if (value.type === 'function_definition') return value.childForFieldName('name')?.text ?? plainName(item);
  return plainName(item);
}

/**
 * An agent's tools when they are an MCP server's (`with MCPServerAdapter(params) as tools:` …
 * `Agent(tools=tools)`, also handed on as a parameter, or `adapter.tools`): one tool named for the
 * server, judged by what the server is. A server named by a bare endpoint is a gap as well.
 */
export function mcpTools(values: PyValues, written: PyNode | undefined, agent: string, at: (node: PyNode) => Location): { tools: string[]; toolServers: Record<string, string>; problems: Problem[] } | undefined {
  const server = written ? mcpServerOf(values, written) : undefined;
  if (!server || !written) return undefined;
  const name = `mcp:${server.label}`;
  const problems: Problem[] = server.namesNoService
    ? [{ ruleId: 'extraction-gap', message: `the tools of agent '${agent}' come from an MCP server at '${server.server}' that names no service: they are listed only when it runs, and what they do is not read`, location: at(written) }]
    : [];
  return { tools: [name], toolServers: { [name]: server.server }, problems };
}

/** An agent's listed tools by name, those that are a server's or a hosted toolkit's (`ComposioTool.from_app(App.GITHUB)`) named for it and judged by it. */
export function listedTools(values: PyValues, items: readonly PyNode[], nameOf: (item: PyNode) => string): { tools: string[]; toolServers?: Record<string, string>; unread: PyNode[] } {
  const servers: Record<string, string> = {};
  const unread: PyNode[] = [];
  const tools = items.flatMap((item) => {
    // A spread the code read cannot list (`*toolset.get_tools(actions=[…])`) is a toolkit's, unless it is one app's.
    const spread = item.type === 'list_splat' ? namedChildren(item)[0] : undefined;
    const actions = spread ? enterpriseActions(values, spread) : undefined;
    if (actions) return actions;
    const server = mcpServerOf(values, spread ?? item);
    if (!server && spread) {
      unread.push(spread);
      return [];
    }
    if (!server) return [nameOf(item)];
    servers[`mcp:${server.label}`] = server.server;
    return [`mcp:${server.label}`];
  });
  return { tools, ...(Object.keys(servers).length > 0 && { toolServers: servers }), unread };
}

/**
 * The actions CrewAI's enterprise toolkit is limited to (`CrewaiEnterpriseTools(actions_list=["gmail_send_email"])`),
 * each a tool named for it; undefined for any other value, and for the toolkit without a list (every action the account enables).
 */
export function enterpriseActions(values: PyValues, node: PyNode): string[] | undefined {
  const value = values.lastKnown(node);
  if (value.type !== 'call' || calleeName(value) !== 'CrewaiEnterpriseTools') return undefined;
  const listed = keywordArguments(value).get('actions_list');
  const items = listed ? values.items(listed) : undefined;
  const names = items?.map((item) => values.value(item)).map((item) => (item?.type === 'string' ? unquote(item.text) : undefined));
  return names && names.length > 0 && names.every((name) => name !== undefined) ? (names as string[]) : undefined;
}

/** A gap for an agent's tools that the code read cannot list (`tools=config.get_tools()`): what it can do is unchecked. */
export function toolsGap(agent: string, written: PyNode, location: Location): Problem {
  return { ruleId: 'extraction-gap', message: `the tools of agent '${agent}' (${written.text.replace(/\s+/g, ' ').slice(0, 60)}) are built where the code read cannot follow them: what they can do is not checked`, location };
}

export interface PlainCrews {
  crews: CrewCode[];
  problems: Problem[];
  /** The file builds agents or tasks from a crew's YAML configuration (`agents_config[...]`). */
  usesConfig: boolean;
}

/**
 * The crews a plain Python file builds: one per `Crew(...)` call whose tasks can be followed to
 * their `Task(...)` calls (in the call, through variables, `self.` attributes and functions that
 * return them); a crew whose tasks or agents are assembled at run time is a gap at the call.
 */
export function readPlainCrews(file: { path: string; text: string }, root: PyNode, modules?: PyModules): PlainCrews {
  const values = modules?.module(file.path) ?? new PyValues(root, file.path);
  // Agents and tasks may be written in another module the crew imports them from.
  const at = (node: PyNode): Location => ({ file: values.fileOf(node), line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  const problems: Problem[] = [];
  const crews: CrewCode[] = [];
  const calls = descendants(root).filter((node) => node.type === 'call');
  /** `task.context = [...]` written after the task is built, by the task's variable, per module (a task may be built in another one). */
  const contextsByModule = new Map<string, Map<string, PyNode>>();
  const contextSetAfter = (task: PyNode, variable: string): PyNode | undefined => {
    const path = values.fileOf(task);
    let found = contextsByModule.get(path);
    if (!found) {
      found = new Map();
      let moduleRoot: PyNode = task;
      while (moduleRoot.parent) moduleRoot = moduleRoot.parent;
      for (const node of descendants(moduleRoot)) {
        if (node.type !== 'assignment') continue;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'attribute' && left.childForFieldName('attribute')?.text === 'context' && right) found.set(left.childForFieldName('object')?.text ?? '', right);
      }
      contextsByModule.set(path, found);
    }
    return found.get(variable);
  };
  /** The variable a call is assigned to (`review = Task(...)`). */
  const assignedTo = (call: PyNode): string | undefined => (call.parent?.type === 'assignment' && call.parent.childForFieldName('right')?.startIndex === call.startIndex ? call.parent.childForFieldName('left')?.text : undefined);
  const crewCalls = calls.filter((call) => calleeName(call) === 'Crew');
  const usesConfig = /\b(agents_config|tasks_config)\b|agents\.ya?ml/.test(file.text);
  const named = new Map<string, number>();
  for (const call of crewCalls) {
    const kwargs = keywordArguments(call);
    const written = kwargs.get('tasks');
    // The tasks' order matters: a task chosen in an if/else is one slot of it, not every branch in a row.
    const taskItems = values.items(written, 0, false);
    if (values.pickedAtRunTime(written)) {
      problems.push({ ruleId: 'extraction-gap', message: `the tasks of this crew (${(written?.text ?? '').replace(/\s+/g, ' ').slice(0, 50)}) are picked at run time (each branch of an if/elif in a loop adds another): which of them run, and in what order, is not read`, location: at(call) });
      continue;
    }
    const taskCalls = taskItems?.map((item) => ({ item, call: values.value(item) }));
    if (!taskCalls || taskCalls.length === 0 || taskCalls.some((each) => each.call?.type !== 'call' || calleeName(each.call) !== 'Task')) {
      problems.push({ ruleId: 'extraction-gap', message: `the tasks of this crew (${(written?.text ?? 'none given').replace(/\s+/g, ' ').slice(0, 50)}) are built where the code read cannot follow them (a parameter, a method of another object, a list filled at run time): its agents, their order and what they pass on are not read`, location: at(call) });
      continue;
    }
    const owner = enclosing(call, 'function_definition');
    const cls = enclosing(call, 'class_definition');
    const base = [cls?.childForFieldName('name')?.text, owner?.childForFieldName('name')?.text].filter((part) => part !== undefined).join('.') || (call.parent?.type === 'assignment' ? (call.parent.childForFieldName('left')?.text ?? 'crew') : 'crew');
    const count = (named.get(base) ?? 0) + 1;
    named.set(base, count);
    const code: CrewCode = { file: file.path, className: count === 1 ? base : `${base}#${count}`, location: at(call), agents: [], tasks: [], hierarchical: kwargs.get('process')?.text.endsWith('hierarchical') === true };
    const agentKeys = new Map<string, string>();
    const agentOf = (written: PyNode): string | undefined => {
      const agentCall = values.value(written);
      if (!agentCall || agentCall.type !== 'call' || calleeName(agentCall) !== 'Agent') return undefined;
      const known = agentKeys.get(values.keyOf(agentCall));
      if (known !== undefined) return known;
      const agentArgs = keywordArguments(agentCall);
      // A one- or two-letter variable (`s = team.scout()`) names nothing: the role (or name) the agent is built with does.
      const short = written.type === 'identifier' && written.text.length <= 2;
      const key = configKeyOf(agentArgs.get('config')) ?? writtenName(short ? agentCall : written);
      const allow = agentArgs.get('allow_delegation');
      const llm = agentArgs.get('llm');
      const model = llm && modelText(values.value(llm) ?? llm, values);
      const role = agentArgs.get('role');
      const goal = agentArgs.get('goal');
      const toolItems = values.items(agentArgs.get('tools')) ?? [];
      const enterprise = toolItems.length === 0 && agentArgs.get('tools') ? enterpriseActions(values, agentArgs.get('tools') as PyNode) : undefined;
      const fromServer = toolItems.length === 0 && !enterprise ? mcpTools(values, agentArgs.get('tools'), key, at) : undefined;
      const { unread, ...listed } = enterprise ? { tools: enterprise, unread: [] } : listedTools(values, toolItems, (tool) => toolName(values, tool));
      code.agents.push({
        method: key,
        key,
        ...(allow && { allowDelegation: allow.type === 'true' }),
        ...withModel('llm', model),
        ...(role?.type === 'string' && { role: unquote(role.text).trim() }),
        ...(goal?.type === 'string' && { goal: unquote(goal.text).trim() }),
        ...(fromServer ?? listed),
        ...withToolEffects(values, toolItems, (tool) => toolName(values, tool)),
        ...withSandboxedTools(values, toolItems, (tool) => toolName(values, tool)),
        ...codeExecutionOf(agentArgs),
        location: at(agentCall),
        ...unsetModel(modelUnsetBy(agentCall, agentArgs)),
      });
      const toolsWritten = agentArgs.get('tools');
      if (fromServer) problems.push(...fromServer.problems);
      else if (toolsWritten && toolsWritten.type !== 'none' && values.items(toolsWritten) === undefined && !enterprise) problems.push(toolsGap(key, toolsWritten, at(toolsWritten)));
      else problems.push(...unread.map((spread) => toolsGap(key, spread, at(spread))));
      problems.push(...modelGap(key, llm, model, at(llm ?? agentCall)));
      agentKeys.set(values.keyOf(agentCall), key);
      return key;
    };
    // The crew's agents first (their order), then each task's.
    for (const item of values.items(kwargs.get('agents')) ?? []) agentOf(item);
    // A task made by a helper (`t2 = make_task(beta, t1)`): its parameters hold what each call
    // passes, so each call is a task of its own, with that call's agent and context.
    const boundAt = new Map<string, { key: string; bindings: Map<string, PyNode | undefined> } | undefined>();
    /** The helper call an item stands for, read once: its key and the parameters it binds. */
    const site = (item: PyNode, taskCall: PyNode): { key: string; bindings: Map<string, PyNode | undefined> } | undefined => {
      const id = `${values.keyOf(item)}>${values.keyOf(taskCall)}`;
      if (!boundAt.has(id)) boundAt.set(id, bind(item, taskCall));
      return boundAt.get(id);
    };
    const bind = (item: PyNode, taskCall: PyNode): { key: string; bindings: Map<string, PyNode | undefined> } | undefined => {
      const through = values.callThrough(item);
      if (!through || enclosing(taskCall, 'function_definition')?.startIndex !== through.fn.startIndex) return undefined;
      return { key: `${values.keyOf(taskCall)}@${values.keyOf(through.call)}`, bindings: boundParameters(through.call, through.fn) };
    };
    const siteKey = (item: PyNode, taskCall: PyNode): string => site(item, taskCall)?.key ?? values.keyOf(taskCall);
    const taskKeys = new Map<string, string>();
    for (const { item, call: taskCall } of taskCalls) {
      // Tasks built inline with no name of their own (`tasks.append(Task(…))`) are told apart by their place.
      const name = configKeyOf(keywordArguments(taskCall as PyNode).get('config')) ?? writtenName(item);
      const taken = new Set(taskKeys.values());
      let unique = name;
      for (let count = 2; taken.has(unique); count++) unique = `${name}#${count}`;
      taskKeys.set(siteKey(item, taskCall as PyNode), unique);
    }
    for (const { item, call: taskCall } of taskCalls) {
      const bindings = site(item, taskCall as PyNode)?.bindings;
      /** An argument of the task, with the helper's parameters replaced by what this call passes (`[prev] if prev else None`: by whether it passes one). */
      const passed = (written: PyNode | undefined): PyNode | undefined => {
        if (!written || !bindings) return written;
        if (written.type === 'identifier' && bindings.has(written.text)) return bindings.get(written.text);
        if (written.type === 'conditional_expression') {
          const [consequence, condition, alternative] = namedChildren(written);
          if (condition?.type === 'identifier' && bindings.has(condition.text)) return passed(bindings.get(condition.text) && bindings.get(condition.text)?.type !== 'none' ? consequence : alternative);
        }
        return written;
      };
      const taskArgs = new Map([...keywordArguments(taskCall as PyNode)].map(([name, value]) => [name, passed(value) as PyNode]));
      const agent = taskArgs.get('agent');
      // `review.context = [research]` after the task is built counts as its context too.
      const variable = assignedTo(taskCall as PyNode);
      // (Also where the crew's module sets it on the task a factory made, `quality_task.context = [support_task]`,
      // which replaces what the factory gave, `context=[]`.)
      const setOnItem = item.type === 'identifier' && !same(item, taskCall as PyNode) ? contextSetAfter(item, item.text) : undefined;
      const context = setOnItem ?? taskArgs.get('context') ?? (variable ? contextSetAfter(taskCall as PyNode, variable) : undefined);
      const human = taskArgs.get('human_input');
      const asyncExecution = taskArgs.get('async_execution');
      const tools = taskArgs.get('tools');
      const contextItems = context ? values.items(context)?.map((each) => passed(each) ?? each) : undefined;
      if (context && contextItems === undefined && context.type !== 'none') problems.push({ ruleId: 'extraction-gap', message: `the context of this task (${context.text.slice(0, 40)}) is computed at run time`, location: at(context) });
      code.tasks.push({
        method: taskKeys.get(siteKey(item, taskCall as PyNode)) as string,
        key: taskKeys.get(siteKey(item, taskCall as PyNode)) as string,
        ...(agent && { agent: agentOf(agent) ?? plainName(agent) }),
        ...(contextItems && { context: contextItems.map((each) => taskKeys.get(values.value(each) ? siteKey(each, values.value(each) as PyNode) : '') ?? plainName(each)) }),
        ...(human && { humanInput: human.type === 'true' }),
        ...(asyncExecution && { asyncExecution: asyncExecution.type === 'true' }),
        ...(tools && { tools: (values.items(tools) ?? []).map((tool) => toolName(values, tool)) }),
        location: at(taskCall as PyNode),
      });
    }
    const manager = kwargs.get('manager_agent');
    if (manager) {
      const managerCall = values.value(manager);
      const managerLlm = managerCall?.type === 'call' ? keywordArguments(managerCall).get('llm') : undefined;
      code.manager = {
        name: managerCall?.type === 'call' ? (configKeyOf(keywordArguments(managerCall).get('config')) ?? plainName(manager)) : plainName(manager),
        location: at(managerCall ?? manager),
        ...withModel('model', managerLlm && modelText(values.value(managerLlm) ?? managerLlm, values)),
      };
    } else if (kwargs.get('manager_llm')) {
      const managerLlm = kwargs.get('manager_llm') as PyNode;
      code.manager = { name: 'manager', location: at(managerLlm), ...withModel('model', modelText(values.value(managerLlm) ?? managerLlm, values)) };
    }
    crews.push(code);
  }
  return { crews, problems, usesConfig };
}

/** Why a code interpreter of CrewAI's is no way to act on the host. */
export const SANDBOXED = "in a Docker container (CrewAI's safe mode, its default; a restricted interpreter without Docker)";

/**
 * `allow_code_execution=True`: CrewAI's code interpreter, on the host with
 * `code_execution_mode="unsafe"`, else sandboxed (`"safe"`, the default).
 */
export function codeExecutionOf(kwargs: ReadonlyMap<string, PyNode>): { codeExecution?: 'host' | 'sandboxed' } {
  if (kwargs.get('allow_code_execution')?.type !== 'true') return {};
  const mode = kwargs.get('code_execution_mode');
  return { codeExecution: mode?.type === 'string' && unquote(mode.text) === 'unsafe' ? 'host' : 'sandboxed' };
}
