// What the OpenAI Agents reader knows about one run's files, shared by its handlers: the agents
// defined, and the lookup that resolves an expression to one of them.
import type { Node } from '../project.js';
import { ReaderScope } from '../reader-scope.js';

export const OPENAI_MODULES = ['@openai/agents', '@openai/agents-core', '@openai/agents-openai', '@openai/agents-realtime'];

/** One agent definition: `new Agent(config)`, `Agent.create(config)`, or `base.clone(config)`. */
export interface AgentDefinition {
  key: string;
  node: Node;
  config: Node | undefined;
  base?: AgentDefinition;
  /** The name a factory's caller gives it (`makeExpert({ name: 'Tax' })`, or the default it falls back to). */
  name?: string;
}

export class OpenAiScope extends ReaderScope {
  readonly definitions = new Map<Node, AgentDefinition>();
  /** Runs of agents inside tools and guardrails: delegation by the tool's owner, not code orchestration. */
  readonly runsInTools = new Set<Node>();

  /** True when `node` names something imported from the SDK under one of `names`. */
  readonly isSdk = (node: Node, names: string[]): boolean => this.resolver.isImportFrom(node, OPENAI_MODULES, names);

  /** The agent definition an expression stands for, following variables, imports and `handoff(x)`. */
  agentOf(expression: Node): AgentDefinition | undefined {
    const { N, resolver } = this;
    const value = resolver.value(expression);
    if (!value) return undefined;
    const found = this.definitions.get(value);
    if (found) return found;
    if (N.isCallExpression(value) && this.isSdk(value.getExpression(), ['handoff'])) {
      const target = value.getArguments()[0];
      return target ? this.agentOf(target) : undefined;
    }
    // A factory that returns one agent (`makeBilling()` → `return new Agent({ name: 'Billing' })`).
    const made = N.isCallExpression(value) ? resolver.factoryResult(value) : undefined;
    return made ? this.definitions.get(made) : undefined;
  }
}
