import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { RULES } from '../../rules/index.js';
import { configJsonSchema, manifestJsonSchema, schemaText, SCHEMA_FILES } from '../../src/config/json-schema.js';
import { FIXTURES } from '../helpers/run.js';

const ROOT = join(import.meta.dirname, '..', '..');
type Schema = { properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; anyOf?: Schema[]; propertyNames?: { enum?: string[] }; items?: Schema };

describe('shipped JSON Schemas', () => {
  it('are the ones generated from the zod schemas (run npm run schemas)', () => {
    expect(readFileSync(join(ROOT, SCHEMA_FILES.config), 'utf8')).toBe(schemaText(configJsonSchema(RULES.map((rule) => rule.meta.id))));
    expect(readFileSync(join(ROOT, SCHEMA_FILES.manifest), 'utf8')).toBe(schemaText(manifestJsonSchema()));
  });

  it('list every rule id for completion and refuse unknown keys', () => {
    const config = configJsonSchema(RULES.map((rule) => rule.meta.id)) as Schema;
    expect(config.additionalProperties).toBe(false);
    expect(config.properties?.rules?.propertyNames?.enum).toEqual(RULES.map((rule) => rule.meta.id));
    expect(Object.keys(config.properties ?? {})).toEqual(['$schema', 'extends', 'rules', 'ignore', 'includeTests', 'includeArchived', 'overrides', 'maxFileBytes']);
  });

  it('describe every key the fixtures\' manifests use, for systems and for agents', () => {
    const manifest = manifestJsonSchema() as Schema;
    const topKeys = new Set(Object.keys(manifest.properties ?? {}));
    const agentEntry = manifest.properties?.agents?.anyOf?.[0]?.additionalProperties as Schema;
    const agentKeys = new Set(Object.keys(agentEntry.anyOf?.[0]?.properties ?? {}));
    expect(agentKeys).toContain('escalatesTo');
    let checked = 0;
    for (const folder of readdirSync(FIXTURES)) {
      for (const name of readdirSync(join(FIXTURES, folder)).filter((file) => /^(.*\.)?coordlint\.ya?ml$/.test(file))) {
        // Fixtures of broken manifests (parse errors, unknown keys) are not checked.
        const expected = readFileSync(join(FIXTURES, folder, 'expected.json'), 'utf8');
        if (expected.includes('"parse-error"')) continue;
        const value = parse(readFileSync(join(FIXTURES, folder, name), 'utf8')) as Record<string, unknown> | null;
        if (value === null || typeof value !== 'object') continue;
        for (const key of Object.keys(value)) expect(topKeys.has(key), `${folder}/${name}: ${key}`).toBe(true);
        for (const agent of Object.values((value.agents ?? {}) as Record<string, Record<string, unknown> | null>)) {
          for (const key of Object.keys(agent ?? {})) expect(agentKeys.has(key), `${folder}/${name}: agent key ${key}`).toBe(true);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
