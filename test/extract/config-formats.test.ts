import { describe, expect, it } from 'vitest';
import { lintSources } from '../../src/lint.js';
import { lintFixture, recommended } from '../helpers/run.js';

const lint = (files: Record<string, string>) => lintSources(Object.entries(files).map(([path, text]) => ({ path, text })), recommended());

describe('config formats', () => {
  it('reads a crew class only once the Python grammar is loaded, and says so otherwise', () => {
    const result = lint({
      'crew/config/agents.yaml': 'writer:\n  role: Writer\n  goal: Write\n  backstory: Writes.\n',
      'crew/config/tasks.yaml': 'write_task:\n  description: Write.\n  expected_output: Text.\n  agent: writer\n',
      'crew/crew.py': 'from crewai.project import CrewBase\n@CrewBase\nclass C:\n    pass\n',
    });
    expect(result.findings.filter((finding) => finding.ruleId === 'extraction-gap').map((finding) => finding.data.construct)).toEqual([
      'the crew class in crew/crew.py (the Python parser was not loaded)',
    ]);
    expect(result.systems.map((system) => system.model.agents.map((agent) => agent.id))).toEqual([['writer', 'crew:crew']]);
  });

  it('reads the crew class through the asynchronous path pipeline', async () => {
    const result = await lintFixture('crewai-async-join-human-input');
    expect(result.findings.some((finding) => finding.ruleId === 'extraction-gap')).toBe(false);
    expect(result.coverage.map((entry) => [entry.file, entry.extractor])).toEqual([
      ['src/crew/config/agents.yaml', 'crewai'],
      ['src/crew/config/tasks.yaml', 'crewai'],
      ['src/crew/crew.py', 'crewai'],
    ]);
  });

  it('reports invalid Python in a crew class at its line', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const result = lint({
      'crew/config/agents.yaml': 'writer:\n  role: Writer\n',
      'crew/config/tasks.yaml': 'write_task:\n  agent: writer\n',
      'crew/crew.py': 'from crewai.project import CrewBase\n@CrewBase\nclass C(:\n    pass\n',
    });
    expect(result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => [finding.location.file, finding.location.line, finding.message])).toEqual([
      ['crew/crew.py', 3, 'invalid Python.'],
    ]);
  });

  it('finds no system in a CLAUDE.md without subagents, and ignores agents.yaml without tasks.yaml', () => {
    const result = lint({ 'CLAUDE.md': '# Notes\n', 'config/agents.yaml': 'a:\n  role: A\n' });
    expect([result.systems, result.findings]).toEqual([[], []]);
  });

  it('tells AutoGen and n8n JSON apart by their text, and leaves other JSON alone', () => {
    const result = lint({
      'package.json': '{ "name": "x", "nodes": [], "connections": {} }',
      'team.json': '{"provider": "autogen_agentchat.teams.RoundRobinGroupChat", "component_type": "team", "config": {"participants": [{"provider": "autogen_agentchat.agents.AssistantAgent", "config": {"name": "a"}}, {"provider": "autogen_agentchat.agents.AssistantAgent", "config": {"name": "b"}}]}}',
    });
    expect(result.coverage.map((entry) => [entry.file, entry.extractor, entry.agents, entry.edges])).toEqual([['team.json', 'autogen', 2, 1]]);
  });

  it('says a Markdown note beside the subagents is no subagent (a gap, not an error)', () => {
    const result = lint({ '.claude/agents/shared/notes.md': '# Not a subagent\n' });
    expect(result.findings.map((finding) => [finding.ruleId, finding.severity, finding.location.file, finding.location.line])).toEqual([
      ['extraction-gap', 'info', '.claude/agents/shared/notes.md', 1],
    ]);
  });

  it('reads a collection of subagents wherever the checkout sits, but not prompt documents or skills beside an application\'s agents', () => {
    const agent = (name: string) => `---\nname: ${name}\ndescription: Does the ${name} part.\n---\n\nWork.\n`;
    const result = lint({
      'work/src/team-repo/agents/planner.md': agent('planner'),
      'work/src/team-repo/agents/builder.md': agent('builder'),
      'app/src/mastra/agents/prompts/writer.md': agent('writer'),
      'app/src/mastra/agents/doc/editor.md': agent('editor'),
      'work/src/team-repo/agents/docs/api-documenter.md': agent('api-documenter'),
      'app/src/mastra/agents/skills/outline/SKILL.md': agent('outline'),
    });
    expect(result.systems.map((system) => system.model.agents.map((agent) => agent.id))).toEqual([['main-session', 'planner', 'builder', 'api-documenter']]);
  });

  it('reports front matter that opens and never closes as a parse error', () => {
    const result = lint({ '.claude/agents/broken.md': '---\nname: broken\n\nNo closing line.\n' });
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.file, finding.location.line])).toEqual([['parse-error', '.claude/agents/broken.md', 1]]);
  });
});

describe('config constructs with no fixture of their own', () => {
  const shape = (files: Record<string, string>) =>
    lint(files).systems.map((system) => ({
      id: system.model.id,
      agents: system.model.agents.map((agent) => `${agent.id}:${agent.role}`),
      edges: system.model.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`),
      loops: system.model.loops.map((loop) => loop.maxIterations ?? null),
    }));
  const agent = (name: string, extra = '') =>
    `{"provider": "autogen_agentchat.agents.AssistantAgent", "component_type": "agent", "config": {"name": "${name}"${extra}}}`;

  it('reads an AutoGen MagenticOne team as an orchestrator over its participants, and a TeamTool as delegation', () => {
    const inner = `{"provider": "autogen_agentchat.teams.RoundRobinGroupChat", "component_type": "team", "config": {"participants": [${agent('fact_a')}, ${agent('fact_b')}]}}`;
    const team = `{"provider": "autogen_agentchat.teams.MagenticOneGroupChat", "component_type": "team", "label": "research", "config": {"max_turns": 20, "participants": [${agent('surfer')}, ${agent('coder', `, "tools": [{"provider": "autogen_agentchat.tools.TeamTool", "component_type": "tool", "config": {"team": ${inner}}}]`)}]}}`;
    expect(shape({ 'magentic.json': team })).toEqual([
      {
        id: 'research',
        agents: ['surfer:worker', 'coder:lead', 'fact_a:worker', 'fact_b:worker', 'team:research:orchestrator'],
        edges: ['fact_a>fact_b:peer', 'coder>fact_a:delegate', 'coder>fact_b:delegate', 'team:research>surfer:delegate', 'team:research>coder:delegate'],
        loops: [20],
      },
    ]);
  });

  it('reads an n8n Execute Workflow node on the main path as the workflow handing the agent before it on (data: main connections carry data), and a HITL tool as approval', () => {
    const node = (name: string, type: string, parameters = '{}') => `{"name": "${name}", "type": "${type}", "parameters": ${parameters}, "position": [0, 0]}`;
    const caller = `{"name": "Intake", "nodes": [${node('Start', 'n8n-nodes-base.manualTrigger')}, ${node('Triage', '@n8n/n8n-nodes-langchain.agent')}, ${node('Run Billing', 'n8n-nodes-base.executeWorkflow', '{"workflowId": "Bill01"}')}, ${node('Ask Human', '@n8n/n8n-nodes-langchain.slackHitlTool')}],
      "connections": {"Start": {"main": [[{"node": "Triage", "type": "main", "index": 0}]]}, "Triage": {"main": [[{"node": "Run Billing", "type": "main", "index": 0}]]}, "Ask Human": {"ai_tool": [[{"node": "Triage", "type": "ai_tool", "index": 0}]]}}}`;
    const callee = `{"name": "Billing", "id": "Bill01", "nodes": [${node('Trigger', 'n8n-nodes-base.executeWorkflowTrigger')}, ${node('Billing Agent', '@n8n/n8n-nodes-langchain.agent')}], "connections": {"Trigger": {"main": [[{"node": "Billing Agent", "type": "main", "index": 0}]]}}}`;
    expect(shape({ 'flows/intake.json': caller, 'flows/billing.json': callee })).toEqual([
      { id: 'Intake', agents: ['Triage:worker', 'Billing Agent:worker'], edges: ['Triage>user:approval', 'Triage>Billing Agent:data'], loops: [] },
    ]);
    const modes = (options: string) =>
      lint({ 'flows/intake.json': caller.replace('{"workflowId": "Bill01"}', `{"workflowId": "Bill01", "options": ${options}}`), 'flows/billing.json': callee }).systems.flatMap(({ model }) => model.edges.filter((edge) => edge.kind === 'data').map((edge) => edge.mode));
    // A call that does not wait for the sub-workflow starts it and goes on: no result comes back.
    expect(modes('{"waitForSubWorkflow": false}')).toEqual(['async']);
    expect(modes('{"waitForSubWorkflow": true}')).toEqual(['sync']);
  });
});

describe('n8n tool nodes judged by what they do', () => {
  const workflow = (tools: Array<{ name: string; type: string; parameters: Record<string, unknown> }>) =>
    JSON.stringify({
      name: 'Assistant',
      nodes: [
        { parameters: {}, id: 'a', name: 'Assistant', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.8, position: [0, 0] },
        ...tools.map((tool, index) => ({ ...tool, id: `t${index}`, typeVersion: 1, position: [0, 200] })),
      ],
      connections: Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: 'Assistant', type: 'ai_tool', index: 0 }]] }])),
    });
  const unguarded = (tools: Parameters<typeof workflow>[0]) =>
    lint({ 'assistant.json': workflow(tools) }).findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action').map((finding) => finding.data.tools);

  it('takes a calendar event as an invitation only when attendees are given and Google is told to email them', () => {
    expect(unguarded([{ name: 'Block Time', type: 'n8n-nodes-base.googleCalendarTool', parameters: { additionalFields: { attendees: [] } } }])).toEqual([]);
    // Without sendUpdates Google sends no invitation: the event can be moved or deleted.
    expect(unguarded([{ name: 'Add Attendee', type: 'n8n-nodes-base.googleCalendarTool', parameters: { additionalFields: { attendees: "={{ $fromAI('email') }}" } } }])).toEqual([]);
    expect(unguarded([{ name: 'Invite', type: 'n8n-nodes-base.googleCalendarTool', parameters: { additionalFields: { attendees: "={{ $fromAI('email') }}", sendUpdates: 'all' } } }])).toEqual(["'Invite'"]);
    expect(unguarded([{ name: 'Invite Guests', type: 'n8n-nodes-base.googleCalendarTool', parameters: { additionalFields: { attendees: "={{ $fromAI('email') }}", sendUpdates: 'externalOnly' } } }])).toEqual(["'Invite Guests'"]);
  });

  it('takes a SELECT the model only filters as a read, and a query the model writes as acting', () => {
    expect(unguarded([{ name: 'Products', type: 'n8n-nodes-base.mySqlTool', parameters: { operation: 'executeQuery', query: "=SELECT * FROM products WHERE name = '{{ $fromAI('name') }}'" } }])).toEqual([]);
    expect(unguarded([{ name: 'Run SQL', type: 'n8n-nodes-base.postgresTool', parameters: { operation: 'executeQuery', query: "={{ $fromAI('sql') }}" } }])).toEqual(["'Run SQL'"]);
  });
});

describe('Claude Code front matter that strict YAML refuses', () => {
  it('reads a flow list of tools from the key: value lines', () => {
    const result = lint({
      'plugins/checks/agents/validator.md': '---\nname: validator\ndescription: Use it when: a plugin changes\ntools: ["Read", "Bash"]\n---\nValidate the plugin.\n',
    });
    const agent = result.systems[0]?.model.agents.find((each) => each.id === 'validator');
    expect(agent?.tools.map((tool) => tool.name)).toEqual(['Read', 'Bash']);
    // Every line a key: value of its own: read whole, nothing to say.
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.line])).toEqual([]);
  });

  it('says so when the key: value lines lose something (a value that goes on over the next line)', () => {
    const result = lint({
      'plugins/checks/agents/validator.md': '---\nname: validator\ndescription: Use it when: a plugin changes\n  or its manifest does\ntools: Read\n---\nValidate the plugin.\n',
    });
    expect(result.systems[0]?.model.agents.some((each) => each.id === 'validator')).toBe(true);
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.line])).toEqual([['extraction-gap', 3]]);
  });
});

describe('AutoGen agents whose kind is an action', () => {
  it('gives a web surfer a browser it drives and a code executor the code it runs', () => {
    const team = {
      provider: 'autogen_agentchat.teams.RoundRobinGroupChat',
      component_type: 'team',
      config: {
        participants: [
          { provider: 'autogen_ext.agents.web_surfer.MultimodalWebSurfer', component_type: 'agent', config: { name: 'surfer' } },
          { provider: 'autogen_agentchat.agents.CodeExecutorAgent', component_type: 'agent', config: { name: 'runner' } },
          { provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', config: { name: 'planner' } },
        ],
        max_turns: 10,
      },
    };
    const result = lint({ 'team.json': JSON.stringify(team, null, 2) });
    expect(result.findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action').map((finding) => [finding.data.agent, finding.data.why])).toEqual([
      ['surfer', "'web_browser': a computer-use tool"],
      ['runner', "'code_executor': a code-execution tool"],
    ]);
  });
});

describe('AutoGen Studio 0.2 agent specs', () => {
  const spec = (type: string, config: Record<string, unknown>) => JSON.stringify({ user_id: 'someone', version: '0.0.1', type, config: { human_input_mode: 'NEVER', ...config } });

  it('reads each spec as an agent, and a user proxy that runs code without asking as unguarded', () => {
    const result = lint({
      'agents/agent_planner.json': spec('assistant', { name: 'planner', code_execution_config: 'none' }),
      'agents/agent_user_proxy.json': spec('userproxy', { name: 'user_proxy', code_execution_config: 'local' }),
      'agents/agent_reviewer.json': spec('userproxy', { name: 'reviewer', code_execution_config: 'local', human_input_mode: 'ALWAYS' }),
    });
    expect(result.systems.map((system) => system.model.id)).toEqual(['planner', 'reviewer', 'user_proxy']);
    expect(result.findings.filter((finding) => finding.severity !== 'info').map((finding) => [finding.ruleId, finding.data.agent])).toEqual([['unguarded-irreversible-action', 'user_proxy']]);
  });
});

describe('CrewAI Flows: routers and gathered kickoffs', () => {
  const crew = (name: string, agent: string) => ({
    [`src/flow/crews/${agent}/config/agents.yaml`]: `${agent}:\n  role: ${agent}\n  goal: Do the ${agent} part\n  backstory: Careful.\n`,
    [`src/flow/crews/${agent}/config/tasks.yaml`]: `${agent}_task:\n  description: Do it.\n  expected_output: Done.\n  agent: ${agent}\n`,
    [`src/flow/crews/${agent}/crew.py`]: [
      'from crewai import Agent, Crew, Process, Task',
      'from crewai.project import CrewBase, agent, crew, task',
      '',
      '@CrewBase',
      `class ${name}:`,
      '    agents_config = "config/agents.yaml"',
      '    tasks_config = "config/tasks.yaml"',
      '',
      '    @agent',
      `    def ${agent}(self) -> Agent:`,
      `        return Agent(config=self.agents_config["${agent}"])`,
      '',
      '    @task',
      `    def ${agent}_task(self) -> Task:`,
      `        return Task(config=self.tasks_config["${agent}_task"])`,
      '',
      '    @crew',
      '    def crew(self) -> Crew:',
      '        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)',
      '',
    ].join('\n'),
  });
  const flow = [
    'import asyncio',
    'from crewai.flow import Flow, listen, router, start',
    '',
    'class SupportFlow(Flow):',
    '    @start()',
    '    async def gather_context(self):',
    '        await asyncio.gather(AccountCrew().crew().kickoff_async(), OrdersCrew().crew().kickoff_async())',
    '',
    '    @router(gather_context)',
    '    def route(self):',
    '        if self.state.refund:',
    '            return "refund"',
    '        return "answer"',
    '',
    '    @listen("refund")',
    '    def refund(self):',
    '        RefundCrew().crew().kickoff()',
    '',
    '    @listen("answer")',
    '    def answer(self):',
    '        AnswerCrew().crew().kickoff()',
    '',
  ].join('\n');

  it('gathers kickoffs side by side and takes a router\'s branches as exclusive alternatives', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const result = lint({ ...crew('AccountCrew', 'account'), ...crew('OrdersCrew', 'orders'), ...crew('RefundCrew', 'refund'), ...crew('AnswerCrew', 'answer'), 'src/flow/main.py': flow });
    const system = result.systems.find((each) => each.model.id === 'SupportFlow');
    const fromFlow = system?.model.edges.filter((edge) => edge.from === 'flow:SupportFlow').map((edge) => `${edge.to}:${edge.parallel ? 'parallel' : ''}${edge.exclusive ? 'exclusive' : ''}`);
    expect(fromFlow).toEqual(['crew:AccountCrew:parallel', 'crew:OrdersCrew:parallel', 'crew:RefundCrew:exclusive', 'crew:AnswerCrew:exclusive']);
    const data = system?.model.edges.filter((edge) => edge.kind === 'data').map((edge) => `${edge.from}>${edge.to}`);
    expect(data).toEqual(['account>refund', 'orders>refund', 'account>answer', 'orders>answer']);
  });

  it('says when a flow hands tools to a crew it builds, and when a crew beside it is never kicked off', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const handing = ['from crewai.flow import Flow, start', '', 'class MailFlow(Flow):', '    @start()', '    def go(self):', '        crew = AccountCrew(gmail_tools=load_gmail_tools()).crew()', '        crew.kickoff()', ''].join('\n');
    const result = lint({ ...crew('AccountCrew', 'account'), ...crew('OrdersCrew', 'orders'), 'src/flow/main.py': handing });
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.file, finding.message])).toEqual([
      ['extraction-gap', 'src/flow/crews/orders/crew.py', "Not resolved statically: crew 'OrdersCrew' sits beside flow 'MailFlow', but no step of the flow is seen to kick it off (a helper or a variable the code read cannot follow may)."],
      ['extraction-gap', 'src/flow/main.py', "Not resolved statically: tools handed to crew 'AccountCrew' when the flow builds it: which agents get them, and what they do, is not read."],
    ]);
  });

  it('does not take a flow running a crew process for a premature hierarchy (plain code is no management level)', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const single = ['from crewai.flow import Flow, start', '', 'class QuickFlow(Flow):', '    @start()', '    def go(self):', '        AccountCrew().crew().kickoff()', ''].join('\n');
    const result = lint({ ...crew('AccountCrew', 'account'), 'src/flow/main.py': single });
    expect(result.systems.map((system) => [system.model.id, system.metrics.depth])).toEqual([['QuickFlow', 2]]);
    expect(result.findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
  });
});

describe('config details a reviewer relies on', () => {
  it('reads a @task method defined twice as one task, in the first one\'s place', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const result = lint({
      'crew/config/agents.yaml': 'analyst:\n  role: Analyst\n  goal: Analyse\n  backstory: Careful.\nwriter:\n  role: Writer\n  goal: Write\n  backstory: Clear.\n',
      'crew/config/tasks.yaml': 'analyse:\n  description: Analyse.\n  expected_output: Notes.\n  agent: analyst\nreport:\n  description: Report.\n  expected_output: A report.\n  agent: writer\n',
      'crew/crew.py': [
        'from crewai import Agent, Crew, Process, Task',
        'from crewai.project import CrewBase, agent, crew, task',
        '',
        '@CrewBase',
        'class StockCrew:',
        '    @agent',
        '    def analyst(self) -> Agent:',
        '        return Agent(config=self.agents_config["analyst"])',
        '    @agent',
        '    def writer(self) -> Agent:',
        '        return Agent(config=self.agents_config["writer"])',
        '    @task',
        '    def analyse(self) -> Task:',
        '        return Task(config=self.tasks_config["analyse"])',
        '    @task',
        '    def report(self) -> Task:',
        '        return Task(config=self.tasks_config["report"])',
        '    @task',
        '    def analyse(self) -> Task:',
        '        return Task(config=self.tasks_config["analyse"], agent=self.analyst())',
        '    @crew',
        '    def crew(self) -> Crew:',
        '        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)',
        '',
      ].join('\n'),
    });
    const system = result.systems[0]?.model;
    expect(system?.edges.filter((edge) => edge.kind === 'data').map((edge) => `${edge.from}>${edge.to}`)).toEqual(['analyst>writer']);
    expect(result.findings.filter((finding) => finding.ruleId === 'coordination-cycle')).toEqual([]);
  });

  it('takes Claude Code\'s own teammate and task tools for no external effect', () => {
    const result = lint({
      '.claude/agents/team-lead.md': '---\nname: team-lead\ndescription: Leads the team.\ntools: SendMessage, TeamDelete, TaskCreate, Read\npermissionMode: bypassPermissions\n---\nLead.\n',
    });
    expect(result.systems[0]?.model.agents.find((agent) => agent.id === 'team-lead')?.tools.map((tool) => `${tool.name}:${tool.kind ?? ''}`)).toEqual([
      'SendMessage:coordination',
      'TeamDelete:coordination',
      'TaskCreate:coordination',
      'Read:',
    ]);
    expect(result.findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action')).toEqual([]);
  });

  it('takes Bash as pre-approved only when the project settings allow commands that act, and never when they ask for Bash', () => {
    const bashGuarded = (settings: Record<string, unknown>, permissionMode?: string): boolean | undefined =>
      lint({
        '.claude/settings.json': JSON.stringify(settings),
        '.claude/agents/builder.md': `---\nname: builder\ndescription: Builds.\ntools: Read, Bash\n${permissionMode ? `permissionMode: ${permissionMode}\n` : ''}---\nBuild.\n`,
      }).systems[0]?.model.agents.find((agent) => agent.id === 'builder')?.tools.find((tool) => tool.name === 'Bash')?.needsApproval;
    expect(bashGuarded({})).toBe(true);
    expect(bashGuarded({ permissions: { allow: ['Bash(git status)', 'Bash(git diff:*)', 'Bash(npm test)', 'Bash(npm run lint)', 'Bash(ls *)', 'Bash(pytest *)'] } })).toBe(true);
    // Python's checks through an interpreter or a runner, and pip's listings, run nothing the model writes.
    expect(bashGuarded({ permissions: { allow: ['Bash(python -m pytest:*)', 'Bash(python3 -m mypy:*)', 'Bash(uv run ruff:*)', 'Bash(poetry run pytest:*)', 'Bash(pip list:*)', 'Bash(python -m pip show:*)'] } })).toBe(true);
    for (const rule of ['Bash(python -c:*)', 'Bash(python -m http.server:*)', 'Bash(uv run:*)', 'Bash(pip install:*)']) expect(bashGuarded({ permissions: { allow: ['Bash(python -m pytest:*)', rule] } }), rule).toBe(false);
    for (const rule of ['Bash', 'Bash(*)', 'Bash(git *)', 'Bash(git push:*)', 'Bash(npm *)', 'Bash(npm run *)', 'Bash(npx *)', 'Bash(rm *)', 'Bash(curl *)', 'Bash(python *)', 'Bash(uv:*)', 'Bash(crewai:*)']) {
      expect(bashGuarded({ permissions: { allow: [rule] } }), rule).toBe(false);
    }
    expect(bashGuarded({ permissions: { allow: ['Bash(git *)'], ask: ['Bash(git push:*)'] } })).toBe(true);
    // An ask rule for some commands keeps only those asking: python, npx and docker still run unasked.
    expect(bashGuarded({ permissions: { allow: ['Bash(python:*)', 'Bash(npx:*)', 'Bash(docker:*)'], ask: ['Bash(git push:*)', 'Bash(gh pr merge:*)'] } })).toBe(false);
    expect(bashGuarded({ permissions: { allow: ['Bash(npx:*)'], ask: ['Bash(npx:*)'] } })).toBe(true);
    // One exact command lets only itself through: it counts only when it deletes, publishes or deploys.
    expect(bashGuarded({ permissions: { allow: ['Bash(pkill -f "capture-screenshots")', 'Bash(python scripts/report.py)'] } })).toBe(true);
    expect(bashGuarded({ permissions: { allow: ['Bash(git push origin main)'] } })).toBe(false);
    expect(bashGuarded({ permissions: { allow: ['Bash(vercel --prod)'] } })).toBe(false);
    expect(bashGuarded({ permissions: { defaultMode: 'bypassPermissions' } })).toBe(false);
    expect(bashGuarded({ permissions: { defaultMode: 'bypassPermissions' } }, 'default')).toBe(true);
    expect(bashGuarded({ permissions: { deny: ['Bash'] } })).toBeUndefined();
  });

  it('reads who an n8n message after an agent goes to: the sender of the message, a fixed address, or anyone', () => {
    const workflow = (recipientNode: Record<string, unknown>) =>
      JSON.stringify({
        name: 'Bot',
        nodes: [
          { parameters: { path: 'in' }, id: 'w', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0] },
          { parameters: {}, id: 'a', name: 'Writer', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 1.8, position: [200, 0] },
          { id: 'r', name: 'Deliver', typeVersion: 1, position: [400, 0], ...recipientNode },
        ],
        connections: { Webhook: { main: [[{ node: 'Writer', type: 'main', index: 0 }]] }, Writer: { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
      });
    const unguarded = (recipientNode: Record<string, unknown>) =>
      lint({ 'bot.json': workflow(recipientNode) }).findings.filter((finding) => finding.ruleId === 'unguarded-irreversible-action').map((finding) => finding.data.tools);
    expect(unguarded({ type: 'n8n-nodes-base.telegram', parameters: { chatId: '={{ $json.body.message.chat.id }}', text: '={{ $json.output }}' } })).toEqual([]);
    expect(unguarded({ type: 'n8n-nodes-base.gmail', parameters: { operation: 'send', sendTo: 'owner@example.com' } })).toEqual([]);
    expect(unguarded({ type: 'n8n-nodes-base.gmail', parameters: { operation: 'send', sendTo: "={{ $fromAI('to') }}" } })).toEqual(["'Deliver'"]);
    expect(unguarded({ type: 'n8n-nodes-base.telegram', parameters: { chatId: '@public_channel', text: '={{ $json.output }}' } })).toEqual(["'Deliver'"]);
  });
});

describe('JSON files are read as JSON', () => {
  it('names the JSON mistake and its place, where YAML would have accepted it or explained it in YAML terms', () => {
    const result = lintSources(
      [
        { path: 'team.coordlint.json', text: '{"version": 1, "name": "y",\n  "agents": {"a": {},}}' },
        { path: 'wf.json', text: '{"nodes": [], "connections": {}, "x": "@n8n/n8n-nodes-langchain.agent" // note\n}' },
      ],
      recommended(),
    );
    expect(result.findings.map((finding) => [finding.ruleId, finding.location.file, finding.location.line, finding.location.column, finding.message])).toEqual([
      ['parse-error', 'team.coordlint.json', 2, 22, 'invalid JSON: Expected double-quoted property name.'],
      ['parse-error', 'wf.json', 1, 72, "invalid JSON: Expected ',' or '}' after property value."],
    ]);
  });
  it('places an unexpected token, which V8 reports without a position, and keeps the message on one line', () => {
    const long = `{"version": 1, "name": "${'v'.repeat(60)}",\n "agents": @}`;
    const result = lintSources(
      [
        { path: 'a.coordlint.json', text: 'version: 1\nname: yaml-in-json\n' },
        { path: 'b.coordlint.json', text: '{"version": 1,\n  "name":: "x"}' },
        { path: 'c.coordlint.json', text: long },
        { path: 'd.coordlint.json', text: '{"version": 1, "agents": tru}' },
      ],
      recommended(),
    );
    expect(result.findings.map((finding) => [finding.location.file, finding.location.line, finding.location.column, finding.message])).toEqual([
      ['a.coordlint.json', 1, 1, "invalid JSON: Unexpected token 'v'."],
      ['b.coordlint.json', 2, 10, "invalid JSON: Unexpected token ':'."],
      ['c.coordlint.json', 2, 12, "invalid JSON: Unexpected token '@'."],
      ['d.coordlint.json', 1, 29, "invalid JSON: Unexpected token '}'."],
    ]);
  });
  it('takes an n8n HTTP request to a model API as an agent of the model its body names', () => {
    const workflow = {
      name: 'Writer',
      nodes: [
        { parameters: {}, name: 'Start', type: 'n8n-nodes-base.manualTrigger', position: [0, 0] },
        {
          parameters: { method: 'POST', url: 'https://api.openai.com/v1/chat/completions', sendBody: true, specifyBody: 'json', jsonBody: "={{ JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You write chapters.' }] }) }}" },
          name: 'Chapter Writer',
          type: 'n8n-nodes-base.httpRequest',
          position: [200, 0],
        },
      ],
      connections: { Start: { main: [[{ node: 'Chapter Writer', type: 'main', index: 0 }]] } },
    };
    const result = lint({ 'flows/writer.json': JSON.stringify(workflow) });
    expect(result.systems.flatMap(({ model }) => model.agents.map((agent) => [agent.id, agent.model]))).toEqual([['Chapter Writer', 'gpt-4o']]);
  });
});
