import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { resolveConfig } from '../src/config/resolve-config.js';
import { RULES } from '../rules/index.js';
import { lintPaths } from '../src/lint.js';
import { FIXTURES } from './helpers/run.js';

interface ExpectedFixture {
  description: string;
  metrics?: Record<string, Record<string, unknown>>;
  /** Per system id: every agent as [id, role] and every edge as [from, to, kind], in model order. */
  systems?: Record<string, { agents: Array<[string, string]>; edges: Array<[string, string, string]> }>;
  findings: Array<{
    ruleId: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    data: Record<string, unknown>;
    related?: Array<{ file: string; line: number; column: number; message: string }>;
  }>;
}

/** Every folder under fixtures/ (and fixtures/examples) that has an expected.json. */
function fixtureFolders(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(FIXTURES, entry.name, 'expected.json')))
    .map((entry) => entry.name)
    .sort();
}

describe('fixtures', () => {
  it('has fixtures to check', () => {
    expect(fixtureFolders().length).toBeGreaterThanOrEqual(8);
  });

  for (const name of fixtureFolders()) {
    const folder = join(FIXTURES, name);
    const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as ExpectedFixture;
    it(`${name}: ${expected.description}`, async () => {
      const config = resolveConfig(loadConfig(folder), RULES);
      const { result } = await lintPaths(['.'], folder, config);
      const findings = result.findings.map((finding, index) => {
        const wanted = expected.findings[index];
        return {
          ruleId: finding.ruleId,
          severity: finding.severity,
          file: finding.location.file,
          line: finding.location.line,
          column: finding.location.column,
          data: finding.data,
          ...(wanted?.related !== undefined && {
            related: finding.related.map((entry) => ({ ...entry.location, message: entry.message })),
          }),
        };
      });
      expect(findings).toEqual(expected.findings);
      if (expected.systems !== undefined) {
        expect(result.systems.map((system) => system.model.id).sort()).toEqual(Object.keys(expected.systems).sort());
        for (const [systemId, shape] of Object.entries(expected.systems)) {
          const system = result.systems.find((each) => each.model.id === systemId);
          expect(system?.model.agents.map((agent) => [agent.id, agent.role]), `agents of ${systemId}`).toEqual(shape.agents);
          expect(system?.model.edges.map((edge) => [edge.from, edge.to, edge.kind]), `edges of ${systemId}`).toEqual(shape.edges);
        }
      }
      for (const [systemId, metrics] of Object.entries(expected.metrics ?? {})) {
        const system = result.systems.find((each) => each.model.id === systemId);
        expect(system, `system ${systemId}`).toBeDefined();
        expect(system?.metrics).toMatchObject(metrics);
      }
    });
  }
});
