import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Rule } from '../engine/define-rule.js';
import type { ActiveRule } from '../engine/run-rules.js';
import type { Severity } from '../model/index.js';
import { closest } from '../extract/yaml-source.js';
import type { LoadedConfig } from './load-config.js';
import { configFileSchema, severitySettingSchema, type RuleEntry, type SeveritySetting } from './schema.js';
import { isRecord } from '../extract/values.js';
import { compileGlob, isIgnored } from '../discover/glob.js';
import type { FileOverride } from '../engine/overrides.js';

/** The configuration a run uses: the active rules and the paths to leave out. */
export interface ResolvedConfig {
  rules: ActiveRule[];
  /** Per-file severities, in the order written (later wins). */
  overrides: FileOverride[];
  /** Every rule id of the registry, on or off (suppression comments may name any). */
  knownRules: ReadonlySet<string>;
  ignore: string[];
  /** Test files are read too (config `includeTests`). */
  includeTests: boolean;
  /** Archived folders are read too (config `includeArchived`). */
  includeArchived: boolean;
  /** Files larger than this are reported, not read (config `maxFileBytes`; default 8 MiB). */
  maxFileBytes?: number;
  file?: string;
}

/** A `--rule id=severity` from the command line; it wins over every file. */
export interface RuleOverride {
  id: string;
  severity: SeveritySetting;
}

/** Validates a loaded configuration against the registry and resolves presets, severities and options. */
export function resolveConfig(
  loaded: LoadedConfig,
  registry: readonly Rule[],
  overrides: readonly RuleOverride[] = [],
): ResolvedConfig {
  const parsed = configFileSchema.safeParse(loaded.raw);
  if (!parsed.success) throw configIssue(loaded, parsed.error, []);
  const config = parsed.data;
  const presets = config.extends === undefined ? ['recommended'] : [config.extends].flat();
  const strict = presets.includes('strict');

  const chosen = new Map<string, { severity: Severity; configured: boolean; raw: unknown; path: PropertyKey[] }>();
  for (const rule of registry) {
    if (rule.meta.experimental) continue;
    if (rule.meta.preset === 'recommended' || strict) {
      const raw = strict && rule.meta.strictOptions !== undefined ? { ...rule.meta.strictOptions } : {};
      chosen.set(rule.meta.id, { severity: rule.meta.severity, configured: false, raw, path: [] });
    }
  }
  const byId = new Map(registry.map((rule) => [rule.meta.id, rule]));
  const rawRules = isRecord(loaded.raw) && isRecord(loaded.raw.rules) ? loaded.raw.rules : {};
  for (const id of Object.keys(rawRules)) {
    const rule = byId.get(id);
    if (!rule) {
      const hint = closest(id, [...byId.keys()]);
      throw new ConfigError(`rules.${id}: unknown rule${hint ? ` (did you mean '${hint}'?)` : ''}`, loaded.locate(['rules', id], true));
    }
    // The entry as written, now known to be well-formed: zod's copy of a record drops a
    // `__proto__` key silently, the original keeps it for the rule's options to reject.
    const entry = config.rules?.[id] === undefined ? undefined : (rawRules[id] as RuleEntry);
    if (entry === undefined) continue;
    const { severity, options, optionsPath } = splitEntry(entry);
    if (severity === 'off') {
      chosen.delete(id);
      continue;
    }
    const previous = chosen.get(id);
    const presetOptions = strict && rule.meta.strictOptions !== undefined ? rule.meta.strictOptions : {};
    chosen.set(id, {
      severity: severity ?? previous?.severity ?? rule.meta.severity,
      configured: severity !== undefined,
      raw: { ...presetOptions, ...(options ?? {}) },
      path: ['rules', id, ...optionsPath],
    });
  }
  for (const override of overrides) {
    const rule = byId.get(override.id);
    if (!rule) {
      const hint = closest(override.id, [...byId.keys()]);
      throw new ConfigError(`--rule ${override.id}: unknown rule${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    if (override.severity === 'off') chosen.delete(override.id);
    else chosen.set(override.id, { severity: override.severity, configured: true, raw: chosen.get(override.id)?.raw ?? {}, path: [] });
  }

  // A rule switched off everywhere but on in some override runs, and keeps only those files' findings.
  const fileOverrides: FileOverride[] = (config.overrides ?? []).map((entry, index) => {
    for (const id of Object.keys(entry.rules)) {
      if (byId.has(id)) continue;
      const hint = closest(id, [...byId.keys()]);
      throw new ConfigError(`overrides.${index}.rules.${id}: unknown rule${hint ? ` (did you mean '${hint}'?)` : ''}`, loaded.locate(['overrides', index, 'rules', id], true));
    }
    const matchers = [entry.files].flat().map(compileGlob);
    return { files: (path: string) => isIgnored(matchers, path, false), rules: entry.rules };
  });
  const onlyInOverrides = new Set<string>();
  for (const override of fileOverrides) {
    for (const [id, severity] of Object.entries(override.rules)) {
      const rule = byId.get(id);
      if (severity === 'off' || chosen.has(id) || !rule) continue;
      chosen.set(id, { severity: rule.meta.severity, configured: false, raw: {}, path: [] });
      onlyInOverrides.add(id);
    }
  }

  const rules: ActiveRule[] = [];
  for (const rule of registry) {
    const choice = chosen.get(rule.meta.id);
    if (!choice) continue;
    let options: Record<string, unknown>;
    try {
      options = rule.parseOptions(choice.raw);
    } catch (error) {
      if (error instanceof z.ZodError) throw configIssue(loaded, error, choice.path);
      throw error;
    }
    rules.push({ rule, severity: choice.severity, severityConfigured: choice.configured, options, ...(onlyInOverrides.has(rule.meta.id) && { onlyInOverrides: true }) });
  }
  return { rules, overrides: fileOverrides, knownRules: new Set(byId.keys()), ignore: config.ignore ?? [], includeTests: config.includeTests === true, includeArchived: config.includeArchived === true, ...(config.maxFileBytes !== undefined && { maxFileBytes: config.maxFileBytes }), ...(loaded.file !== undefined && { file: loaded.file }) };
}

/** Parses `id=severity` from `--rule`. */
export function parseRuleOverride(text: string): RuleOverride {
  const match = /^([^=]+)=(.+)$/.exec(text.trim());
  const severity = severitySettingSchema.safeParse(match?.[2]);
  if (!match?.[1] || !severity.success) {
    throw new ConfigError(`--rule ${text}: expected id=severity with severity off, info, warning or error`);
  }
  return { id: match[1], severity: severity.data };
}

function splitEntry(entry: RuleEntry): { severity?: SeveritySetting; options?: Record<string, unknown>; optionsPath: PropertyKey[] } {
  if (typeof entry === 'string') return { severity: entry, optionsPath: [] };
  if (Array.isArray(entry)) {
    const [severity, options] = entry;
    return { severity, ...(options !== undefined && { options }), optionsPath: [1] };
  }
  return {
    ...(entry.severity !== undefined && { severity: entry.severity }),
    ...(entry.options !== undefined && { options: entry.options }),
    optionsPath: ['options'],
  };
}

function configIssue(loaded: LoadedConfig, error: z.ZodError, prefix: PropertyKey[]): ConfigError {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const label = [...path, ...(unknownKey === undefined ? [] : [unknownKey])].map(String).join('.');
  const message =
    unknownKey !== undefined
      ? 'unknown key'
      : issue?.code === 'invalid_union' && path[0] === 'rules' && path.length === 2
        ? 'expected a severity (off, info, warning, error), [severity, options] or {severity, options}'
        : (issue?.message ?? 'invalid configuration');
  const location = unknownKey === undefined ? loaded.locate(path) : loaded.locate([...path, unknownKey], true);
  return new ConfigError(`${label || 'config'}: ${describeIssue(message)}`, location ?? (loaded.file ? { file: loaded.file, line: 1, column: 1 } : undefined));
}

/** zod's messages start with "Invalid input: "; the path already says what was invalid. */
function describeIssue(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

