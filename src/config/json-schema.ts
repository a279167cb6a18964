import { z } from 'zod';
import { manifestAgentSchema, manifestHumanSchema, manifestSchema } from '../extract/manifest-schema.js';
import { configFileSchema } from './schema.js';

/** Where the shipped schemas live in the package, and the names editors are pointed at. */
export const SCHEMA_FILES = { config: 'schemas/coordlintrc.schema.json', manifest: 'schemas/manifest.schema.json' } as const;

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema of `.coordlintrc.*`, generated from the zod schema the CLI validates with, and
 * with the rule ids listed so that editors complete them.
 */
export function configJsonSchema(ruleIds: readonly string[]): JsonObject {
  const schema = z.toJSONSchema(configFileSchema) as JsonObject;
  const properties = schema.properties as Record<string, JsonObject>;
  const ruleNames = { type: 'string', enum: [...ruleIds] };
  (properties.rules as JsonObject).propertyNames = ruleNames;
  const override = ((properties.overrides as JsonObject).items as JsonObject).properties as Record<string, JsonObject>;
  (override.rules as JsonObject).propertyNames = ruleNames;
  return { ...schema, $id: 'https://coordlint.dev/schemas/coordlintrc.schema.json', title: 'coordlint configuration', description: 'The configuration of coordlint: presets, rule severities and options, ignored paths, per-file overrides.' };
}

/** The JSON Schema of a manifest (version 1), with the agent and human entries checked too. */
export function manifestJsonSchema(): JsonObject {
  const full = manifestSchema.extend({
    humans: z.union([z.record(z.string(), z.union([manifestHumanSchema, z.null()])), z.null()]).optional(),
    agents: z.union([z.record(z.string(), z.union([manifestAgentSchema, z.null()])), z.null()]).optional(),
  });
  // The input side: ids are written as strings or numbers and read as strings.
  const schema = z.toJSONSchema(full, { io: 'input' }) as JsonObject;
  return { ...schema, $id: 'https://coordlint.dev/schemas/manifest.schema.json', title: 'coordlint manifest', description: 'One agent system described by hand, or an overlay adding to an extracted one (MANIFEST.md).' };
}

/** The text of a shipped schema file. */
export function schemaText(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
