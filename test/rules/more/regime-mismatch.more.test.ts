import { describe, expect, it } from 'vitest';
import rule from '../../../rules/regime-mismatch.js';
import { manifest } from '../../helpers/manifests.js';
import { lintManifest, onlyRule } from '../../helpers/run.js';

/** root → 4 leads → 16 sub-leads → 79 workers: 100 agents at depth 3; leads 1–2 in domain d1, 3–4 in d2. */
function hundredAgentsInTwoDomains(): string {
  const lines = ['root: {role: orchestrator}'];
  for (let lead = 1; lead <= 4; lead++) {
    const domain = `, domain: d${lead <= 2 ? 1 : 2}`;
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

describe('regime-mismatch federation', () => {
  const findings = (text: string) =>
    lintManifest(text, onlyRule(rule)).findings.map((finding) => [finding.messageId, finding.location.line, finding.location.column, finding.data]);

  it('is silent for 100 agents in exactly two domains', () => {
    expect(findings(hundredAgentsInTwoDomains())).toEqual([]);
  });
});

describe('regime-mismatch federation suggestion', () => {
  it('says to split the system into domains', () => {
    const [finding] = lintManifest(manifest('trio', ['lead: {}', 'a: {reportsTo: lead}', 'b: {reportsTo: lead}']), onlyRule(rule, { federationAt: 3 })).findings;
    expect(finding?.suggestion).toBe('Split the system into domains (give agents a `domain`), each with its own coordinator and its own integration.');
  });
});

describe('regime-mismatch on a router with few alternatives', () => {
  it('counts all but one of a router\'s exclusive branches out, and reports the ten agents that remain at work together', () => {
    const chain = Array.from({ length: 8 }, (_, index) => `step_${index}`);
    const code = `
      import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
      import { ChatOpenAI } from '@langchain/openai';
      const llm = new ChatOpenAI({ model: 'gpt-4o-mini' });
      const answer = async (state: typeof MessagesAnnotation.State) => ({ messages: [await llm.invoke(state.messages)] });
      export const graph = new StateGraph(MessagesAnnotation)
        ${chain.map((name) => `.addNode('${name}', answer)`).join('\n        ')}
        .addNode('classifier', answer)
        .addNode('billing', answer)
        .addNode('shipping', answer)
        .addEdge(START, 'step_0')
        ${chain.slice(1).map((name, index) => `.addEdge('${chain[index]}', '${name}')`).join('\n        ')}
        .addEdge('step_7', 'classifier')
        .addConditionalEdges('classifier', (state) => state.topic, ['billing', 'shipping'])
        .addEdge('billing', END)
        .addEdge('shipping', END)
        .compile();
    `;
    const findings = lintManifest(code, onlyRule(rule), 'src/router.ts').findings;
    expect(findings.map((finding) => [finding.messageId, finding.data])).toEqual([
      ['tooShallow', { system: 'router', agents: 11, regime: 'medium', activeAgents: 10, exclusiveAlternatives: 1, depth: 0, requiredDepth: 2, topology: 'mixed' }],
    ]);
  });
});
