import { describe, expect, it } from 'vitest';
import rule from '../../rules/cascade-chain.js';
import { dedent } from '../helpers/dedent.js';
import { manifest, positionOf } from '../helpers/manifests.js';
import { lintManifest, onlyRule } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

/** a → b → c → d … with the given edge for each hop (written on the receiving agent as dependsOn). */
function chain(hops: string[]): string {
  const lines = ['s0: {}'];
  hops.forEach((hop, index) => lines.push(`s${index + 1}: {dependsOn: [${hop.replace('$', `s${index}`)}]}`));
  return manifest('etl', lines);
}

const three = chain(['$', '$', '$']);

testRule(rule, {
  valid: [
    { name: 'is silent at 2 tight edges', manifest: chain(['$', '$']) },
    { name: 'is silent when a fallback in the middle breaks the run', manifest: chain(['$', '$', '{agent: $, fallback: true}', '$', '$']) },
    { name: 'is silent when an async edge breaks the run', manifest: chain(['$', '$', '{agent: $, mode: async}', '$', '$']) },
    { name: 'does not count loose or medium edges', manifest: chain(['{agent: $, coupling: loose}', '{agent: $, coupling: medium}', '$', '$']) },
    { name: 'uses the maxTight option', options: { maxTight: 3 }, manifest: three },
    { name: 'is silent on a single agent', manifest: manifest('solo', ['a: {handoffs: [a]}']) },
    {
      name: 'does not count report, escalation or approval edges, however tight',
      manifest: `${manifest('status', ['a: {}', 'b: {}', 'c: {}', 'd: {}'])}edges:\n  - {from: a, to: b, kind: report, coupling: tight}\n  - {from: b, to: c, kind: escalation, coupling: tight}\n  - {from: c, to: d, kind: approval, coupling: tight}\n`,
    },
    { name: 'does not count delegate edges at their default medium coupling', manifest: manifest('tree', ['a: {}', 'b: {reportsTo: a}', 'c: {reportsTo: b}', 'd: {reportsTo: c}']) },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'measures a chain that follows a loop (the loop\'s own edges are left out)',
      manifest: manifest('review-then-ship', ['writer: {handoffs: [critic]}', 'critic: {handoffs: [writer, packager]}', 'packager: {handoffs: [signer]}', 'signer: {handoffs: [shipper]}', 'shipper: {}']),
      findings: [{ messageId: 'tightRun', line: 5, column: 31, data: { length: 3, from: 'critic', to: 'shipper', agents: 4, maxTight: 2 } }],
    },
    {
      name: 'reports 3 consecutive tight edges',
      manifest: three,
      findings: [
        {
          messageId: 'tightRun',
          ...positionOf(three, 's0', 2),
          data: { length: 3, from: 's0', to: 's3', agents: 4, maxTight: 2 },
          related: [0, 1, 2].map((index) => ({
            ...positionOf(three, `s${index}`, 2),
            message: `hop ${index + 1}: 's${index}' → 's${index + 1}' (tight data)`,
          })),
          message: "A chain of 3 tight edges from 's0' to 's3' has no fallback; one failure stops 4 agents.",
        },
      ],
    },
    {
      name: 'counts delegate edges declared tight',
      manifest: `${manifest('orders', ['a: {}', 'b: {}', 'c: {}', 'd: {}'])}edges:\n  - {from: a, to: b, kind: delegate, coupling: tight}\n  - {from: b, to: c, kind: delegate, coupling: tight}\n  - {from: c, to: d, kind: delegate, coupling: tight}\n`,
      findings: [{ messageId: 'tightRun', line: 9, column: 5, data: { length: 3, from: 'a', to: 'd', agents: 4, maxTight: 2 } }],
    },
    {
      name: 'reports the longest run only, once per system',
      manifest: dedent(`
        version: 1
        name: two-runs
        agents:
          a: {handoffs: [b]}
          b: {handoffs: [c]}
          c: {handoffs: [d]}
          d: {}
          p: {handoffs: [q]}
          q: {handoffs: [r]}
          r: {handoffs: [s]}
          s: {handoffs: [t]}
          t: {}
      `),
      findings: [{ messageId: 'tightRun', line: 8, column: 18, data: { length: 4, from: 'p', to: 't', agents: 5, maxTight: 2 } }],
    },
  ],
});

describe('cascade-chain suggestion', () => {
  it('names the hop in the middle of the run', () => {
    const [finding] = lintManifest(chain(['$', '$', '$', '$']), onlyRule(rule)).findings;
    expect(finding?.suggestion).toBe("Add a fallback between 's1' and 's2' (fallback: true), or make that data asynchronous, so a failure stops at most 2 hops.");
  });
});
