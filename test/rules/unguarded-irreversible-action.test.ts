import { describe, expect, it } from 'vitest';
import rule from '../../rules/unguarded-irreversible-action.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { lintFixture, lintManifest, onlyRule } from '../helpers/run.js';
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

const LOOKED_FOR = (agent: string) => `needsApproval on each tool, or an approval edge from '${agent}' to a human or another agent`;

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
    {
      name: 'never counts a tool led by a read or preparation verb, whatever follows it',
      manifest: 'version: 1\nname: reads\nagents:\n  a: {tools: [get-refund-policy, draft_refund, escalateToRefundSupervisor, lookupOrderRow, searchPaymentsKnowledgeBase, preview_deploy]}\n',
    },
    { name: 'reads an acting word followed by a read noun as a thing looked up', manifest: 'version: 1\nname: nouns\nagents:\n  a: {tools: [order_status, refund_policy, booking_details, developer-work-order-context]}\n' },
    { name: 'uses the readWords option', options: { readWords: ['simulate'] }, manifest: 'version: 1\nname: sim\nagents:\n  a: {tools: [simulate_transfer]}\n' },
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
          data: {
            agent: 'cashier',
            tools: "'settle', 'sendEmail', 'delete-draft'",
            count: 3,
            why: "'settle': declared irreversible; 'sendEmail': verb 'send'; 'delete-draft': verb 'delete'",
            approvalLookedFor: LOOKED_FOR('cashier'),
          },
          related: [
            { ...positionOf(payments, 'name: settle'), message: "'settle' cannot be undone (declared irreversible)" },
            { ...positionOf(payments, 'sendEmail'), message: "'sendEmail' cannot be undone (verb 'send')" },
            { ...positionOf(payments, 'delete-draft'), message: "'delete-draft' cannot be undone (verb 'delete')" },
          ],
          message: "'cashier' can run 'settle', 'sendEmail', 'delete-draft' without approval; 3 irreversible tool(s) unguarded.",
        },
      ],
    },
    {
      name: 'uses the words option to mark a tool',
      options: { words: ['nuke'] },
      manifest: 'version: 1\nname: words\nagents:\n  a: {tools: [nukeCluster]}\n',
      findings: [{ messageId: 'unguardedTools', line: 4, column: 3, data: { agent: 'a', tools: "'nukeCluster'", count: 1, why: "'nukeCluster': verb 'nuke'", approvalLookedFor: LOOKED_FOR('a') } }],
    },
    {
      name: 'does not take an approval the agent gives itself as a guard',
      manifest: 'version: 1\nname: self\nagents:\n  a: {tools: [wire_funds], approval: {by: a}}\n',
      findings: [{ messageId: 'unguardedTools', line: 4, column: 3, data: { agent: 'a', tools: "'wire_funds'", count: 1, why: "'wire_funds': verb 'wire'", approvalLookedFor: LOOKED_FOR('a') } }],
    },
    {
      name: 'says so when a tool asks for approval under a key its framework does not read',
      fixture: 'openai-agents-approval-under-wrong-key',
      findings: [
        {
          messageId: 'approvalKeyNotRead',
          line: 20,
          column: 33,
          data: {
            agent: 'newsletter-editor',
            tools: "'send_newsletter'",
            count: 1,
            why: "'send_newsletter': verb 'send'",
            approvalLookedFor: LOOKED_FOR('newsletter-editor'),
            ignoredApproval: "'send_newsletter' declares requireApproval (the @openai/agents key is needsApproval), which its framework does not read",
          },
          related: [{ line: 23, column: 11, message: "'send_newsletter' cannot be undone (verb 'send'); its requireApproval is not read" }],
          message:
            "'newsletter-editor' can run 'send_newsletter' without approval; 1 irreversible tool(s) unguarded: 'send_newsletter' declares requireApproval (the @openai/agents key is needsApproval), which its framework does not read.",
        },
      ],
    },
    {
      name: 'reports a settings rule that pre-approves Bash for several subagents once, at the rule, naming them; a subagent that bypasses permissions on its own',
      fixture: 'claude-code-settings-allow-bash-for-many',
      findings: [
        {
          messageId: 'unguardedTools',
          file: '.claude/agents/hotfix-pusher.md',
          line: 1,
          column: 1,
          data: { agent: 'hotfix-pusher', tools: "'Bash'", count: 1, why: "'Bash': a shell tool, run with permissionMode bypassPermissions: nothing asks", approvalLookedFor: LOOKED_FOR('hotfix-pusher') },
        },
        {
          messageId: 'preApprovedForAgents',
          file: '.claude/settings.json',
          line: 6,
          column: 7,
          data: { tools: "'Bash'", count: 2, agents: "'migration-runner', 'release-manager'", why: "'Bash': a shell tool, pre-approved in .claude/settings.json: Bash(git *)" },
          related: [
            { line: 1, column: 1, message: "'migration-runner' can run 'Bash'" },
            { line: 1, column: 1, message: "'release-manager' can run 'Bash'" },
          ],
          message: "'Bash' is pre-approved for 2 agents that can run it without approval: 'migration-runner', 'release-manager'.",
        },
      ],
    },
    {
      name: 'reports bookings, orders, purchases and shell tools that the old word list missed',
      manifest: 'version: 1\nname: travel\nagents:\n  a: {tools: [book_flight, place_order, create_order, purchaseTickets, bash, run_shell_command, gmail_send]}\n',
      findings: [
        {
          messageId: 'unguardedTools',
          line: 4,
          column: 3,
          data: {
            agent: 'a',
            tools: "'book_flight', 'place_order', 'create_order', 'purchaseTickets', 'bash', 'run_shell_command', 'gmail_send'",
            count: 7,
            why: "'book_flight': verb 'book'; 'place_order': verb 'order'; 'create_order': verb 'order'; 'purchaseTickets': verb 'purchase'; 'bash': a shell tool; 'run_shell_command': a shell tool; 'gmail_send': verb 'send'",
            approvalLookedFor: LOOKED_FOR('a'),
          },
        },
      ],
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

describe('unguarded-irreversible-action suggestion in the framework\'s own terms', () => {
  it('names the setting each framework reads', async () => {
    const suggestion = async (fixture: string): Promise<string | undefined> => (await lintFixture(fixture)).findings.find((finding) => finding.ruleId === rule.meta.id)?.suggestion;
    expect(await suggestion('mastra-tools-message-through-chat-apis')).toBe(
      "Pause 'Moderator' before 'approve-submission': set requireApproval: true on the tool (or suspend the workflow step for a person), or an approval with mode irreversible-only.",
    );
    expect(await suggestion('crewai-yaml-tools-from-tool-methods')).toBe(
      "Pause 'cleaner' before 'delete_message_tool': set human_input=True on the task that uses it, or an approval with mode irreversible-only.",
    );
    expect(await suggestion('langgraph-pause-on-one-branch-of-compile')).toBe(
      "Pause 'generate' before 'run_command': pause before the tool node (interruptBefore: ['tools'] on every compile, or interrupt() in the tool), or an approval with mode irreversible-only.",
    );
  });
});

describe('unguarded-irreversible-action suggestion for an approval key that is not read', () => {
  it('names the key the framework reads', async () => {
    const result = await lintFixture('openai-agents-approval-under-wrong-key');
    expect(result.findings.find((finding) => finding.ruleId === rule.meta.id)?.suggestion).toBe(
      "Ask for approval under the key the framework reads (needsApproval for @openai/agents) on 'send_newsletter', and pause 'newsletter-editor' before 'send_newsletter'.",
    );
  });
});

describe('unguarded-irreversible-action on agent code', () => {
  const findings = (text: string, file: string) =>
    lintManifest(text, onlyRule(rule), file).findings.map((finding) => [finding.data.agent, finding.data.tools, finding.data.why]);

  it('does not let one approved tool guard the agent\'s other tools', () => {
    const code = `
      import { Agent, computerTool, tool } from '@openai/agents';
      import { z } from 'zod';
      const cancelOrder = tool({ name: 'cancel_order', description: 'Cancel an order.', parameters: z.object({ id: z.string() }), needsApproval: true, execute: async () => 'ok' });
      const emailCustomer = tool({ name: 'email_customer', description: 'Email the customer.', parameters: z.object({ body: z.string() }), execute: async () => 'sent' });
      export const support = new Agent({ name: 'support', instructions: 'Help.', tools: [cancelOrder, emailCustomer, computerTool({ computer: undefined as never })] });
    `;
    expect(findings(code, 'src/support.ts')).toEqual([
      ['support', "'email_customer', 'computerTool'", "'email_customer': verb 'email'; 'computerTool': a computer-use tool"],
    ]);
  });

  it('reads the tools of a prebuilt ReAct agent', () => {
    const code = `
      import { createReactAgent } from '@langchain/langgraph/prebuilt';
      import { tool } from '@langchain/core/tools';
      import { ChatOpenAI } from '@langchain/openai';
      import { z } from 'zod';
      const bookFlight = tool(async () => 'booked', { name: 'book_flight', description: 'Book a flight.', schema: z.object({ id: z.string() }) });
      const searchFlights = tool(async () => '[]', { name: 'search_flights', description: 'Find flights.', schema: z.object({ to: z.string() }) });
      export const flights = createReactAgent({ llm: new ChatOpenAI({ model: 'gpt-4o' }), tools: [searchFlights, bookFlight], name: 'flight_assistant' });
    `;
    expect(findings(code, 'src/flights.ts')).toEqual([['flight_assistant', "'book_flight'", "'book_flight': verb 'book'"]]);
  });
});

describe('unguarded-irreversible-action and what pauses a tool in code', () => {
  const findings = (text: string, file: string) =>
    lintManifest(text, onlyRule(rule), file).findings.map((finding) => [finding.data.agent, finding.data.tools]);

  it('takes humanInTheLoopMiddleware and an interrupt() in the tool body as approval, and handoff tools as no action', () => {
    const code = `
      import { createAgent, humanInTheLoopMiddleware, tool } from 'langchain';
      import { interrupt } from '@langchain/langgraph';
      import { createHandoffTool } from '@langchain/langgraph-swarm';
      import { z } from 'zod';
      const sendUpdate = tool(async () => 'sent', { name: 'send_release_update_email', description: 'Email the update.', schema: z.object({ body: z.string() }) });
      const deleteBranch = tool(async ({ name }) => { const answer = interrupt({ question: 'Delete ' + name + '?' }); return answer ? 'deleted' : 'kept'; }, { name: 'delete_branch', description: 'Delete a branch.', schema: z.object({ name: z.string() }) });
      const publishNotes = tool(async () => 'published', { name: 'publish_notes', description: 'Publish the notes.', schema: z.object({}) });
      export const releaser = createAgent({
        model: 'openai:gpt-4o',
        name: 'releaser',
        tools: [sendUpdate, deleteBranch, publishNotes, createHandoffTool({ agentName: 'reviewer' })],
        middleware: [humanInTheLoopMiddleware({ interruptOn: { send_release_update_email: true } })],
      });
    `;
    expect(findings(code, 'src/release.ts')).toEqual([['releaser', "'publish_notes'"]]);
  });

  it('takes needsApproval on a built-in tool, and a hosted container as no local machine', () => {
    const code = `
      import { Agent, codeInterpreterTool, computerTool, shellTool } from '@openai/agents';
      export const operator = new Agent({
        name: 'operator',
        instructions: 'Operate.',
        tools: [
          shellTool({ shell: undefined as never, needsApproval: true }),
          computerTool({ computer: undefined as never, needsApproval: async () => true }),
          shellTool({ environment: { type: 'container_auto' } }),
          codeInterpreterTool(),
        ],
      });
    `;
    expect(findings(code, 'src/operator.ts')).toEqual([]);
  });
});

describe('unguarded-irreversible-action on what a tool body runs', () => {
  const findings = (text: string, file: string) =>
    lintManifest(text, onlyRule(rule), file).findings.map((finding) => [finding.data.agent, finding.data.why]);

  it('takes destructive SQL written in an OpenAI tool execute as irreversible, and a read query as not', () => {
    const code = `
      import { Agent, tool } from '@openai/agents';
      import { z } from 'zod';
      const db = { query: async (sql: string) => sql };
      const sessionCleanup = tool({ name: 'session_housekeeping', description: 'Housekeeping.', parameters: z.object({}), execute: async () => db.query('TRUNCATE sessions') });
      const sessionCount = tool({ name: 'session_totals', description: 'Totals.', parameters: z.object({}), execute: async () => db.query('SELECT count(*) FROM sessions') });
      export const janitor = new Agent({ name: 'janitor', instructions: 'Keep the database tidy.', tools: [sessionCleanup, sessionCount] });
    `;
    expect(findings(code, 'src/janitor.ts')).toEqual([['janitor', "'session_housekeeping': its execute runs 'TRUNCATE' written in its code (destructive SQL)"]]);
  });

  it('takes destructive SQL in a LangChain tool function of a ReAct agent as irreversible', () => {
    const code = `
      import { createReactAgent } from '@langchain/langgraph/prebuilt';
      import { tool } from '@langchain/core/tools';
      import { z } from 'zod';
      const db = { run: async (sql: string) => sql };
      const archive = tool(async () => db.run('DELETE FROM audit_log WHERE created_at < now()'), { name: 'audit_housekeeping', description: 'Housekeeping.', schema: z.object({}) });
      export const keeper = createReactAgent({ llm: undefined as never, tools: [archive], name: 'log_keeper' });
    `;
    expect(findings(code, 'src/keeper.ts')).toEqual([['log_keeper', "'audit_housekeeping': its execute runs 'DELETE FROM' written in its code (destructive SQL)"]]);
  });

  it('does not read SQL outside the execute function', () => {
    const code = `
      import { Agent, tool } from '@openai/agents';
      import { z } from 'zod';
      const warning = 'Never DROP TABLE in production.';
      const notes = tool({ name: 'house_rules', description: warning, parameters: z.object({}), execute: async () => 'ok' });
      export const keeper = new Agent({ name: 'keeper', instructions: warning, tools: [notes] });
    `;
    expect(findings(code, 'src/keeper.ts')).toEqual([]);
  });
});

describe('unguarded-irreversible-action on MCP servers in code', () => {
  const findings = (text: string, file: string) =>
    lintManifest(text, onlyRule(rule), file).findings.map((finding) => [finding.data.agent, finding.data.why]);

  it('reads the servers of a Mastra MCPClient whose tools an agent gets', () => {
    const code = `
      import { Agent } from '@mastra/core/agent';
      import { MCPClient } from '@mastra/mcp';
      const mcp = new MCPClient({ id: 'browser', servers: { playwright: { command: 'npx', args: ['-y', '@playwright/mcp@latest'] } } });
      export const browserAgent = new Agent({ id: 'browser-agent', name: 'browser-agent', instructions: 'Fill in the forms.', model: 'openai/gpt-4o', tools: await mcp.listTools() });
    `;
    expect(findings(code, 'src/mastra/index.ts')).toEqual([['browser-agent', "'mcp:playwright': MCP server 'playwright' (browser automation)"]]);
  });

  it('reads the mcpServers of an OpenAI agent', () => {
    const code = `
      import { Agent, MCPServerStreamableHttp } from '@openai/agents';
      const payments = new MCPServerStreamableHttp({ name: 'stripe', url: 'https://mcp.example.com/stripe' });
      export const cashier = new Agent({ name: 'cashier', instructions: 'Take payments.', mcpServers: [payments] });
    `;
    expect(findings(code, 'src/cashier.ts')).toEqual([['cashier', "'mcp:stripe': MCP server 'stripe' (payments)"]]);
  });
});
