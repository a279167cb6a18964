// What a node's code does: whether it calls a model, which model a prebuilt agent names, what a
// tool is called.
import type * as TsMorph from 'ts-morph';
import type { Node, TsProgram } from '../project.js';
import { forEachDescendantOf } from '../project.js';
import type { Resolver } from '../resolve.js';
import { asksAiSdk, fetchesModelApi, sdkAsksModel } from '../tool-body.js';
import { MODEL_METHODS } from './model.js';

/** A tool's name: `tool(fn, { name })`, `tool({ name })`, `new DynamicStructuredTool({ name })`, else its variable. */
export function toolName(resolver: Resolver, item: Node, depth = 0): string {
  const { Node: N } = resolver.program.morph;
  const value = resolver.value(item);
  if (value && (N.isCallExpression(value) || N.isNewExpression(value))) {
    for (const argument of value.getArguments()) {
      const options = resolver.value(argument);
      const name = options && N.isObjectLiteralExpression(options) ? resolver.stringValue(resolver.property(options, 'name')) : undefined;
      if (name !== undefined) return name;
    }
    // `new GoogleCalendarCreateTool(params)`: the class names the tool, by its `name` field when the
    // class is in the code read (`name = "refund_order"` on a LangChain Tool subclass).
    if (N.isNewExpression(value)) {
      const cls = resolver.value(value.getExpression());
      const field = cls && N.isClassDeclaration(cls) ? cls.getProperty('name')?.getInitializer() : undefined;
      const named = field ? resolver.stringValue(field) : undefined;
      return named ?? value.getExpression().getText().split('.').pop() ?? value.getExpression().getText();
    }
    // `withCalendar(tool)`: a wrapper that adds access or a check keeps the tool it wraps.
    const inner = value.getArguments()[0];
    if (inner && depth < 4 && /^with[A-Z]/.test(value.getExpression().getText())) return toolName(resolver, inner, depth + 1);
  }
  // A tool a factory makes: named by a first argument that is a name (`gmail.tool('send_email')`),
  // else by the factory, never by the words of a sentence it is given (`reportTool('Send the…')`).
  const written = resolver.unwrap(item);
  if (N.isCallExpression(written)) {
    const first = resolver.stringValue(written.getArguments()[0]);
    return first !== undefined && /^[A-Za-z_][\w.:-]*$/.test(first) ? first : written.getExpression().getText().slice(0, 60);
  }
  return item.getText().slice(0, 60);
}

/** True when a function calls a model or an agent, directly or through a local function it calls. */
export function callsModel(program: TsProgram, resolver: Resolver, fn: Node, prebuilt: Map<Node, unknown>, depth: number): boolean {
  // What a function was found to do, with the depth it was read at: a yes holds at any depth, a no
  // only where no more of the call chain is left to read than it had.
  const known = modelCalls.get(fn);
  if (known && (known.found || known.depth <= depth)) return known.found;
  const found = readsModelCall(program, resolver, fn, prebuilt, depth);
  modelCalls.set(fn, { found, depth });
  return found;
}

/** How deep a chain of the code's own functions is followed to a model call (node → chain → runner → service → SDK). */
const MAX_MODEL_CALL_DEPTH = 6;
const modelCalls = new WeakMap<Node, { found: boolean; depth: number }>();

function readsModelCall(program: TsProgram, resolver: Resolver, fn: Node, prebuilt: Map<Node, unknown>, depth: number): boolean {
  const { Node: N } = program.morph;
  let found = false;
  forEachDescendantOf(fn, [program.morph.SyntaxKind.NewExpression, program.morph.SyntaxKind.CallExpression], (node) => {
    if (found) return 'stop';
    if (N.isNewExpression(node) && /^Chat[A-Z]/.test(node.getExpression().getText())) {
      found = true;
      return;
    }
    if (!N.isCallExpression(node)) return;
    const callee = node.getExpression();
    // The Vercel AI SDK (`generateObject({ model: openai('gpt-4o'), schema, prompt })` from 'ai').
    if (asksAiSdk(resolver, node)) {
      found = true;
      return;
    }
    // A model's own SDK, not LangChain's: `openai.chat.completions.create({ model, … })`,
    // `anthropic.messages.create({ model })`, Gemini's `generateContent`, or a model API fetched over
    // HTTP (`fetch('…/chat/completions', …)`): the node calls a model all the same.
    if (sdkAsksModel(node) || fetchesModelApi(resolver, node)) {
      found = true;
      return;
    }
    // A model composed into a chain the function builds or returns (`prompt.pipe(llm.bind(…))`):
    // the chain calls it when it runs.
    if (N.isPropertyAccessExpression(callee) && CHAIN_METHODS.has(callee.getName())) {
      const parts = [callee.getExpression(), ...node.getArguments()];
      if (parts.some((part) => isModelExpression(program, resolver, part))) {
        found = true;
        return;
      }
    }
    if (N.isPropertyAccessExpression(callee) && MODEL_METHODS.has(callee.getName())) {
      const receiver = resolver.value(callee.getExpression());
      const receiverText = callee.getExpression().getText();
      // A model made by a factory of the code read (`const supervisor = createSupervisor()`).
      const made = receiver && N.isCallExpression(receiver) ? resolver.factoryResult(receiver) : undefined;
      if (receiver && (prebuilt.has(receiver) || isModelValue(program, receiver) || (made !== undefined && isModelValue(program, made)))) found = true;
      else if (/model|llm|chat|agent|chain|gpt|claude|openai|anthropic/i.test(receiverText)) found = true;
      // A tool the code runs itself (`companyTool.invoke(input)`, `tool(async (input) => ask(…), {…})`): its function.
      else if (depth < MAX_MODEL_CALL_DEPTH && receiver && N.isCallExpression(receiver) && resolver.value(receiver.getArguments()[0] ?? receiver) !== receiver) {
        const fn = resolver.value(receiver.getArguments()[0] as Node);
        if (fn && (N.isArrowFunction(fn) || N.isFunctionExpression(fn) || N.isFunctionDeclaration(fn)) && callsModel(program, resolver, fn, prebuilt, depth + 1)) found = true;
      }
      return;
    }
    if (depth < MAX_MODEL_CALL_DEPTH && (N.isIdentifier(callee) || N.isPropertyAccessExpression(callee))) {
      // A function chosen at run time (`options?.generate ?? generate`, `custom || generate`,
      // `useMock ? mock : generate`): any of them may run.
      for (const value of alternatives(resolver, resolver.value(callee))) {
        const target = wrappedFunction(program, resolver, value);
        if (target && callsModel(program, resolver, target, prebuilt, depth + 1)) found = true;
      }
    }
  });
  return found;
}

/** The values an expression may stand for: each side of `??` and `||`, each branch of `?:`, else itself. */
function alternatives(resolver: Resolver, value: Node | undefined, depth = 0): Array<Node | undefined> {
  const { Node: N, SyntaxKind } = resolver.program.morph;
  if (!value || depth > 3) return [value];
  const at = resolver.unwrap(value);
  if (N.isBinaryExpression(at) && [SyntaxKind.QuestionQuestionToken, SyntaxKind.BarBarToken].includes(at.getOperatorToken().getKind())) {
    return [at.getLeft(), at.getRight()].flatMap((side) => alternatives(resolver, resolver.value(side) ?? side, depth + 1));
  }
  if (N.isConditionalExpression(at)) return [at.getWhenTrue(), at.getWhenFalse()].flatMap((side) => alternatives(resolver, resolver.value(side) ?? side, depth + 1));
  return [value];
}

/** Methods that compose a runnable chain, or configure a model for one. */
const CHAIN_METHODS = new Set(['pipe', 'bind', 'bindTools', 'withStructuredOutput']);

/** A model, or a model configured for a chain (`llm`, `llm.bind({…})`, `llm.bindTools([…])`). */
function isModelExpression(program: TsProgram, resolver: Resolver, expression: Node): boolean {
  const { Node: N } = program.morph;
  let current: Node | undefined = expression;
  for (let hops = 0; current && hops < 6; hops++) {
    const value = resolver.value(current);
    if (value && isModelValue(program, value)) return true;
    const unwrapped: Node = resolver.unwrap(current);
    // A model a factory is given (`llm` as a parameter), named as one.
    if (N.isIdentifier(unwrapped)) return value === undefined && /^(llm|model|chat\w*|\w*(Llm|LLM|Model))$/.test(unwrapped.getText());
    if (!N.isCallExpression(unwrapped)) return false;
    const callee = unwrapped.getExpression();
    if (!N.isPropertyAccessExpression(callee) || !CHAIN_METHODS.has(callee.getName())) return false;
    // Methods only a chat model has: binding tools or a schema to it.
    if (callee.getName() === 'bindTools' || callee.getName() === 'withStructuredOutput') return true;
    if (callee.getName() === 'bind' && /\b(tools|tool_choice|functions|function_call)\s*:/.test(unwrapped.getArguments()[0]?.getText() ?? '')) return true;
    current = callee.getExpression();
  }
  return false;
}

/**
 * The function a value stands for: the function itself, or the function a higher-order wrapper
 * was given (`traceable(fn, opts)`, `RunnableLambda.from(fn)`, `withRetry(fn)`).
 */
function wrappedFunction(program: TsProgram, resolver: Resolver, value: Node | undefined): Node | undefined {
  const { Node: N } = program.morph;
  const isFunction = (node: Node | undefined): boolean =>
    node !== undefined && (N.isFunctionDeclaration(node) || N.isArrowFunction(node) || N.isFunctionExpression(node) || N.isMethodDeclaration(node));
  if (isFunction(value)) return value;
  if (value && N.isCallExpression(value)) {
    for (const argument of value.getArguments()) {
      const inner = resolver.value(argument);
      if (isFunction(inner)) return inner;
    }
  }
  return undefined;
}

/**
 * The model a function calls, when it names one: `model.invoke(…)` where `model` is a
 * `new ChatX({ model: 'gpt-4o' })` (or that model with tools or a schema bound), also one
 * shared at module level by several nodes. Undefined when the calls name different models.
 */
export function calledModel(program: TsProgram, resolver: Resolver, fn: Node): string | undefined {
  const { Node: N } = program.morph;
  const names = new Set<string>();
  forEachDescendantOf(fn, [program.morph.SyntaxKind.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (!N.isPropertyAccessExpression(callee) || !MODEL_METHODS.has(callee.getName())) return;
    let receiver = resolver.value(callee.getExpression());
    // `llm.bindTools([…])`, `llm.withStructuredOutput(schema)`: the model under them.
    for (let hops = 0; receiver && N.isCallExpression(receiver) && hops < 3; hops++) {
      const inner = receiver.getExpression();
      if (!N.isPropertyAccessExpression(inner) || !/^(bindTools|withStructuredOutput|bind|withConfig|withRetry)$/.test(inner.getName())) break;
      receiver = resolver.value(inner.getExpression());
    }
    if (!receiver || !N.isNewExpression(receiver) || !/^Chat[A-Z]/.test(receiver.getExpression().getText())) return;
    const options = receiver.getArguments()[0];
    const resolved = options ? resolver.value(options) : undefined;
    const name = resolver.stringValue(resolved ? (resolver.property(resolved, 'model') ?? resolver.property(resolved, 'modelName')) : undefined);
    if (name !== undefined) names.add(name);
  });
  return names.size === 1 ? [...names][0] : undefined;
}

/** A chat model value: `new ChatOpenAI(…)`, `initChatModel(…)`, or a model with tools/structure bound. */
function isModelValue(program: TsProgram, value: Node): boolean {
  const { Node: N } = program.morph;
  if (N.isNewExpression(value)) return /^Chat[A-Z]|Model$/.test(value.getExpression().getText());
  if (N.isCallExpression(value)) return /initChatModel|bindTools|withStructuredOutput|createReactAgent|createAgent/.test(value.getExpression().getText());
  return false;
}

/** The model named in a prebuilt agent's config (`llm: new ChatOpenAI({ model: 'gpt-4o' })` or `model: 'openai:gpt-4o'`). */
export function modelName(resolver: Resolver, config: Node | undefined): string | undefined {
  if (!config) return undefined;
  const direct = resolver.stringValue(resolver.property(config, 'model'));
  if (direct !== undefined) return direct;
  const llm = resolver.property(config, 'llm') ?? resolver.property(config, 'model');
  const value = llm ? resolver.value(llm) : undefined;
  const { Node: N } = resolver.program.morph;
  if (value && N.isNewExpression(value)) {
    const options = value.getArguments()[0];
    const resolved = options ? resolver.value(options) : undefined;
    return resolver.stringValue(resolved ? resolver.property(resolved, 'model') ?? resolver.property(resolved, 'modelName') : undefined);
  }
  return undefined;
}

/** True when a `new` expression below `node` constructs what `test` accepts. */
export function containsNew(program: TsProgram, node: Node, test: (constructed: Node) => boolean): boolean {
  return containsOfKind(program, node, program.morph.SyntaxKind.NewExpression, test);
}

/** True when some call below `node` has a callee that passes `test`. */
export function containsCall(program: TsProgram, node: Node, test: (callee: Node) => boolean): boolean {
  return containsOfKind(program, node, program.morph.SyntaxKind.CallExpression, test);
}

/** True when a call or `new` of this kind below `node` has an expression (callee, class) that passes `test`. */
function containsOfKind(program: TsProgram, node: Node, kind: TsMorph.SyntaxKind, test: (expression: Node) => boolean): boolean {
  const { Node: N } = program.morph;
  let found = false;
  forEachDescendantOf(node, [kind], (child) => {
    if ((N.isCallExpression(child) || N.isNewExpression(child)) && test(child.getExpression())) found = true;
    return found ? 'stop' : undefined;
  });
  return found;
}

