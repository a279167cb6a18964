import { createHash } from 'node:crypto';
import { z } from 'zod';
import { compareText, findingIdentity, type Finding } from '../model/index.js';

/** One kind of finding the baseline accepts: its identity and how many of it. */
const baselineEntrySchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  rule: z.string(),
  file: z.string(),
  system: z.string().optional(),
  /** The message when the baseline was written: for people reading the file, not for matching. */
  message: z.string(),
  count: z.number().int().min(1),
});
export type BaselineEntry = z.infer<typeof baselineEntrySchema>;

/** `--baseline FILE`: the findings a team has accepted, so that only new ones are reported. */
export const baselineSchema = z.strictObject({
  version: z.literal(1),
  findings: z.array(baselineEntrySchema),
});
export type Baseline = z.infer<typeof baselineSchema>;

/** The fingerprint of a finding: the same as SARIF's `coordlint/v1` partial fingerprint. */
export function baselineFingerprint(finding: Finding): string {
  return createHash('sha256').update(findingIdentity(finding)).digest('hex').slice(0, 32);
}

/** A baseline accepting every error and warning of a run (infos never fail a run). */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (finding.severity === 'info') continue;
    const fingerprint = baselineFingerprint(finding);
    const entry = entries.get(fingerprint);
    if (entry) {
      entry.count++;
      continue;
    }
    entries.set(fingerprint, {
      fingerprint,
      rule: finding.ruleId,
      file: finding.location.file,
      ...(finding.system !== undefined && { system: finding.system }),
      message: finding.message,
      count: 1,
    });
  }
  const order = (a: BaselineEntry, b: BaselineEntry): number => compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint);
  return { version: 1, findings: [...entries.values()].sort(order) };
}

/** Sorted, indented JSON with keys in a fixed order, so the file diffs well in review. */
export function serializeBaseline(baseline: Baseline): string {
  const findings = baseline.findings.map((entry) => ({
    fingerprint: entry.fingerprint,
    rule: entry.rule,
    file: entry.file,
    ...(entry.system !== undefined && { system: entry.system }),
    message: entry.message,
    count: entry.count,
  }));
  return `${JSON.stringify({ version: 1, findings }, null, 2)}\n`;
}

/** What the baseline left: findings to report, how many it hid, and entries nothing matched (fixed). */
export interface BaselineOutcome {
  findings: Finding[];
  hidden: number;
  fixed: number;
}

/**
 * Hides, per fingerprint, as many findings as the baseline counts (in report order); a finding
 * beyond that count, or with a fingerprint the baseline lacks, is new and stays.
 */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): BaselineOutcome {
  const allowance = new Map(baseline.findings.map((entry) => [entry.fingerprint, entry.count]));
  const kept: Finding[] = [];
  let hidden = 0;
  for (const finding of findings) {
    const fingerprint = baselineFingerprint(finding);
    const left = allowance.get(fingerprint) ?? 0;
    if (finding.severity === 'info' || left === 0) {
      kept.push(finding);
      continue;
    }
    allowance.set(fingerprint, left - 1);
    hidden++;
  }
  const fixed = [...allowance.values()].reduce((sum, left) => sum + left, 0);
  return { findings: kept, hidden, fixed };
}
