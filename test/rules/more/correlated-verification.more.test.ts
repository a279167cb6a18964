import { describe, expect, it } from 'vitest';
import rule from '../../../rules/correlated-verification.js';
import { lintSources } from '../../../src/lint.js';
import { dedent } from '../../helpers/dedent.js';
import { onlyRule } from '../../helpers/run.js';
import { testRule } from '../../helpers/test-rule.js';

/** A Claude Code subagent file: the user's own session (main-session) delegates to each one. */
const subagent = (name: string, description: string, model = 'inherit') => ({
  path: `.claude/agents/${name}.md`,
  text: `---\nname: ${name}\ndescription: ${description}\nmodel: ${model}\n---\n\nDo the work.\n`,
});

/** Which reviewers are reported, and how many agents each one checks. */
const reported = (...files: Array<{ path: string; text: string }>) =>
  lintSources(files, onlyRule(rule)).findings.map((finding) => [finding.data.agent, finding.data.checked]);

testRule(rule, {
  valid: [
    {
      name: 'is silent when a coordinator without a model directs the verifier and the workers (it hands on no work of its own)',
      manifest: dedent(`
        version: 1
        name: desk
        agents:
          boss: {}
          critic: {role: verifier, model: m, reportsTo: boss}
          worker: {model: m, reportsTo: boss}
      `),
    },
    {
      name: 'is silent on a lead (not an orchestrator) whose name says it reviews and who directs only checkers',
      manifest: dedent(`
        version: 1
        name: panel
        agents:
          writer: {model: m, handoffs: [review-lead]}
          review-lead: {role: lead, model: m}
          style-checker: {role: verifier, model: other, reportsTo: review-lead}
      `),
    },
    {
      name: 'is silent on an orchestrator that says it reviews but also directs a worker that checks nothing',
      manifest: dedent(`
        version: 1
        name: panel
        agents:
          writer: {model: m, handoffs: [review-lead]}
          review-lead: {role: orchestrator, model: m}
          style-checker: {role: verifier, model: other, reportsTo: review-lead}
          formatter: {model: n, reportsTo: review-lead}
      `),
    },
    {
      name: 'is silent on an orchestrator that says it reviews but directs nobody',
      manifest: dedent(`
        version: 1
        name: panel
        agents:
          writer: {model: m, handoffs: [review-lead]}
          review-lead: {role: orchestrator, model: m}
      `),
    },
    {
      name: 'is silent on an orchestrator that says it reviews and directs a person',
      manifest: dedent(`
        version: 1
        name: panel
        humans:
          proofreader: {}
        agents:
          writer: {model: m, handoffs: [review-lead]}
          review-lead: {role: orchestrator, model: m}
        edges:
          - {from: review-lead, to: proofreader, kind: delegate}
      `),
    },
  ],
  invalid: [
    {
      name: 'reports the chair of a review panel on the same model as the work handed to it, not counting itself',
      manifest: dedent(`
        version: 1
        name: panel
        agents:
          writer: {model: m, handoffs: [review-lead]}
          review-lead: {role: orchestrator, model: m, handoffs: [review-lead]}
          style-checker: {role: verifier, model: other, reportsTo: review-lead}
      `),
      findings: [{ messageId: 'sameModel', line: 5, column: 3, data: { agent: 'review-lead', model: 'm', checked: 1 } }],
    },
    {
      name: 'reports a verifier whose coordinator runs on a model and directs it beside workers on its model',
      manifest: dedent(`
        version: 1
        name: desk
        agents:
          boss: {model: n}
          critic: {role: verifier, model: m, reportsTo: boss}
          worker: {model: m, reportsTo: boss}
      `),
      findings: [{ messageId: 'sameModel', line: 5, column: 3, data: { agent: 'critic', model: 'm', checked: 1 } }],
    },
  ],
});

describe('correlated-verification and a verifier directed by a human', () => {
  it('is silent on a verifier that reports to a human and checks nothing', () => {
    const text = dedent(`
      version: 1
      name: desk
      humans:
        lead: {}
      agents:
        critic: {role: verifier, model: m, reportsTo: lead}
        worker: {model: m}
    `);
    expect(lintSources([{ path: 'coordlint.yaml', text }], onlyRule(rule)).findings).toEqual([]);
  });
});

describe('correlated-verification in the user\'s own session (Claude Code)', () => {
  const cases: Array<[reviewer: string, producer: string]> = [
    ['Reviews every change before merge.', 'Implements the tickets.'],
    ['Reviews the implementation for bugs.', 'Implements the tickets.'],
    ['Reviews each pull request.', 'Implements the tickets.'],
    ['Reviews the diff before merge.', 'Implements the tickets.'],
    ['Reviews code changes before merge.', 'Implementer for backend tickets.'],
    ['Reviews code changes before merge.', 'Helps develop the API.'],
    ['Reviews code changes before merge.', 'Refactoring specialist for legacy modules.'],
    ['Reviews code changes before merge.', 'Can fix the failing tests.'],
    ['Reviews code changes before merge.', 'Helps build features for the app.'],
    ['Reviews code changes before merge.', 'Builds feature flags.'],
    ['Reviews code changes before merge.', 'Senior programmer for the API.'],
    ['Reviews code changes before merge.', 'Runs the database migration.'],
    ['Reviews code changes before merge.', 'Platform engineering for the team.'],
    ['Validates code changes before merge.', 'Implements the tickets.'],
    ['Verifies code changes before merge.', 'Implements the tickets.'],
    ['Checker of code changes before merge.', 'Implements the tickets.'],
    ['Auditing code changes before merge.', 'Implements the tickets.'],
    ['Reviews each draft before it is published.', 'Writes the blog posts.'],
    ['Reviews blog drafts before they are published.', 'Helps write the blog posts.'],
    ['Reviews blog drafts before they are published.', 'Copywriting for the landing pages.'],
    ['Reviews agent output before it ships.', 'Answers billing questions.'],
    ['Reviews agent  output before it ships.', 'Answers billing questions.'],
  ];

  for (const [reviewer, producer] of cases) {
    it(`reports a reviewer that says '${reviewer}' beside an agent that says '${producer}', on one model`, () => {
      expect(reported(subagent('pr-reviewer', reviewer), subagent('maker', producer))).toEqual([['pr-reviewer', 1]]);
    });
  }

  it('is silent on a reviewer whose first sentence does not say it reviews', () => {
    expect(reported(subagent('pr-reviewer', 'Looks at code changes before merge.'), subagent('maker', 'Implements the tickets.'))).toEqual([]);
  });

  it('is silent when the agents the session directs run on mixed models (which one it checks is not known)', () => {
    expect(
      reported(
        subagent('pr-reviewer', 'Reviews code changes before merge.'),
        subagent('maker', 'Implements the tickets.'),
        subagent('designer', 'Draws the screens.', 'sonnet'),
      ),
    ).toEqual([]);
  });

  it('does not take a redirect written with a capital as naming the agent', () => {
    expect(reported(subagent('tone-reviewer', 'Checks tone. Use `formatter` for tables instead.'), subagent('formatter', 'Formats tables.'))).toEqual([]);
  });

  it('takes "the <doer>" as naming an agent whose id is a word for someone who does something', () => {
    expect(reported(subagent('tone-reviewer', 'Proofreads what the writer sends.'), subagent('writer', 'Formats tables.'))).toEqual([['tone-reviewer', 1]]);
  });

  it('does not take "the <id>" as naming an agent whose id is no word for a doer', () => {
    expect(reported(subagent('tone-reviewer', 'Proofreads what the herald sends.'), subagent('herald', 'Formats tables.'))).toEqual([]);
  });

  it('takes "the <id> agent" as naming an agent whose id is a plain word', () => {
    expect(reported(subagent('tone-reviewer', 'Proofreads what the herald agent sends.'), subagent('herald', 'Formats tables.'))).toEqual([['tone-reviewer', 1]]);
  });

  it('takes a plain-word id written in capitals before "agent" as naming it', () => {
    expect(reported(subagent('tone-reviewer', 'Proofreads what the UI agent sends.'), subagent('ui', 'Formats tables.'))).toEqual([['tone-reviewer', 1]]);
  });

  it('takes a hyphenated id written in another case as naming it', () => {
    expect(reported(subagent('tone-reviewer', "Proofreads the UI-Builder's screens."), subagent('ui-builder', 'Formats tables.'))).toEqual([['tone-reviewer', 1]]);
  });
});
