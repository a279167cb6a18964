import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Location } from '../model/index.js';
import { keyNodeAt, nodeAt, parseYamlSource } from '../extract/yaml-source.js';
import { isRecord } from '../extract/values.js';

/** The names a configuration may have, in the order they are looked for in each folder. */
export const CONFIG_FILE_NAMES = ['.coordlintrc.json', '.coordlintrc.yaml', '.coordlintrc.yml', 'package.json'] as const;

/** A configuration as read: its raw data and a way to place a key path in its file. */
export interface LoadedConfig {
  file?: string;
  raw: unknown;
  /** Where the key (or value) at this path stands in the file. */
  locate(path: readonly PropertyKey[], key?: boolean): Location | undefined;
}

const EMPTY: LoadedConfig = { raw: {}, locate: () => undefined };

/**
 * Reads the configuration: the file given with `--config`, else the first configuration found
 * from `cwd` upward. No configuration at all means the recommended preset.
 */
export function loadConfig(cwd: string, explicit?: string): LoadedConfig {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`config file not found: ${explicit}`);
    return readConfig(cwd, path, path.endsWith('package.json'));
  }
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    for (const name of CONFIG_FILE_NAMES) {
      const path = join(folder, name);
      if (!existsSync(path)) continue;
      if (name === 'package.json') {
        const loaded = readConfig(cwd, path, true);
        if (loaded.raw !== undefined) return loaded;
        continue;
      }
      return readConfig(cwd, path, false);
    }
    if (dirname(folder) === folder) return EMPTY;
  }
}

function readConfig(cwd: string, path: string, packageJson: boolean): LoadedConfig {
  const file = relative(cwd, path).split('\\').join('/') || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file: ${error instanceof Error ? error.message : String(error)}`, {
      file,
      line: 1,
      column: 1,
    });
  }
  // A package.json without a `coordlint` key configures nothing: told apart with the built-in
  // JSON parser, without loading yaml to parse it again with positions.
  if (packageJson && !mayHaveKey(text, 'coordlint')) return { raw: undefined, locate: () => undefined };
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new ConfigError(first?.message ?? 'invalid config file', first?.location);
  }
  const source = parsed.source;
  const prefix: PropertyKey[] = packageJson ? ['coordlint'] : [];
  let raw: unknown = source.value;
  if (packageJson) {
    raw = isRecord(raw) && Object.hasOwn(raw, 'coordlint') ? raw.coordlint : undefined;
    if (raw === undefined) return { raw: undefined, locate: () => undefined };
  }
  return {
    file,
    raw: raw ?? {},
    locate: (path, key = false) => {
      const full = [...prefix, ...path];
      const last = full[full.length - 1];
      const node =
        key && last !== undefined
          ? keyNodeAt(source, source.doc.contents, full.slice(0, -1), String(last))
          : nodeAt(source, source.doc.contents, full);
      return node ? source.locate(node) : source.locate(nodeAt(source, source.doc.contents, prefix));
    },
  };
}

/** False only when `text` is a JSON object without its own `key`; anything else goes on to the full parse. */
function mayHaveKey(text: string, key: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return !isRecord(value) || Object.hasOwn(value, key);
  } catch {
    // Not valid JSON: the YAML parse below reports where.
    return true;
  }
}
