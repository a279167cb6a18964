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
