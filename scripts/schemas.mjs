// Writes the JSON Schemas shipped in schemas/ from the zod schemas the CLI validates with.
// test/config/json-schema.test.ts fails when they are out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../dist/rules/index.js';
import { configJsonSchema, manifestJsonSchema, schemaText, SCHEMA_FILES } from '../dist/src/config/json-schema.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, SCHEMA_FILES.config), schemaText(configJsonSchema(RULES.map((rule) => rule.meta.id))));
writeFileSync(join(root, SCHEMA_FILES.manifest), schemaText(manifestJsonSchema()));
console.log(`wrote ${SCHEMA_FILES.config} and ${SCHEMA_FILES.manifest}`);
