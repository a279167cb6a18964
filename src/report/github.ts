import type { LintResult } from '../model/index.js';
import type { ReportOptions } from './types.js';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub Actions workflow commands, one per finding, shown as annotations on a pull request. */
export default function formatGithub(result: LintResult, _options: ReportOptions): string {
  return result.findings
    .map((finding) => {
      const { location } = finding;
      const properties = [
        `file=${escapeProperty(location.file)}`,
        `line=${location.line}`,
        `col=${location.column}`,
        ...(location.endLine !== undefined ? [`endLine=${location.endLine}`] : []),
        ...(location.endColumn !== undefined ? [`endColumn=${location.endColumn}`] : []),
        `title=${escapeProperty(`coordlint ${finding.ruleId}`)}`,
      ];
      const message = finding.suggestion ? `${finding.message}\n${finding.suggestion}` : finding.message;
      return `::${COMMANDS[finding.severity]} ${properties.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}

/** Escapes a command's message: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property value: what escapeData does, plus : and ,. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
