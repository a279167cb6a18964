import { describe, expect, it } from 'vitest';
import { isTsMorphLoaded } from '../../src/extract/ts/project.js';
import { join } from 'node:path';
import { RULES } from '../../rules/index.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { lintPaths, lintSources } from '../../src/lint.js';
import type { LintResult } from '../../src/model/index.js';
import { dedent } from '../helpers/dedent.js';
import { FIXTURES, lintFixture, recommended } from '../helpers/run.js';

const code = (files: Record<string, string>) =>
  lintSources(
    Object.entries(files).map(([path, text]) => ({ path, text: dedent(text) })),
    recommended(),
  );

describe('TypeScript extraction', () => {
  it('never loads ts-morph for a run over manifests and files that mention no framework', async () => {
    await lintFixture('report-manifest-examples');
    code({ 'src/util.ts': 'export const add = (a: number, b: number) => a + b;\n' });
    expect(isTsMorphLoaded()).toBe(false);
    code({ 'src/agent.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'a' });\n" });
    expect(isTsMorphLoaded()).toBe(true);
  });

  it('reports a file with a syntax error as a parse-error at its place and checks the other files', async () => {
    const result = code({
      'src/broken.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'a' ;\n",
      'src/fine.ts': "import { Agent } from '@openai/agents';\nexport const b = new Agent({ name: 'b' });\n",
    });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => [finding.location.file, finding.location.line, finding.location.column, finding.message])).toEqual([
      ['src/broken.ts', 2, 40, "cannot parse: ',' expected."],
    ]);
    expect(result.systems.map((system) => system.model.agents.map((agent) => agent.id))).toEqual([['b']]);
  });

  it('keeps the same name in two systems as two agents', async () => {
    const result = code({
      'src/a.ts': "import { Agent } from '@openai/agents';\nconst helper = new Agent({ name: 'helper' });\nexport const one = new Agent({ name: 'one', handoffs: [helper] });\n",
      'src/b.ts': "import { Agent } from '@openai/agents';\nconst helper = new Agent({ name: 'helper' });\nexport const two = new Agent({ name: 'two', handoffs: [helper] });\n",
    });
    expect(result.systems.map((system) => [system.model.id, system.model.agents.map((agent) => `${agent.id}@${agent.location.file}`)])).toEqual([
      ['a/one', ['helper@src/a.ts', 'one@src/a.ts']],
      ['b/two', ['helper@src/b.ts', 'two@src/b.ts']],
    ]);
  });

  it('gives per-file coverage: which extractor read a file and what it yielded', async () => {
    const result = await lintFixture('openai-agents-airline-cross-file');
    expect(result.coverage).toEqual([
      { file: 'src/agents/faq.ts', extractor: 'openai-agents', agents: 1, edges: 0, gaps: 0 },
      { file: 'src/agents/seats.ts', extractor: 'openai-agents', agents: 1, edges: 1, gaps: 0 },
      { file: 'src/agents/triage.ts', extractor: 'openai-agents', agents: 1, edges: 2, gaps: 0 },
      { file: 'src/main.ts', extractor: 'openai-agents', agents: 0, edges: 0, gaps: 0 },
      { file: 'src/wiring.ts', extractor: 'openai-agents', agents: 0, edges: 2, gaps: 0 },
    ]);
    expect(result.systems[0]?.model.loops).toEqual([{ agents: [], maxIterations: 6, location: { file: 'src/main.ts', line: 6, column: 24 } }]);
  });

  it('clones an agent with its handoffs, under its new name', async () => {
    const result = code({
      'src/clone.ts': `
        import { Agent } from '@openai/agents';
        const expert = new Agent({ name: 'expert' });
        const base = new Agent({ name: 'pirate', handoffs: [expert] });
        export const robot = base.clone({ name: 'robot' });
      `,
    });
    expect(result.systems[0]?.model.edges.map((edge) => `${edge.from}>${edge.to}`)).toEqual(['pirate>expert', 'robot>expert']);
  });

  it('gives a LangGraph agent the tools of the tool node it reaches, guarded only when a pause lies on the way', async () => {
    const graph = (interruptBefore: string) => `
      import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
      import { ToolNode } from '@langchain/langgraph/prebuilt';
      import { tool } from '@langchain/core/tools';
      import { ChatOpenAI } from '@langchain/openai';
      const deleteRecords = tool(async () => 'ok', { name: 'delete_records' });
      const model = new ChatOpenAI({ model: 'gpt-4o' }).bindTools([deleteRecords]);
      export const graph = new StateGraph(MessagesAnnotation)
        .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
        .addNode('tools', new ToolNode([deleteRecords]))
        .addEdge(START, 'agent')
        .addConditionalEdges('agent', (state) => (state.messages.length > 3 ? END : 'tools'))
        .addEdge('tools', 'agent')
        .compile(${interruptBefore});
    `;
    const unguarded = code({ 'src/graph.ts': graph('') }).findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action');
    expect(unguarded.map((finding) => finding.message)).toEqual(["'agent' can run 'delete_records' without approval; 1 irreversible tool(s) unguarded."]);
    const guarded = code({ 'src/graph.ts': graph("{ interruptBefore: ['tools'] }") });
    expect(guarded.findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action')).toEqual([]);
    expect(guarded.systems[0]?.model.edges.map((edge) => [edge.from, edge.to, edge.kind])).toEqual([['agent', 'user', 'approval']]);
  });

  it('never counts START, END, routers or tool nodes as agents', async () => {
    const result = await lintFixture('langgraph-human-review-interrupt');
    expect(result.systems[0]?.model.agents.map((agent) => agent.id)).toEqual(['agent']);
  });
});

describe('constructs with no fixture of their own', () => {
  const shape = (files: Record<string, string>) =>
    code(files).systems.map((system) => ({
      id: system.model.id,
      agents: system.model.agents.map((agent) => agent.id),
      edges: system.model.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}${edge.parallel ? ':parallel' : ''}`),
    }));

  it('reads LangGraph addSequence, the object form of addNode and setEntryPoint', () => {
    expect(
      shape({
        'src/graph.ts': `
          import { StateGraph, MessagesAnnotation } from '@langchain/langgraph';
          import { ChatOpenAI } from '@langchain/openai';
          const llm = new ChatOpenAI({ model: 'gpt-4o' });
          async function outline(state: typeof MessagesAnnotation.State) { return { messages: [await llm.invoke(state.messages)] }; }
          async function draft(state: typeof MessagesAnnotation.State) { return { messages: [await llm.invoke(state.messages)] }; }
          const builder = new StateGraph(MessagesAnnotation)
            .addNode({ triage: async (state) => ({ messages: [await llm.invoke(state.messages)] }), log: (state) => state })
            .addSequence([outline, draft]);
          builder.setEntryPoint('triage');
          builder.addEdge('triage', 'log');
          builder.addEdge('log', 'outline');
          export const pipeline = builder.compile();
        `,
      }),
    ).toEqual([{ id: 'pipeline', agents: ['triage', 'outline', 'draft'], edges: ['triage>outline:handoff', 'outline>draft:handoff'] }]);
  });

  it('places each edge of a chained LangGraph builder where its call is written, not where the chain starts', () => {
    const [system] = code({
      'src/graph.ts': `
        import { StateGraph, MessagesAnnotation, START } from '@langchain/langgraph';
        import { ChatOpenAI } from '@langchain/openai';
        const llm = new ChatOpenAI({ model: 'gpt-4o' });
        async function plan(state: typeof MessagesAnnotation.State) { return { messages: [await llm.invoke(state.messages)] }; }
        async function write(state: typeof MessagesAnnotation.State) { return { messages: [await llm.invoke(state.messages)] }; }
        export const app = new StateGraph(MessagesAnnotation)
          .addNode('plan', plan)
          .addNode('write', write)
          .addEdge(START, 'plan')
          .addEdge('plan', 'write')
          .compile();
      `,
    }).systems;
    expect(system?.model.edges.map((edge) => [edge.from, edge.to, edge.location.line, edge.location.column])).toEqual([['plan', 'write', 10, 4]]);
  });

  it('names a LangGraph tool made by a factory after the factory, not after the words of its arguments, and leaves hand-written handoffs out of the tools', () => {
    const [system] = code({
      'src/agent.ts': `
        import { tool } from '@langchain/core/tools';
        import { Command } from '@langchain/langgraph';
        import { createReactAgent } from '@langchain/langgraph/prebuilt';
        import { ChatOpenAI } from '@langchain/openai';
        const llm = new ChatOpenAI({ model: 'gpt-4o' });
        const handoffTo = (agentName: string, note: string) => tool(async () => new Command({ goto: agentName, graph: Command.PARENT }), { name: 'handoff', description: note });
        declare function reportTool(note: string): ReturnType<typeof tool>;
        export const a = createReactAgent({ name: 'a', llm, tools: [handoffTo('b', 'Send it to b'), reportTool('Send the weekly report')] });
        export const b = createReactAgent({ name: 'b', llm, tools: [] });
      `,
    }).systems;
    expect(system?.model.agents.map((agent) => [agent.id, agent.tools.map((each) => each.name)])).toEqual([['a', ['reportTool']], ['b', []]]);
  });

  it('reads an OpenAI RealtimeAgent and its handoffs', () => {
    expect(
      shape({
        'src/voice.ts': `
          import { RealtimeAgent } from '@openai/agents/realtime';
          const weather = new RealtimeAgent({ name: 'weather', instructions: 'Forecasts.' });
          export const greeter = new RealtimeAgent({ name: 'greeter', instructions: 'Greet.', handoffs: [weather] });
        `,
      }),
    ).toEqual([{ id: 'voice/greeter', agents: ['weather', 'greeter'], edges: ['greeter>weather:handoff'] }]);
  });

  it('reads Mastra .branch as conditional steps and .foreach as one step run in parallel', () => {
    expect(
      shape({
        'src/mastra/index.ts': `
          import { Agent } from '@mastra/core/agent';
          import { createStep, createWorkflow } from '@mastra/core/workflows';
          const sorter = new Agent({ name: 'sorter', instructions: 'Sort.', model: 'openai/gpt-4o' });
          const refunds = new Agent({ name: 'refunds', instructions: 'Refund.', model: 'openai/gpt-4o' });
          const replies = new Agent({ name: 'replies', instructions: 'Reply.', model: 'openai/gpt-4o' });
          export const inbox = createWorkflow({ id: 'inbox' })
            .foreach(createStep(sorter))
            .branch([
              [async () => true, createStep(refunds)],
              [async () => false, createStep(replies)],
            ])
            .commit();
        `,
      }),
    ).toEqual([
      {
        id: 'workflow:inbox',
        agents: ['sorter', 'refunds', 'replies', 'workflow:inbox'],
        edges: [
          'workflow:inbox>sorter:delegate:parallel',
          'workflow:inbox>refunds:delegate',
          'sorter>refunds:data',
          'workflow:inbox>replies:delegate',
          'sorter>replies:data',
        ],
      },
    ]);
  });
});

describe('code outside the working folder', () => {
  it('links files named with ../ as it links them from inside', async () => {
    const config = resolveConfig({ raw: {}, locate: () => undefined }, RULES);
    const shape = (result: LintResult) => result.systems.map((system) => [system.model.id, system.model.agents.length, system.model.edges.length]);
    const inside = (await lintPaths(['.'], join(FIXTURES, 'openai-agents-airline-cross-file'), config)).result;
    const outside = (await lintPaths(['../openai-agents-airline-cross-file'], join(FIXTURES, 'examples'), config)).result;
    expect(shape(outside)).toEqual(shape(inside));
    expect(shape(inside).some(([, , edges]) => Number(edges) > 0)).toBe(true);
  });
});

describe('data flow in a manager class', () => {
  it('follows results through helper methods, calls on the result and a reassigned let', () => {
    const result = code({
      'src/manager.ts': `
        import { Agent, run } from '@openai/agents';
        const planner = new Agent({ name: 'planner', instructions: 'Plan searches.' });
        const searcher = new Agent({ name: 'searcher', instructions: 'Search.' });
        const writer = new Agent({ name: 'writer', instructions: 'Write.' });
        const checker = new Agent({ name: 'checker', instructions: 'Check the report against the sources.' });
        export class ResearchManager {
          async run(query: string) {
            const plan = await this.plan(query);
            const found = (await this.searchAll(plan)).filter((item) => item !== '');
            let report = await this.write(found);
            let verdict = await this.check(report, found);
            for (let round = 0; round < 2 && !verdict; round++) {
              report = await this.write(found);
              verdict = await this.check(report, found);
            }
            return report;
          }
          async plan(query: string) { return (await run(planner, query)).finalOutput; }
          async searchAll(plan: unknown) { return Promise.all(String(plan).split(',').map((term) => this.searchOne(term))); }
          async searchOne(term: string) { return String((await run(searcher, term)).finalOutput); }
          async write(found: string[]) { return String((await run(writer, found.join(';'))).finalOutput); }
          async check(report: string, found: string[]) { return (await run(checker, report + found.join(';'))).finalOutput; }
        }
      `,
    });
    const system = result.systems.find((each) => each.model.id === 'code:ResearchManager');
    expect(system?.model.edges.filter((edge) => edge.kind === 'data').map((edge) => `${edge.from}>${edge.to}`)).toEqual([
      'planner>searcher',
      'searcher>writer',
      'searcher>checker',
      'writer>checker',
    ]);
  });
});

describe('model calls behind higher-order wrappers', () => {
  it('takes a node whose helper is traceable(fn) around a model call as an agent', () => {
    const result = code({
      'src/graph.ts': `
        import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
        import { ChatAnthropic } from '@langchain/anthropic';
        import { traceable } from 'langsmith/traceable';
        const model = new ChatAnthropic({ model: 'claude-sonnet-4' });
        const pickRoute = traceable(async (state: typeof MessagesAnnotation.State) => model.invoke(state.messages), { name: 'pick_route' });
        const router = async (state: typeof MessagesAnnotation.State) => ({ messages: [await pickRoute(state)] });
        const format = async (state: typeof MessagesAnnotation.State) => ({ messages: state.messages.slice(-1) });
        const answer = async (state: typeof MessagesAnnotation.State) => ({ messages: [await model.invoke(state.messages)] });
        export const graph = new StateGraph(MessagesAnnotation)
          .addNode('router', router)
          .addNode('format', format)
          .addNode('answer', answer)
          .addEdge(START, 'router')
          .addEdge('router', 'format')
          .addEdge('format', 'answer')
          .addEdge('answer', END)
          .compile();
      `,
    });
    expect(result.systems.map((system) => system.model.agents.map((agent) => agent.id))).toEqual([['router', 'answer']]);
    expect(result.systems[0]?.model.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`)).toEqual(['router>answer:handoff']);
  });
});

describe('handoffs wired through casts', () => {
  it('reads (x.handoffs as any).push(…) and (x as Agent).handoffs = […] in a wiring file with no SDK import', () => {
    const result = code({
      'src/agents.ts': `
        import { Agent } from '@openai/agents';
        export const greeter = new Agent({ name: 'greeter', instructions: 'Greet.' });
        export const billing = new Agent({ name: 'billing', instructions: 'Bills.' });
        export const returns = new Agent({ name: 'returns', instructions: 'Returns.' });
      `,
      'src/wiring.ts': `
        import { billing, greeter, returns } from './agents.js';
        (greeter.handoffs as any).push(billing, returns);
        (billing as unknown as { handoffs: unknown[] }).handoffs = [greeter];
        returns!.handoffs.push(greeter);
      `,
    });
    expect(result.systems.flatMap((system) => system.model.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`))).toEqual([
      'greeter>billing:handoff',
      'greeter>returns:handoff',
      'billing>greeter:handoff',
      'returns>greeter:handoff',
    ]);
  });
});

describe('names that say which system', () => {
  it('names a LangGraph graph called graph after its file, or its folder for an index file', () => {
    const graph = `
      import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
      import { ChatOpenAI } from '@langchain/openai';
      const llm = new ChatOpenAI({ model: 'gpt-4o' });
      const step = async (state: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(state.messages)] });
      export const graph = new StateGraph(MessagesAnnotation).addNode('a', step).addNode('b', step).addEdge(START, 'a').addEdge('a', 'b').addEdge('b', END).compile();
    `;
    const result = code({ 'src/agents/reflection/index.ts': graph, 'examples/sql_agent.ts': graph.replace(/'a'/g, "'c'").replace(/'b'/g, "'d'") });
    expect(result.systems.map((system) => system.model.id)).toEqual(['reflection', 'sql_agent']);
  });

  it('names code that runs agents from a main function after its file', () => {
    const result = code({
      'examples/translate.ts': `
        import { Agent, run } from '@openai/agents';
        const drafter = new Agent({ name: 'drafter', instructions: 'Draft.' });
        const translator = new Agent({ name: 'translator', instructions: 'Translate.' });
        async function main() {
          const draft = await run(drafter, 'hello');
          await run(translator, String(draft.finalOutput));
        }
        main();
      `,
    });
    expect(result.systems.map((system) => system.model.id)).toEqual(['code:translate.main']);
  });
});

describe('agents run inside tools', () => {
  it('takes an OpenAI tool whose execute runs another agent as a delegation, not code orchestration', () => {
    const result = code({
      'src/support.ts': `
        import { Agent, run, tool } from '@openai/agents';
        import { z } from 'zod';
        const summarizer = new Agent({ name: 'summarizer', instructions: 'Summarize.' });
        const translator = new Agent({ name: 'translator', instructions: 'Translate.' });
        const summarize = tool({ name: 'summarize_ticket', description: 'Summarize a ticket.', parameters: z.object({ text: z.string() }),
          execute: async ({ text }) => String((await run(summarizer, text)).finalOutput) });
        const translate = tool({ name: 'translate_reply', description: 'Translate a reply.', parameters: z.object({ text: z.string() }),
          execute: async ({ text }) => String((await run(translator, text)).finalOutput) });
        export const support = new Agent({ name: 'support', instructions: 'Help.', tools: [summarize, translate] });
      `,
    });
    expect(result.systems.map((system) => [system.model.id, system.model.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`)])).toEqual([
      ['support', ['support>summarizer:delegate', 'support>translator:delegate']],
    ]);
  });
});
