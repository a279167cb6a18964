import rule from '../../rules/regime-mismatch.js';
import { manifest, reports } from '../helpers/manifests.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { lintSources } from '../../src/lint.js';
import { testRule } from '../helpers/test-rule.js';

/** root → 4 leads → 16 sub-leads → 79 workers: 100 agents at depth 3, the required depth. */
function hundredAgents(domains: boolean): string {
  const lines = ['root: {role: orchestrator}'];
  for (let lead = 1; lead <= 4; lead++) {
    const domain = domains ? `, domain: d${lead}` : '';
    lines.push(`l${lead}: {role: lead, reportsTo: root${domain}}`);
    for (let sub = 1; sub <= 4; sub++) {
      const id = `s${lead}-${sub}`;
      lines.push(`${id}: {role: lead, reportsTo: l${lead}${domain}}`);
      const workers = lead === 4 && sub === 4 ? 4 : 5;
      for (let worker = 1; worker <= workers; worker++) lines.push(`${id}-w${worker}: {reportsTo: ${id}${domain}}`);
    }
  }
  return manifest('big', lines);
}

/** root → 2 leads → 7 workers: 10 agents at depth 2. */
const tenInTwoLevels = manifest('ten', [
  'root: {role: orchestrator}',
  'a: {role: lead, reportsTo: root}',
  'b: {role: lead, reportsTo: root}',
  ...reports('a', 4, 'x'),
  ...reports('b', 3, 'y'),
]);

testRule(rule, {
  valid: [
    { name: 'is silent for a flat hub of 9 agents', manifest: manifest('hub', ['boss: {}', ...reports('boss', 8)]) },
    { name: 'is silent at the required depth', manifest: tenInTwoLevels },
    { name: 'is silent for 100 agents in four domains at depth 3', manifest: hundredAgents(true) },
    { name: 'uses the minAgents option', options: { minAgents: 20 }, manifest: manifest('hub', ['boss: {}', ...reports('boss', 11)]) },
    { name: 'is silent on a single agent', manifest: manifest('solo', ['only: {}']) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports a flat hub of 10 agents',
      manifest: manifest('hub', ['boss: {role: orchestrator}', ...reports('boss', 9)]),
      findings: [
        {
          messageId: 'tooShallow',
          line: 2,
          column: 1,
          data: { system: 'hub', agents: 10, activeAgents: 10, exclusiveAlternatives: 0, regime: 'medium', depth: 1, requiredDepth: 2, topology: 'hub-and-spoke' },
          message: "System 'hub' has 10 agents working together at depth 1; at that size it needs depth 2.",
        },
      ],
    },
    {
      name: 'reports 10 agents with no hierarchy at all',
      manifest: manifest('crowd', Array.from({ length: 10 }, (_, index) => `a${index}: {}`)),
      findings: [
        {
          messageId: 'tooShallow',
          line: 2,
          column: 1,
          data: { system: 'crowd', agents: 10, activeAgents: 10, exclusiveAlternatives: 0, regime: 'medium', depth: 0, requiredDepth: 2, topology: 'mixed' },
        },
      ],
    },
    {
      name: 'reports 100 agents without domain boundaries',
      manifest: hundredAgents(false),
      findings: [
        {
          messageId: 'needsFederation',
          line: 2,
          column: 1,
          data: { system: 'big', agents: 100, regime: 'large', domains: 0, federationAt: 100 },
          message: "System 'big' has 100 agents and 0 domain boundaries; from 100 agents it needs federated domains.",
        },
      ],
    },
    {
      name: 'uses the federationAt option',
      options: { federationAt: 10 },
      manifest: tenInTwoLevels,
      findings: [
        { messageId: 'needsFederation', line: 2, column: 1, data: { system: 'ten', agents: 10, regime: 'medium', domains: 0, federationAt: 10 } },
      ],
    },
  ],
});

describe('regime-mismatch suggestion', () => {
  it('says what to do, with the numbers of the case', () => {
    const [finding] = lintManifest(manifest('hub', ['boss: {role: orchestrator}', ...reports('boss', 9)]), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe('Add 1 level of leads, each directing 5–8 agents, so that no coordinator tracks the whole system.');
  });
});

describe('regime-mismatch on code', () => {
  /** A LangGraph classifier that routes each request to one of `count` specialists. */
  const router = (count: number, fanOut: boolean) => {
    const names = Array.from({ length: count }, (_, index) => `specialist_${index}`);
    const route = fanOut ? `(state) => [${names.map((name) => `new Send('${name}', state)`).join(', ')}]` : `(state) => state.topic`;
    return `
      import { END, MessagesAnnotation, Send, START, StateGraph } from '@langchain/langgraph';
      import { ChatOpenAI } from '@langchain/openai';
      const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });
      const answer = async (state: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(state.messages)] });
      export const graph = new StateGraph(MessagesAnnotation)
        .addNode('classifier', answer)
        ${names.map((name) => `.addNode('${name}', answer)`).join('\n        ')}
        .addEdge(START, 'classifier')
        .addConditionalEdges('classifier', ${route}, [${names.map((name) => `'${name}'`).join(', ')}])
        ${names.map((name) => `.addEdge('${name}', END)`).join('\n        ')}
        .compile();
    `;
  };
  const findings = (text: string) => lintManifest(text, onlyRule(rule), 'src/router.ts').findings;

  it('does not count exclusive alternatives behind a router as agents working together', () => {
    expect(findings(router(12, false))).toEqual([]);
  });

  it('counts branches that a router runs side by side', () => {
    const [finding] = findings(router(12, true));
    expect(finding?.data).toMatchObject({ agents: 13, activeAgents: 13, exclusiveAlternatives: 0 });
    expect(finding?.suggestion).toBe(
      'Add 2 levels of leads, each directing 5–8 agents, so that no coordinator tracks the whole system: build one subgraph per domain with a supervisor of its own (createSupervisor per team) under a top supervisor.',
    );
  });
});

describe('regime-mismatch on code whose scripts share agents', () => {
  /** A script that runs its agents in a chain, each fed the previous output. */
  const script = (name: string, agents: string[]): string =>
    [`export async function ${name}(input: string) {`, '  let text = input;', ...agents.map((agent) => `  text = (await run(${agent}, text)).finalOutput ?? '';`), '  return text;', '}'].join('\n');
  const agents = (names: string[]): string => names.map((name) => `const ${name} = new Agent({ name: '${name}', instructions: 'Work.' });`).join('\n');

  it('counts the agents one script sets to work, not every agent the scripts share a system with', () => {
    const first = ['a1', 'a2', 'a3', 'a4', 'a5', 'shared'];
    const second = ['shared', 'b1', 'b2', 'b3', 'b4', 'b5'];
    const code = ["import { Agent, run } from '@openai/agents';", agents([...new Set([...first, ...second])]), script('morning', first), script('evening', second)].join('\n');
    const result = lintManifest(code, onlyRule(rule), 'src/scripts.ts');
    // One system of 11 agents and two code coordinators, but never more than 7 at work in one run.
    expect(result.systems.map((system) => system.model.agents.length)).toEqual([13]);
    expect(result.findings.filter((finding) => finding.ruleId === 'regime-mismatch')).toEqual([]);
  });
});

describe('regime-mismatch on n8n workflows that each pick one agent', () => {
  /** A workflow called by another, whose Switch sends each item to one of its agents. */
  const picking = (index: number, variants: number): string => {
    const agents = Array.from({ length: variants }, (_, variant) => `Step ${index} v${variant}`);
    const nodes = [
      { id: 't', name: 'When called', type: 'n8n-nodes-base.executeWorkflowTrigger', typeVersion: 1.1, position: [0, 0], parameters: {} },
      { id: 's', name: 'Pick', type: 'n8n-nodes-base.switch', typeVersion: 3.2, position: [200, 0], parameters: {} },
      ...agents.map((name, variant) => ({ id: `a${variant}`, name, type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.7, position: [400, variant * 100], parameters: { text: '={{ $json.lead }}' } })),
    ];
    const connections = {
      'When called': { main: [[{ node: 'Pick', type: 'main', index: 0 }]] },
      Pick: { main: agents.map((name) => [{ node: name, type: 'main', index: 0 }]) },
    };
    return JSON.stringify({ name: `Step ${index}`, id: `wf-${index}`, nodes, connections });
  };
  /** A workflow that runs `count` picking workflows one after the other. */
  const caller = (count: number): string => {
    const calls = Array.from({ length: count }, (_, index) => ({ id: `c${index}`, name: `Run step ${index}`, type: 'n8n-nodes-base.executeWorkflow', typeVersion: 1.2, position: [200 * (index + 1), 0], parameters: { workflowId: { __rl: true, value: `wf-${index}`, mode: 'list', cachedResultName: `Step ${index}` } } }));
    const names = ['Start', ...calls.map((call) => call.name)];
    const connections = Object.fromEntries(names.slice(0, -1).map((name, index) => [name, { main: [[{ node: names[index + 1], type: 'main', index: 0 }]] }]));
    return JSON.stringify({ name: 'All steps', nodes: [{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }, ...calls], connections });
  };
  const lint = (count: number, variants: number) =>
    lintSources([{ path: 'all-steps.json', text: caller(count) }, ...Array.from({ length: count }, (_, index) => ({ path: `step-${index}.json`, text: picking(index, variants) }))], onlyRule(rule));

  it('counts one agent of each called workflow at work: its alternatives are counted per workflow', () => {
    // 11 workflows of two variants each: 23 agents with the caller, 11 of them alternatives, 12 at work.
    const result = lint(11, 2);
    const edges = result.systems[0]?.model.edges.filter((edge) => edge.kind === 'delegate') ?? [];
    expect(edges).toHaveLength(22);
    expect(edges.every((edge) => edge.exclusive === true && edge.choice === `step-${edge.to.match(/Step (\d+)/)?.[1]}.json:Step ${edge.to.match(/Step (\d+)/)?.[1]}`)).toBe(true);
    expect(result.findings.map((finding) => finding.data)).toEqual([
      { system: 'workflow:All steps', agents: 23, regime: 'medium', activeAgents: 12, exclusiveAlternatives: 11, depth: 1, requiredDepth: 2, topology: 'hub-and-spoke' },
    ]);
  });

  it('reports nothing when the agents at work stay few', () => {
    expect(lint(3, 4).findings).toEqual([]);
  });
});
