import { createHash } from 'node:crypto';
import { findingIdentity, type Finding, type LintResult, type Location, type RuleSummary } from '../model/index.js';
import type { ReportOptions } from './types.js';

const LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0 for code scanning: the rules that were on (with help and a link), and each finding
 * with its physical location (relative URI, 1-based region), related locations and a partial
 * fingerprint that ignores line numbers, so a finding is tracked across commits that move it.
 */
export default function formatSarif(result: LintResult, options: ReportOptions): string {
  // Every finding comes from a rule that was on, so result.rules lists them all.
  const rules = result.rules;
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coordlint',
            ...(options.toolVersion !== undefined && { version: options.toolVersion, semanticVersion: options.toolVersion }),
            informationUri: 'https://github.com/coordlint/coordlint',
            rules: rules.map(describeRule),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder coordlint was run from.' } } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId) ?? 0,
          level: LEVELS[finding.severity],
          message: { text: finding.suggestion ? `${finding.message} ${finding.suggestion}` : finding.message },
          locations: [{ physicalLocation: physical(finding.location) }],
          ...(finding.related.length > 0 && {
            relatedLocations: finding.related.map((related, position) => ({
              id: position + 1,
              physicalLocation: physical(related.location),
              message: { text: related.message },
            })),
          }),
          partialFingerprints: { 'coordlint/v1': fingerprint(finding) },
          properties: { ...(finding.system !== undefined && { system: finding.system }), data: finding.data },
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(rule: RuleSummary) {
  const help = [rule.description, rule.why, rule.docs ? `Documentation: ${rule.docs}` : ''].filter(Boolean);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.why ? `${rule.description} ${rule.why}` : rule.description },
    help: {
      text: help.join('\n\n'),
      markdown: [`**${rule.description}**`, rule.why, rule.docs ? `[Documentation](${rule.docs})` : ''].filter(Boolean).join('\n\n'),
    },
    ...(rule.docs && { helpUri: rule.docs }),
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { category: rule.category, tags: ['coordination', rule.category] },
  };
}

function physical(location: Location) {
  return {
    artifactLocation: { uri: encodeURI(location.file), uriBaseId: '%SRCROOT%' },
    region: {
      startLine: location.line,
      startColumn: location.column,
      ...(location.endLine !== undefined && { endLine: location.endLine }),
      ...(location.endColumn !== undefined && { endColumn: location.endColumn }),
    },
  };
}

/** The SARIF partial fingerprint (the baseline file uses the same). */
export function fingerprint(finding: Finding): string {
  return createHash('sha256').update(findingIdentity(finding)).digest('hex').slice(0, 32);
}
