import { describe, expect, it } from 'vitest';
import rule from '../../rules/overlapping-authority.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { lintSources } from '../../src/lint.js';
import { testRule } from '../helpers/test-rule.js';

const shared = dedent(`
  version: 1
  name: launch
  agents:
    marketing-lead: {role: lead}
    product-lead: {role: lead}
    copywriter: {reportsTo: marketing-lead}
  edges:
    - {from: product-lead, to: copywriter, kind: delegate}
`);

testRule(rule, {
  valid: [
    { name: 'is silent when every agent has one coordinator', manifest: 'version: 1\nname: ok\nagents:\n  lead: {}\n  a: {reportsTo: lead}\n  b: {reportsTo: lead}\n' },
    {
      name: 'counts one coordinator once, however many delegate edges it has',
      manifest: 'version: 1\nname: twice\nagents:\n  lead: {}\n  a: {reportsTo: lead}\nedges:\n  - {from: lead, to: a, kind: delegate}\n',
    },
    { name: 'ignores an agent that delegates to itself', manifest: 'version: 1\nname: self\nagents:\n  a: {}\n  b: {reportsTo: a}\nedges:\n  - {from: b, to: b, kind: delegate}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports an agent with two coordinators',
      manifest: shared,
      findings: [
        {
          messageId: 'severalCoordinators',
          ...positionOf(shared, 'copywriter:'),
          data: { agent: 'copywriter', count: 2, coordinators: "'marketing-lead', 'product-lead'", run: 'launch' },
          related: [
            { ...positionOf(shared, 'marketing-lead', 2), message: "'marketing-lead' directs 'copywriter'" },
            { ...positionOf(shared, '{from: product-lead'), message: "'product-lead' directs 'copywriter'" },
          ],
          message: "'copywriter' is directed by 2 coordinators: 'marketing-lead', 'product-lead'.",
        },
      ],
    },
  ],
});

describe('overlapping-authority suggestion', () => {
  it('says to give the agent one coordinator', () => {
    expect(lintManifest(shared, onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Give 'copywriter' one coordinator; let the others ask that coordinator, or split 'copywriter' by the work each one needs.",
    );
  });
});

describe('overlapping-authority on code with several entry points', () => {
  const agents = `
    import { Agent } from '@mastra/core/agent';
    import { openai } from '@ai-sdk/openai';
    export const writer = new Agent({ name: 'Writer', instructions: 'Write.', model: openai('gpt-4o') });
    export const editor = new Agent({ name: 'Editor', instructions: 'Edit.', model: openai('gpt-4o'), agents: { writer } });
  `;
  const workflows = (steps: string) => `
    import { createStep, createWorkflow } from '@mastra/core/workflows';
    import { z } from 'zod';
    import { editor, writer } from './agents.js';
    export const flow = createWorkflow({ id: 'articles', inputSchema: z.object({ prompt: z.string() }), outputSchema: z.object({ text: z.string() }) })
      ${steps}
      .commit();
  `;
  const run = (steps: string) =>
    lintSources([{ path: 'src/agents.ts', text: agents }, { path: 'src/workflows.ts', text: workflows(steps) }], onlyRule(rule)).findings.map((finding) => [finding.data.agent, finding.data.coordinators, finding.data.run]);

  it('is silent when a workflow and a supervisor that it never runs both use an agent', () => {
    expect(run('.then(createStep(writer))')).toEqual([]);
  });

  it('reports an agent directed by a workflow and by a supervisor the same workflow runs', () => {
    expect(run('.then(createStep(editor)).then(createStep(writer))')).toEqual([['Writer', "'Editor', 'workflow:articles'", 'workflow:articles']]);
  });
});
