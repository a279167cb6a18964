import { z } from 'zod';
import type { CoordinationGraph } from '../graph/build-graph.js';
import type { RuleMetrics } from '../metrics/index.js';
import type { DataValue, Location, Severity, SystemModel } from '../model/index.js';

export type RuleCategory = 'correctness' | 'scale' | 'flow' | 'resilience' | 'oversight';
export type Preset = 'recommended' | 'strict';

/** Where rule documentation lives; a finding links to `<base><id>.md`. */
export const DOCS_BASE_URL = 'https://github.com/coordlint/coordlint/blob/main/docs/rules/';

/** A message template, or a template with a severity of its own (DESIGN gives some cases one). */
export type MessageSpec = string | { text: string; severity: Severity };

export interface RuleMeta<Options extends z.ZodObject, MessageId extends string> {
  id: string;
  category: RuleCategory;
  severity: Severity;
  preset: Preset;
  description: string;
  /** A heading of the seed document (listed in docs/seed-sections.md) and why the rule follows from it. */
  seed: { section: string; why: string };
  options: Options;
  messages: Record<MessageId, MessageSpec>;
  /** Kept out of presets until tried on real projects. */
  experimental?: boolean;
  /** Option values the `strict` preset sets (a user's own options still win). */
  strictOptions?: Partial<z.input<Options>>;
}

/** Anything a finding can point at: a model element (agent, human, edge, system) or a location. */
export type Target = { location: Location } | Location;

export interface ReportDescriptor<MessageId extends string> {
  messageId: MessageId;
  data: Record<string, DataValue>;
  at: Target;
  related?: Array<{ at: Target; message: string }>;
  suggestion?: string;
}

export type Report<MessageId extends string> = (descriptor: ReportDescriptor<MessageId>) => void;

/** What a system rule's `check` receives, once per system. */
export interface RuleContext<Options, MessageId extends string> {
  system: SystemModel;
  graph: CoordinationGraph;
  metrics: RuleMetrics;
  options: Options;
  report: Report<MessageId>;
}

/** A problem met while reading or linking inputs, before any system existed. */
export interface InputProblem {
  ruleId: string;
  message: string;
  location: Location;
}

/** What an input rule's `checkInputs` receives, once per run. */
export interface InputContext<Options, MessageId extends string> {
  problems: readonly InputProblem[];
  options: Options;
  report: Report<MessageId>;
}

export interface RuleDefinition<Options extends z.ZodObject, MessageId extends string> {
  meta: RuleMeta<Options, MessageId>;
  check?: (context: RuleContext<z.output<Options>, MessageId>) => void;
  checkInputs?: (context: InputContext<z.output<Options>, MessageId>) => void;
}

/** A registered rule with its types erased, as the engine holds it. */
export interface Rule {
  meta: Omit<RuleMeta<z.ZodObject, string>, 'messages'> & { docs: string; messages: Record<string, MessageSpec> };
  /** Validates raw options and fills in defaults; throws a ZodError on bad input. */
  parseOptions(raw: unknown): Record<string, unknown>;
  check?: (context: RuleContext<Record<string, unknown>, string>) => void;
  checkInputs?: (context: InputContext<Record<string, unknown>, string>) => void;
}

const metaSchema = z.object({
  id: z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'a rule id is kebab-case'),
  category: z.enum(['correctness', 'scale', 'flow', 'resilience', 'oversight']),
  severity: z.enum(['error', 'warning', 'info']),
  preset: z.enum(['recommended', 'strict']),
  description: z.string().regex(/^[A-Z].*\.$/, 'a description is one sentence ending with a period'),
  seed: z.object({ section: z.string().min(1), why: z.string().min(1) }),
  messages: z.record(z.string(), z.union([z.string(), z.object({ text: z.string(), severity: z.enum(['error', 'warning', 'info']) })])),
});

/**
 * Declares a rule: validates its meta, computes its docs URL, and types its options and message
 * ids from the schema and the message keys. The engine parses options before `check` runs.
 */
export function defineRule<Options extends z.ZodObject, MessageId extends string>(
  definition: RuleDefinition<Options, MessageId>,
): Rule {
  const { meta } = definition;
  metaSchema.parse(meta);
  if (!definition.check && !definition.checkInputs) throw new Error(`rule ${meta.id} has no check`);
  // Safe: the engine only calls `check` with options produced by `parseOptions` below, and with
  // message ids the rule's own `report` calls name, so the erased types hold at run time.
  return {
    meta: { ...meta, docs: `${DOCS_BASE_URL}${meta.id}.md` },
    parseOptions: (raw) => meta.options.parse(raw ?? {}) as Record<string, unknown>,
    ...(definition.check && { check: definition.check as unknown as Rule['check'] }),
    ...(definition.checkInputs && { checkInputs: definition.checkInputs as unknown as Rule['checkInputs'] }),
  };
}

/** Fills `{{name}}` placeholders; a placeholder with no value is a bug in the rule, so it throws. */
export function renderMessage(template: string, data: Record<string, DataValue>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, name: string) => {
    if (!Object.hasOwn(data, name)) throw new Error(`message placeholder {{${name}}} has no value`);
    return String(data[name]);
  });
}

/** The template text of a message spec. */
export function messageText(spec: MessageSpec): string {
  return typeof spec === 'string' ? spec : spec.text;
}
