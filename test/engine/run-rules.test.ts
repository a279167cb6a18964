import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRule } from '../../src/engine/define-rule.js';
import { RuleCrash, runRules } from '../../src/engine/run-rules.js';
import { buildGraph } from '../../src/graph/build-graph.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { lintManifest } from '../helpers/run.js';

const broken = defineRule({
  meta: {
    id: 'always-throws',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Throws on every system.',
    seed: { section: 'Coordination Failures', why: 'Only here to test how the engine reports a rule that fails.' },
    options: z.strictObject({}),
    messages: { never: 'Never reported.' },
  },
  check() {
    throw new Error('boom');
  },
});

describe('runRules', () => {
  it('wraps an error thrown by a rule with the rule id and the system, and does not swallow it', () => {
    const model = lintManifest('version: 1\nname: desk\nagents:\n  a: {}\n').systems[0]?.model;
    if (!model) throw new Error('the manifest should yield a system');
    const graph = buildGraph(model);
    const run = () => runRules([{ rule: broken, severity: 'warning', severityConfigured: false, options: {} }], [{ model, graph, metrics: computeMetrics(graph) }], []);
    expect(run).toThrow(RuleCrash);
    expect(run).toThrow("rule 'always-throws' on system 'desk': boom");
  });

  it('refuses a message with a placeholder that has no value', () => {
    const sloppy = defineRule({
      meta: { ...broken.meta, id: 'sloppy', messages: { missing: "'{{agent}}' is here." } },
      check({ system, report }) {
        report({ messageId: 'missing', data: {}, at: system });
      },
    });
    const model = lintManifest('version: 1\nname: desk\nagents:\n  a: {}\n').systems[0]?.model;
    if (!model) throw new Error('the manifest should yield a system');
    const graph = buildGraph(model);
    expect(() => runRules([{ rule: sloppy, severity: 'warning', severityConfigured: false, options: {} }], [{ model, graph, metrics: computeMetrics(graph) }], [])).toThrow(
      "rule 'sloppy' on system 'desk': message placeholder {{agent}} has no value",
    );
  });

  it('reports a finding once when two systems find the same thing at the same place', () => {
    const sameAgent = defineRule({
      meta: { ...broken.meta, id: 'same-agent', messages: { here: "'{{agent}}' is here." } },
      check({ system, report }) {
        const agent = system.agents[0];
        if (agent) report({ messageId: 'here', data: { agent: agent.id }, at: agent });
      },
    });
    const model = lintManifest('version: 1\nname: desk\nagents:\n  a: {}\n').systems[0]?.model;
    if (!model) throw new Error('the manifest should yield a system');
    const graph = buildGraph(model);
    const checked = { model, graph, metrics: computeMetrics(graph) };
    const twin = { ...checked, model: { ...model, id: 'desk-copy' } };
    const findings = runRules([{ rule: sameAgent, severity: 'warning', severityConfigured: false, options: {} }], [checked, twin], []);
    expect(findings.map((finding) => [finding.ruleId, finding.system, finding.message])).toEqual([['same-agent', 'desk', "'a' is here."]]);
  });
});
