import { z } from 'zod';

export const severitySettingSchema = z.enum(['off', 'info', 'warning', 'error']);
export type SeveritySetting = z.infer<typeof severitySettingSchema>;

export const presetSchema = z.enum(['recommended', 'strict']);

/** A rule's entry: a severity, `[severity, options]`, or `{ severity, options }`. */
export const ruleEntrySchema = z.union([
  severitySettingSchema,
  z.tuple([severitySettingSchema]),
  z.tuple([severitySettingSchema, z.record(z.string(), z.unknown())]),
  z.strictObject({
    severity: severitySettingSchema.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  }),
]);
export type RuleEntry = z.infer<typeof ruleEntrySchema>;

/** `.coordlintrc.json`, `.coordlintrc.yaml` or the `coordlint` key of package.json. */
export const configFileSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.union([presetSchema, z.array(presetSchema)]).optional(),
  rules: z.record(z.string(), ruleEntrySchema).optional(),
  ignore: z.array(z.string()).optional(),
  /** Read test files (`*.test.*`, `*.spec.*`, `test/`, `tests/`, `__tests__/`), which are left out by default. */
  includeTests: z.boolean().optional(),
  /** Read archived copies (`_archive/`, `archived/`, `deprecated/` folders), which are left out by default. */
  includeArchived: z.boolean().optional(),
  /**
   * Per-file severities, as ESLint's `overrides`: findings located in a file the globs match take
   * these severities (later entries win). For files that cannot hold suppression comments (JSON).
   */
  overrides: z
    .array(
      z.strictObject({
        files: z.union([z.string(), z.array(z.string()).min(1)]),
        rules: z.record(z.string(), severitySettingSchema),
      }),
    )
    .optional(),
  /** Files larger than this many bytes are reported instead of read (default 8 MiB). */
  maxFileBytes: z.number().int().min(1).optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;
