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
      if (!owner) return;
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
