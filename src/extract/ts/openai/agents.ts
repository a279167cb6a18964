// The agents an OpenAI Agents project defines: `new Agent`, `Agent.create`, `new RealtimeAgent`,
// and clones of known agents; each written into the draft under its name.
import { functionName, namesPerCall } from '../code-runs.js';
import type { Node, TsProgram } from '../project.js';
import { calleeName, enclosingFunctionOf, forEachDescendantOf, hasImportedCallee, locationOf, pathOf } from '../project.js';
import type { AgentDefinition, OpenAiScope } from './scope.js';

export function readAgents(scope: OpenAiScope): void {
  readConstructions(scope);
  readClones(scope);
  expandFactories(scope);
  writeAgents(scope);
}

/**
 * A factory that builds an agent named by its caller (a parameter, or a property of one with a
 * default: `const { name = 'Expert' } = opts`): an agent per call, when every call's name is
 * written out.
 */
function expandFactories(scope: OpenAiScope): void {
  const { program, resolver } = scope;
  for (const [node, definition] of [...scope.definitions]) {
    const named = namesPerCall(program, resolver, scope.files, node, definition.config ? resolver.property(definition.config, 'name') : undefined);
    if (!named) continue;
    scope.definitions.delete(node);
    // The factory's file yields these agents, though each is counted where it is called.
    scope.gaps.touch(node);
    for (const { call, name } of named) scope.definitions.set(call, { ...definition, key: `openai:${pathOf(call)}:${call.getStart()}`, node: call, name });
  }
}

/** `new Agent(config)`, `new RealtimeAgent(config)`, `Agent.create(config)`, in every file that imports the SDK. */
function readConstructions(scope: OpenAiScope): void {
  const { N, K, resolver } = scope;
  for (const source of scope.files) {
    const imported = resolver.imports(source);
    forEachDescendantOf(source, [K.NewExpression, K.CallExpression], (node) => {
      let config: Node | undefined;
      if (N.isNewExpression(node) && scope.isSdk(node.getExpression(), ['Agent', 'RealtimeAgent'])) {
        config = node.getArguments()[0];
      } else if (N.isCallExpression(node)) {
        const callee = node.getExpression();
        if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'create' || !scope.isSdk(callee.getExpression(), ['Agent', 'RealtimeAgent'])) return;
        config = node.getArguments()[0];
      } else {
        return;
      }
      scope.definitions.set(node, { key: `openai:${pathOf(node)}:${node.getStart()}`, node, config: config ? resolver.value(config) : undefined });
    }, (node) => (node.kind === K.NewExpression ? hasImportedCallee(node, imported) : calleeName(node) === 'create'));
  }
}

/** `x.clone({...})` of a known agent is an agent of its own. */
function readClones(scope: OpenAiScope): void {
  const { N, K, resolver } = scope;
  for (const source of scope.files) {
    forEachDescendantOf(source, [K.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'clone') return;
      const base = scope.agentOf(callee.getExpression());
      if (!base) return;
      const config = node.getArguments()[0];
      scope.definitions.set(node, { key: `openai:${pathOf(node)}:${node.getStart()}`, node, config: config ? resolver.value(config) : undefined, base });
    }, (node) => calleeName(node) === 'clone');
  }
}

function writeAgents(scope: OpenAiScope): void {
  const { program, resolver, gaps, draft } = scope;
  for (const [node, definition] of scope.definitions) {
    const config = definition.config;
    const written = config ? resolver.property(config, 'name') : undefined;
    if (written && definition.name === undefined && resolver.stringValue(written) === undefined && isFactoryResult(program, node)) {
      // One agent per call of the factory, each with its own name: nothing static to count.
      gaps.add(node, `an agent built by the factory '${functionName(program, enclosingFunctionOf(program, node) ?? node.getSourceFile())}' with a computed name`);
      scope.definitions.delete(node);
      continue;
    }
    const model = resolver.stringValue(config ? resolver.property(config, 'model') : undefined) ?? (definition.base && resolver.stringValue(definition.base.config ? resolver.property(definition.base.config, 'model') : undefined));
    // What it is for: its handoff description, else the start of its instructions ("You are a compliance reviewer…").
    const description = resolver.leadingText(config ? resolver.property(config, 'handoffDescription') : undefined) ?? resolver.leadingText(config ? resolver.property(config, 'instructions') : undefined);
    draft.addAgent({
      key: definition.key,
      name: nameOf(scope, definition),
      role: 'worker',
      tools: [],
      location: locationOf(definition.node),
      // Any agent of a run can give the final output, which ends the run.
      terminates: true,
      ...(model !== undefined && { model }),
      ...(description !== undefined && { description: description.trim().slice(0, 200) }),
    });
  }
}

/** The agent's written name, its base's for a clone that keeps it, else its variable's (with a gap). */
function nameOf(scope: OpenAiScope, definition: AgentDefinition): string {
  const { resolver, program, gaps } = scope;
  if (definition.name !== undefined) return definition.name;
  const written = definition.config ? resolver.property(definition.config, 'name') : undefined;
  const name = resolver.stringValue(written);
  if (name !== undefined) return name;
  if (!written && definition.base) return nameOf(scope, definition.base);
  const variable = definition.node.getParentIfKind(program.morph.SyntaxKind.VariableDeclaration);
  gaps.add(definition.node, `an agent whose name is computed; it is called '${variable?.getName() ?? 'agent'}' here`);
  return variable?.getName() ?? 'agent';
}

/** True when an expression is what its function returns (`return new Agent(…)`, `() => new Agent(…)`). */
function isFactoryResult(program: TsProgram, node: Node): boolean {
  const { Node: N } = program.morph;
  const parent = node.getParent();
  return parent !== undefined && (N.isReturnStatement(parent) || N.isArrowFunction(parent));
}
