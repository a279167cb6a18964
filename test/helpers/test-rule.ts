import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src/engine/define-rule.js';
import { lintPaths } from '../../src/lint.js';
import type { DataValue, LintResult } from '../../src/model/index.js';
import parseError from '../../rules/parse-error.js';
import { FIXTURES, lintManifest, onlyRule } from './run.js';

/** One input: an inline manifest (dedented YAML) or a fixture folder, with rule options. */
export interface RuleCase {
  name: string;
  manifest?: string;
  fixture?: string;
  options?: Record<string, unknown>;
}

export interface ExpectedFinding {
  messageId: string;
  line: number;
  column: number;
  data: Record<string, DataValue>;
  /** Compared when given: each related location's line, column and note. */
  related?: Array<{ line: number; column: number; message: string }>;
  /** Compared when given: the rendered message. */
  message?: string;
  file?: string;
}

/**
 * Runs the real pipeline with only `rule` on and compares every finding of each case. Fails when
 * an invalid case expects nothing, when a messageId is never exercised, or when a rendered message
 * keeps a `{{placeholder}}`.
 */
export function testRule(
  rule: Rule,
  cases: { valid: RuleCase[]; invalid: Array<RuleCase & { findings: ExpectedFinding[] }> },
): void {
  const exercised = new Set<string>();
  describe(rule.meta.id, () => {
    for (const item of cases.valid) {
      it(item.name, async () => {
        expect((await runCase(rule, item)).findings).toEqual([]);
      });
    }
    for (const item of cases.invalid) {
      it(item.name, async () => {
        expect(item.findings.length).toBeGreaterThan(0);
        const result = await runCase(rule, item);
        const actual = result.findings.map((finding, index) => {
          const expected = item.findings[index];
          exercised.add(finding.messageId);
          expect(finding.message).not.toMatch(/\{\{/);
          expect(finding.ruleId).toBe(rule.meta.id);
          return {
            messageId: finding.messageId,
            line: finding.location.line,
            column: finding.location.column,
            data: finding.data,
            ...(expected?.related !== undefined && {
              related: finding.related.map((entry) => ({ line: entry.location.line, column: entry.location.column, message: entry.message })),
            }),
            ...(expected?.message !== undefined && { message: finding.message }),
            ...(expected?.file !== undefined && { file: finding.location.file }),
          };
        });
        expect(actual).toEqual(item.findings);
      });
    }
    afterAll(() => {
      const missing = Object.keys(rule.meta.messages).filter((id) => !exercised.has(id));
      expect(missing, `messageIds never exercised by an invalid case`).toEqual([]);
    });
  });
}

async function runCase(rule: Rule, item: RuleCase): Promise<LintResult> {
  const config = onlyRule(rule, item.options);
  // A case that does not parse would pass any valid test vacuously: make sure it parses.
  if (item.manifest !== undefined && rule !== parseError) {
    expect(lintManifest(item.manifest, onlyRule(parseError)).findings.map((finding) => finding.message)).toEqual([]);
  }
  if (item.fixture !== undefined) return (await lintPaths(['.'], join(FIXTURES, item.fixture), config)).result;
  if (item.manifest === undefined) throw new Error(`case '${item.name}' has neither manifest nor fixture`);
  return lintManifest(item.manifest, config);
}
