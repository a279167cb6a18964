import { join } from 'node:path';
import { RULES } from '../../rules/index.js';
import { resolveConfig } from '../../src/config/resolve-config.js';
import type { Rule } from '../../src/engine/define-rule.js';
import { lintPaths, lintSources } from '../../src/lint.js';
import type { LintResult } from '../../src/model/index.js';
import { run } from '../../src/cli.js';
import { dedent } from './dedent.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The path every inline manifest is given. */
export const INLINE_FILE = 'coordlint.yaml';

/** A config with only `rule` on, at its default severity, with these options. */
export function onlyRule(rule: Rule, options: Record<string, unknown> = {}) {
  return resolveConfig({ raw: { rules: Object.fromEntries(RULES.map((each) => [each.meta.id, each === rule ? { options } : 'off'])) }, locate: () => undefined }, RULES);
}

/** The recommended preset. */
export function recommended() {
  return resolveConfig({ raw: {}, locate: () => undefined }, RULES);
}

/** Lints one inline manifest (dedented) with the given config. */
export function lintManifest(text: string, config = recommended(), path = INLINE_FILE): LintResult {
  return lintSources([{ path, text: dedent(text) }], config);
}

/** Lints a fixture folder as a user would from inside it. */
export async function lintFixture(name: string, config = recommended()): Promise<LintResult> {
  return (await lintPaths(['.'], join(FIXTURES, name), config)).result;
}

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { cwd, stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
