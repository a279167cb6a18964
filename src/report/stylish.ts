import type { Finding, LintResult } from '../model/index.js';
import type { ReportOptions } from './types.js';

const COLORS = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;

/** ESLint-style text: findings grouped by file, then a count and one line per system measured. */
export default function formatStylish(result: LintResult, options: ReportOptions): string {
  const paint = (color: keyof typeof COLORS, text: string): string =>
    options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.location.file) ?? [];
    list.push(finding);
    byFile.set(finding.location.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(paint('underline', file));
    const rows = findings.map((finding) => [
      `${finding.location.line}:${finding.location.column}`,
      finding.severity,
      finding.message,
      finding.ruleId,
    ]);
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
    rows.forEach((row, index) => {
      const finding = findings[index] as Finding;
      const severity = (row[1] ?? '').padEnd(widths[1] ?? 0);
      const colored = finding.severity === 'error' ? paint('red', severity) : finding.severity === 'warning' ? paint('yellow', severity) : paint('cyan', severity);
      lines.push(`  ${paint('dim', (row[0] ?? '').padEnd(widths[0] ?? 0))}  ${colored}  ${(row[2] ?? '').padEnd(widths[2] ?? 0)}  ${paint('dim', row[3] ?? '')}`);
      if (finding.suggestion) lines.push(`  ${' '.repeat(widths[0] ?? 0)}  ${' '.repeat(widths[1] ?? 0)}  ${paint('dim', `→ ${finding.suggestion}`)}`);
    });
    lines.push('');
  }
  const { errors, warnings, infos } = result.summary;
  const total = errors + warnings + infos;
  if (total > 0) {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`;
    lines.push(paint('bold', errors > 0 ? paint('red', summary) : paint('yellow', summary)));
  } else {
    lines.push(`✔ no problems in ${result.summary.files} file${result.summary.files === 1 ? '' : 's'}`);
  }
  if (result.systems.length > 0 && !options.quiet) {
    lines.push('');
    for (const { model, metrics } of result.systems) {
      lines.push(
        `${paint('bold', model.id)}: ${metrics.agents} agent${metrics.agents === 1 ? '' : 's'}, ${metrics.regime} regime, ${metrics.topology}, ` +
          `depth ${metrics.depth}/${metrics.requiredDepth} required, max span ${metrics.maxSpan}, ` +
          `${metrics.pairs}/${metrics.potentialPairs} pairs, coordination roles ${Math.round(metrics.coordinationRatio * 100)}%, ` +
          `expected overhead ${Math.round(metrics.overheadBand[0] * 100)}–${Math.round(metrics.overheadBand[1] * 100)}%`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
