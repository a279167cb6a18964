import { adviceMarkdown } from './advice.js';
import type { Finding, LintResult, SystemResult } from '../model/index.js';
import { nextDepthStep, nextTransition } from '../metrics/regime.js';
import { buildGraphView } from './graph-view.js';
import { renderMermaid } from './mermaid.js';
import { escapeCell, nobodyDirects, percent, plural, withinTarget } from './text.js';
import type { ReportOptions } from './types.js';

/** Up to this many multi-agent systems, every one gets its own section, findings or not. */
const SMALL_PROJECT_SYSTEMS = 10;

/** How a system's picture is embedded: a Mermaid fence for Markdown, inline SVG for HTML. */
export type DiagramRenderer = (system: SystemResult, findings: readonly Finding[]) => string;

const mermaidFence: DiagramRenderer = (system, findings) => `\`\`\`mermaid\n${renderMermaid(buildGraphView(system, findings))}\`\`\``;

/**
 * The design review: a summary, then per system a regime card, a diagram and the findings
 * grouped by rule, then a checklist of what to change. Deterministic: no clock, sorted input.
 */
export default function formatReview(result: LintResult, options: ReportOptions, diagram: DiagramRenderer = mermaidFence): string {
  const lines: string[] = ['# Agent architecture review', ''];
  const { summary } = result;
  const agents = result.systems.reduce((sum, system) => sum + system.metrics.agents, 0);
  const humans = result.systems.reduce((sum, system) => sum + system.metrics.humans, 0);
  lines.push('## Summary', '');
  lines.push(
    `${plural(summary.systems, 'system')}, ${plural(agents, 'agent')} and ${plural(humans, 'human')} in ${plural(summary.files, 'file')}; ` +
      `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${summary.infos} info.`,
    '',
  );
  // Systems with errors or warnings first, the most severe first; in a small project every
  // multi-agent system gets its section, in a repository only those with findings do, the others
  // one row each, and single-agent systems without findings one line.
  const countsOf = new Map(result.systems.map((system) => [system.model.id, { errors: 0, warnings: 0, infos: 0 }]));
  for (const finding of result.findings) {
    const counts = finding.system === undefined ? undefined : countsOf.get(finding.system);
    if (counts) counts[`${finding.severity}s` as 'errors' | 'warnings' | 'infos']++;
  }
  const counted = (system: SystemResult) => countsOf.get(system.model.id) ?? { errors: 0, warnings: 0, infos: 0 };
  const flagged = result.systems
    .filter((system) => counted(system).errors + counted(system).warnings > 0)
    .sort((a, b) => counted(b).errors - counted(a).errors || counted(b).warnings - counted(a).warnings || (a.model.id < b.model.id ? -1 : 1));
  const clean = result.systems.filter((system) => counted(system).errors + counted(system).warnings === 0);
  const cleanMulti = clean.filter((system) => system.metrics.agents >= 2);
  const small = result.systems.filter((system) => system.metrics.agents >= 2).length <= SMALL_PROJECT_SYSTEMS;
  const detailed = small ? [...flagged, ...cleanMulti] : flagged;
  const row = (system: SystemResult, linked: boolean): string => {
    const { metrics } = system;
    const counts = counted(system);
    const name = linked ? `[${escapeCell(system.model.id)}](#${anchor(system.model.id)})` : escapeCell(system.model.id);
    return `| ${name} | ${metrics.regime} | ${metrics.agents} | ${metrics.topology} | ${metrics.depth} / ${metrics.requiredDepth} | ${counts.errors} | ${counts.warnings} | ${counts.infos} |`;
  };
  const header = ['| system | regime | agents | topology | depth / required | errors | warnings | infos |', '|---|---|---|---|---|---|---|---|'];
  if (detailed.length > 0) {
    lines.push(...header);
    for (const system of detailed) lines.push(row(system, true));
    lines.push('');
  }
  const unattached = result.findings.filter((finding) => finding.system === undefined && finding.severity !== 'info');
  if (unattached.length > 0) {
    lines.push('### Files that could not be checked', '');
    for (const finding of unattached) lines.push(`- ${findingLine(finding, options)}`);
    lines.push('');
  }

  for (const system of detailed) {
    const own = result.findings.filter((finding) => finding.system === system.model.id);
    lines.push(`## System: ${system.model.id}`, '', `<a id="${anchor(system.model.id)}"></a>`, '');
    if (system.model.description) lines.push(system.model.description, '');
    lines.push(`Framework: ${system.model.framework}. Defined in ${system.model.sources.map((source) => `\`${source}\``).join(', ')}.`, '');
    lines.push('### Regime card', '', ...regimeCard(system, own), '');
    lines.push('### Coordination graph', '', diagram(system, own), '');
    const advice = result.advice?.find((item) => item.system === system.model.id && item.proposal !== undefined);
    if (advice) lines.push('### Restructuring advice', '', adviceMarkdown([advice], null), '');
    lines.push('### Findings', '');
    if (own.length === 0) {
      lines.push('No findings.', '');
      continue;
    }
    for (const [ruleId, findings] of groupByRule(own)) {
      lines.push(`#### ${ruleId} (${findings.length})`, '');
      for (const finding of findings) lines.push(`- ${findingLine(finding, options)}`);
      lines.push('');
    }
  }

  const tabled = small ? [] : cleanMulti;
  const singles = clean.filter((system) => system.metrics.agents < 2).length;
  if (tabled.length > 0 || singles > 0) {
    lines.push('## Systems without findings', '');
    if (tabled.length > 0) {
      lines.push(...header);
      for (const system of tabled) lines.push(row(system, false));
      lines.push('');
    }
    if (singles > 0) lines.push(`${plural(singles, 'single-agent system')} without findings ${singles === 1 ? 'is' : 'are'} not listed (\`coordlint --format json\` has every system).`, '');
  }

  lines.push('## Checklist', '');
  // What to change: errors and warnings (infos say where coordlint could not see; --verbose lists them).
  const actions = result.findings.filter((finding) => finding.severity !== 'info' && (finding.suggestion !== undefined || finding.severity === 'error'));
  if (actions.length === 0) lines.push('Nothing to change.', '');
  for (const finding of actions) {
    const where = `${finding.location.file}:${finding.location.line}`;
    const what = finding.suggestion ?? `Fix: ${finding.message}`;
    lines.push(`- [ ] ${finding.system ? `**${finding.system}** — ` : ''}${what} (${finding.ruleId}, [${where}](${link(finding, options)}))`);
  }
  lines.push('');
  return lines.join('\n');
}

function regimeCard(system: SystemResult, findings: readonly Finding[]): string[] {
  const { metrics } = system;
  // Within its target or not, as the rules judge it on this system.
  const fires = (rule: string): boolean => findings.some((finding) => finding.ruleId === rule && finding.severity !== 'info');
  const verdict = (measure: Parameters<typeof withinTarget>[0]): string => (withinTarget(measure, fires, metrics) ? '✔ yes' : '✖ no');
  const transition = nextTransition(metrics.agents);
  const depthStep = nextDepthStep(metrics.agents);
  const next = transition
    ? `${transition.becomes} at ${transition.atAgents} agents (${transition.atAgents - metrics.agents} more); depth ${depthStep.depth} needed from ${depthStep.atAgents} agents`
    : `past the federation threshold (100 agents): domains required; depth ${depthStep.depth} needed from ${depthStep.atAgents} agents`;
  const spanNote =
    metrics.maxSpan > 8
      ? 'over the 5–8 a coordinator can track'
      : metrics.maxSpan === 0
        ? `nobody directs the others: ${nobodyDirects(metrics.agents)}`
        : 'within 5–8';
  return [
    '| measure | value | expected | within |',
    '|---|---|---|---|',
    `| regime | ${metrics.regime} | | |`,
    `| agents (N) | ${metrics.agents} | humans: ${metrics.humans} | |`,
    `| topology | ${metrics.topology} | | |`,
    `| depth | ${metrics.depth} | ${metrics.requiredDepth} required (ceil(log₇ N)) | ${verdict('depth')} |`,
    `| max span | ${metrics.maxSpan} | ${spanNote} | ${verdict('span')} |`,
    `| communicating pairs | ${metrics.pairs} | of ${metrics.potentialPairs} potential | ${verdict('pairs')} |`,
    `| coupling | ${metrics.coupling.tight} tight · ${metrics.coupling.medium} medium · ${metrics.coupling.loose} loose | prefer loose past 10 agents | ${verdict('coupling')} |`,
    `| coordinating roles | ${percent(metrics.coordinationRatio)} | expected overhead ${percent(metrics.overheadBand[0])}–${percent(metrics.overheadBand[1])} | ${verdict('ratio')} |`,
    `| next transition | ${next} | | |`,
  ];
}

function groupByRule(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of [...findings].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))) {
    groups.set(finding.ruleId, [...(groups.get(finding.ruleId) ?? []), finding]);
  }
  return groups;
}

function findingLine(finding: Finding, options: ReportOptions): string {
  const where = `${finding.location.file}:${finding.location.line}`;
  return `**${finding.severity}** [${where}](${link(finding, options)}) — ${finding.message}${finding.suggestion ? ` *${finding.suggestion}*` : ''}`;
}

/** A link from the review to the finding's line (GitHub's #L anchor). */
function link(finding: Finding, options: ReportOptions): string {
  return `${options.linkBase ?? ''}${encodeURI(finding.location.file)}#L${finding.location.line}`;
}

/** A stable HTML anchor for a system id. */
function anchor(id: string): string {
  return `system-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}
