// What an agent can do: the items of its `tools` (one handler per kind of tool: an agent used as
// a tool, a function tool, a hosted MCP tool, the SDK's built-in tools), its MCP servers, its
// guardrails, and agents its tools and guardrails run by hand.
import type * as TsMorph from 'ts-morph';
import type { Tool } from '../../../model/index.js';
import type { DraftAgent } from '../../fragment-builder.js';
import type { Node } from '../project.js';
import { calleeName, forEachDescendantOf, locationOf } from '../project.js';
import type { Resolver } from '../resolve.js';
import { bodyEffectOf, directModelCallOf, executeCannotAct } from '../tool-body.js';
import type { AgentDefinition, OpenAiScope } from './scope.js';

/** One item of an agent's `tools`, as written and as resolved. */
interface ToolItem {
  owner: AgentDefinition;
  agent: DraftAgent;
  /** The item as written in the list (its place is the tool's place). */
  item: Node;
  /** The call that makes the tool. */
  value: TsMorph.CallExpression;
  /** Inside a helper that makes the tool (`makeAgentTool(writer, {…})`): what its parameters stand for at this call. */
  bound?: (node: Node) => Node | undefined;
}

interface ToolHandler {
  matches(scope: OpenAiScope, value: TsMorph.CallExpression): boolean;
  add(scope: OpenAiScope, tool: ToolItem): void;
}

const isAsTool = (scope: OpenAiScope, node: Node): boolean => {
  const { N } = scope;
  if (!N.isCallExpression(node)) return false;
  const callee = node.getExpression();
  return N.isPropertyAccessExpression(callee) && callee.getName() === 'asTool';
};

/** `agent.asTool(options)`: the owner delegates to that agent; `needsApproval` pauses the tool-agent. */
const agentAsTool: ToolHandler = {
  matches: isAsTool,
  add(scope, { owner, item, value, bound }) {
    const { N, resolver, draft, gaps } = scope;
    const callee = value.getExpression();
    const wrapped = N.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
    const passed = wrapped && bound ? bound(wrapped) : undefined;
    const target = wrapped ? (scope.agentOf(wrapped) ?? (passed ? scope.agentOf(passed) : undefined)) : undefined;
    if (!target) {
      gaps.add(item, `an agent used as a tool, ${resolver.whyUnknown(item, 'which is not a known agent')}`);
      return;
    }
    draft.addEdge(owner.key, target.key, 'delegate', locationOf(item));
    const options = value.getArguments()[0];
    // The pause comes before the tool-agent runs: its actions wait for the approval.
    if (options && hasApproval(resolver, resolver.value(options))) draft.addHumanApproval(target.key, locationOf(item), 'every-action');
  },
};

/** `tool({ name, execute, needsApproval })`: a function tool, judged by its name and body; agents it runs are delegations. */
const functionTool: ToolHandler = {
  matches: (scope, value) => scope.isSdk(value.getExpression(), ['tool']),
  add(scope, { owner, agent, item, value, bound }) {
    const { resolver, draft } = scope;
    const options = resolver.value(value.getArguments()[0] ?? value);
    const nameNode = options ? resolver.property(options, 'name') : undefined;
    // `requireApproval` is Mastra's key (and hostedMcpTool's); a function tool of the SDK ignores it.
    const misplaced = options && !hasApproval(resolver, options) ? resolver.property(options, 'requireApproval') : undefined;
    const effect = bodyEffectOf(resolver, options);
    const tool: Tool = {
      name: resolver.stringValue(nameNode) ?? resolver.stringValue(nameNode ? bound?.(nameNode) : undefined) ?? toolNameOf(item),
      irreversible: false,
      needsApproval: hasApproval(resolver, options),
      ...(misplaced !== undefined && misplaced.getText() !== 'false' && { ignoredApproval: 'requireApproval (the @openai/agents key is needsApproval)' }),
      ...(effect !== undefined && { effect }),
      ...(executeCannotAct(resolver, options) && { inert: true }),
      location: locationOf(item),
    };
    agent.tools.push(tool);
    if (tool.needsApproval) draft.addHumanApproval(owner.key, locationOf(item), 'irreversible-only', tool.name);
    // An agent run inside the tool's execute is an agent used as a tool, written by hand.
    runsInside(scope, owner, options, (called) => {
      if (tool.needsApproval) draft.addHumanApproval(called.key, locationOf(item), 'every-action');
    }, 'delegate', bound);
    // A model the execute asks itself (a supervisor model behind `fetch('/api/responses')`): an
    // agent of its own, named after the tool, that the owner delegates to.
    const asked = directModelCallOf(resolver, options);
    if (asked) {
      const key = `${owner.key}:tool:${tool.name}`;
      if (!draft.hasAgent(key)) draft.addAgent({ key, name: tool.name, role: 'worker', tools: [], location: locationOf(asked.at), ...(asked.model !== undefined && { model: asked.model }) });
      draft.addEdge(owner.key, key, 'delegate', locationOf(asked.at));
    }
  },
};

/** `hostedMcpTool({ serverLabel, requireApproval, allowedTools })`: a hosted MCP server, approval unless 'never'. */
const hostedMcpTool: ToolHandler = {
  matches: (scope, value) => scope.isSdk(value.getExpression(), ['hostedMcpTool']),
  add(scope, { owner, agent, item, value }) {
    const { N, resolver, draft } = scope;
    const options = resolver.value(value.getArguments()[0] ?? value);
    const label = resolver.stringValue(options ? resolver.property(options, 'serverLabel') : undefined) ?? 'mcp';
    const approval = options ? resolver.property(options, 'requireApproval') : undefined;
    const needsApproval = approval !== undefined && !/^['"]never['"]$/.test(approval.getText());
    // The tools it may call, when listed (`allowedTools: ['create-event', 'delete-event']`):
    // each is judged by its own name, as a tool written in code would be.
    const allowed = options ? resolver.value(resolver.property(options, 'allowedTools') ?? options) : undefined;
    const names = allowed && N.isArrayLiteralExpression(allowed) ? allowed.getElements().map((element) => resolver.stringValue(element)) : [];
    if (names.length > 0 && names.every((name): name is string => name !== undefined)) {
      for (const name of names) {
        agent.tools.push({ name, irreversible: false, needsApproval, location: locationOf(item) });
        if (needsApproval) draft.addHumanApproval(owner.key, locationOf(item), 'irreversible-only', name);
      }
      return;
    }
    agent.tools.push({ name: `mcp:${label}`, irreversible: false, needsApproval, kind: 'mcp', detail: label, location: locationOf(item) });
    if (needsApproval) draft.addHumanApproval(owner.key, locationOf(item), 'irreversible-only', `mcp:${label}`);
  },
};

const TOOL_HANDLERS: ToolHandler[] = [agentAsTool, functionTool, hostedMcpTool];

/** The items of an agent's `tools` list. */
export function addTools(scope: OpenAiScope, owner: AgentDefinition, list: Node | undefined): void {
  const { items, unknown } = scope.resolver.elements(list);
  for (const gap of unknown) scope.gaps.add(gap, 'tools spread from an array that is not written out');
  addToolItems(scope, owner, items);
}

export function addToolItems(scope: OpenAiScope, owner: AgentDefinition, items: Node[]): void {
  const { N, resolver, draft, gaps } = scope;
  const agent = draft.agent(owner.key);
  if (!agent) return;
  for (const item of items) {
    const written = resolver.value(item) ?? item;
    // A factory that returns an agent as a tool (`makePatcherTool()` → `return agent.asTool(…)`).
    const made = N.isCallExpression(written) && !isAsTool(scope, written) ? resolver.factoryResult(written) : undefined;
    // …or a function tool that runs the agent it is given (`createLoggedAgentTool(writer, { toolName })`).
    const madeTool = made !== undefined && N.isCallExpression(made) && functionTool.matches(scope, made);
    const value = made !== undefined && (isAsTool(scope, made) || madeTool) ? made : written;
    // (The helper's parameters stand for what this call passes: `specialistTool(power, …)` →
    // `return agent.asTool(…)` wraps `power`.)
    const bound = value === made && N.isCallExpression(written) ? parameterBinding(scope, written) : undefined;
    // The file that defines the tool holds something read: no "defines nothing" note on it.
    gaps.touch(value);
    if (N.isCallExpression(value)) {
      const handler = TOOL_HANDLERS.find((each) => each.matches(scope, value));
      if (handler) {
        handler.add(scope, { owner, agent, item, value, ...(bound && { bound }) });
        continue;
      }
    }
    const builtIn = N.isCallExpression(value) ? builtInTool(scope, value) : undefined;
    // A tool picked at run time from a list the code is given (`tools.find((t) => t.name === 'mcp_proxy')`):
    // what it does is not in the code read.
    const method = N.isCallExpression(value) ? value.getExpression() : undefined;
    const picked = method !== undefined && N.isPropertyAccessExpression(method) && /^(find|findLast|at|pop|shift)$/.test(method.getName());
    if (picked) gaps.add(item, `a tool picked at run time ('${value.getText().replace(/\s+/g, ' ').slice(0, 50)}'): what it does is not read`);
    agent.tools.push({ name: toolNameOf(item), irreversible: false, needsApproval: builtIn?.needsApproval ?? false, ...(builtIn?.kind !== undefined && { kind: builtIn.kind }), location: locationOf(item) });
    if (builtIn?.needsApproval) draft.addHumanApproval(owner.key, locationOf(item), 'irreversible-only', toolNameOf(item));
  }
}

/**
 * The SDK's built-in tools: `shellTool`, `computerTool`, `localShellTool` act on a real machine
 * unless they run in a hosted container; `codeInterpreterTool` always runs in one. Their options
 * may ask for approval (`needsApproval`).
 */
function builtInTool(scope: OpenAiScope, call: TsMorph.CallExpression): { kind?: Tool['kind']; needsApproval: boolean } | undefined {
  const { resolver } = scope;
  const callee = call.getExpression();
  const options = call.getArguments()[0] ? resolver.value(call.getArguments()[0] as Node) : undefined;
  const needsApproval = hasApproval(resolver, options);
  if (scope.isSdk(callee, ['codeInterpreterTool'])) return { kind: 'function', needsApproval };
  if (scope.isSdk(callee, ['shellTool', 'localShellTool', 'computerTool'])) {
    const environment = options ? resolver.value(resolver.property(options, 'environment') ?? options) : undefined;
    const hosted = environment !== undefined && environment !== options && /container/.test(environment.getText());
    const kind = hosted ? 'function' : scope.isSdk(callee, ['computerTool']) ? 'computer-use' : 'shell';
    return { kind, needsApproval };
  }
  return undefined;
}

/**
 * `mcpServers: [new MCPServerStdio({ name, fullCommand })]`: one tool per server, judged by
 * what the server is (its name and command), since its tools are listed only at run time.
 */
export function addMcpServers(scope: OpenAiScope, owner: AgentDefinition, list: Node | undefined): void {
  const { N, resolver } = scope;
  const agent = scope.draft.agent(owner.key);
  if (!agent) return;
  const listed = resolver.elements(list);
  // Servers the code read cannot follow (a factory's parameter, a list built at run time): said, never none.
  const unread = (node: Node): void => scope.gaps.add(node, `MCP servers ${resolver.whyUnknown(node, 'that are not built in the code read (given by the caller, or listed at run time)')}: which servers, and what their tools do, is not read`);
  for (const node of listed.unknown) unread(node);
  for (const item of listed.items) {
    const server = resolver.value(item);
    if (!server) unread(item);
    if (!server || !N.isNewExpression(server) || !scope.isSdk(server.getExpression(), ['MCPServerStdio', 'MCPServerStreamableHttp', 'MCPServerSSE'])) continue;
    const options = resolver.value(server.getArguments()[0] ?? server);
    const text = (key: string): string => resolver.stringValue(options ? resolver.property(options, key) : undefined) ?? '';
    const name = text('name') || toolNameOf(item);
    const command = [text('fullCommand'), text('command'), text('url')].filter(Boolean).join(' ');
    agent.tools.push({ name: `mcp:${name}`, irreversible: false, needsApproval: false, kind: 'mcp', detail: `${name.replace(/\s+/g, '-')} ${command}`, location: locationOf(item) });
  }
}

/**
 * `inputGuardrails` / `outputGuardrails`: a guardrail that runs an agent to judge. An input
 * guardrail's agent works for the owner (it judges the user's input); an output guardrail's agent
 * is handed the owner's own output to check (a data edge: a checker by its name or instructions
 * is then compared with the owner by model). A guardrail is an object, or one made by
 * `defineInputGuardrail` / `defineOutputGuardrail`.
 */
export function addGuardrails(scope: OpenAiScope, owner: AgentDefinition, list: Node | undefined, checks: 'input' | 'output'): void {
  const { N, resolver } = scope;
  for (const item of resolver.elements(list).items) {
    let guardrail = resolver.value(item);
    if (guardrail && N.isCallExpression(guardrail) && /^define(Input|Output)Guardrail$/.test(calleeName(guardrail.compilerNode) ?? '')) {
      const config = guardrail.getArguments()[0];
      guardrail = config ? resolver.value(config) : undefined;
    }
    if (!guardrail || !N.isObjectLiteralExpression(guardrail)) continue;
    runsInside(scope, owner, guardrail, undefined, checks === 'input' ? 'delegate' : 'data');
  }
}

/**
 * Agents run inside an object's `execute` (a tool's, a guardrail's): delegations of the agent
 * that owns it, written by hand, or (`kind` data) the owner's output handed to a checker.
 */
function runsInside(scope: OpenAiScope, owner: AgentDefinition, options: Node | undefined, onRun: (called: AgentDefinition) => void = () => undefined, kind: 'delegate' | 'data' = 'delegate', bound?: (node: Node) => Node | undefined): void {
  const { N, K, resolver, draft } = scope;
  const execute = options ? resolver.property(options, 'execute') : undefined;
  const body = execute ? (resolver.value(execute) ?? execute) : undefined;
  if (body) forEachDescendantOf(body, [K.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const first = node.getArguments()[0];
    const called = first ? (scope.agentOf(first) ?? (bound?.(first) ? scope.agentOf(bound(first) as Node) : undefined)) : undefined;
    const callee = node.getExpression();
    const isRun = scope.isSdk(callee, ['run']) || (N.isPropertyAccessExpression(callee) && ['run', 'runStreamed'].includes(callee.getName()));
    if (!isRun || !called || called.key === owner.key) return;
    scope.runsInTools.add(node);
    draft.addEdge(owner.key, called.key, kind, locationOf(node));
    onRun(called);
  });
}

/**
 * What a helper's parameters stand for at one call of it: `agent` → the call's argument in its place,
 * `config.toolName` → that property of an object literal passed there (the resolver's `factoryInput`).
 */
function parameterBinding(scope: OpenAiScope, call: TsMorph.CallExpression): (node: Node) => Node | undefined {
  const { N, resolver } = scope;
  const helper = resolver.value(call.getExpression());
  return (node) => {
    const input = resolver.factoryInput(node);
    const argument = input && input.fn === helper ? call.getArguments()[input.index] : undefined;
    if (!input || !argument) return undefined;
    const passed = resolver.value(argument) ?? argument;
    if (input.property === undefined) return passed;
    return N.isObjectLiteralExpression(passed) ? resolver.property(passed, input.property) : undefined;
  };
}

/** True when a tool or asTool options object sets needsApproval to anything but `false`. */
function hasApproval(resolver: Resolver, options: Node | undefined): boolean {
  if (!options) return false;
  const value = resolver.property(options, 'needsApproval');
  return value !== undefined && value.getText() !== 'false';
}

/** A tool's name as written in the list: the function called, else the text. */
function toolNameOf(node: Node): string {
  const text = node.getText();
  const call = /^([A-Za-z_$][\w$]*)\s*\(/.exec(text);
  return (call?.[1] ?? text).slice(0, 60);
}
