// How agents are wired to each other and to their tools: the lists of each agent's config
// (handoffs, tools, guardrails, MCP servers), and lists filled after construction, from any file
// (`x.handoffs = [...]`, `x.handoffs.push(y)`, `x.tools.push(y.asTool())`).
import type { Node } from '../project.js';
import { calleeName, forEachDescendantOf, locationOf } from '../project.js';
import type { AgentDefinition, OpenAiScope } from './scope.js';
import { addGuardrails, addMcpServers, addToolItems, addTools } from './tools.js';

/** The lists of an agent that code fills after construction. */
const WIRED_LISTS: ReadonlySet<string> = new Set(['handoffs', 'tools']);

/** Every agent's own lists; a clone has its base's and its own. */
export function readConfigs(scope: OpenAiScope): void {
  const { resolver } = scope;
  for (const definition of scope.definitions.values()) {
    const sources = definition.base ? [definition.base.config, definition.config] : [definition.config];
    for (const config of sources) {
      if (!config) continue;
      addHandoffs(scope, definition, resolver.property(config, 'handoffs'));
      addTools(scope, definition, resolver.property(config, 'tools'));
      addGuardrails(scope, definition, resolver.property(config, 'inputGuardrails'), 'input');
      addGuardrails(scope, definition, resolver.property(config, 'outputGuardrails'), 'output');
      addMcpServers(scope, definition, resolver.property(config, 'mcpServers'));
    }
  }
}

/** Lists assigned or pushed to after construction. */
export function readLateWiring(scope: OpenAiScope): void {
  const { program, resolver, N, K } = scope;
  for (const source of scope.files) {
    forEachDescendantOf(source, [K.BinaryExpression, K.CallExpression], (node) => {
      // The names first, the receiver's resolution (the dear part) only for lists of an agent.
      if (N.isBinaryExpression(node) && node.compilerNode.operatorToken.kind === K.EqualsToken) {
        // `(agent as Agent).handoffs = …`, `agent!.handoffs = …`: wrappers keep the receiver.
        const left = resolver.unwrap(node.getLeft());
        if (!N.isPropertyAccessExpression(left) || !WIRED_LISTS.has(left.getName())) return;
        const owner = scope.agentOf(left.getExpression());
        if (!owner) return;
        if (left.getName() === 'handoffs') addHandoffs(scope, owner, node.getRight());
        if (left.getName() === 'tools') addTools(scope, owner, node.getRight());
        return;
      }
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'push') return;
      // `(agent.handoffs as any).push(x)`: unwrap the list before matching it.
      const list = resolver.unwrap(callee.getExpression());
      if (!N.isPropertyAccessExpression(list) || !WIRED_LISTS.has(list.getName())) return;
      const owner = scope.agentOf(list.getExpression());
      if (!owner) {
        if (list.getName() === 'handoffs') addLoopedHandoffs(scope, list.getExpression(), node.getArguments());
        return;
      }
      const pushed = node.getArguments().flatMap((argument) => (N.isSpreadElement(argument) ? resolver.elements(argument.getExpression()).items : [argument]));
      if (list.getName() === 'handoffs') addHandoffItems(scope, owner, pushed);
      if (list.getName() === 'tools') addToolItems(scope, owner, pushed);
    }, (node) => (program.morph.ts.isBinaryExpression(node) ? node.operatorToken.kind === K.EqualsToken : calleeName(node) === 'push'));
  }
}

function addHandoffs(scope: OpenAiScope, owner: AgentDefinition, list: Node | undefined): void {
  const { items, unknown } = scope.resolver.elements(list);
  for (const gap of unknown) scope.gaps.add(gap, 'handoffs spread from an array that is not written out');
  addHandoffItems(scope, owner, items);
}

/** Handoffs to known agents; an `outputType` on the owner is the contract of what it hands on. */
function addHandoffItems(scope: OpenAiScope, owner: AgentDefinition, items: Node[]): void {
  const { resolver, draft, gaps } = scope;
  const contract = owner.config !== undefined && resolver.property(owner.config, 'outputType') !== undefined;
  for (const item of items) {
    const target = scope.agentOf(item);
    if (!target) {
      gaps.add(item, `a handoff to '${item.getText().slice(0, 40)}', ${resolver.whyUnknown(item, 'which is not a known agent')}`);
      continue;
    }
    draft.addEdge(owner.key, target.key, 'handoff', locationOf(item), contract ? { contract: true } : {});
  }
}

/**
 * Handoffs pushed to each agent of a list in a loop over it (`agents.forEach((agent) => {
 * agent.handoffs.push(...agents.filter((other) => other !== agent)) })`, or `for (const agent of
 * agents)`): every agent of the list hands off to those pushed, the others of the list when it
 * pushes the list filtered (never itself).
 */
function addLoopedHandoffs(scope: OpenAiScope, receiver: Node, args: Node[]): void {
  const { resolver, N } = scope;
  const looped = loopedList(scope, resolver.unwrap(receiver));
  if (!looped) return;
  const owners = resolver.elements(looped.list).items.flatMap((item) => {
    const agent = scope.agentOf(item);
    return agent ? [agent] : [];
  });
  for (const owner of owners) {
    const pushed = args.flatMap((argument) => {
      const written = N.isSpreadElement(argument) ? argument.getExpression() : argument;
      // The list filtered (`agents.filter((a) => a !== agent)`), kept in a constant or written in place.
      const value = resolver.value(written) ?? written;
      const callee = N.isCallExpression(value) ? value.getExpression() : undefined;
      const source = callee && N.isPropertyAccessExpression(callee) && callee.getName() === 'filter' ? callee.getExpression() : N.isSpreadElement(argument) ? written : undefined;
      if (source) return resolver.elements(source).items.filter((item) => scope.agentOf(item)?.key !== owner.key);
      return scope.agentOf(written)?.key === owner.key ? [] : [written];
    });
    // The loop variable itself pushed names no agent of its own: left out.
    addHandoffItems(scope, owner, pushed.filter((item) => !(N.isIdentifier(item) && item.getText() === looped.variable)));
  }
}

/** The list a loop variable runs over: the first parameter of `list.forEach((x) => …)`, or `for (const x of list)`. */
function loopedList(scope: OpenAiScope, receiver: Node): { list: Node; variable: string } | undefined {
  const { N, resolver } = scope;
  if (!N.isIdentifier(receiver)) return undefined;
  const declaration = resolver.value(receiver) ?? receiver.getSymbol()?.getDeclarations()[0];
  if (!declaration) return undefined;
  if (N.isParameterDeclaration(declaration)) {
    const fn = declaration.getParent();
    const call = fn?.getParent();
    if (!fn || !call || !N.isCallExpression(call) || fn.getChildIndex() < 0 || (fn as { getParameters?: () => Node[] }).getParameters?.()[0] !== declaration) return undefined;
    const callee = call.getExpression();
    return N.isPropertyAccessExpression(callee) && ['forEach', 'map'].includes(callee.getName()) ? { list: callee.getExpression(), variable: receiver.getText() } : undefined;
  }
  // `for (const agent of agents)`: the declaration's list (`value` gives the declaration itself, having no initializer).
  const variable = N.isVariableDeclaration(declaration) ? declaration : declaration.getFirstAncestor((node) => N.isVariableDeclaration(node));
  const statement = variable?.getParent()?.getParent();
  return statement && N.isForOfStatement(statement) ? { list: statement.getExpression(), variable: receiver.getText() } : undefined;
}
