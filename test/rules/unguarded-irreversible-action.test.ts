import { describe, expect, it } from 'vitest';
import rule from '../../rules/unguarded-irreversible-action.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const payments = dedent(`
  version: 1
  name: payments
  agents:
    cashier:
      tools:
        - lookup_account
        - name: settle
          irreversible: true
        - sendEmail
        - delete-draft
`);

testRule(rule, {
  valid: [
    { name: 'is silent for tools that change nothing for good', manifest: 'version: 1\nname: read\nagents:\n  a: {tools: [search_kb, lookup_invoice, summarize]}\n' },
    { name: 'is silent when the tool needs approval', manifest: 'version: 1\nname: ok\nagents:\n  a:\n    tools:\n      - {name: issue_refund, needsApproval: true}\n' },
    {
      name: 'is silent when the agent waits for approval',
      manifest: 'version: 1\nname: ok\nhumans:\n  boss: {}\nagents:\n  a:\n    tools: [deploy_prod]\n    approval: {by: boss, mode: irreversible-only}\n',
    },
    { name: 'matches whole words only (sender, dropdown)', manifest: 'version: 1\nname: words\nagents:\n  a: {tools: [sender_lookup, render_dropdown]}\n' },
    { name: 'uses the words option', options: { words: ['nuke'] }, manifest: 'version: 1\nname: words\nagents:\n  a: {tools: [send_email]}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports declared and name-marked irreversible tools of one agent',
      manifest: payments,
      findings: [
        {
          messageId: 'unguardedTools',
          line: 4,
          column: 3,
          data: { agent: 'cashier', tools: "'settle', 'sendEmail', 'delete-draft'", count: 3 },
          related: [
            { ...positionOf(payments, 'name: settle'), message: "'settle' cannot be undone" },
            { ...positionOf(payments, 'sendEmail'), message: "'sendEmail' cannot be undone" },
            { ...positionOf(payments, 'delete-draft'), message: "'delete-draft' cannot be undone" },
          ],
          message: "'cashier' can run 'settle', 'sendEmail', 'delete-draft' without approval; 3 irreversible tool(s) unguarded.",
        },
      ],
    },
    {
      name: 'uses the words option to mark a tool',
      options: { words: ['nuke'] },
      manifest: 'version: 1\nname: words\nagents:\n  a: {tools: [nukeCluster]}\n',
      findings: [{ messageId: 'unguardedTools', line: 4, column: 3, data: { agent: 'a', tools: "'nukeCluster'", count: 1 } }],
    },
    {
      name: 'does not take an approval the agent gives itself as a guard',
      manifest: 'version: 1\nname: self\nagents:\n  a: {tools: [wire_funds], approval: {by: a}}\n',
      findings: [{ messageId: 'unguardedTools', line: 4, column: 3, data: { agent: 'a', tools: "'wire_funds'", count: 1 } }],
    },
  ],
});

describe('unguarded-irreversible-action suggestion', () => {
  it('names the tools to pause on', () => {
    expect(lintManifest(payments, onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Pause 'cashier' before 'settle', 'sendEmail', 'delete-draft': set needsApproval on the tool, or an approval with mode irreversible-only.",
    );
  });
});
