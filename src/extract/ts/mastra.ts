// Mastra: https://mastra.ai/docs
import { ACTING_VERBS, READING_VERBS, actingVerbOf, escapeRegExp, nameWords, type Tool } from '../../model/index.js';

const ACTING = new Set(ACTING_VERBS);
const READING = new Set(READING_VERBS);
import type { GraphDraft } from '../fragment-builder.js';
import type { GapSink } from './gaps.js';

/** The methods that run a Mastra agent (`streamLegacy`/`generateLegacy`: the AI SDK v4 forms kept beside v5's). */
const AGENT_RUN_METHODS: ReadonlySet<string> = new Set(['generate', 'stream', 'generateVNext', 'streamVNext', 'generateLegacy', 'streamLegacy']);
import type * as TsMorph from 'ts-morph';
import { addCodeOrchestrators, callsOf, codeFilesBeyond, throughOneCaller, dataFlows, isInsidePromiseAll, namesPerCall, orchestrationScope, type RunSite } from './code-runs.js';
import type { Node, TsProgram, TsSourceFile } from './project.js';
import { assignedName as variableOf, calleeName, forEachDescendantOf, hasImportedCallee, locationOf, pathOf } from './project.js';
import type { Resolver } from './resolve.js';
import { propertyName } from './resolve.js';
import { memberValue, objectEntries } from './object-values.js';
import { asksAiSdk, bodyEffectOf, executeCannotAct, namedActingCalls } from './tool-body.js';

export const MASTRA_MODULES = ['@mastra/core'];
export const MASTRA_PREFILTER = /@mastra\/core/;

const WORKFLOW_METHODS = new Set(['then', 'parallel', 'branch', 'foreach', 'dowhile', 'dountil', 'map', 'sleep', 'sleepUntil', 'waitForEvent', 'commit', 'after', 'step']);

interface MastraAgent {
  key: string;
  node: Node;
  config: Node | undefined;
  /** The name its factory's caller gives it (`createAgent('Stats Agent', …)`). */
  name?: string;
}

/** What one workflow step stands for. */
interface StepInfo {
  agents: string[];
  suspends: boolean;
  /** A code step's body (its `execute`). */
  body?: Node;
  /** A nested workflow. */
  workflow?: Node;
  /** Every agent call of the step is inside a `try` whose `catch` does not throw again: its failure stops nothing after it. */
  contained?: boolean;
  /** The earlier steps whose results the step reads by name (`getStepResult(research)`, `context.getStepResult('research')`). */
  stepResults?: Node[];
  /** The id of a tool made a step (`createStep(sendSmsTool)`). */
  tool?: string;
}

/**
 * Finds Mastra agents (identity: the key they are registered under in `new Mastra({ agents })`,
 * else their `id` or `name`), supervisor delegation through `agents:`, tools that require
 * approval, and workflows: `.then` sequences, `.parallel` fan-outs joined by the next step,
 * `.branch`, `.foreach`, bounded `.dowhile`/`.dountil` loops, agent steps (`createStep(agent)`,
 * `mastra.getAgent('key')`, a direct call of an imported agent) and `suspend()` approvals.
 */
export function extractMastra(program: TsProgram, resolver: Resolver, draft: GraphDraft, gaps: GapSink, files: TsSourceFile[]): void {
  const { Node: N } = program.morph;
  const isMastra = (node: Node, names: string[]): boolean => resolver.isImportFrom(node, MASTRA_MODULES, names);
  const agents = new Map<Node, MastraAgent>();
  const instances: Array<{ node: Node; config: Node | undefined; name: string }> = [];
  const workflows = new Map<Node, { key: string; node: Node; id: string }>();
  /** Registration key → the agents registered under it, with the file of the Mastra instance. */
  const registered = new Map<string, Array<{ agent: MastraAgent; instanceFile: string }>>();
  const registeredName = new Map<MastraAgent, string>();
  /** The Mastra instance config whose workspace an agent gets. */
  const inheritsWorkspace = new Map<MastraAgent, Node>();

  for (const source of files) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.NewExpression, program.morph.SyntaxKind.CallExpression], (node) => {
      if (N.isNewExpression(node)) {
        const callee = node.getExpression();
        // A network (`new NewAgentNetwork({ agents, workflows, model })`, the older `AgentNetwork`)
        // is a routing agent: its model picks which of its agents and workflows runs next.
        if (isMastra(callee, ['Agent', 'NewAgentNetwork', 'AgentNetwork'])) {
          const config = node.getArguments()[0];
          agents.set(node, { key: `mastra:${pathOf(node)}:${node.getStart()}`, node, config: config ? resolver.value(config) : undefined });
        } else if (isMastra(callee, ['Workflow'])) {
          // The older workflow API: `new Workflow({ name })` with `.step()`, `.then()`, `.after()`.
          const config = resolver.value(node.getArguments()[0] ?? node);
          const id = resolver.stringValue(config ? (resolver.property(config, 'name') ?? resolver.property(config, 'id')) : undefined) ?? variableOf(program, node) ?? 'workflow';
          workflows.set(node, { key: `mastra-workflow:${pathOf(node)}:${node.getStart()}`, node, id });
        } else if (isMastra(callee, ['Mastra'])) {
          const config = node.getArguments()[0];
          instances.push({ node, config: config ? resolver.value(config) : undefined, name: variableOf(program, node) ?? 'mastra' });
          gaps.touch(node);
        }
      } else if (N.isCallExpression(node) && isMastra(node.getExpression(), ['createWorkflow'])) {
        const config = resolver.value(node.getArguments()[0] ?? node);
        const id = resolver.stringValue(config ? resolver.property(config, 'id') : undefined) ?? variableOf(program, node) ?? 'workflow';
        workflows.set(node, { key: `mastra-workflow:${pathOf(node)}:${node.getStart()}`, node, id });
      }
    }, (node) => hasImportedCallee(node, resolver.imports(source)));
  }

  // A factory that builds an agent named by its caller (`createAgent('Stats Agent', …)` →
  // `new Agent({ name, … })`): an agent per call whose name is written out.
  for (const [node, agent] of [...agents]) {
    const written = agent.config ? (resolver.property(agent.config, 'name') ?? resolver.property(agent.config, 'id')) : undefined;
    // Else a factory that spreads the settings its caller gives (`createAgent(config)` →
    // `new Agent({ ...DEFAULTS, ...config })`): an agent per call, with the settings written there.
    const perCall = namesPerCall(program, resolver, files, node, written)?.map(({ call, name }) => ({ call, name, config: agent.config })) ?? spreadSettingsPerCall(node, agent.config);
    if (!perCall) continue;
    agents.delete(node);
    gaps.touch(node);
    for (const { call, name, config } of perCall) agents.set(call, { key: `mastra:${pathOf(call)}:${call.getStart()}`, node: call, config, name });
  }

  /**
   * Each call of the factory that returns this construction, when the construction spreads one of
   * the factory's parameters into its settings and every call writes that parameter out as an
   * object with a name or id: the call, that name, and the object (its tools, model, instructions).
   */
  function spreadSettingsPerCall(construction: Node, written: Node | undefined): Array<{ call: Node; name: string; config: Node }> | undefined {
    // (`{ ...defaults, ...config } as AgentConfig`, through a local it is kept in.)
    const config = written ? resolver.unwrap(written) : undefined;
    if (!config || !N.isObjectLiteralExpression(config)) return undefined;
    const fn = construction.getFirstAncestor((ancestor) => N.isFunctionDeclaration(ancestor) || N.isArrowFunction(ancestor) || N.isFunctionExpression(ancestor));
    if (!fn || !(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn))) return undefined;
    const parameters = fn.getParameters();
    const spreadIndex = config.getProperties().flatMap((property) => {
      if (!N.isSpreadAssignment(property)) return [];
      const expression = resolver.unwrap(property.getExpression());
      const index = parameters.findIndex((parameter) => N.isIdentifier(expression) && parameter.getName() === expression.getText());
      return index >= 0 ? [index] : [];
    })[0];
    if (spreadIndex === undefined) return undefined;
    // Its callers may sit in files that name no Mastra module themselves (`verticals/email/agent.ts`).
    const name = N.isFunctionDeclaration(fn) ? fn.getName() : undefined;
    const callers = name === undefined ? files : [...files, ...codeFilesBeyond(program, files, (text) => text.includes(`${name}(`))];
    const calls = callsOf(program, resolver, callers, fn);
    const found = calls.map((call) => {
      const argument = N.isCallExpression(call) ? call.getArguments()[spreadIndex] : undefined;
      const settings = argument ? resolver.value(argument) : undefined;
      const name = settings && N.isObjectLiteralExpression(settings) ? resolver.stringValue(resolver.property(settings, 'name') ?? resolver.property(settings, 'id')) : undefined;
      return settings && name !== undefined ? { call, name, config: settings } : undefined;
    });
    const named = found.filter((each): each is { call: Node; name: string; config: Node } => each !== undefined);
    if (named.length === 0) return undefined;
    // A call whose settings are not written out (a name computed there) is said, the others read.
    for (const [index, call] of calls.entries()) if (found[index] === undefined) gaps.add(call, `an agent built by '${name ?? 'the factory'}' whose name or settings are computed at this call`);
    return named;
  }

  const agentOf = (expression: Node | undefined): MastraAgent | undefined => {
    if (!expression) return undefined;
    const value = resolver.value(expression);
    if (!value) return undefined;
    // A factory that returns one agent (`createResearcher()` → `return new Agent({ … })`); a helper
    // given the agent as it is built, which hands it back (`tag(new Agent({ … }))`).
    if (agents.has(value) || !N.isCallExpression(value)) return agents.get(value);
    const first = value.getArguments()[0];
    return agents.get(resolver.factoryResult(value) ?? value) ?? (first && N.isNewExpression(resolver.unwrap(first)) ? agents.get(resolver.unwrap(first)) : undefined);
  };

  /**
   * The agents an expression may hold: one agent, or each branch of a choice between agents
   * (`const agent = deep ? analyst : summarizer`, `mastra.getAgent('x') ?? fallbackAgent`).
   */
  const agentsOf = (expression: Node | undefined, depth = 0): MastraAgent[] => {
    if (!expression || depth > 3) return [];
    const one = agentOf(expression);
    if (one) return [one];
    const value = resolver.value(expression);
    if (value && N.isConditionalExpression(value)) return [...agentsOf(value.getWhenTrue(), depth + 1), ...agentsOf(value.getWhenFalse(), depth + 1)];
    if (value && N.isBinaryExpression(value) && ['||', '??'].includes(value.getOperatorToken().getText())) return [...agentsOf(value.getLeft(), depth + 1), ...agentsOf(value.getRight(), depth + 1)];
    return [];
  };

  // Registration keys: what mastra.getAgent('key') resolves, and the agent's identity.
  for (const instance of instances) {
    const written = instance.config ? resolver.property(instance.config, 'agents') : undefined;
    let list = written ? resolver.value(written) : undefined;
    // `agents: initAgents()` where `const initAgents = () => ({ researcher, summarizer })`.
    if (list && N.isCallExpression(list)) list = resolver.factoryResult(list);
    while (list && N.isParenthesizedExpression(list)) list = resolver.value(list.getExpression());
    if (!list || !N.isObjectLiteralExpression(list)) {
      if (written) gaps.add(written, `agents registered on the Mastra instance through '${written.getText().replace(/\s+/g, ' ').slice(0, 50)}', which is not written out in the code read: mastra.getAgent() lookups cannot be resolved`);
      continue;
    }
    for (const property of list.getProperties()) {
      // `[AGENT_ID]: summarizer` registers under the constant's value (its default when it reads a setting).
      const nameNode = N.isPropertyAssignment(property) || N.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
      // (`[writer.name]: writer`: the name or id the agent's own settings give.)
      const ownField = (expression: Node): string | undefined => {
        if (!N.isPropertyAccessExpression(expression) || !['name', 'id'].includes(expression.getName())) return undefined;
        const config = agentOf(expression.getExpression())?.config;
        return config ? resolver.stringValue(resolver.property(config, expression.getName())) : undefined;
      };
      const name = nameNode === undefined ? undefined : N.isComputedPropertyName(nameNode) ? (resolver.stringValue(nameNode.getExpression()) ?? ownField(nameNode.getExpression()) ?? propertyName(nameNode)) : propertyName(nameNode);
      const value = N.isPropertyAssignment(property) ? property.getInitializer() : N.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
      // `researcher: withTracing(researcher, 'researcher')`: a wrapper given one agent registers that agent.
      const direct = agentOf(value);
      const wrapped = value && !direct ? resolver.unwrap(value) : undefined;
      const inner = wrapped && N.isCallExpression(wrapped) ? wrapped.getArguments().flatMap((argument) => agentOf(argument) ?? []) : [];
      const agent = direct ?? (inner.length === 1 ? inner[0] : undefined);
      if (name === undefined || !agent) continue;
      registered.set(name, [...(registered.get(name) ?? []), { agent, instanceFile: pathOf(instance.node) }]);
      if (!registeredName.has(agent)) registeredName.set(agent, name);
      // A workspace on the instance is every registered agent's that sets none of its own.
      if (instance.config && resolver.property(instance.config, 'workspace') && !inheritsWorkspace.has(agent)) inheritsWorkspace.set(agent, instance.config);
    }
  }

  for (const agent of agents.values()) {
    const config = agent.config;
    const written = resolver.stringValue(config ? resolver.property(config, 'id') : undefined) ?? resolver.stringValue(config ? resolver.property(config, 'name') : undefined);
    const name = registeredName.get(agent) ?? agent.name ?? written ?? variableOf(program, agent.node) ?? 'agent';
    if (registeredName.get(agent) === undefined && agent.name === undefined && written === undefined) gaps.add(agent.node, 'an agent whose id and name are computed');
    // Settings spread in from a value not written out (`...(deps.agents ? { agents: deps.agents } : {})`):
    // the sub-agents, workflows or tools they may carry are not read.
    if (config && N.isObjectLiteralExpression(config)) {
      for (const property of config.getProperties()) {
        if (!N.isSpreadAssignment(property)) continue;
        const spread = resolver.value(property.getExpression());
        if (!spread || !N.isObjectLiteralExpression(spread)) gaps.add(property, `settings of agent '${name}' spread in from '${property.getExpression().getText().replace(/\s+/g, ' ').slice(0, 50)}', which is not written out: the agents, workflows or tools it may give are not read`);
      }
    }
    const model = modelOf(resolver, config);
    // What it is for: its description, else the start of its instructions ("You are a compliance reviewer…").
    const description = resolver.leadingText(config ? resolver.property(config, 'description') : undefined) ?? resolver.leadingText(config ? resolver.property(config, 'instructions') : undefined);
    const active = activeToolsOf(resolver, config);
    const ownWorkspace = config ? resolver.property(config, 'workspace') !== undefined : false;
    const workspaceOwner = ownWorkspace ? config : inheritsWorkspace.get(agent);
    const tools = [...toolsOf(resolver, config, gaps), ...workspaceTools(resolver, workspaceOwner, (node) => isMastra(node, ['Workspace']), gaps), ...browserTools(resolver, config)]
      .filter((tool) => isActive(active, tool.name, tool.key))
      .map(({ key: _key, ...tool }): Tool => tool);
    draft.addAgent({
      key: agent.key,
      name,
      role: 'worker',
      tools,
      location: locationOf(agent.node),
      // An agent answers its caller when it stops calling tools: it can end its run.
      terminates: true,
      ...(model !== undefined && { model }),
      ...(description !== undefined && { description: description.trim().slice(0, 200) }),
    });
    for (const tool of draft.agent(agent.key)?.tools ?? []) {
      if (tool.needsApproval) draft.addHumanApproval(agent.key, tool.location ?? locationOf(agent.node), 'irreversible-only', tool.name);
    }
    // `agents: { … }` on an agent: a supervisor delegating to them.
    const writtenAgents = config ? resolver.property(config, 'agents') : undefined;
    const subagents = writtenAgents ? resolver.value(writtenAgents) : undefined;
    // Subagents handed in as a parameter or built at run time: say so where they are given.
    const listed = subagents && (N.isObjectLiteralExpression(subagents) || N.isArrayLiteralExpression(subagents)) ? subagents : undefined;
    if (writtenAgents && !listed) gaps.add(writtenAgents, `subagents from '${writtenAgents.getText().replace(/\s+/g, ' ').slice(0, 50)}', which are not written out in the code read`);
    if (listed) {
      // `agents: { a, b }`, or a list (`agents: [a, b]`, an AgentNetwork's).
      const items: Node[] = N.isObjectLiteralExpression(listed) ? listed.getProperties() : listed.getElements();
      for (const property of items) {
        const value = N.isPropertyAssignment(property) ? property.getInitializer() : N.isShorthandPropertyAssignment(property) ? property.getNameNode() : N.isArrayLiteralExpression(listed) ? property : undefined;
        const target = agentOf(value);
        if (target) draft.addEdge(agent.key, target.key, 'delegate', locationOf(property));
        else gaps.add(property, `a subagent ${resolver.whyUnknown(value ?? property, 'that is not an agent defined in the code read')}`);
      }
    }
  }

  // Workflows.
  const stepInfo = (expression: Node): StepInfo => {
    const value = resolver.value(expression);
    if (!value) {
      gaps.add(expression, 'a workflow step that is not defined in the code read');
      return { agents: [], suspends: false };
    }
    if (workflows.has(value) || (N.isCallExpression(value) && workflowOf(value))) return { agents: [], suspends: false, workflow: workflowOf(value) ?? value };
    if ((N.isCallExpression(value) && isMastra(value.getExpression(), ['createStep'])) || (N.isNewExpression(value) && isMastra(value.getExpression(), ['Step']))) return createStepInfo(value, new Map());
    // The older API also takes a step written inline (`.step({ id, execute })`).
    if (N.isObjectLiteralExpression(value) && resolver.property(value, 'execute')) return configStepInfo(value, new Map());
    // A step factory (`makeReviewStep('fiscalAnalyst')`): read the step it returns, with the call's arguments.
    if (N.isCallExpression(value)) {
      const factory = resolver.value(value.getExpression());
      if (factory && (N.isFunctionDeclaration(factory) || N.isArrowFunction(factory) || N.isFunctionExpression(factory))) {
        const made = returnedCreateStep(factory);
        if (made) {
          const bindings = new Map<string, Node>();
          factory.getParameters().forEach((parameter, index) => {
            const argument = value.getArguments()[index];
            if (argument) bindings.set(parameter.getName(), throughCallers(argument));
          });
          return createStepInfo(made, bindings);
        }
      }
    }
    return { agents: [], suspends: false };
  };

  /**
   * What a parameter stands for where its function has one caller in the code read
   * (`makeWorkflow(tracer, plannerAgent)` building `.then(makePlanStep(tracer, planner))`): the
   * argument that caller passes, followed up to three functions out.
   */
  const throughCallers = (argument: Node): Node => throughOneCaller(program, resolver, files, argument);

  const createStepInfo = (call: Node, bindings: Map<string, Node>): StepInfo => {
    if (!N.isCallExpression(call) && !N.isNewExpression(call)) return { agents: [], suspends: false };
    // A step a workflow here runs is read with the workflow, wherever its file is (never "nothing read there").
    gaps.touch(call);
    const argument = call.getArguments()[0];
    const agent = agentOf(argument);
    if (agent) return { agents: [agent.key], suspends: false };
    // A tool made a step (`createStep(sendSmsTool)`): it runs the tool's execute on what the step before handed on.
    const made = argument ? resolver.value(argument) : undefined;
    if (made && N.isCallExpression(made) && isMastra(made.getExpression(), ['createTool'])) {
      const options = resolver.value(made.getArguments()[0] ?? made);
      const id = resolver.stringValue(options ? resolver.property(options, 'id') : undefined);
      return { ...configStepInfo(options, bindings), ...(id !== undefined && { tool: id }) };
    }
    return configStepInfo(made, bindings);
  };

  /** A step written as its config (`{ id, execute }`): the agents its `execute` runs. */
  const configStepInfo = (config: Node | undefined, bindings: Map<string, Node>): StepInfo => {
    const execute = config ? resolver.property(config, 'execute') : undefined;
    const body = execute ? (resolver.value(execute) ?? execute) : undefined;
    if (!body) return { agents: [], suspends: false };
    const called = agentsCalledIn(body, bindings);
    // A step that asks a model itself through the AI SDK (`generateObject({ model: openai('gpt-4o'), … })`)
    // is an agent of the workflow, named after the step.
    const agents = called.length > 0 ? called : aiSdkStepAgent(config, body);
    const stepResults = body
      .getDescendantsOfKind(program.morph.SyntaxKind.CallExpression)
      .filter((call) => calleeName(call.compilerNode) === 'getStepResult' && call.getArguments().length > 0)
      .map((call) => call.getArguments()[0] as Node);
    return { agents, suspends: containsCallNamed(program, body, 'suspend'), body, ...(agents.length > 0 && failureContained(body) && { contained: true }), ...(stepResults.length > 0 && { stepResults }) };
  };

  /** The agent a step is when its `execute` asks a model through the Vercel AI SDK itself, added once; none otherwise. */
  const aiSdkStepAgent = (config: Node | undefined, body: Node): string[] => {
    let asked: TsMorph.CallExpression | undefined;
    forEachDescendantOf(body, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!asked && N.isCallExpression(node) && asksAiSdk(resolver, node)) asked = node;
    });
    if (!asked || !config) return [];
    const key = `mastra-step:${locationOf(config).file}:${locationOf(config).line}`;
    if (!draft.hasAgent(key)) {
      const id = resolver.stringValue(resolver.property(config, 'id')) ?? 'step';
      const model = /\bmodel\s*:\s*[\w.]+\(\s*['"`]([\w.:/-]+)['"`]/.exec(asked.getText())?.[1];
      draft.addAgent({ key, name: id, role: 'worker', tools: [], location: locationOf(asked), terminates: true, ...(model !== undefined && { model }) });
    }
    return [key];
  };

  /** True when every model call in a body (`.generate`, `.stream`) sits in a `try` whose `catch` swallows the failure (no `throw`). */
  const failureContained = (body: Node): boolean => {
    const runsModel = (call: TsMorph.CallExpression): boolean => {
      const callee = resolver.unwrap(call.getExpression());
      return (N.isPropertyAccessExpression(callee) && AGENT_RUN_METHODS.has(callee.getName())) || wrappedAgents(call) !== undefined;
    };
    const calls = body.getDescendantsOfKind(program.morph.SyntaxKind.CallExpression).filter(runsModel);
    return calls.length > 0 && calls.every((call) => {
      for (let at: Node | undefined = call.getParent(); at && at !== body; at = at.getParent()) {
        const parent = at.getParent();
        if (parent && N.isTryStatement(parent) && parent.getTryBlock() === at) {
          const handler = parent.getCatchClause();
          return handler !== undefined && handler.getDescendantsOfKind(program.morph.SyntaxKind.ThrowStatement).length === 0;
        }
      }
      return false;
    });
  };

  /**
   * Calls in code that act for good: a registered tool run by hand, judged by its id, and the
   * methods `namedActingCalls` names (`deleteNode`, `sendEmail`, `resend.emails.send`).
   */
  const actingCalls = (body: Node): Array<{ name: string; node: Node }> => {
    const found: Array<{ name: string; node: Node }> = [];
    forEachDescendantOf(body, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = resolver.unwrap(node.getExpression());
      if (!N.isPropertyAccessExpression(callee)) return;
      // A registered tool run by hand (`mastra.getTool('send-sms').execute(…)`): judged by its id.
      const lookup = callee.getName() === 'execute' ? resolver.unwrap(callee.getExpression()) : undefined;
      const toolId = lookup && N.isCallExpression(lookup) && calleeName(lookup.compilerNode) === 'getTool' ? resolver.stringValue(lookup.getArguments()[0]) : undefined;
      if (toolId !== undefined) {
        if (actingVerbOf(nameWords(toolId), ACTING, READING) !== undefined && !found.some((each) => each.name === toolId)) found.push({ name: toolId, node });
        return;
      }
    });
    for (const call of namedActingCalls(resolver, body)) if (!found.some((each) => each.name === call.name)) found.push(call);
    return found;
  };

  /** The `createStep(…)` a factory function returns, if it returns one. */
  const returnedCreateStep = (factory: Node): Node | undefined => {
    let found: Node | undefined;
    forEachDescendantOf(factory, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (N.isCallExpression(node) && isMastra(node.getExpression(), ['createStep'])) {
        const parent = node.getParent();
        if (parent && (N.isReturnStatement(parent) || N.isArrowFunction(parent))) found = node;
      }
      return found ? 'stop' : undefined;
    });
    return found;
  };

  const workflowOf = (value: Node): Node | undefined => {
    let current: Node | undefined = value;
    for (let hops = 0; current && hops < 200; hops++) {
      if (workflows.has(current)) return current;
      if (!N.isCallExpression(current)) return undefined;
      const callee = current.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !WORKFLOW_METHODS.has(callee.getName())) return undefined;
      current = resolver.value(callee.getExpression());
    }
    return undefined;
  };

  /**
   * The agent a registration key names, for code in `fromFile`: when several Mastra instances
   * register the key (a monorepo of examples), the one whose instance sits closest to the code.
   */
  const lookup = (key: string, fromFile: string): MastraAgent | undefined => {
    const candidates = registered.get(key) ?? [];
    let best: { agent: MastraAgent; score: number } | undefined;
    for (const candidate of candidates) {
      const score = sharedPrefix(candidate.instanceFile, fromFile);
      if (!best || score > best.score) best = { agent: candidate.agent, score };
    }
    return best?.agent;
  };

  /**
   * Functions that run an agent they are given (`ask({ agent: writer }, prompt)` → `cfg.agent.generate(…)`,
   * `run(agent, input)` → `agent.generate(…)`): by function, where the agent comes in (a parameter, or a property of one).
   */
  let wrappers: Map<Node, Array<{ index: number; property?: string }>> | undefined;
  const agentWrappers = (): Map<Node, Array<{ index: number; property?: string }>> => {
    if (wrappers) return wrappers;
    const found = new Map<Node, Array<{ index: number; property?: string }>>();
    wrappers = found;
    for (const source of files) {
      forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (node) => {
        if (!N.isCallExpression(node)) return;
        const callee = resolver.unwrap(node.getExpression());
        if (!N.isPropertyAccessExpression(callee)) return;
        const receiver = resolver.unwrap(callee.getExpression());
        if (agentOf(receiver)) return;
        // A step or tool built around the agent it is given is a step factory, read with its steps.
        if (node.getFirstAncestor((ancestor) => N.isCallExpression(ancestor) && isMastra(ancestor.getExpression(), ['createTool', 'createStep']))) return;
        const base = N.isPropertyAccessExpression(receiver) ? resolver.unwrap(receiver.getExpression()) : receiver;
        const member = N.isPropertyAccessExpression(receiver) ? receiver.getName() : undefined;
        const parameter = resolver.parameterOf(base);
        if (!parameter || (parameter.property !== undefined && member !== undefined)) return;
        const property = parameter.property ?? member;
        const entries = found.get(parameter.fn) ?? [];
        if (!entries.some((entry) => entry.index === parameter.index && entry.property === property)) entries.push({ index: parameter.index, ...(property !== undefined && { property }) });
        found.set(parameter.fn, entries);
      }, (node) => AGENT_RUN_METHODS.has(calleeName(node) ?? ''));
    }
    return found;
  };
  /** The agents a call of a wrapper runs (undefined when it calls no wrapper); a gap where its argument is no known agent. */
  const wrappedAgents = (call: Node): string[] | undefined => {
    if (!N.isCallExpression(call)) return undefined;
    const fn = resolver.value(call.getExpression());
    const entries = fn ? agentWrappers().get(fn) : undefined;
    if (!entries) return undefined;
    const keys: string[] = [];
    for (const { index, property } of entries) {
      const argument = call.getArguments()[index];
      const holder = argument ? resolver.value(argument) : undefined;
      const written = property === undefined ? argument : holder && N.isObjectLiteralExpression(holder) ? resolver.property(holder, property) : undefined;
      const agent = agentOf(written);
      if (agent) keys.push(agent.key);
      else gaps.add(call, `a run, through '${call.getExpression().getText().slice(0, 40)}', of an agent the code read does not resolve`);
    }
    return keys;
  };

  /** Agents a step's code uses: `mastra.getAgent('key')`, a known agent's generate/stream, or a helper given one. */
  /**
   * A call of a helper of the code read that runs or looks up an agent: the agents its body runs,
   * its parameters bound to the call's arguments (`createAgentTool(coderAgent, …)` → `agent.stream(…)`).
   */
  const agentsCalledThrough = (call: TsMorph.CallExpression, bindings: Map<string, Node>, depth: number): string[] => {
    const fn = depth < 3 ? resolver.value(call.getExpression()) : undefined;
    if (!fn || !(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn)) || !/\.(getAgent(ById)?|generate|stream|generateVNext|streamVNext|generateLegacy|streamLegacy)\s*\(/.test(fn.getText())) return [];
    const bound = new Map(bindings);
    fn.getParameters().forEach((parameter, index) => {
      const argument = call.getArguments()[index];
      if (argument && N.isIdentifier(parameter.getNameNode())) bound.set(parameter.getName(), bindings.get(argument.getText()) ?? argument);
    });
    return agentsCalledIn(fn, bound, depth + 1);
  };

  const agentsCalledIn = (body: Node, bindings: Map<string, Node> = new Map(), depth = 0): string[] => {
    const found: string[] = [];
    forEachDescendantOf(body, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      // `ask({ agent: writer }, prompt)`: a helper that runs the agent it is given.
      const wrapped = wrappedAgents(node);
      if (wrapped) {
        found.push(...wrapped);
        return;
      }
      // `tool.execute!(…)`: the assertion keeps the callee.
      const callee = resolver.unwrap(node.getExpression());
      // A helper that looks the agent up by the key it is given (`requiredAgent(mastra, 'planner')`
      // → `mastra.getAgentById(id)`), or that runs one itself (`reviewCompliance(answer)` →
      // `complianceAgent.generate(…)`, in another module too): read its body with its parameters
      // bound to this call's arguments.
      if (N.isIdentifier(callee)) {
        found.push(...agentsCalledThrough(node, bindings, depth));
        return;
      }
      if (!N.isPropertyAccessExpression(callee)) return;
      // A step that runs a tool (`summarizeTool.execute(…)`) runs the agents the tool calls.
      if (callee.getName() === 'execute' && depth < 3) {
        const made = resolver.value(callee.getExpression());
        if (made && N.isCallExpression(made) && isMastra(made.getExpression(), ['createTool'])) {
          const options = resolver.value(made.getArguments()[0] ?? made);
          const execute = options ? resolver.property(options, 'execute') : undefined;
          const inner = execute ? (resolver.value(execute) ?? execute) : undefined;
          if (inner) found.push(...agentsCalledIn(inner, new Map(), depth + 1));
        }
        return;
      }
      // Every registered agent, one picked at run time (`mastra.getAgents()[agentId]`): which ones run is unread.
      if (callee.getName() === 'getAgents') {
        gaps.add(node, 'agents looked up at run time from mastra.getAgents(): which of them this runs is not read');
        return;
      }
      if (callee.getName() === 'getAgent' || callee.getName() === 'getAgentById') {
        const argument = node.getArguments()[0];
        const bound = argument && N.isIdentifier(argument) ? bindings.get(argument.getText()) : undefined;
        const key = resolver.stringValue(bound ?? argument);
        // getAgent takes the registration key; getAgentById the agent's own id.
        const byId = (id: string): MastraAgent | undefined =>
          [...agents.values()].find((each) => resolver.stringValue(each.config ? resolver.property(each.config, 'id') : undefined) === id);
        const agent =
          key === undefined
            ? undefined
            : callee.getName() === 'getAgentById'
              ? (byId(key) ?? lookup(key, pathOf(node)))
              : (lookup(key, pathOf(node)) ?? [...agents.values()].find((each) => draft.agent(each.key)?.name === key));
        if (agent) found.push(agent.key);
        else gaps.add(node, key === undefined ? 'an agent looked up by a computed key' : `mastra.getAgent('${key}'), which no Mastra instance registers`);
        return;
      }
      if (AGENT_RUN_METHODS.has(callee.getName()) || callee.getName() === 'network') {
        // `agent.generate(…)` where the step factory was given the agent (`makeStep('research', researcher)`).
        const receiver = callee.getExpression();
        const bound = N.isIdentifier(receiver) ? bindings.get(receiver.getText()) : undefined;
        found.push(...agentsOf(bound ?? receiver).map((agent) => agent.key));
      }
    });
    return [...new Set(found)];
  };

  // Each workflow: calls on it in document order, chained or statement style.
  const chains = new Map<Node, Array<{ method: string; call: Node; args: Node[] }>>();
  for (const source of files) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || !WORKFLOW_METHODS.has(callee.getName())) return;
      const workflow = workflowOf(resolver.value(callee.getExpression()) ?? callee.getExpression());
      if (!workflow) return;
      const chain = chains.get(workflow) ?? [];
      chain.push({ method: callee.getName(), call: callee.getNameNode(), args: node.getArguments() });
      chains.set(workflow, chain);
    }, (node) => WORKFLOW_METHODS.has(calleeName(node) ?? ''));
  }
  /** Workflows a body starts: `wf.createRun()`, `mastra.getWorkflow('id').createRunAsync()`. */
  const workflowsStartedIn = (body: Node): Node[] => {
    const found: Node[] = [];
    forEachDescendantOf(body, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = resolver.unwrap(node.getExpression());
      if (!N.isPropertyAccessExpression(callee) || !['createRun', 'createRunAsync'].includes(callee.getName())) return;
      const receiver = resolver.unwrap(callee.getExpression());
      // The workflow itself, or its lookup, also kept in a variable first (`const wf = mastra.getWorkflow('id')`).
      const lookup = resolver.value(receiver) ?? receiver;
      let workflow = workflowOf(lookup);
      if (!workflow && N.isCallExpression(lookup)) {
        const lookupCallee = resolver.unwrap(lookup.getExpression());
        const id = N.isPropertyAccessExpression(lookupCallee) && ['getWorkflow', 'getWorkflowById'].includes(lookupCallee.getName()) ? resolver.stringValue(lookup.getArguments()[0]) : undefined;
        workflow = id === undefined ? undefined : [...workflows.values()].find((each) => each.id === id || variableOf(program, each.node) === id)?.node;
        if (!workflow && lookupCallee && N.isPropertyAccessExpression(lookupCallee) && ['getWorkflow', 'getWorkflowById'].includes(lookupCallee.getName())) gaps.add(node, id === undefined ? 'a workflow looked up by a computed key' : `mastra.getWorkflow('${id}'), which no workflow read here has`);
      }
      if (workflow) found.push(workflow);
    });
    return found;
  };
  /**
   * What a step runs: a nested workflow (as its node), else the agents its code calls and the
   * workflows it starts itself (`const run = await researchWorkflow.createRunAsync(); await run.start(…)`).
   */
  const agentsOfStep = (info: StepInfo): string[] => {
    if (info.workflow) return [workflows.get(info.workflow)?.key ?? ''].filter(Boolean);
    const started = info.body ? workflowsStartedIn(info.body).map((workflow) => workflows.get(workflow)?.key ?? '').filter(Boolean) : [];
    return [...new Set([...info.agents, ...started])];
  };
  /** What an earlier step ran, found by the step itself or by its `id` (`getStepResult('research')`). */
  const ranOf = (ranBy: ReadonlyMap<Node, Array<{ agent: string; step: string }>>, reference: Node): Array<{ agent: string; step: string }> => {
    const id = resolver.stringValue(reference);
    if (id === undefined) return ranBy.get(resolver.value(reference) ?? reference) ?? [];
    for (const [step, ran] of ranBy) {
      const options = N.isCallExpression(step) || N.isNewExpression(step) ? step.getArguments()[0] : undefined;
      const config = options ? resolver.value(options) : undefined;
      if (config && resolver.stringValue(resolver.property(config, 'id')) === id) return ran;
    }
    return [];
  };
  /** The agents (and nested workflows) each workflow runs, by workflow key. */
  const workflowAgents = new Map<string, string[]>();
  /** Workflows with a step that suspends for a person (`suspend()` awaiting a passcode, an approval). */
  const suspending = new Set<Node>();
  for (const [node, workflow] of workflows) {
    const key = workflow.key;
    // The workflow is a node only when a step runs an agent: a workflow of code steps coordinates nobody.
    const ensureNode = (): void => {
      if (draft.hasAgent(key)) return;
      draft.addAgent({ key, name: `workflow:${workflow.id}`, role: 'orchestrator', tools: [], location: locationOf(node), deterministic: true });
      draft.markEntry(key);
    };
    const calls = (chains.get(node) ?? []).sort((a, b) => a.call.getStart() - b.call.getStart());
    /** The agents of the last step(s) that ran one, each with the step it ran in. */
    let previous: Array<{ agent: string; step: string; contained?: boolean }> = [];
    let stepCount = 0;
    const consume = (agentKeys: string[], at: Node, options: { parallel?: boolean; exclusive?: boolean; contained?: boolean }): Array<{ agent: string; step: string; contained?: boolean }> => {
      const step = `${workflow.id}#${++stepCount}`;
      if (agentKeys.length > 0) ensureNode();
      workflowAgents.set(key, [...new Set([...(workflowAgents.get(key) ?? []), ...agentKeys])]);
      for (const agentKey of agentKeys) {
        draft.addEdge(key, agentKey, 'delegate', locationOf(at), { parallel: options.parallel === true, ...(options.exclusive === true && { exclusive: true }) });
        // Cycles are judged on steps: the same agents in two rounds of a workflow close no loop.
        // A step that catches its agent's failure hands on a default: what follows does not fall with it.
        for (const before of previous) if (before.agent !== agentKey) draft.addEdge(before.agent, agentKey, 'data', locationOf(at), { steps: { from: before.step, to: step }, ...(before.contained === true && { fallback: true }) });
      }
      return agentKeys.map((agent) => ({ agent, step, ...(options.contained === true && { contained: true }) }));
    };
    // The older API: `.step(a).step(b)` on the workflow are branches from the start, `.then(c)`
    // follows the step before it, and `.after([a, b]).step(c)` runs c once a and b are done.
    /** Where the current run of `.step()` branches leaves from, and what they reached. */
    let branches: { from: Array<{ agent: string; step: string }>; reached: Array<{ agent: string; step: string }> } | undefined;
    /** Agents whose output a person has seen since they ran (a suspending step after them). */
    const reviewed = new Set<string>();
    let afterJoin = false;
    const ranBy = new Map<Node, Array<{ agent: string; step: string }>>();
    /** Calls in a run of two or more `.step()` branches (not after an `.after()`). */
    const inRun = new Set<number>();
    for (let index = 0; index < calls.length; index++) {
      if (calls[index]?.method !== 'step' || calls[index - 1]?.method === 'after' || calls[index - 1]?.method === 'step') continue;
      let end = index;
      while (calls[end + 1]?.method === 'step') end++;
      if (end > index) for (let each = index; each <= end; each++) inRun.add(each);
    }
    for (const [index, { method, call, args }] of calls.entries()) {
      if (method === 'after') {
        const named = args[0] ? resolver.elements(args[0]).items : [];
        const joined = named.flatMap((item) => ranBy.get(resolver.value(item) ?? item) ?? []);
        if (joined.length > 0) previous = joined;
        branches = undefined;
        afterJoin = true;
        continue;
      }
      if (method === 'step' && !afterJoin) {
        // A branch from where the run of `.step()` calls began.
        branches ??= { from: previous, reached: [] };
        previous = branches.from;
      }
      if (method !== 'step') branches = undefined;
      afterJoin = false;
      // `.map(async ({ inputData, mastra }) => rankAndRecommend({ inputData }))`: a mapping that runs
      // agents itself (or through a helper) is a step of theirs; one that only reshapes data is none.
      if (method === 'map') {
        const mapper = args[0] ? (resolver.value(args[0]) ?? args[0]) : undefined;
        if (!mapper || !(N.isArrowFunction(mapper) || N.isFunctionExpression(mapper) || N.isFunctionDeclaration(mapper))) continue;
        const mapAgents = agentsCalledIn(mapper);
        if (mapAgents.length === 0) continue;
        const ran = consume(mapAgents, args[0] as Node, {});
        ranBy.set(args[0] as Node, ran);
        previous = ran;
        continue;
      }
      if (method === 'then' || method === 'step' || method === 'foreach' || method === 'dowhile' || method === 'dountil') {
        const step = args[0];
        if (!step) continue;
        const info = stepInfo(step);
        const stepAgents = agentsOfStep(info);
        const ran = consume(stepAgents, step, { parallel: method === 'foreach' || inRun.has(index), contained: info.contained === true });
        ranBy.set(resolver.value(step) ?? step, ran);
        // Results of earlier steps it reads by name (one two steps back): their agents' work feeds this step's agents.
        for (const reference of info.stepResults ?? []) {
          for (const before of ranOf(ranBy, reference)) {
            for (const now of ran) if (before.agent !== now.agent) draft.addEdge(before.agent, now.agent, 'data', locationOf(reference), { steps: { from: before.step, to: now.step } });
          }
        }
        if (info.suspends) suspending.add(node);
        if (info.suspends) for (const agentKey of stepAgents.length > 0 ? stepAgents : [key]) draft.addHumanApproval(agentKey, locationOf(step), 'every-action');
        // A code step that suspends for a person (`awaitApproval`) after agents: what they decided
        // has been seen by someone before any later step acts on it.
        if (info.suspends && stepAgents.length === 0) for (const before of previous) reviewed.add(before.agent);
        // A code step right after agents that acts on their output (`graph.deleteNode(op.id)`)
        // does so for them, with nobody reviewing what they decided, unless a person did in between.
        if (stepAgents.length === 0 && !info.suspends && info.body) {
          const toolActs = info.tool !== undefined && actingVerbOf(nameWords(info.tool), ACTING, READING) !== undefined;
          for (const acting of [...(toolActs ? [{ name: info.tool as string, node: step }] : []), ...actingCalls(info.body)]) {
            for (const before of previous) {
              const owner = draft.agent(before.agent);
              const name = `${acting.name} (step after '${owner?.name ?? 'agent'}')`;
              if (owner && !owner.tools.some((tool) => tool.name === name)) owner.tools.push({ name, irreversible: false, needsApproval: reviewed.has(before.agent), location: locationOf(acting.node) });
            }
          }
        }
        if (method === 'dowhile' || method === 'dountil') draft.addLoop(stepAgents, undefined, locationOf(call));
        if (branches) {
          branches.reached.push(...ran);
          previous = branches.reached.length > 0 ? branches.reached : branches.from;
        } else if (ran.length > 0) {
          previous = ran;
        }
      } else if (method === 'parallel' || method === 'branch') {
        const list = resolver.elements(args[0]);
        for (const unknown of list.unknown) gaps.add(unknown, `${method} steps spread from an array that is not written out`);
        const reached: Array<{ agent: string; step: string }> = [];
        for (const item of list.items) {
          const value = resolver.value(item);
          const step = method === 'branch' && value && N.isArrayLiteralExpression(value) ? value.getElements()[1] : item;
          if (!step) continue;
          const info = stepInfo(step);
          const stepAgents = agentsOfStep(info);
          reached.push(...consume(stepAgents, step, method === 'parallel' ? { parallel: true } : { exclusive: true }));
          if (info.suspends) suspending.add(node);
          if (info.suspends) for (const agentKey of stepAgents.length > 0 ? stepAgents : [key]) draft.addHumanApproval(agentKey, locationOf(step), 'every-action');
        }
        if (reached.length > 0) previous = reached;
      }
    }
    if (calls.length === 0) gaps.add(node, `the steps of workflow '${workflow.id}'`);
  }

  // Agents behind an agent's tools and workflows: a tool whose execute calls another agent
  // (`mastra.getAgent('key').generate()`, an imported agent's generate/stream) delegates to it;
  // `workflows: { … }` on an agent delegates to the agents the workflow runs (the workflow stays
  // an entry point of its own).
  for (const agent of agents.values()) {
    const config = agent.config;
    const written = config ? resolver.property(config, 'tools') : undefined;
    const tools = written ? memberValue(resolver, written) : undefined;
    if (tools && N.isObjectLiteralExpression(tools)) {
      const active = activeToolsOf(resolver, config);
      for (const { name, value, at: property } of objectEntries(resolver, tools).entries) {
        const made = memberValue(resolver, value);
        // A tool made with createTool, or written as its options (`{ id, description, execute }`).
        const created = made && N.isCallExpression(made) && isMastra(made.getExpression(), ['createTool']);
        const written = made && N.isObjectLiteralExpression(made) && resolver.property(made, 'execute') !== undefined;
        if (!made || (!created && !written)) continue;
        const options = created && N.isCallExpression(made) ? resolver.value(made.getArguments()[0] ?? made) : made;
        if (!isActive(active, resolver.stringValue(options ? resolver.property(options, 'id') : undefined) ?? name, name)) continue;
        const execute = options ? resolver.property(options, 'execute') : undefined;
        const body = execute ? (resolver.value(execute) ?? execute) : undefined;
        if (!body) continue;
        for (const called of agentsCalledIn(body)) if (called !== agent.key) draft.addEdge(agent.key, called, 'delegate', locationOf(property));
        // A tool that starts a workflow (`const run = await storyWorkflow.createRun(); run.start(…)`)
        // directs the workflow's agents, as `workflows: { … }` on the agent would.
        for (const workflow of workflowsStartedIn(body)) {
          for (const runs of workflowAgents.get(workflows.get(workflow)?.key ?? '') ?? []) if (runs !== agent.key) draft.addEdge(agent.key, runs, 'delegate', locationOf(property));
          // A tool that starts (or resumes) a workflow that waits for a person before it goes on acts
          // only once that person has answered: the tool asks first.
          if (suspending.has(workflow)) {
            const id = resolver.stringValue(options ? resolver.property(options, 'id') : undefined) ?? name;
            for (const tool of draft.agent(agent.key)?.tools ?? []) if (tool.name === id || tool.name === name) tool.needsApproval = true;
          }
        }
      }
    }
    const flows = config ? resolver.value(resolver.property(config, 'workflows') ?? config) : undefined;
    if (flows && flows !== config && N.isObjectLiteralExpression(flows)) {
      for (const property of flows.getProperties()) {
        const value = N.isPropertyAssignment(property) ? property.getInitializer() : N.isShorthandPropertyAssignment(property) ? property.getNameNode() : undefined;
        const resolved = value ? resolver.value(value) : undefined;
        const workflow = resolved ? workflowOf(resolved) : undefined;
        if (!workflow) {
          gaps.add(property, 'a workflow of an agent that is not a workflow defined in the code read');
          continue;
        }
        // The agent runs the workflow like a tool: it directs the workflow's agents in that run.
        for (const runs of workflowAgents.get(workflows.get(workflow)?.key ?? '') ?? []) {
          if (runs !== agent.key) draft.addEdge(agent.key, runs, 'delegate', locationOf(property));
        }
      }
    }
  }

  // Registration in `new Mastra({ agents, workflows })` links nothing: agents and workflows
  // registered side by side are separate systems (each run starts at one of them), joined only by
  // the edges between them.

  // Plain code that runs agents (`const draft = await writer.generate(brief)`, then
  // `await reviewer.generate(draft.text)`): a code orchestrator where it passes work on. Runs
  // inside a tool's or a step's code are that tool's or step's, read above.
  const runsByFunction = new Map<Node, RunSite[]>();
  /** Runs inside each workflow step's `execute`, by the step. */
  const stepRuns = new Map<Node, RunSite[]>();
  /**
   * Tools handed to an agent for one run (`agent.stream(messages, { toolsets: { agents: { coder:
   * coderTool } } })`): a tool whose execute runs another agent (made in place, or by a helper that
   * wraps the agent it is given, `createAgentTool(coderAgent, …)`) is a delegation, as it would be
   * in the agent's own `tools`.
   */
  const runToolsets = (owner: string, run: Node): void => {
    if (!N.isCallExpression(run)) return;
    const options = run.getArguments()[1];
    const resolved = options ? resolver.value(options) : undefined;
    const toolsets = resolved && N.isObjectLiteralExpression(resolved) ? resolver.property(resolved, 'toolsets') : undefined;
    const sets = toolsets ? resolver.value(toolsets) : undefined;
    if (!toolsets) return;
    if (!sets || !N.isObjectLiteralExpression(sets)) {
      gaps.add(toolsets, 'toolsets given to an agent for one run that are not written out in the code read');
      return;
    }
    for (const { value: set } of objectEntries(resolver, sets).entries) {
      const tools = resolver.value(set);
      if (!tools || !N.isObjectLiteralExpression(tools)) {
        gaps.add(set, 'a toolset given to an agent for one run that is not written out in the code read');
        continue;
      }
      for (const { value, at: property } of objectEntries(resolver, tools).entries) {
        const made = resolver.value(value);
        let called: string[] = [];
        if (made && N.isCallExpression(made) && isMastra(made.getExpression(), ['createTool'])) {
          const config = resolver.value(made.getArguments()[0] ?? made);
          const execute = config ? resolver.property(config, 'execute') : undefined;
          const body = execute ? (resolver.value(execute) ?? execute) : undefined;
          called = body ? agentsCalledIn(body) : [];
        } else if (made && N.isCallExpression(made)) {
          // A helper that makes the tool: read with its parameters bound to this call's arguments.
          called = agentsCalledThrough(made, new Map(), 0);
        }
        for (const each of called) if (each !== owner) draft.addEdge(owner, each, 'delegate', locationOf(property));
      }
    }
  };
  // Scripts and route handlers that run the agents often never name @mastra/core themselves.
  const scripts = agents.size === 0 ? [] : codeFilesBeyond(program, files, (text) => /\.(generate|stream)(VNext)?\s*\(/.test(text));
  for (const source of [...files, ...scripts]) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = resolver.unwrap(node.getExpression());
      if (!N.isPropertyAccessExpression(callee)) return;
      // One agent, or either of a choice (`const agent = deep ? analyst : summarizer`): a run of each it may be.
      const chosen = agentsOf(callee.getExpression());
      if (chosen.length === 0) return;
      for (const agent of chosen) runToolsets(agent.key, node);
      const insideToolOrStep = node.getFirstAncestor((ancestor) => N.isCallExpression(ancestor) && isMastra(ancestor.getExpression(), ['createTool', 'createStep']));
      if (insideToolOrStep) {
        // Agents a step runs one after another: the workflow runs them, and what one answers may feed the next.
        if (N.isCallExpression(insideToolOrStep) && isMastra(insideToolOrStep.getExpression(), ['createStep'])) {
          for (const agent of chosen) stepRuns.set(insideToolOrStep, [...(stepRuns.get(insideToolOrStep) ?? []), { agent: { key: agent.key }, parallel: false, node, viaMethod: true }]);
        }
        return;
      }
      const owner = orchestrationScope(program, node);
      const runs = runsByFunction.get(owner) ?? [];
      // `.generate(input)`: every argument is input.
      for (const agent of chosen) runs.push({ agent: { key: agent.key }, parallel: isInsidePromiseAll(program, node, owner), node, viaMethod: true });
      runsByFunction.set(owner, runs);
    }, (node) => AGENT_RUN_METHODS.has(calleeName(node) ?? ''));
  }
  // Calls of helpers that run the agent they are given (`ask({ agent: writer }, prompt)`) are runs of that agent.
  for (const fn of agentWrappers().keys()) {
    for (const call of callsOf(program, resolver, [...files, ...scripts], fn)) {
      const insideToolOrStep = call.getFirstAncestor((ancestor) => N.isCallExpression(ancestor) && isMastra(ancestor.getExpression(), ['createTool', 'createStep']));
      if (insideToolOrStep && !(N.isCallExpression(insideToolOrStep) && isMastra(insideToolOrStep.getExpression(), ['createStep']))) continue;
      for (const key of wrappedAgents(call) ?? []) {
        const site: RunSite = { agent: { key }, parallel: false, node: call, viaMethod: true };
        if (insideToolOrStep) {
          stepRuns.set(insideToolOrStep, [...(stepRuns.get(insideToolOrStep) ?? []), site]);
          continue;
        }
        const owner = orchestrationScope(program, call);
        site.parallel = isInsidePromiseAll(program, call, owner);
        runsByFunction.set(owner, [...(runsByFunction.get(owner) ?? []), site]);
      }
    }
  }
  // A call of a function that runs an agent on what it is given (`review(text)` → `writer.generate(`Review: ${text}`)`)
  // stands for that run where it is called: `review(draft.text)` after a researcher's run passes its answer on.
  for (const [fn, runs] of [...runsByFunction]) {
    if (!(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn))) continue;
    const parameters = fn.getParameters().flatMap((parameter) => (N.isIdentifier(parameter.getNameNode()) ? [parameter.getName()] : []));
    const fed = runs.filter((run) => N.isCallExpression(run.node) && run.node.getArguments().some((argument) => parameters.some((name) => new RegExp(`(^|[^\\w$])${escapeRegExp(name)}(?![\\w$])`).test(argument.getText()))));
    if (parameters.length === 0 || fed.length === 0) continue;
    for (const call of callsOf(program, resolver, [...files, ...scripts], fn)) {
      if (call.getFirstAncestor((ancestor) => ancestor === fn)) continue;
      const insideToolOrStep = call.getFirstAncestor((ancestor) => N.isCallExpression(ancestor) && isMastra(ancestor.getExpression(), ['createTool', 'createStep']));
      if (insideToolOrStep) continue;
      const owner = orchestrationScope(program, call);
      if (owner === fn) continue;
      const sites = fed.map((run): RunSite => ({ agent: run.agent, parallel: isInsidePromiseAll(program, call, owner), node: call, viaMethod: true }));
      runsByFunction.set(owner, [...(runsByFunction.get(owner) ?? []), ...sites]);
    }
  }
  addCodeOrchestrators(program, draft, runsByFunction, 'mastra-code');
  // Within one step the workflow is the coordinator: only the data between its runs is added.
  for (const runs of stepRuns.values()) {
    if (new Set(runs.map((run) => run.agent.key)).size < 2) continue;
    const linked = new Set<string>();
    for (const flow of dataFlows(program, runs)) {
      const pair = `${flow.from.agent.key}\u0000${flow.to.agent.key}`;
      if (linked.has(pair) || !draft.hasAgent(flow.from.agent.key) || !draft.hasAgent(flow.to.agent.key)) continue;
      linked.add(pair);
      draft.addEdge(flow.from.agent.key, flow.to.agent.key, 'data', locationOf(flow.to.node));
      if (flow.carried?.bounded === true) draft.addLoop([flow.to.agent.key, flow.from.agent.key], undefined, locationOf(flow.carried.loop));
    }
  }
}

/** The model id of an agent: `model: openai('gpt-4o')`, `model: 'openai/gpt-4o'`. */
function modelOf(resolver: Resolver, config: Node | undefined): string | undefined {
  if (!config) return undefined;
  const written = resolver.property(config, 'model');
  if (!written) return undefined;
  const direct = resolver.stringValue(written);
  if (direct !== undefined) return direct;
  const value = resolver.value(written);
  const { Node: N } = resolver.program.morph;
  if (value && N.isCallExpression(value)) return resolver.stringValue(value.getArguments()[0]);
  // One constant the agents share, computed where the code read cannot tell its text
  // (`DEFAULT_AGENT_MODEL = \`gateway/${provider}/${models[0]}\``, `process.env.MODEL ?? …`): agents
  // that name it run on the same model, named by the constant.
  let declaration = value?.getParent();
  while (declaration && (N.isAsExpression(declaration) || N.isParenthesizedExpression(declaration) || N.isSatisfiesExpression(declaration))) declaration = declaration.getParent();
  const computed = value !== undefined && (N.isTemplateExpression(value) || N.isBinaryExpression(value) || N.isConditionalExpression(value) || N.isElementAccessExpression(value) || N.isPropertyAccessExpression(value));
  // (At module level only: a constant of a factory's body may differ per call.)
  const statement = declaration && N.isVariableDeclaration(declaration) ? declaration.getVariableStatement() : undefined;
  if (computed && declaration && N.isVariableDeclaration(declaration) && N.isIdentifier(declaration.getNameNode()) && statement?.getDeclarationKind() === 'const' && statement.getParent() !== undefined && N.isSourceFile(statement.getParent() as Node)) return declaration.getName();
  // A model picked per request (`({ runtimeContext }) => getCurrentModel(runtimeContext)`): agents
  // that pick it the same way run on the same model; it is named by how it is picked.
  if (value && (N.isArrowFunction(value) || N.isFunctionExpression(value))) {
    const picked = resolver.returnedExpression(value);
    const text = picked?.getText().replace(/\s+/g, ' ');
    if (text !== undefined && text.length <= 80 && picked && N.isCallExpression(picked)) return text;
  }
  return undefined;
}

/**
 * `tools: { key: tool }`: each tool by its `id` (createTool) or key, with `requireApproval`. The
 * object may be imported, spread from other objects (`{ ...slackTools }`) or built from members
 * of them (`{ post: slackTools.post }`): each is followed to its createTool call.
 */
function toolsOf(resolver: Resolver, config: Node | undefined, gaps: GapSink): Array<Tool & { key?: string }> {
  const { Node: N } = resolver.program.morph;
  const written = config ? resolver.property(config, 'tools') : undefined;
  if (!written) return [];
  let list = memberValue(resolver, written);
  // Tools picked per request (`tools: async ({ runtimeContext }) => ({ … })`): the object the function returns.
  if (list && (N.isArrowFunction(list) || N.isFunctionExpression(list))) {
    const returned = resolver.returnedExpression(list);
    const value = returned ? memberValue(resolver, resolver.unwrap(returned)) : undefined;
    if (value) list = resolver.unwrap(value);
  }
  // The same tools re-mapped one by one (`Object.fromEntries(Object.entries(raw).map(([n, t]) => [n, { ...t, execute: wrap(t) }]))`): those of `raw`.
  const remapped = list ? remappedTools(resolver, list) : undefined;
  if (remapped) list = memberValue(resolver, remapped) ?? remapped;
  // `tools: getTools()` of a function of the code read that returns the object (or list) of tools.
  if (list && N.isCallExpression(list)) {
    // (Not an empty object or list the function fills at run time: `const wrapped = {}; … wrapped[name] = …`.)
    const made = resolver.factoryResult(list);
    if (made && ((N.isObjectLiteralExpression(made) && made.getProperties().length > 0) || (N.isArrayLiteralExpression(made) && made.getElements().length > 0))) list = made;
  }
  if (list && N.isCallExpression(list)) {
    // A toolkit asked for named actions (`composio.getTools({ actions: ['SLACK_SEND_MESSAGE'] })`): each action is a tool.
    const actions = toolkitActions(resolver, list);
    if (actions.length > 0) return actions;
    const servers = mcpServerTools(resolver, list, gaps);
    // An MCP client built where the code read cannot follow (a path alias, a package): its servers are unknown.
    if (servers.length === 0) gaps.add(written, `tools from '${list.getText().replace(/\s+/g, ' ').slice(0, 60)}', whose MCP client or tool list is not built in the code read`);
    return servers;
  }
  // `tools: [search, fetchPage]`: an array where Mastra takes an object by key; each element is still a tool.
  const arrayed = list && N.isArrayLiteralExpression(list) ? resolver.elements(list) : undefined;
  if (arrayed) for (const unknownItem of arrayed.unknown) gaps.add(unknownItem, 'a tool in a tools array that is not written out in the code read');
  if (!arrayed && (!list || !N.isObjectLiteralExpression(list))) {
    gaps.add(written, 'tools that are not written out in the code read (a value computed at run time)');
    return [];
  }
  const { entries, unknown } = arrayed
    ? { entries: arrayed.items.map((item, index) => ({ name: N.isIdentifier(item) ? item.getText() : String(index), value: item, at: item })), unknown: [] as Node[] }
    : objectEntries(resolver, list as Node);
  // A toolkit's tools spread in (`...gmailTools`, a converted Arcade or Composio toolkit): the toolkit's service.
  const spreadToolkits: Tool[] = [];
  for (const spread of unknown) {
    const value = N.isSpreadAssignment(spread) ? memberValue(resolver, spread.getExpression()) : undefined;
    const toolkit = value && N.isCallExpression(value) ? toolkitActions(resolver, value) : [];
    // (Or an MCP client's tools spread in, `{ ...mcpTools }` of `await mcp.getTools()`: one tool per server.)
    const servers = value && N.isCallExpression(value) && toolkit.length === 0 ? mcpServerTools(resolver, value, gaps) : [];
    if (toolkit.length > 0) spreadToolkits.push(...toolkit);
    else if (servers.length > 0) spreadToolkits.push(...servers);
    else gaps.add(spread, 'tools spread from an object that is not written out in the code read');
  }
  return [...spreadToolkits, ...entries.map((entry) => {
    let resolved = memberValue(resolver, entry.value);
    // `{ ...deleteEvent, requireApproval: true }`: the tool spread in, with what the object sets over it.
    let override: Node | undefined;
    if (resolved && N.isObjectLiteralExpression(resolved)) {
      const own = resolved.getProperties().find((property) => N.isPropertyAssignment(property) && propertyName(property.getNameNode()) === 'requireApproval');
      override = own && N.isPropertyAssignment(own) ? own.getInitializer() : undefined;
      const spread = resolved.getProperties().find((property) => N.isSpreadAssignment(property));
      const base = spread && N.isSpreadAssignment(spread) ? memberValue(resolver, spread.getExpression()) : undefined;
      if (base) resolved = base;
    }
    // The file that defines the tool holds something read: no "defines nothing" note on it.
    if (resolved) gaps.touch(resolved);
    // `createTool({…})`, or the class it makes (`new Tool({…})`).
    const options = resolved && (N.isCallExpression(resolved) || N.isNewExpression(resolved)) ? resolver.value(resolved.getArguments()[0] ?? resolved) : undefined;
    const id = resolver.stringValue(options ? resolver.property(options, 'id') : undefined) ?? entry.name;
    const approval = override ?? (options ? resolver.property(options, 'requireApproval') : undefined);
    const effect = bodyEffectOf(resolver, options);
    // A tool made with no `execute` (and nothing spread in that may bring one) is a client tool: the
    // model's call goes back to the application, whose own code (a confirm screen, say) runs it or not.
    const clientTool = options !== undefined && N.isObjectLiteralExpression(options) && resolved !== undefined && N.isCallExpression(resolved) && /createTool$/.test(resolved.getExpression().getText()) && resolver.property(options, 'execute') === undefined && !options.getProperties().some((property) => N.isSpreadAssignment(property));
    if (clientTool) gaps.add(entry.at, `tool '${id}' has no execute: the application's client runs it (or asks first) in code coordlint does not judge`);
    return { name: id, key: entry.name, irreversible: false, needsApproval: approval !== undefined && approval.getText() !== 'false', ...(effect !== undefined && { effect }), ...((clientTool || executeCannotAct(resolver, options)) && { inert: true }), location: locationOf(entry.at) };
  })];
}

/**
 * The actions a toolkit call asks for by name, written out in its options
 * (`getTools({ actions: ['GMAIL_SEND_EMAIL', 'GOOGLECALENDAR_DELETE_EVENT'] })`): toolkit actions
 * are named SERVICE_VERB_OBJECT in capitals, and each is judged by its verb like any tool.
 */
function toolkitActions(resolver: Resolver, call: Node, depth = 0): Tool[] {
  const { Node: N } = resolver.program.morph;
  if (!N.isCallExpression(call)) return [];
  // `composio.tools.get(…).then(log)`: the tools of the call the promise is of.
  const callee = call.getExpression();
  if (depth < 3 && N.isPropertyAccessExpression(callee) && ['then', 'catch', 'finally'].includes(callee.getName())) {
    const inner = resolver.value(callee.getExpression());
    return inner ? toolkitActions(resolver, inner, depth + 1) : [];
  }
  const tools: Tool[] = [];
  for (const argument of call.getArguments()) {
    const options = resolver.value(argument);
    // One whole toolkit by name (Arcade's `arcade.tools.list({ toolkit: 'Gmail' })`).
    const single = options && N.isObjectLiteralExpression(options) ? resolver.stringValue(resolver.property(options, 'toolkit')) : undefined;
    if (single !== undefined && options) tools.push({ name: `${single} toolkit`, kind: 'mcp', detail: single.toLowerCase(), irreversible: false, needsApproval: false, location: locationOf(resolver.property(options, 'toolkit') ?? options) });
    // Tools converted from a toolkit's list (`toZodToolSet({ tools: gmailToolkit.items })`): that toolkit's.
    const converted = options && N.isObjectLiteralExpression(options) ? resolver.property(options, 'tools') : undefined;
    const source = converted && depth < 3 ? callBehind(resolver, converted) : undefined;
    if (source) tools.push(...toolkitActions(resolver, source, depth + 1));
    // Whole toolkits (`{ toolkits: ['GMAIL'] }`): every action of the service, judged as a server is.
    const toolkits = options && N.isObjectLiteralExpression(options) ? resolver.value(resolver.property(options, 'toolkits') ?? options) : undefined;
    if (toolkits && toolkits !== options && N.isArrayLiteralExpression(toolkits)) {
      for (const element of toolkits.getElements()) {
        const name = resolver.stringValue(element);
        if (name !== undefined) tools.push({ name: `${name} toolkit`, kind: 'mcp', detail: name.toLowerCase(), irreversible: false, needsApproval: false, location: locationOf(element) });
      }
    }
    const actions = options && N.isObjectLiteralExpression(options) ? resolver.value(resolver.property(options, 'actions') ?? options) : undefined;
    if (!actions || !N.isArrayLiteralExpression(actions)) continue;
    for (const element of actions.getElements()) {
      const name = resolver.stringValue(element);
      if (name !== undefined && /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(name)) tools.push({ name, irreversible: false, needsApproval: false, location: locationOf(element) });
    }
  }
  return tools;
}

/**
 * `defaultOptions: { activeTools: ['a', 'b'] }`: the only tools the model is offered, by the
 * names it sees (the key in `tools`, or a workspace tool's name). Undefined when not written out.
 */
function activeToolsOf(resolver: Resolver, config: Node | undefined): Set<string> | undefined {
  const { Node: N } = resolver.program.morph;
  const options = config ? resolver.value(resolver.property(config, 'defaultOptions') ?? config) : undefined;
  const written = options && options !== config ? resolver.property(options, 'activeTools') : undefined;
  const list = written ? resolver.value(written) : undefined;
  if (!list || !N.isArrayLiteralExpression(list)) return undefined;
  const names = list.getElements().map((element) => resolver.stringValue(element));
  return names.every((name) => name !== undefined) ? new Set(names as string[]) : undefined;
}

function isActive(active: Set<string> | undefined, name: string, key?: string): boolean {
  return active === undefined || active.has(name) || (key !== undefined && active.has(key));
}

/**
 * Workspace tools that act outside the run: the sandbox's command runner. The filesystem's
 * tools (write, edit, delete) change files in the workspace's own folder, like a coding agent's
 * edits, and are left out.
 */
const WORKSPACE_ACTING_TOOLS: ReadonlyArray<{ ids: readonly string[]; needs: 'sandbox'; kind?: Tool['kind'] }> = [{ ids: ['execute_command'], needs: 'sandbox', kind: 'shell' }];

/**
 * `workspace: new Workspace({ sandbox, filesystem, tools })` on an agent (or on the Mastra
 * instance that registers it, for agents without their own): Mastra gives the agent the
 * workspace's tools. A sandbox brings `execute_command` (a shell); `tools` renames it (`name`),
 * turns it off (`enabled: false`) or asks for approval (`requireApproval`), per tool (keyed by
 * `WORKSPACE_TOOLS.…` or `mastra_workspace_…`) or for all.
 */
/**
 * `browser: new AgentBrowser({…})` (or another browser provider) on an agent: it drives a real
 * browser, clicking, typing and submitting forms on whatever site it opens.
 */
function browserTools(resolver: Resolver, config: Node | undefined): Array<Tool & { key?: string }> {
  const { Node: N } = resolver.program.morph;
  const written = config ? resolver.property(config, 'browser') : undefined;
  if (!written || /^(undefined|null|false)$/.test(written.getText())) return [];
  const value = resolver.value(written) ?? written;
  const provider = N.isNewExpression(value) ? value.getExpression().getText() : undefined;
  return [{ name: 'browser', irreversible: false, needsApproval: false, kind: 'computer-use', detail: `a real browser it drives${provider ? ` (${provider})` : ''}, filling in and submitting forms on any site`, location: locationOf(written) }];
}

function workspaceTools(resolver: Resolver, config: Node | undefined, isWorkspace: (node: Node) => boolean, gaps: GapSink): Array<Tool & { key?: string }> {
  const { Node: N } = resolver.program.morph;
  const written = config ? resolver.property(config, 'workspace') : undefined;
  if (!written) return [];
  const workspace = memberValue(resolver, written);
  if (!workspace || !N.isNewExpression(workspace) || !isWorkspace(workspace.getExpression())) {
    gaps.add(written, 'a workspace that is not a Workspace built in the code read');
    return [];
  }
  const options = resolver.value(workspace.getArguments()[0] ?? workspace);
  if (!options || !N.isObjectLiteralExpression(options)) return [];
  const sandbox = resolver.property(options, 'sandbox');
  const has = { sandbox: sandbox !== undefined };
  const toolsConfig = resolver.property(options, 'tools');
  const settings = toolsConfig ? resolver.value(toolsConfig) : undefined;
  const perTool = new Map<string, Node>();
  if (settings && N.isObjectLiteralExpression(settings)) {
    for (const property of settings.getProperties()) {
      if (!N.isPropertyAssignment(property)) continue;
      const nameNode = property.getNameNode();
      const key = N.isComputedPropertyName(nameNode) ? nameNode.getExpression().getText() : propertyName(nameNode);
      // `WORKSPACE_TOOLS.SANDBOX.EXECUTE_COMMAND` and `mastra_workspace_execute_command` both name execute_command.
      const id = (key.split('.').pop() ?? key).toLowerCase().replace(/^mastra_workspace_/, '');
      perTool.set(id, property);
    }
  }
  const flag = (owner: Node | undefined, name: string): string | undefined => {
    const value = owner && N.isObjectLiteralExpression(owner) ? resolver.property(owner, name) : undefined;
    return value?.getText();
  };
  const allEnabled = flag(settings, 'enabled');
  const allApproval = flag(settings, 'requireApproval');
  const tools: Tool[] = [];
  for (const { ids, needs, kind } of WORKSPACE_ACTING_TOOLS) {
    if (!has[needs]) continue;
    const id = ids.find((each) => perTool.has(each)) ?? (ids[0] as string);
    const property = perTool.get(id);
    const own = property && N.isPropertyAssignment(property) ? resolver.value(property.getInitializer() ?? property) : undefined;
    if ((flag(own, 'enabled') ?? allEnabled) === 'false') continue;
    const approval = flag(own, 'requireApproval') ?? allApproval;
    const name = resolver.stringValue(own && N.isObjectLiteralExpression(own) ? resolver.property(own, 'name') : undefined) ?? `mastra_workspace_${id}`;
    // Where the tool is configured, else the `sandbox:` entry that brings it.
    const at = property ?? sandbox?.getParent() ?? workspace;
    tools.push({ name, irreversible: false, needsApproval: approval !== undefined && approval !== 'false', ...(kind !== undefined && { kind }), location: locationOf(at) });
  }
  return tools;
}

/**
 * `tools: await mcp.listTools()` (or `getTools()`, `getToolsets()`) of an `MCPClient`, also one
 * imported from another module: one tool per server it
 * connects to, named after the server, with the server's command as detail (what it can do
 * depends on the server: unguarded-irreversible-action judges it by name).
 */
export function mcpServerTools(resolver: Resolver, call: Node, gaps?: GapSink): Tool[] {
  const { Node: N } = resolver.program.morph;
  if (!N.isCallExpression(call)) return [];
  const callee = call.getExpression();
  if (!N.isPropertyAccessExpression(callee) || !['listTools', 'getTools', 'listToolsets', 'getToolsets'].includes(callee.getName())) return [];
  const client = resolver.value(callee.getExpression());
  if (!client || !N.isNewExpression(client) || !resolver.isImportFrom(client.getExpression(), ['@mastra/mcp'], ['MCPClient', 'MastraMCPClient', 'MCPConfiguration'])) return [];
  const options = resolver.value(client.getArguments()[0] ?? client);
  const servers = options ? resolver.value(resolver.property(options, 'servers') ?? options) : undefined;
  if (!servers || servers === options || !N.isObjectLiteralExpression(servers)) return [];
  return servers.getProperties().flatMap((property) => {
    if (!N.isPropertyAssignment(property)) return [];
    const name = propertyName(property.getNameNode());
    const command = property.getInitializer()?.getText().replace(/\s+/g, ' ').slice(0, 200) ?? '';
    // A server named only as a gateway or a proxy, at an address that names no service either
    // (`mcpGateway: { url: new URL(process.env.GATEWAY_URL || 'http://localhost:8811/sse') }`): which tools it serves is set where it runs.
    if (namesNoService(name, command)) gaps?.add(property, `MCP server '${name}' names no service (a gateway or a bare address): which tools it serves, and what they do, is set where it runs, not in the code read`);
    return [{ name: `mcp:${name}`, irreversible: false, needsApproval: false, kind: 'mcp' as const, detail: `${name} ${command}`, location: locationOf(property) }];
  });
}

/**
 * The object whose tools `Object.fromEntries(Object.entries(raw).map(…))` (with any `.filter(…)`)
 * rebuilds entry by entry, keeping each tool (a wrapper of its `execute`): `raw`, or undefined.
 */
function remappedTools(resolver: Resolver, node: Node): Node | undefined {
  const { Node: N } = resolver.program.morph;
  const call = resolver.unwrap(node);
  if (!N.isCallExpression(call) || call.getExpression().getText() !== 'Object.fromEntries') return undefined;
  let inner: Node | undefined = resolver.unwrap(call.getArguments()[0] ?? call);
  for (let hops = 0; inner && hops < 4 && N.isCallExpression(inner); hops++) {
    const callee: Node = inner.getExpression();
    if (callee.getText() === 'Object.entries') {
      const raw = inner.getArguments()[0];
      return raw ? resolver.unwrap(raw) : undefined;
    }
    if (!N.isPropertyAccessExpression(callee) || !['map', 'filter'].includes(callee.getName())) return undefined;
    inner = resolver.unwrap(callee.getExpression());
  }
  return undefined;
}

/** Words of a server's name or address that say nothing of what it serves. */
const NO_SERVICE_WORDS = /^(mcp|gateway|proxy|server|servers|hub|tools?|default|local|remote|main|docker|url|new|process|env|http|https|localhost|sse|mcps?|stream|messages|v\d+|\d+|127|0|1|host|internal|api|endpoint|base)$/;

/** True when neither a server's name nor what it is built from names a service (only a gateway, a proxy, a local address). */
function namesNoService(name: string, written: string): boolean {
  if (!/\b(gateway|proxy|hub)\b/i.test(nameWords(name).join(' '))) return false;
  return written.replace(/[^A-Za-z0-9]+/g, ' ').split(' ').flatMap((word) => nameWords(word)).every((word) => NO_SERVICE_WORDS.test(word) || /^[A-Z_]+$/.test(word) || word.length <= 2 || /gateway|mcp/.test(word));
}

/** How many leading characters two paths share: closeness in the folder tree. */
function sharedPrefix(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

function containsCallNamed(program: TsProgram, node: Node, name: string): boolean {
  const { Node: N } = program.morph;
  let found = false;
  forEachDescendantOf(node, [program.morph.SyntaxKind.CallExpression], (child) => {
    if (N.isCallExpression(child) && child.getExpression().getText() === name) found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}

/** The call a value comes from through variables, `await` and member reads (`gmailToolkit.items` → `arcade.tools.list(…)`). */
function callBehind(resolver: Resolver, node: Node): Node | undefined {
  const { Node: N } = resolver.program.morph;
  let current: Node | undefined = node;
  for (let hops = 0; current && hops < 6; hops++) {
    const value: Node = resolver.unwrap(resolver.value(current) ?? current);
    if (N.isCallExpression(value)) return value;
    if (!(N.isAwaitExpression(value) || N.isPropertyAccessExpression(value))) return undefined;
    current = value.getExpression();
  }
  return undefined;
}
