import { z } from 'zod';

/** A place in a source file: relative `/` path, 1-based line and column. */
export const locationSchema = z.strictObject({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  endLine: z.number().int().min(1).optional(),
  endColumn: z.number().int().min(1).optional(),
});
export type Location = z.infer<typeof locationSchema>;
