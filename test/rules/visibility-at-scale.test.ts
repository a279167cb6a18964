import { describe, expect, it } from 'vitest';
import rule from '../../rules/visibility-at-scale.js';
import { manifest, reports } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** A monitor (line 4) over `count` workers, `continuous` of them sending continuous status. */
function floor(count: number, continuous: number): string {
  const workers = reports('monitor', count).map((line, index) => (index < continuous ? line.replace('}', ', visibility: continuous}') : line));
  return manifest('floor', ['monitor: {role: orchestrator}', ...workers]);
}

testRule(rule, {
  valid: [
    { name: 'is silent below 80% of agents', manifest: floor(11, 8) },
    { name: 'is silent one agent below 80% (7 of 10)', manifest: floor(9, 7) },
    { name: 'is silent below 10 agents', manifest: floor(8, 8) },
    { name: 'is silent when agents report exceptions', manifest: floor(12, 0) },
    { name: 'uses the share option', options: { share: 0.9 }, manifest: floor(11, 10) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports a coordinator receiving continuous status from 80% of agents',
      manifest: floor(11, 10),
      findings: [
        {
          messageId: 'continuousStatus',
          line: 4,
          column: 3,
          data: { target: 'monitor', count: 10, agents: 12, share: 0.8 },
          message: "10 of 12 agents send continuous status to 'monitor'.",
        },
      ],
    },
    {
      name: 'reports exactly 80% of agents (8 of 10)',
      manifest: floor(9, 8),
      findings: [{ messageId: 'continuousStatus', line: 4, column: 3, data: { target: 'monitor', count: 8, agents: 10, share: 0.8 } }],
    },
    {
      name: 'uses the minAgents option',
      options: { minAgents: 5 },
      manifest: floor(5, 5),
      findings: [{ messageId: 'continuousStatus', line: 4, column: 3, data: { target: 'monitor', count: 5, agents: 6, share: 0.8 } }],
    },
  ],
});

describe('visibility-at-scale suggestion', () => {
  it('says to switch to exception reporting', () => {
    expect(lintManifest(floor(11, 11), onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Switch the agents reporting to 'monitor' to visibility: exceptions, and sync at declared points (syncPoints) instead.",
    );
  });
});
