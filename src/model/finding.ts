import { z } from 'zod';
import { locationSchema } from './location.js';

export const severitySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof severitySchema>;

export const relatedLocationSchema = z.strictObject({
  message: z.string(),
  location: locationSchema,
});
export type RelatedLocation = z.infer<typeof relatedLocationSchema>;

/** A JSON primitive: the only values a finding's `data` holds. */
export type DataValue = string | number | boolean | null;

/** One problem reported by a rule. */
export interface Finding {
  ruleId: string;
  /** Which of the rule's messages this is (a key of the rule's `messages`). */
  messageId: string;
  severity: Severity;
  message: string;
  /** The system's id; absent for a file that yielded no system (a parse error). */
  system?: string;
  location: z.infer<typeof locationSchema>;
  related: RelatedLocation[];
  suggestion?: string;
  data: Record<string, DataValue>;
}

/** A problem an extractor or linker met in an input file, before any rule ran. */
export interface Problem {
  ruleId: 'parse-error' | 'extraction-gap';
  message: string;
  location: z.infer<typeof locationSchema>;
}

/**
 * What identifies a finding apart from where it stands: rule, message id, file, system and the
 * names in its data (agents, targets), not its numbers or line, so a span going from 9 to 10 or
 * lines added above keep the same identity. SARIF fingerprints and the baseline hash this.
 */
export function findingIdentity(finding: Finding): string {
  const names = Object.entries(finding.data)
    .filter(([, value]) => typeof value === 'string')
    .map(([key, value]) => `${key}=${String(value)}`);
  return [finding.ruleId, finding.messageId, finding.location.file, finding.system ?? '', ...names].join('\u0000');
}

/** Locale-independent ordering of texts, so output is byte-identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
