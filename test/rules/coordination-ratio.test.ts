import { describe, expect, it } from 'vitest';
import rule from '../../rules/coordination-ratio.js';
import { manifest } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { lintSources } from '../../src/lint.js';
import { testRule } from '../helpers/test-rule.js';

/** `coordinators` leads/infrastructure and `workers` workers under one orchestrator. */
function team(coordinators: string[], workers: number): string {
  const lines = ['boss: {role: orchestrator}', ...coordinators.map((role, index) => `c${index}: {role: ${role}, reportsTo: boss}`)];
  for (let index = 0; index < workers; index++) lines.push(`w${index}: {reportsTo: boss}`);
  return manifest('org', lines);
}

const heavy = team(['lead', 'verifier'], 2);

testRule(rule, {
  valid: [
    { name: 'is silent at 40%', manifest: team(['lead'], 3) },
    { name: 'is silent below 5 agents', manifest: team(['lead', 'router'], 1) },
    { name: 'uses the max option', options: { max: 0.7 }, manifest: heavy },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports 3 coordinating agents out of 5',
      manifest: heavy,
      findings: [
        {
          messageId: 'overDecomposed',
          line: 2,
          column: 1,
          data: { system: 'org', coordinators: 3, agents: 5, percent: 60, maxPercent: 40, sequencers: 0 },
          message: "System 'org' has 3 coordinating agents out of 5 (60%); the limit is 40%.",
        },
      ],
    },
    {
      name: 'uses the minAgents option',
      options: { minAgents: 3 },
      manifest: team(['monitor'], 1),
      findings: [{ messageId: 'overDecomposed', line: 2, column: 1, data: { system: 'org', coordinators: 2, agents: 3, percent: 67, maxPercent: 40, sequencers: 0 } }],
    },
  ],
});

describe('coordination-ratio suggestion', () => {
  it('says to consolidate', () => {
    expect(lintManifest(heavy, onlyRule(rule)).findings[0]?.suggestion).toBe(
      'Consolidate: merge leads that direct one or two agents and fold infrastructure roles together, or give the workers more of the task.',
    );
  });
});

describe('coordination-ratio and plain-code sequencers', () => {
  it('does not count a flow and the crew processes it runs as coordinators', async () => {
    const { preparePython } = await import('../../src/extract/python.js');
    await preparePython();
    const crew = (name: string, agent: string) => ({
      [`flow/crews/${agent}/config/agents.yaml`]: `${agent}:\n  role: ${agent}\n  goal: Work\n  backstory: Careful.\n`,
      [`flow/crews/${agent}/config/tasks.yaml`]: `${agent}_task:\n  description: Do it.\n  expected_output: Done.\n  agent: ${agent}\n`,
      [`flow/crews/${agent}/crew.py`]: `from crewai import Agent, Crew, Process, Task\nfrom crewai.project import CrewBase, agent, crew, task\n\n@CrewBase\nclass ${name}:\n    @agent\n    def ${agent}(self) -> Agent:\n        return Agent(config=self.agents_config["${agent}"])\n    @task\n    def ${agent}_task(self) -> Task:\n        return Task(config=self.tasks_config["${agent}_task"])\n    @crew\n    def crew(self) -> Crew:\n        return Crew(agents=self.agents, tasks=self.tasks, process=Process.sequential)\n`,
    });
    const flow = 'from crewai.flow import Flow, listen, start\n\nclass PairFlow(Flow):\n    @start()\n    def first(self):\n        LeftCrew().crew().kickoff()\n\n    @listen(first)\n    def second(self):\n        RightCrew().crew().kickoff()\n';
    const files = { ...crew('LeftCrew', 'left'), ...crew('RightCrew', 'right'), 'flow/main.py': flow };
    const result = lintSources(Object.entries(files).map(([path, text]) => ({ path, text })), onlyRule(rule));
    expect(result.systems.map((system) => [system.model.id, system.metrics.agents, system.metrics.coordinationRatio])).toEqual([['PairFlow', 5, 0.6]]);
    expect(result.findings).toEqual([]);
  });
});
