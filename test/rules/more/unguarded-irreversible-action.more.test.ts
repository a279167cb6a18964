import { describe, expect, it } from 'vitest';
import rule from '../../../rules/unguarded-irreversible-action.js';
import { lintFixture, lintManifest, onlyRule } from '../../helpers/run.js';

const LOOKED_FOR = (agent: string) => `needsApproval on each tool, or an approval edge from '${agent}' to a human or another agent`;

describe('unguarded-irreversible-action words and read words', () => {
  it('lets the words option win over the read words: a verb in both acts', () => {
    const text = 'version: 1\nname: legal\nagents:\n  clerk: {tools: [draft_contract]}\n';
    const findings = lintManifest(text, onlyRule(rule, { words: ['draft'] })).findings;
    expect(findings.map((finding) => [finding.messageId, finding.location.line, finding.location.column, finding.data])).toEqual([
      ['unguardedTools', 4, 3, { agent: 'clerk', tools: "'draft_contract'", count: 1, why: "'draft_contract': verb 'draft'", approvalLookedFor: LOOKED_FOR('clerk') }],
    ]);
  });
});

describe('unguarded-irreversible-action with two approval keys that are not read', () => {
  const code = `
    import { Agent, tool } from '@openai/agents';
    import { z } from 'zod';
    const sendInvoice = tool({
      name: 'send_invoice',
      description: 'Send an invoice.',
      parameters: z.object({ id: z.string() }),
      requireApproval: true,
      execute: async () => 'sent',
    } as Parameters<typeof tool>[0]);
    const deleteAccount = tool({
      name: 'delete_account',
      description: 'Delete an account.',
      parameters: z.object({ id: z.string() }),
      requireApproval: true,
      execute: async () => 'deleted',
    } as Parameters<typeof tool>[0]);
    export const billing = new Agent({ name: 'billing', instructions: 'Bill.', tools: [sendInvoice, deleteAccount] });
  `;
  const first = () => lintManifest(code, onlyRule(rule), 'src/billing.ts').findings[0];

  it('names each ignored key, one after the other', () => {
    expect(first()?.data.ignoredApproval).toBe(
      "'send_invoice' declares requireApproval (the @openai/agents key is needsApproval), which its framework does not read; 'delete_account' declares requireApproval (the @openai/agents key is needsApproval), which its framework does not read",
    );
  });

  it('lists every tool whose key to fix in the suggestion', () => {
    expect(first()?.suggestion).toBe(
      "Ask for approval under the key the framework reads (needsApproval for @openai/agents) on 'send_invoice', 'delete_account', and pause 'billing' before 'send_invoice', 'delete_account'.",
    );
  });
});

describe('unguarded-irreversible-action on a tool with no place in the code', () => {
  it('reports the agent and points at no place for the tool (an AutoGen tool is known by name only)', async () => {
    const findings = (await lintFixture('autogen-python-swarm-refund', onlyRule(rule))).findings;
    expect(findings.map((finding) => [finding.data.agent, finding.data.tools, finding.related])).toEqual([['flights_refunder', "'refund_flight'", []]]);
  });
});
