// OpenAI Agents SDK for JavaScript/TypeScript: https://openai.github.io/openai-agents-js/
// The reader is split by construct under ./openai/: agent definitions, tools (one handler per
// kind), wiring (handoffs and lists filled after construction), and code that runs agents.
import type { GraphDraft } from '../fragment-builder.js';
import type { GapSink } from './gaps.js';
import { readAgents } from './openai/agents.js';
import { readRuns } from './openai/runs.js';
import { OpenAiScope } from './openai/scope.js';
import { readConfigs, readLateWiring } from './openai/wiring.js';
import type { TsProgram, TsSourceFile } from './project.js';
import type { Resolver } from './resolve.js';

export { OPENAI_MODULES } from './openai/scope.js';

/** Text that makes a file worth parsing for this SDK: an import of it, or wiring of agents made elsewhere. */
export const OPENAI_PREFILTER = /@openai\/agents|\.handoffs\b|\.asTool\(/;

/**
 * Finds OpenAI Agents SDK agents (`new Agent`, `Agent.create`, `new RealtimeAgent`, `clone`), their
 * handoffs (also assigned or pushed after construction, from any file), agents used as tools,
 * tools that need approval, output types, and plain code that runs several agents.
 */
export function extractOpenAi(program: TsProgram, resolver: Resolver, draft: GraphDraft, gaps: GapSink, files: TsSourceFile[]): void {
  const scope = new OpenAiScope(program, resolver, draft, gaps, files);
  readAgents(scope);
  readConfigs(scope);
  readLateWiring(scope);
  readRuns(scope);
}
