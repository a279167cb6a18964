import type { Finding, LintResult } from '../model/index.js';
import type { ReportOptions } from './types.js';

const COLORS = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, underline: 4 } as const;

/**
 * ESLint-style text for people: errors and warnings grouped by file, each with its suggestion;
 * infos only with `verbose` (a line says how many there are); then a summary: counts by severity
 * and by rule (most frequent first), and one line per system that has findings.
 */
export default function formatStylish(result: LintResult, options: ReportOptions): string {
  const paint = (color: keyof typeof COLORS, text: string): string =>
    options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text;
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const shown = result.findings.filter((finding) => finding.severity !== 'info' || options.verbose === true);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of shown) byFile.set(finding.location.file, [...(byFile.get(finding.location.file) ?? []), finding]);
  for (const [file, findings] of byFile) {
    lines.push(paint('underline', file));
    const rows = findings.map((finding) => [`${finding.location.line}:${finding.location.column}`, finding.severity, finding.message, finding.ruleId]);
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
  const hidden = options.hidden ?? { warnings: 0, infos: 0 };
  const notes: string[] = [];
  if (infos > 0 && options.verbose !== true) notes.push(`${plural(infos, 'info')} not shown (--verbose, or --format json, lists them)`);
  if (hidden.warnings > 0) notes.push(`${plural(hidden.warnings, 'warning')} hidden by --quiet`);
  if (hidden.infos > 0 && infos === 0) notes.push(`${plural(hidden.infos, 'info')} hidden by --quiet`);
  if ((result.summary.suppressed ?? 0) > 0) notes.push(`${plural(result.summary.suppressed ?? 0, 'finding')} hidden by suppression comments`);
  const baseline = options.baseline;
  if (baseline && baseline.hidden > 0) notes.push(`${plural(baseline.hidden, 'finding')} hidden by the baseline ${baseline.file}`);
  if (baseline && baseline.fixed > 0) notes.push(`${plural(baseline.fixed, 'baselined finding')} no longer ${baseline.fixed === 1 ? 'occurs' : 'occur'}: --update-baseline drops ${baseline.fixed === 1 ? 'it' : 'them'}`);
  const counted = errors + warnings;
  if (counted > 0) {
    const summary = `✖ ${plural(counted, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
    lines.push(paint('bold', errors > 0 ? paint('red', summary) : paint('yellow', summary)));
  } else {
    // Under --quiet with warnings hidden, "no problems" would be untrue: only errors were looked at.
    lines.push(`✔ no ${hidden.warnings > 0 ? 'errors' : 'problems'} in ${plural(result.summary.files, 'file')}`);
  }
  for (const note of notes) lines.push(paint('dim', `  ${note}`));

  const serious = result.findings.filter((finding) => finding.severity !== 'info');
  if (serious.length > 0) {
    const byRule = new Map<string, number>();
    for (const finding of serious) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
    const ranked = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    lines.push('', paint('bold', 'By rule'));
    for (const [rule, count] of ranked) lines.push(`  ${String(count).padStart(4)}  ${rule}`);
  }

  if (!options.quiet) {
    const flagged = new Map<string, { errors: number; warnings: number }>();
    for (const finding of serious) {
      if (finding.system === undefined) continue;
      const counts = flagged.get(finding.system) ?? { errors: 0, warnings: 0 };
      if (finding.severity === 'error') counts.errors++;
      else counts.warnings++;
      flagged.set(finding.system, counts);
    }
    const systems = result.systems.filter(({ model }) => flagged.has(model.id));
    if (systems.length > 0) {
      lines.push('', paint('bold', 'Systems with findings'));
      for (const { model, metrics } of systems) {
        const counts = flagged.get(model.id) ?? { errors: 0, warnings: 0 };
        const found = [counts.errors > 0 ? plural(counts.errors, 'error') : '', counts.warnings > 0 ? plural(counts.warnings, 'warning') : ''].filter(Boolean).join(', ');
        lines.push(`  ${paint('bold', model.id)}: ${metrics.regime}, ${plural(metrics.agents, 'agent')}, ${metrics.topology}, depth ${metrics.depth}/${metrics.requiredDepth}, max span ${metrics.maxSpan} — ${found}`);
      }
    }
    const clean = result.systems.length - systems.length;
    if (clean > 0) lines.push('', paint('dim', `${plural(clean, 'other system')} checked with no findings (coordlint review lists every system).`));
  }
  return `${lines.join('\n')}\n`;
}
