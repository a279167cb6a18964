import { describe, expect, it } from 'vitest';
import rule from '../../../rules/visibility-at-scale.js';
import { lintManifest, onlyRule } from '../../helpers/run.js';

const findings = (text: string, options: Record<string, unknown> = {}) =>
  lintManifest(text, onlyRule(rule, options)).findings.map((finding) => [finding.messageId, finding.location.line, finding.location.column, finding.data]);

describe('visibility-at-scale and report edges', () => {
  it('reports a person who receives continuous status reports from every agent, at the person', () => {
    const workers = Array.from({ length: 10 }, (_, index) => `w${index + 1}`);
    const text = [
      'version: 1',
      'name: floor',
      'humans:',
      '  supervisor: {}',
      'agents:',
      ...workers.map((id) => `  ${id}: {visibility: continuous}`),
      'edges:',
      ...workers.map((id) => `  - {from: ${id}, to: supervisor, kind: report}`),
      '',
    ].join('\n');
    expect(findings(text)).toEqual([['continuousStatus', 4, 3, { target: 'supervisor', count: 10, agents: 10, share: 0.8 }]]);
  });
});
