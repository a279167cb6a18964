import type { Finding, Location } from '../model/index.js';
import type { InputProblem } from './define-rule.js';

/**
 * Suppression comments: `coordlint-disable-next-line <rule>[, <rule>] -- <reason>` hides the
 * named rules' findings on the next line that holds something other than comments;
 * `coordlint-disable <rule>[, <rule>] -- <reason>` hides them in the whole file. They are written
 * as the file's own comments: `#` in YAML and Python, `//` or a one-line block comment in code,
 * an HTML comment in Markdown (or `#` inside its front matter). JSON holds no comments: its files
 * are served by `overrides` in the configuration.
 */
export interface Suppression {
  kind: 'next-line' | 'file';
  rules: string[];
  reason: string;
  /** Where the directive is written. */
  location: Location;
  /** The line it covers (next-line only). */
  target?: number;
}

/** How each kind of file writes a comment that may hold a directive. */
const COMMENT_STYLES: ReadonlyArray<{ test: RegExp; directive: RegExp[]; comment: RegExp }> = [
  { test: /\.(ya?ml|py)$/i, directive: [/(?:^|\s)#\s*(coordlint-disable(?:-next-line)?)(?=\s|$)(.*)$/], comment: /^\s*#/ },
  {
    test: /\.[cm]?[jt]sx?$/i,
    directive: [/\/\/\s*(coordlint-disable(?:-next-line)?)(?=\s|$)(.*)$/, /\/\*\s*(coordlint-disable(?:-next-line)?)(?=\s|\*)(.*?)\*\//],
    comment: /^\s*(\/\/|\/\*.*\*\/\s*$)/,
  },
  {
    test: /\.(md|markdown)$/i,
    directive: [/<!--\s*(coordlint-disable(?:-next-line)?)(?=\s|-->)(.*?)-->/, /^\s*#\s*(coordlint-disable(?:-next-line)?)(?=\s|$)(.*)$/],
    comment: /^\s*(<!--.*-->\s*$|#\s*coordlint-)/,
  },
];

/** Every suppression directive in a file's text; none for a file that cannot hold comments. */
export function parseSuppressions(path: string, text: string): Suppression[] {
  const style = COMMENT_STYLES.find((candidate) => candidate.test.test(path));
  if (!style || !text.includes('coordlint-disable')) return [];
  const lines = text.split(/\r?\n/);
  const found: Suppression[] = [];
  lines.forEach((line, index) => {
    if (!line.includes('coordlint-disable')) return;
    for (const pattern of style.directive) {
      const match = pattern.exec(line);
      if (!match) continue;
      const keyword = match[1] as string;
      const { rules, reason } = splitDirective(match[2] ?? '');
      const location = { file: path, line: index + 1, column: line.indexOf(keyword) + 1 };
      if (keyword === 'coordlint-disable') {
        found.push({ kind: 'file', rules, reason, location });
      } else {
        found.push({ kind: 'next-line', rules, reason, location, target: nextContentLine(lines, index, style.comment) });
      }
      return;
    }
  });
  return found;
}

/** `a, b -- why` → rules [a, b] and the reason. */
function splitDirective(body: string): { rules: string[]; reason: string } {
  const at = body.search(/(?:^|\s)--(?:\s|$)/);
  const head = at < 0 ? body : body.slice(0, at);
  const reason = at < 0 ? '' : body.slice(at).replace(/^\s*--/, '').trim();
  return { rules: head.split(/[\s,]+/).filter((rule) => rule !== ''), reason };
}

/** The 1-based number of the first line after `index` that is not blank and not only a comment. */
function nextContentLine(lines: readonly string[], index: number, comment: RegExp): number {
  for (let next = index + 1; next < lines.length; next++) {
    const line = lines[next] as string;
    if (line.trim() === '' || comment.test(line)) continue;
    return next + 1;
  }
  return index + 2;
}

/** What applying the suppressions left: the findings still reported and the directives to report. */
export interface SuppressionOutcome {
  findings: Finding[];
  /** How many findings the comments hid. */
  suppressed: number;
  /** Directives that suppress nothing, name an unknown rule or give no reason (`unused-suppression`). */
  problems: InputProblem[];
}

/**
 * Hides the findings the directives cover and reports each directive that is wrong: one without
 * a reason (it still applies, so the finding is not reported twice), one naming no known rule,
 * one that hid nothing in this run.
 */
export function applySuppressions(
  findings: readonly Finding[],
  suppressions: ReadonlyMap<string, readonly Suppression[]>,
  knownRules: ReadonlySet<string>,
  closest: (id: string) => string | undefined,
): SuppressionOutcome {
  const used = new Map<Suppression, Set<string>>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const directives = suppressions.get(finding.location.file) ?? [];
    const covering = directives.filter(
      (directive) => directive.rules.includes(finding.ruleId) && (directive.kind === 'file' || directive.target === finding.location.line),
    );
    if (covering.length === 0) {
      kept.push(finding);
      continue;
    }
    for (const directive of covering) used.set(directive, (used.get(directive) ?? new Set<string>()).add(finding.ruleId));
  }
  const problems: InputProblem[] = [];
  for (const directives of suppressions.values()) {
    for (const directive of directives) {
      const keyword = directive.kind === 'file' ? 'coordlint-disable' : 'coordlint-disable-next-line';
      if (directive.rules.length === 0) {
        problems.push({ ruleId: 'unused-suppression', message: `${keyword} names no rule; name the rules it hides`, location: directive.location });
        continue;
      }
      const unknown = directive.rules.filter((rule) => !knownRules.has(rule));
      for (const rule of unknown) {
        const hint = closest(rule);
        problems.push({ ruleId: 'unused-suppression', message: `${keyword} names '${rule}', which is no rule${hint ? ` (did you mean '${hint}'?)` : ''}`, location: directive.location });
      }
      if (directive.reason === '') {
        problems.push({ ruleId: 'unused-suppression', message: `${keyword} ${directive.rules.join(', ')} gives no reason; add one after ' -- '`, location: directive.location });
      }
      const idle = directive.rules.filter((rule) => knownRules.has(rule) && !used.get(directive)?.has(rule));
      if (idle.length > 0) {
        const scope = directive.kind === 'file' ? 'in this file' : `on line ${directive.target ?? directive.location.line + 1}`;
        problems.push({ ruleId: 'unused-suppression', message: `${keyword} ${idle.join(', ')} hides nothing: no such finding ${scope}; remove it`, location: directive.location });
      }
    }
  }
  return { findings: kept, suppressed: findings.length - kept.length, problems };
}
