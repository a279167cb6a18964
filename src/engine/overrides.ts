import type { Finding } from '../model/index.js';
import type { ActiveRule } from './run-rules.js';

/** Severities for the findings located in the files a glob matches (config `overrides`). */
export interface FileOverride {
  files: (path: string) => boolean;
  rules: Record<string, 'off' | 'info' | 'warning' | 'error'>;
}

/**
 * Gives each finding the severity the `overrides` entries matching its file set (later entries
 * win), drops those set to `off`, and keeps a rule that is off outside its overrides only in the
 * files they match.
 */
export function applyOverrides(findings: readonly Finding[], rules: readonly ActiveRule[], overrides: readonly FileOverride[]): Finding[] {
  const outsideOnly = new Set(rules.filter((active) => active.onlyInOverrides).map((active) => active.rule.meta.id));
  if (overrides.length === 0) return [...findings];
  const kept: Finding[] = [];
  for (const finding of findings) {
    let setting: string | undefined;
    for (const override of overrides) {
      const chosen = override.rules[finding.ruleId];
      if (chosen !== undefined && override.files(finding.location.file)) setting = chosen;
    }
    if (setting === 'off' || (setting === undefined && outsideOnly.has(finding.ruleId))) continue;
    kept.push(setting === undefined ? finding : { ...finding, severity: setting as Finding['severity'] });
  }
  return kept;
}
