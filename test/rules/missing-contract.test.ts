import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-contract.js';
import { dedent } from '../helpers/dedent.js';
import { positionOf } from '../helpers/manifests.js';
import { lintManifest, onlyRule, recommended } from '../helpers/run.js';
import { testRule } from '../helpers/test-rule.js';

const bare = dedent(`
  version: 1
  name: docs
  agents:
    outliner: {handoffs: [writer]}
    writer: {handoffs: [{to: editor, contract: schemas/draft.json}]}
    editor: {dependsOn: [writer]}
`);

testRule(rule, {
  valid: [
    {
      name: 'is silent when every handoff and data edge declares a contract',
      manifest: 'version: 1\nname: ok\nagents:\n  a: {handoffs: [{to: b, contract: true}]}\n  b: {dependsOn: [{agent: a, contract: schemas/a.json}]}\n',
    },
    { name: 'ignores delegate, escalation and peer edges', manifest: 'version: 1\nname: ok\nagents:\n  a: {}\n  b: {reportsTo: a, escalatesTo: [a], peers: [a]}\n' },
    { name: 'ignores a handoff to a human', manifest: 'version: 1\nname: ok\nhumans:\n  h: {}\nagents:\n  a: {handoffs: [h]}\n' },
    { name: 'is silent on an empty system', manifest: 'version: 1\nname: empty\n' },
  ],
  invalid: [
    {
      name: 'reports each handoff or data edge without a contract, at the edge',
      manifest: bare,
      findings: [
        {
          messageId: 'noContract',
          ...positionOf(bare, 'writer'),
          data: { kind: 'handoff', from: 'outliner', to: 'writer' },
          message: "The handoff from 'outliner' to 'writer' declares no output schema.",
        },
        { messageId: 'noContract', ...positionOf(bare, 'writer', 3), data: { kind: 'data', from: 'writer', to: 'editor' } },
      ],
    },
  ],
});

describe('missing-contract preset', () => {
  it('is in strict only, not in recommended', () => {
    expect(recommended().rules.map((active) => active.rule.meta.id)).not.toContain('missing-contract');
    expect(lintManifest(bare, onlyRule(rule)).findings[0]?.suggestion).toBe(
      "Declare the shape 'outliner' hands to 'writer' (contract: a schema path, or the framework's output type).",
    );
  });
});
