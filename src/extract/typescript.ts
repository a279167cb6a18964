// Agent systems defined in TypeScript/JavaScript code: OpenAI Agents SDK, LangGraph.js, Mastra.
// Parsed with ts-morph (https://ts-morph.com), never run.
import { escapeRegExp, type Problem } from '../model/index.js';
import { PROJECT_CONFIG } from './ts/aliases.js';
import { importComponents } from './ts/components.js';
import { fileCoverage } from './coverage.js';
import { GraphDraft, type DraftAgent } from './fragment-builder.js';
import { GapSink } from './ts/gaps.js';
import { extractLangGraph, LANGGRAPH_PREFILTER } from './ts/langgraph.js';
import { extractMastra, MASTRA_PREFILTER } from './ts/mastra.js';
import { extractOpenAi, OPENAI_PREFILTER } from './ts/openai.js';
import { fileSystemName, TsProgram } from './ts/project.js';
import { Resolver } from './ts/resolve.js';
import type { ExtractResult, Extractor, SourceFile, SystemFragment } from './types.js';

const CODE_FILE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** A CommonJS require of an agent framework. */
const REQUIRE = /\brequire\(\s*['"](@openai\/agents[^'"]*|@langchain\/langgraph[^'"]*|@mastra\/core[^'"]*)['"]\s*\)/;

/** An import of LangGraph's functional API (`import { entrypoint, task } from '@langchain/langgraph'`). */
const FUNCTIONAL_API = /import\s*\{[^}]*(?<!\btype\s+)\bentrypoint\b[^}]*\}\s*from\s*['"]@langchain\/langgraph['"]/;

/** One framework reader over the shared program. */
interface CodeFramework {
  id: string;
  /** Text that makes a file worth parsing for this framework. */
  prefilter: RegExp;
  /** Strings one of which every text the prefilter accepts contains: a quick test before it. */
  mentions: readonly string[];
  /** Text that says the file uses the framework (an import of it), for "imports it but yields nothing". */
  imports: RegExp;
  extract(program: TsProgram, resolver: Resolver, draft: GraphDraft, gaps: GapSink, files: ReturnType<TsProgram['parsedFiles']>): void;
  frameworkBound?: number;
}

const FRAMEWORKS: readonly CodeFramework[] = [
  {
    id: 'openai-agents',
    prefilter: OPENAI_PREFILTER,
    mentions: ['@openai/agents', '.handoffs', '.asTool('],
    // An import of what builds or runs agents (types, tools and context alone define none).
    imports: /import\s*(\*\s*as\s+\w+|\{[^}]*(?<!\btype\s+)\b(Agent|RealtimeAgent|run|Runner|handoff)\b[^}]*\})\s*from\s*['"](npm:|https?:\/\/[^\x27\x22]*\/)?@openai\/agents/,
    extract: extractOpenAi,
    // The SDK ends every run after maxTurns (10 unless a run sets it): handoff loops are bounded.
    frameworkBound: 10,
  },
  {
    id: 'langgraph',
    prefilter: LANGGRAPH_PREFILTER,
    mentions: ['langchain', 'deepagents'],
    // The SDK client and UI hooks (@langchain/langgraph-sdk) define no agents.
    // State, annotations and message types define none.
    imports: /import\s*(\*\s*as\s+\w+|\{[^}]*(?<!\btype\s+)\b(StateGraph|Graph|MessageGraph|createReactAgent|createAgent|createSupervisor|createSwarm|createDeepAgent)\b[^}]*\})\s*from\s*['"](@langchain\/langgraph(\/prebuilt|\/web|-supervisor|-swarm)?|deepagents)['"]/,
    extract: extractLangGraph,
    // A compiled graph stops after its recursion limit (25 supersteps unless set): loops are bounded.
    frameworkBound: 25,
  },
  {
    id: 'mastra',
    prefilter: MASTRA_PREFILTER,
    mentions: ['@mastra/core'],
    // Tool, scorer and processor modules define no agents.
    imports: /import\s*(\*\s*as\s+\w+|\{[^}]*(?<!\btype\s+)\b(Agent|Mastra|createWorkflow|createStep)\b[^}]*\})\s*from\s*['"]@mastra\/core(\/agent|\/mastra|\/workflows)?['"]/,
    extract: extractMastra,
  },
];

export const typescriptExtractor: Extractor = {
  id: 'typescript',
  title: 'TypeScript / JavaScript agent code',
  // Project configurations too, for the imports their `paths` and `baseUrl` map.
  matches: (path) => (CODE_FILE.test(path) && !/\.d\.[mc]?ts$/.test(path)) || PROJECT_CONFIG.test(path),
  // Every code file is kept for resolving imports; only those the frameworks' prefilters pick are parsed.
  prefilter: () => true,
  extract: (file) => extractCode([file]),
  extractAll: (files) => extractCode(files),
  partition: (files) => importComponents(files),
};

/** True when a code file is read for agents (a framework's prefilter picks it), not only kept for resolving imports. */
export function isAgentCode(text: string): boolean {
  return FRAMEWORKS.some((framework) => framework.prefilter.test(text));
}

/** Reads every framework's systems from the code files; ts-morph is loaded only if some file needs it. */
function extractCode(files: readonly SourceFile[]): ExtractResult {
  const picked = FRAMEWORKS.map((framework) => ({
    framework,
    files: files.filter((file) => framework.mentions.some((mention) => file.text.includes(mention)) && framework.prefilter.test(file.text)),
  }));
  if (picked.every((entry) => entry.files.length === 0)) return { fragments: [], problems: [], gaps: 0, coverage: [] };

  const program = new TsProgram(files);
  const resolver = new Resolver(program);
  const gaps = new GapSink();
  const fragments: SystemFragment[] = [];
  const readers = new Map<string, string>();
  for (const { framework, files: chosen } of picked) {
    if (chosen.length === 0) continue;
    const parsed = chosen.flatMap((file) => program.file(file.path) ?? []);
    for (const file of chosen) readers.set(file.path, readers.has(file.path) ? 'typescript' : framework.id);
    const draft = new GraphDraft();
    // Code has entry points (scripts, workflows, graphs): each root coordinator starts runs of its own.
    draft.separateRuns = true;
    framework.extract(program, resolver, draft, gaps, parsed);
    fragments.push(...draft.toFragments(framework.id, systemName, framework.frameworkBound));
  }

  const problems: Problem[] = program.problems.map((problem) => ({ ruleId: 'parse-error', message: problem.message, location: problem.location }));
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const failed = new Set(problems.map((problem) => problem.location.file));
  const yielded = fileCoverage([...readers].map(([file, extractor]) => ({ file, extractor })), fragments, []);
  for (const entry of yielded) {
    if (entry.agents > 0 || entry.edges > 0 || failed.has(entry.file) || gaps.touched(entry.file)) continue;
    const framework = FRAMEWORKS.find((each) => each.id === entry.extractor);
    const text = texts.get(entry.file) ?? '';
    // CommonJS (`const { Agent } = require('@openai/agents')`): imports are followed, requires are not.
    const required = REQUIRE.exec(text);
    if (required) {
      gaps.addAt({ file: entry.file, line: text.slice(0, required.index).split('\n').length, column: 1 }, `require('${required[1]}'): CommonJS requires are not read, so what this file builds with it is not checked`);
    } else if (framework?.id === 'langgraph' && FUNCTIONAL_API.test(text)) {
      // LangGraph's functional API: a workflow is a function (`entrypoint`) calling `task`s, not a graph of nodes.
      const at = FUNCTIONAL_API.exec(text)?.index ?? 0;
      gaps.addAt({ file: entry.file, line: text.slice(0, at).split('\n').length, column: 1 }, "a workflow written with LangGraph's functional API (entrypoint and task): it is not read, so its model calls, tools and pauses are not checked");
    } else {
      const imports = program.file(entry.file)?.getImportDeclarations().map((declaration) => declaration.getText()) ?? [text];
      if (!importsFramework(framework, imports.join('\n')) || handsOnNamespace(framework, imports, text)) continue;
      gaps.addAt({ file: entry.file, line: 1, column: 1 }, `imports ${framework ? framework.id : 'an agent framework'} but defines no agent or link that can be read statically`);
    }
  }
  for (const gap of gaps.gaps) problems.push({ ruleId: 'extraction-gap', message: gap.message, location: gap.location });
  // Files the prefilter picked but that held nothing and raised nothing are not part of the coverage.
  const coverage = fileCoverage([...readers].map(([file, extractor]) => ({ file, extractor })), fragments, problems).filter(
    (entry) => entry.agents > 0 || entry.edges > 0 || entry.gaps > 0 || failed.has(entry.file) || gaps.touched(entry.file),
  );
  return { fragments, problems, gaps: gaps.gaps.length, coverage };
}

/**
 * A code system's name: its entry agent, prefixed with the file that defines it (many examples
 * call their entry agent 'Triage Agent'), unless the entry is a code or workflow node, which
 * already says where it lives. It depends on that file alone, so linting one file or the whole
 * repository gives the same name.
 */
function systemName(root: DraftAgent): string {
  if (/^(code|workflow):/.test(root.name)) return root.name;
  const file = fileSystemName(root.location.file);
  return file === root.name ? root.name : `${file}/${root.name}`;
}

/** True when import declarations (not a commented-out line) name the framework, or any framework. */
/**
 * A file whose only use of the framework is handing its whole namespace to other code
 * (`import * as agents from '@openai/agents'; instrument(agents)`, for tracing): it builds
 * nothing, so there is nothing unread in it.
 */
function handsOnNamespace(framework: CodeFramework | undefined, imports: readonly string[], text: string): boolean {
  const ofFramework = imports.filter((declaration) => importsFramework(framework, declaration));
  return ofFramework.every((declaration) => {
    const name = /^import\s*\*\s*as\s+([A-Za-z_$][\w$]*)\s+from\b/.exec(declaration)?.[1];
    return name !== undefined && !new RegExp(`(^|[^\\w$.])${escapeRegExp(name)}\\s*(\\.|\\[)`).test(text);
  });
}

function importsFramework(framework: CodeFramework | undefined, imports: string): boolean {
  return framework ? framework.imports.test(imports) : FRAMEWORKS.some((each) => each.imports.test(imports));
}
