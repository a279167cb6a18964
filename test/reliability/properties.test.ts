import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { lintSources } from '../../src/lint.js';
import { computeMetrics } from '../../src/metrics/index.js';
import { INFRASTRUCTURE_ROLES } from '../../src/model/agent.js';
import formatJson from '../../src/report/json.js';
import { recommended } from '../helpers/run.js';
import { fuzzOptions, fuzzTimeout } from './fuzz-settings.js';

// Properties of the metrics (DESIGN.md, Metrics) on random valid manifests: random sizes, random
// hierarchies, random edges of every kind, random roles, humans and domains.

const ROLES = ['orchestrator', 'lead', 'worker', 'integrator', 'verifier', 'auditor', 'monitor', 'router', 'state-manager'] as const;
const KINDS = ['delegate', 'handoff', 'data', 'approval', 'escalation', 'report', 'peer'] as const;

interface AgentSpec {
  id: string;
  role: (typeof ROLES)[number];
  domain?: string;
  reportsTo?: string;
}
interface EdgeSpec {
  from: string;
  to: string;
  kind: (typeof KINDS)[number];
  coupling?: 'tight' | 'medium' | 'loose';
  fallback?: boolean;
}
interface ManifestSpec {
  name: string;
  agents: AgentSpec[];
  humans: string[];
  edges: EdgeSpec[];
}

/** Agent ids: plain ones, and names of object internals now and then. */
const idArbitrary = fc.oneof(
  { weight: 20, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf') },
);

const COUPLINGS = ['tight', 'medium', 'loose'] as const;

const manifestArbitrary = (maxAgents: number): fc.Arbitrary<ManifestSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/),
      // Sizes spread over the whole range (fast-check's default sizes stay small).
      ids: fc.integer({ min: 1, max: maxAgents }).chain((count) => fc.uniqueArray(idArbitrary, { minLength: count, maxLength: count })),
      humans: fc.uniqueArray(fc.stringMatching(/^human-[a-z]{1,6}$/), { maxLength: 2 }),
    })
    .chain(({ name, ids, humans }) => {
      const count = ids.length;
      const anyone = fc.nat({ max: count + humans.length - 1 });
      const nameOf = (index: number): string => (index < count ? (ids[index] as string) : (humans[index - count] as string));
      const agentArbitrary = (id: string, index: number): fc.Arbitrary<AgentSpec> =>
        fc
          .record({
            role: fc.constantFrom(...ROLES),
            domain: fc.option(fc.constantFrom('billing', 'shipping', 'support'), { nil: undefined }),
            // A forest: an agent reports to one written before it, so reportsTo never cycles.
            boss: index === 0 ? fc.constant(undefined) : fc.option(fc.nat({ max: index - 1 }), { nil: undefined, freq: 3 }),
          })
          .map(({ role, domain, boss }) => ({ id, role, ...(domain !== undefined && { domain }), ...(boss !== undefined && { reportsTo: ids[boss] as string }) }));
      const edgeArbitrary = fc.record({
        from: anyone,
        to: anyone,
        kind: fc.constantFrom(...KINDS),
        coupling: fc.option(fc.constantFrom(...COUPLINGS), { nil: undefined }),
        fallback: fc.option(fc.boolean(), { nil: undefined }),
      });
      return fc.record({
        name: fc.constant(name),
        humans: fc.constant(humans),
        agents: fc.tuple(...ids.map(agentArbitrary)).map((agents) => [...agents]),
        edges: fc.array(edgeArbitrary, { maxLength: Math.min(3 * count, 400) }).map((edges) =>
          edges
            .filter((edge) => edge.from !== edge.to)
            .map((edge): EdgeSpec => ({
              from: nameOf(edge.from),
              to: nameOf(edge.to),
              kind: edge.kind,
              ...(edge.coupling !== undefined && { coupling: edge.coupling }),
              ...(edge.fallback !== undefined && { fallback: edge.fallback }),
            })),
        ),
      });
    });

/** The manifest as JSON text (YAML reads it), with the agents in the given order. */
function manifestText(spec: ManifestSpec, order: readonly number[] = spec.agents.map((_, index) => index)): string {
  const agents: Record<string, unknown> = {};
  for (const index of order) {
    const { id, ...rest } = spec.agents[index] as AgentSpec;
    // defineProperty: an id such as __proto__ must become a key, not the object's prototype.
    Object.defineProperty(agents, id, { value: rest, enumerable: true, writable: true, configurable: true });
  }
  const humans = Object.fromEntries(spec.humans.map((human) => [human, {}]));
  return JSON.stringify({ version: 1, name: spec.name, humans, agents, edges: spec.edges }, null, 1);
}

function lintSpec(spec: ManifestSpec, order?: readonly number[]) {
  return lintSources([{ path: 'coordlint.json', text: manifestText(spec, order) }], recommended());
}

describe('metrics of random valid manifests', () => {
  const ciRuns = 60;
  it(
    'keep pairs ≤ potentialPairs, depth ≤ N−1, and the spans summing to the delegate edges to non-infrastructure agents',
    () => {
      fc.assert(
        fc.property(manifestArbitrary(300), (spec) => {
          const result = lintSpec(spec);
          expect(result.findings.filter((finding) => finding.ruleId === 'parse-error')).toEqual([]);
          expect(result.systems).toHaveLength(1);
          const model = result.systems[0]?.model;
          if (!model) return;
          const metrics = computeMetrics(buildGraph(model));
          const n = spec.agents.length;
          expect(metrics.agents).toBe(n);
          expect(metrics.potentialPairs).toBe((n * (n - 1)) / 2);
          expect(metrics.pairs).toBeLessThanOrEqual(metrics.potentialPairs);
          expect(metrics.depth).toBeGreaterThanOrEqual(0);
          expect(metrics.depth).toBeLessThanOrEqual(Math.max(0, n - 1));
          const roles = new Map(model.agents.map((agent) => [agent.id, agent.role]));
          const delegated = new Set(
            model.edges
              .filter((edge) => edge.kind === 'delegate' && edge.from !== edge.to && roles.has(edge.from) && roles.has(edge.to) && !INFRASTRUCTURE_ROLES.has(roles.get(edge.to) as never))
              .map((edge) => JSON.stringify([edge.from, edge.to])),
          );
          expect(metrics.spans.reduce((sum, entry) => sum + entry.span, 0)).toBe(delegated.size);
          expect(metrics.maxSpan).toBe(Math.max(0, ...metrics.spans.map((entry) => entry.span)));
          expect(metrics.coordinationRatio).toBeGreaterThanOrEqual(0);
          expect(metrics.coordinationRatio).toBeLessThanOrEqual(1);
        }),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 100),
  );
});

describe('order independence', () => {
  const ciRuns = 40;

  /**
   * The JSON report with the places set aside (agents written in another order stand on other
   * lines), agents and edges as sets, and each finding as its rule, severity, system and the set of
   * names it quotes: a message may list the members of a cycle in the order they are written, but
   * the same findings must be made about the same agents.
   */
  function withoutPlaces(json: string): string {
    const report = JSON.parse(json, (key, value: unknown) => (key === 'location' || key === 'related' ? undefined : value)) as {
      systems: Array<{ agents: unknown[]; edges: unknown[] }>;
      findings: Array<{ ruleId: string; severity: string; system: string | null; message: string }>;
    };
    const sorted = (items: unknown[]): unknown[] => items.map((item) => JSON.stringify(item)).sort();
    for (const system of report.systems) {
      system.agents = sorted(system.agents);
      system.edges = sorted(system.edges);
    }
    const names = (message: string): string[] => [...new Set([...message.matchAll(/'([^']*)'/g)].map((match) => match[1] as string))].sort();
    const findings = report.findings.map((finding) => [finding.ruleId, finding.severity, finding.system, names(finding.message)]);
    return JSON.stringify({ ...report, findings: sorted(findings) }, null, 2);
  }

  it(
    'gives the same metrics, agents, edges and findings whatever order the agents are written in',
    () => {
      fc.assert(
        fc.property(
          manifestArbitrary(120).chain((spec) => fc.tuple(fc.constant(spec), fc.shuffledSubarray(spec.agents.map((_, index) => index), { minLength: spec.agents.length }))),
          ([spec, order]) => {
            const options = { color: false, quiet: false, linkBase: '', toolVersion: '0.0.0' };
            const written = formatJson(lintSpec(spec), options);
            const shuffled = formatJson(lintSpec(spec, order), options);
            expect(withoutPlaces(shuffled)).toBe(withoutPlaces(written));
          },
        ),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 100),
  );

  it(
    'gives byte-identical JSON whatever order the files are given in',
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(manifestArbitrary(30), { minLength: 2, maxLength: 4, selector: (spec) => spec.name }).chain((specs) =>
            fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs.map((_, index) => index), { minLength: specs.length })),
          ),
          ([specs, order]) => {
            const files = specs.map((spec) => ({ path: `systems/${spec.name}.coordlint.json`, text: manifestText(spec) }));
            const options = { color: false, quiet: false, linkBase: '', toolVersion: '0.0.0' };
            const inOrder = formatJson(lintSources(files, recommended()), options);
            const reordered = formatJson(lintSources(order.map((index) => files[index] as (typeof files)[number]), recommended()), options);
            expect(reordered).toBe(inOrder);
          },
        ),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 100),
  );
});
