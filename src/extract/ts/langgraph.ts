// LangGraph.js: https://langchain-ai.github.io/langgraphjs/
// The reader is split by construct under ./langgraph/: constructions (builders, prebuilt agents,
// supervisors, deep agents), builder calls (one handler per method), node kinds, routing, and the
// writers that turn what was read into agents and edges.
import type { GraphDraft } from '../fragment-builder.js';
import type { GapSink } from './gaps.js';
import { readBuilderCalls } from './langgraph/builder-calls.js';
import { readConstructions } from './langgraph/constructions.js';
import { writeGraphs } from './langgraph/graphs.js';
import { readRecursionLimits } from './langgraph/limits.js';
import { writePrebuilt } from './langgraph/prebuilt.js';
import { LangGraphScope } from './langgraph/scope.js';
import type { TsProgram, TsSourceFile } from './project.js';
import type { Resolver } from './resolve.js';

export { LANGGRAPH_MODULES } from './langgraph/model.js';
export const LANGGRAPH_PREFILTER = /@langchain\/langgraph|from\s+['"](langchain|deepagents)['"]/;

/**
 * Finds LangGraph.js graphs: StateGraph builders (chained or statement style) with their nodes
 * and static, conditional, `Send` and `Command` edges; prebuilt agents, supervisors and swarms;
 * interrupts as human approval points; recursion limits as loop bounds. A node is an agent when
 * it calls a model or runs an agent; plain functions, routers and tool nodes are passed through.
 */
export function extractLangGraph(program: TsProgram, resolver: Resolver, draft: GraphDraft, gaps: GapSink, files: TsSourceFile[]): void {
  const scope = new LangGraphScope(program, resolver, draft, gaps, files);
  readConstructions(scope);
  readBuilderCalls(scope);
  writeGraphs(scope);
  writePrebuilt(scope);
  readRecursionLimits(scope);
}
