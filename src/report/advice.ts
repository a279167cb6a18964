import type { ProposalAdvice, SystemAdvice } from '../model/index.js';
import { nobodyDirects, percent, withinTarget } from './text.js';

/** The span a coordinator keeps track of well (seed: Perspective 7). */
const SPAN_TARGET = '5–8';

/** Each measure with its target and whether it is within it, as lines of text. */
function standingLines(advice: SystemAdvice): Array<[string, boolean | undefined]> {
  const s = advice.standing;
  // Within target or not, as the rules judge it (a pair count over 45 is fine while nobody talks to more than 6).
  const fires = (rule: string): boolean => advice.scaleFindings.includes(rule);
  const within = (measure: Parameters<typeof withinTarget>[0]): boolean => withinTarget(measure, fires, s);
  const lines: Array<[string, boolean | undefined]> = [];
  lines.push([`depth ${s.depth} — ${s.agents} agents need ${s.requiredDepth} ${s.requiredDepth === 1 ? 'level' : 'levels'}`, within('depth')]);
  const span = s.maxSpan === 0 ? `nobody directs the others — ${nobodyDirects(s.agents)}` : `max span ${s.maxSpan} (${s.coordinators} ${s.coordinators === 1 ? 'coordinator' : 'coordinators'}) — target ${SPAN_TARGET}`;
  lines.push([span, within('span')]);
  lines.push([`${s.pairs} communicating pairs of ${s.potentialPairs} possible — more than 45 is too many once agents talk to more than 6 others`, within('pairs')]);
  lines.push([`coupling: ${s.coupling.tight} tight, ${s.coupling.medium} medium, ${s.coupling.loose} loose edges`, undefined]);
  if (s.agents >= 5) lines.push([`coordination ratio ${percent(s.coordinationRatio)} — keep at or under 40%`, within('ratio')]);
  if (s.overheadBand[1] > 0) lines.push([`expected coordination overhead ${percent(s.overheadBand[0])}–${percent(s.overheadBand[1])} of the effort at this size`, undefined]);
  return lines;
}

function transitionLines(advice: SystemAdvice): string[] {
  const { transition } = advice;
  const lines: string[] = [];
  if (transition.regime) lines.push(`becomes ${transition.regime.becomes} at ${transition.regime.atAgents} agents`);
  lines.push(`needs depth ${transition.depth.depth} from ${transition.depth.atAgents} agents`);
  if (transition.firstCeiling) lines.push(`growing the way it would (more workers under its coordinators), ${transition.firstCeiling.rule} starts to fire at ${transition.firstCeiling.atAgents} agents`);
  else lines.push('growing the way it would, no rule starts to fire within the next 40 agents');
  return lines;
}

function proposalSummary(proposal: ProposalAdvice): string {
  if (proposal.kind === 'flatten') return `flatten: every worker directly under ${proposal.primary}`;
  if (proposal.kind === 'consolidate') return `consolidate: ${proposal.groups.map((group) => group.name).join('; ')}`;
  if (proposal.kind === 'exceptions') return `report exceptions instead of continuous status (${proposal.groups[0]?.members.length ?? 0} agents)`;
  const at = (level: number): number => proposal.groups.filter((group) => group.level === level).length;
  const under = `${proposal.primary}${proposal.primaryIsNew ? ' (new)' : ''}`;
  const largest = Math.max(...proposal.groups.filter((group) => group.level === 1).map((group) => group.members.length + (group.leadIsNew ? 0 : 1)));
  if (at(2) === 0) return `group into ${at(1)} domains of at most ${largest} under ${under}`;
  return `group into ${at(1)} teams of at most ${largest}, in ${at(2)} domains${at(3) > 0 ? ` and ${at(3)} divisions` : ''}, under ${under}`;
}

const MEASURES: Array<[keyof ProposalAdvice['before'], string]> = [
  ['agents', 'agents'],
  ['maxSpan', 'max span'],
  ['depth', 'depth'],
  ['requiredDepth', 'required depth'],
  ['pairs', 'pairs'],
  ['crossDomainEdges', 'cross-domain edges'],
];

/** `coordlint advise` as plain text. */
export function adviceText(advice: readonly SystemAdvice[]): string {
  const out: string[] = [];
  for (const item of advice) {
    const s = item.standing;
    out.push(`${item.system} — ${item.framework}, ${s.regime}, ${s.agents} agents, ${s.topology}`);
    out.push('  Where it stands');
    for (const [line, ok] of standingLines(item)) out.push(`    ${ok === undefined ? ' ' : ok ? '✔' : '✖'} ${line}`);
    out.push('  Next transition');
    for (const line of transitionLines(item)) out.push(`    ${line}`);
    if (item.proposal) {
      const proposal = item.proposal;
      out.push(`  Proposal: ${proposalSummary(proposal)}`);
      if (proposal.kind === 'group' || proposal.kind === 'flatten') {
        for (const group of [...proposal.groups].sort((a, b) => b.level - a.level)) {
          out.push(`    ${group.name}: ${group.lead}${group.leadIsNew ? ' (new lead)' : ''} directs ${group.members.join(', ')}`);
        }
      }
      out.push(`    ${'measure'.padEnd(20)}${'before'.padStart(8)}${'after'.padStart(8)}`);
      for (const [key, label] of MEASURES) out.push(`    ${label.padEnd(20)}${String(proposal.before[key]).padStart(8)}${String(proposal.after[key]).padStart(8)}`);
      out.push(`    clears: ${proposal.cleared.join(', ') || 'nothing'}`);
      out.push(`    still reported on the proposal: ${proposal.remaining.join(', ') || 'nothing'}`);
      out.push(`    how: ${proposal.frameworkAdvice}`);
    } else if (item.scaleFindings.length === 0) {
      out.push('  No restructuring needed: no scale rule fires.');
    } else {
      out.push(`  No structural proposal for ${item.scaleFindings.join(', ')}: see coordlint rules <id>.`);
    }
    if (item.growth) {
      out.push(`  Growing to ${item.growth.to} agents`);
      if (item.growth.ceilings.length === 0) out.push('    no rule starts to fire');
      for (const ceiling of item.growth.ceilings) out.push(`    ${ceiling.rule} starts to fire at ${ceiling.atAgents} agents`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}

/** `coordlint advise` (and the review's advice section) as Markdown. */
export function adviceMarkdown(advice: readonly SystemAdvice[], heading: string | null = '##'): string {
  const out: string[] = [];
  for (const item of advice) {
    const s = item.standing;
    if (heading !== null) out.push(`${heading} ${item.system}`, '', `${item.framework}, ${s.regime} regime, ${s.agents} agents, ${s.topology}.`, '');
    for (const [line, ok] of standingLines(item)) out.push(`- ${ok === undefined ? '' : ok ? '✔ ' : '✖ '}${line}`);
    out.push('', '**Next transition.** ' + transitionLines(item).join('; ') + '.', '');
    if (item.proposal) {
      const proposal = item.proposal;
      out.push(`**Proposal:** ${proposalSummary(proposal)}.`, '');
      if (proposal.kind === 'group' || proposal.kind === 'flatten') {
        for (const group of [...proposal.groups].sort((a, b) => b.level - a.level)) {
          out.push(`- \`${group.name}\`: \`${group.lead}\`${group.leadIsNew ? ' (new lead)' : ''} directs ${group.members.map((member) => `\`${member}\``).join(', ')}`);
        }
      }
      out.push('', '| measure | before | after |', '|---|---|---|');
      for (const [key, label] of MEASURES) out.push(`| ${label} | ${proposal.before[key]} | ${proposal.after[key]} |`);
      out.push('', `Clears: ${proposal.cleared.join(', ') || 'nothing'}. Still reported on the proposal: ${proposal.remaining.join(', ') || 'nothing'}.`, '', `How: ${proposal.frameworkAdvice}`, '');
    } else if (item.scaleFindings.length === 0) {
      out.push('No restructuring needed: no scale rule fires.', '');
    }
    if (item.growth) {
      out.push(`**Growing to ${item.growth.to} agents:** ${item.growth.ceilings.map((ceiling) => `${ceiling.rule} at ${ceiling.atAgents}`).join(', ') || 'no rule starts to fire'}.`, '');
    }
  }
  return out.join('\n');
}
