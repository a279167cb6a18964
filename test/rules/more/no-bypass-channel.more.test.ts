import rule from '../../../rules/no-bypass-channel.js';
import { dedent } from '../../helpers/dedent.js';
import { testRule } from '../../helpers/test-rule.js';
import { describe, expect, it } from 'vitest';
import { lintManifest, onlyRule } from '../../helpers/run.js';

/** A coordinator (line 6) over four adjusters, each with the given extra keys (escalatesTo, peers, handoffs …). */
function claims(keys: string[], extraAgents: string[] = [], role = 'orchestrator'): string {
  const adjusters = keys.map((more, index) => `  adjuster-${index}: {reportsTo: coordinator${more ? `, ${more}` : ''}}`);
  return dedent(['version: 1', 'name: claims', 'humans:', '  manager: {}', 'agents:', `  coordinator: {role: ${role}, escalatesTo: [manager]}`, ...adjusters, ...extraAgents].join('\n'));
}

/** A lead (line 4) over three workers who escalate to nobody, with more agents after them. */
function crew(extraAgents: string[], lead = 'lead: {role: orchestrator}'): string {
  return ['version: 1', 'name: crew', 'agents:', `  ${lead}`, '  w1: {reportsTo: lead}', '  w2: {reportsTo: lead}', '  w3: {reportsTo: lead}', ...extraAgents.map((line) => `  ${line}`), ''].join('\n');
}

const HAS_MANAGER = { escalationTargets: 1, why: "the system has 1 human(s), verifier(s) or auditor(s) to escalate to: 'manager'" };
const all = (key: string) => [key, key, key, key];
const hasChecker = (name: string) => ({ escalationTargets: 1, why: `the system has 1 human(s), verifier(s) or auditor(s) to escalate to: '${name}'` });

testRule(rule, {
  valid: [
    { name: 'takes work handed straight to a verifier as a channel that avoids the coordinator', manifest: claims(all('handoffs: [qa]'), ['  qa: {role: verifier}']) },
  ],
  invalid: [
    {
      name: 'does not take an escalation to a fellow worker who escalates nowhere as a bypass',
      manifest: claims(all('escalatesTo: [clerk]'), ['  clerk: {}']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'does not take work handed to a plain worker as a channel',
      manifest: claims(all('handoffs: [clerk]'), ['  clerk: {}']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'does not take work handed back to a coordinator that is itself a verifier as a channel that avoids it',
      manifest: claims(all('handoffs: [coordinator]'), [], 'verifier'),
      findings: [
        {
          messageId: 'noBypass',
          line: 6,
          column: 3,
          data: { agent: 'coordinator', count: 4, subordinates: 4, escalationTargets: 2, why: "the system has 2 human(s), verifier(s) or auditor(s) to escalate to: 'coordinator', 'manager'" },
        },
      ],
    },
    {
      name: 'counts a human who only directs the coordinator as someone to escalate to',
      manifest: dedent(`
        version: 1
        name: crew
        humans:
          owner: {}
        agents:
          lead: {role: orchestrator}
          w1: {reportsTo: lead}
          w2: {reportsTo: lead}
          w3: {reportsTo: lead}
        edges:
          - {from: owner, to: lead, kind: delegate}
      `),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, ...hasChecker('owner') } }],
    },
    {
      name: 'counts a verifier with no links at all as someone to escalate to',
      manifest: crew(['qa: {role: verifier}']),
      findings: [{ messageId: 'noBypass', line: 4, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, ...hasChecker('qa') } }],
    },
    {
      name: 'counts a verifier the coordinator consults that hands something on as someone to escalate to',
      manifest: crew(['qa: {role: verifier, reportsTo: lead, handoffs: [w1]}']),
      findings: [{ messageId: 'noBypass', line: 4, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, ...hasChecker('qa') } }],
    },
    {
      name: 'counts a verifier the coordinator hands work to (not directs) as someone to escalate to',
      manifest: crew(['qa: {role: verifier}'], 'lead: {role: orchestrator, handoffs: [qa]}'),
      findings: [{ messageId: 'noBypass', line: 4, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, ...hasChecker('qa') } }],
    },
    {
      name: 'counts a verifier that two coordinators direct as someone to escalate to',
      manifest: crew(['qa: {role: verifier, reportsTo: lead}', 'other: {}'], 'lead: {role: orchestrator}') + 'edges:\n  - {from: other, to: qa, kind: delegate}\n',
      findings: [{ messageId: 'noBypass', line: 4, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, ...hasChecker('qa') } }],
    },
    {
      name: 'lists the escalation targets in sorted order, humans and agents together',
      manifest: claims(all('escalatesTo: [coordinator]'), ['  auditor: {role: auditor}']),
      findings: [
        {
          messageId: 'noBypass',
          line: 6,
          column: 3,
          data: { agent: 'coordinator', count: 4, subordinates: 4, escalationTargets: 2, why: "the system has 2 human(s), verifier(s) or auditor(s) to escalate to: 'auditor', 'manager'" },
        },
      ],
    },
    {
      name: 'reports an agent that answers to nobody and directs one lead who directs others',
      manifest: dedent(`
        version: 1
        name: tower
        agents:
          director: {}
          lead: {reportsTo: director}
          w1: {reportsTo: lead}
          w2: {reportsTo: lead}
          w3: {reportsTo: lead}
      `),
      findings: [
        { messageId: 'noBypass', line: 4, column: 3, data: { agent: 'director', count: 1, subordinates: 1, escalationTargets: 0, why: '5 agents at depth 2: escalation crosses levels' } },
        { messageId: 'noBypass', line: 5, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, escalationTargets: 0, why: '5 agents at depth 2: escalation crosses levels' } },
      ],
    },
    {
      name: 'applies from the alwaysFrom option even with nobody to escalate to',
      options: { alwaysFrom: 4 },
      manifest: crew([]),
      findings: [{ messageId: 'noBypass', line: 4, column: 3, data: { agent: 'lead', count: 3, subordinates: 3, escalationTargets: 0, why: '4 agents at depth 1: escalation crosses levels' } }],
    },
    {
      name: 'does not take a shared thread among the agents of a coordinator that is no router as a channel',
      manifest: claims(['peers: [adjuster-1]', 'peers: [adjuster-2]', 'peers: [adjuster-3]', 'peers: [adjuster-0]']),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'reports a router whose agents share no thread',
      manifest: claims(['', '', '', ''], [], 'router'),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'reports a router when only some of its agents share a thread',
      manifest: claims(['peers: [adjuster-1]', '', '', ''], [], 'router'),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'reports a router whose agents talk to an outsider, not to each other',
      manifest: claims(all('peers: [clerk]'), ['  clerk: {}'], 'router'),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
    {
      name: 'reports a router whose agents an outsider talks to, not each other',
      manifest: claims(['', '', '', ''], ['  clerk: {peers: [adjuster-0, adjuster-1, adjuster-2, adjuster-3]}'], 'router'),
      findings: [{ messageId: 'noBypass', line: 6, column: 3, data: { agent: 'coordinator', count: 4, subordinates: 4, ...HAS_MANAGER } }],
    },
  ],
});

describe('no-bypass-channel where a subordinate escalates to a fellow worker', () => {
  it('still counts all four adjusters as without a bypass, each named at its own line', () => {
    const [finding] = lintManifest(claims(all('escalatesTo: [clerk]'), ['  clerk: {}']), onlyRule(rule)).findings;
    expect(finding?.location.line).toBe(6);
    expect(finding?.related?.map((each) => each.location.line)).toEqual([7, 8, 9, 10]);
  });
});
