import type { CoordinationGraph } from '../graph/build-graph.js';
import type { RuleMetrics } from '../metrics/index.js';
import type { DataValue, Finding, Location, Severity, SystemModel } from '../model/index.js';
import { maskSecrets } from './secrets.js';
import { messageText, renderMessage, type InputProblem, type ReportDescriptor, type Rule, type Target } from './define-rule.js';

/** A rule switched on for a run, with its severity and parsed options. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  /** True when the configuration chose the severity; then it wins over a message's own. */
  severityConfigured: boolean;
  options: Record<string, unknown>;
  /** Off in the configuration but on in some `overrides` entry: only those files' findings count. */
  onlyInOverrides?: boolean;
}

export interface CheckedSystem {
  model: SystemModel;
  graph: CoordinationGraph;
  metrics: RuleMetrics;
}

/** An error thrown by a rule, wrapped with the rule id and system so the CLI can say where. */
export class RuleCrash extends Error {
  override name = 'RuleCrash';
  constructor(
    readonly ruleId: string,
    readonly systemId: string | undefined,
    readonly original: unknown,
  ) {
    super(`rule '${ruleId}'${systemId ? ` on system '${systemId}'` : ''}: ${original instanceof Error ? original.message : String(original)}`);
  }
}

/** Runs every active rule: input rules once over the problems, system rules once per system. */
export function runRules(
  rules: readonly ActiveRule[],
  systems: readonly CheckedSystem[],
  problems: readonly InputProblem[],
): Finding[] {
  const findings: Finding[] = [];
  for (const active of rules) {
    const { rule } = active;
    if (rule.checkInputs) {
      const report = reporter(active, undefined, findings);
      guard(rule.meta.id, undefined, () => rule.checkInputs?.({ problems, options: active.options, report }));
    }
    if (!rule.check) continue;
    for (const system of systems) {
      const report = reporter(active, system.model.id, findings);
      guard(rule.meta.id, system.model.id, () =>
        rule.check?.({ system: system.model, graph: system.graph, metrics: system.metrics, options: active.options, report }),
      );
    }
  }
  return sortFindings(withoutRepeats(findings));
}

/**
 * One finding per place and message: an agent that takes part in several systems (one AutoGen
 * agent in three group chats) is reported once where it is defined, under the first system.
 */
function withoutRepeats(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const { file, line, column } = finding.location;
    const key = [finding.ruleId, finding.severity, file, line, column, finding.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function reporter(active: ActiveRule, systemId: string | undefined, findings: Finding[]) {
  const { rule } = active;
  return (descriptor: ReportDescriptor<string>): void => {
    const spec = rule.meta.messages[descriptor.messageId];
    if (spec === undefined) throw new Error(`unknown messageId '${descriptor.messageId}'`);
    const severity = !active.severityConfigured && typeof spec !== 'string' ? spec.severity : active.severity;
    // What the files say is quoted in findings: credentials written there are masked first.
    const data: Record<string, DataValue> = Object.fromEntries(Object.entries(descriptor.data).map(([key, value]) => [key, typeof value === 'string' ? maskSecrets(value) : value]));
    const finding: Finding = {
      ruleId: rule.meta.id,
      messageId: descriptor.messageId,
      severity,
      message: renderMessage(messageText(spec), data),
      location: locationOf(descriptor.at),
      related: (descriptor.related ?? []).map((item) => ({ message: maskSecrets(item.message), location: locationOf(item.at) })),
      data: sortedData(data),
    };
    if (systemId !== undefined) finding.system = systemId;
    if (descriptor.suggestion !== undefined) finding.suggestion = maskSecrets(descriptor.suggestion);
    findings.push(finding);
  };
}

function guard(ruleId: string, systemId: string | undefined, run: () => void): void {
  try {
    run();
  } catch (error) {
    throw new RuleCrash(ruleId, systemId, error);
  }
}

/** The location of a model element (agent, human, edge, system) or a location itself. */
export function locationOf(target: Target): Location {
  return 'location' in target ? target.location : target;
}

function sortedData(data: Record<string, DataValue>): Record<string, DataValue> {
  const sorted: Record<string, DataValue> = {};
  for (const key of Object.keys(data).sort()) sorted[key] = data[key] ?? null;
  return sorted;
}

/** Findings by file, line, column, rule id, message: the order of every output format. */
export function sortFindings(findings: Finding[]): Finding[] {
  const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return findings.sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      compare(a.location.line, b.location.line) ||
      compare(a.location.column, b.location.column) ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.message, b.message) ||
      compare(a.system ?? '', b.system ?? ''),
  );
}
