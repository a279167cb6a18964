import { describe, expect, it } from 'vitest';
import formatSarif from '../../src/report/sarif.js';
import { lintFixture, lintManifest } from '../helpers/run.js';

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version?: string; informationUri: string; rules: Array<Record<string, any>> } };
    columnKind: string;
    results: Array<Record<string, any>>;
  }>;
}

const LEVELS = ['none', 'note', 'warning', 'error'];
const sarifOf = (result: Parameters<typeof formatSarif>[0]): SarifLog => JSON.parse(formatSarif(result, { color: false, quiet: false, toolVersion: '1.2.3' })) as SarifLog;

const examples = await lintFixture('report-manifest-examples');

describe('SARIF 2.1.0', () => {
  const log = sarifOf(examples);
  const run = log.runs[0];

  it('has the top-level properties the schema requires', async () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(run?.tool.driver.name).toBe('coordlint');
    expect(run?.tool.driver.version).toBe('1.2.3');
    expect(run?.columnKind).toBe('utf16CodeUnits');
  });

  it('describes every rule that was on, with help, a link and a default level', async () => {
    const rules = run?.tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toContain('span-of-control');
    expect(rules).toHaveLength(20);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z-]+$/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(10);
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text).toContain(rule.helpUri);
      expect(rule.help.markdown).toContain(`[Documentation](${rule.helpUri})`);
      expect(rule.helpUri).toBe(`https://github.com/coordlint/coordlint/blob/main/docs/rules/${rule.id}.md`);
      expect(LEVELS).toContain(rule.defaultConfiguration.level);
    }
  });

  it('gives each result a rule, a level, a message and a relative 1-based location', async () => {
    const results = run?.results ?? [];
    expect(results).toHaveLength(4);
    for (const result of results) {
      expect(run?.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(LEVELS).toContain(result.level);
      expect(result.message.text.length).toBeGreaterThan(0);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/i);
      expect(location.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(result.partialFingerprints['coordlint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    const span = results.find((result) => result.ruleId === 'span-of-control');
    expect(span?.level).toBe('warning');
    expect(span?.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'support-desk/coordlint.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 14, startColumn: 3 },
    });
    expect(span?.relatedLocations).toHaveLength(11);
    expect(span?.relatedLocations[0]).toEqual({
      id: 1,
      physicalLocation: { artifactLocation: { uri: 'support-desk/coordlint.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 19, startColumn: 3 } },
      message: { text: "'billing-1' reports to 'dispatcher'" },
    });
  });

  it('maps error and info to error and note', async () => {
    const results = sarifOf(lintManifest('version: 1\nname: x\nagents:\n  a: {handoffs: [ghost]}\n')).runs[0]?.results ?? [];
    expect(results.map((result) => result.level)).toEqual(['error']);
  });

  it('keeps a finding\'s fingerprint when its line moves or its numbers change, and not when the agent changes', async () => {
    const hub = (reports: number, padding: string, name = 'boss') =>
      `${padding}version: 1\nname: desk\nagents:\n  ${name}: {}\n${Array.from({ length: reports }, (_, index) => `  w${index}: {reportsTo: ${name}}\n`).join('')}`;
    const fingerprintOf = (text: string) =>
      sarifOf(lintManifest(text)).runs[0]?.results.find((result) => result.ruleId === 'span-of-control')?.partialFingerprints['coordlint/v1'];
    const base = fingerprintOf(hub(9, ''));
    expect(base).toBeDefined();
    expect(fingerprintOf(hub(9, '# moved down\n# two lines\n'))).toBe(base);
    expect(fingerprintOf(hub(10, ''))).toBe(base);
    expect(fingerprintOf(hub(9, '', 'chief'))).not.toBe(base);
  });
});
