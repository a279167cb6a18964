import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { preparePython } from '../../src/extract/python.js';
import type { SourceFile } from '../../src/extract/types.js';
import { lintSources } from '../../src/lint.js';
import { loadFormatter } from '../../src/report/index.js';
import { FIXTURES, recommended } from '../helpers/run.js';
import { fuzzOptions, fuzzTimeout } from './fuzz-settings.js';
import { runGuarded, scratchFolder, WITNESS } from './scratch.js';

// Random damage to real inputs of every kind: manifests, CrewAI YAML and Python, AutoGen and n8n
// JSON, Claude Code agent Markdown, TypeScript agent code, and configurations, in memory and
// through the CLI. Whatever the
// damage, coordlint must not throw, print a stack trace, hang (the test timeout bounds each run),
// or end with an exit code other than 0, 1 or 2.

/** Fixture folders by input kind, as seeds to damage: one or two of each. */
const SEEDS = [
  'parse-error-run-goes-on',
  'link-overlay-adds-escalation',
  'crewai-hierarchical-manager',
  'crewai-flow-two-crews',
  'autogen-swarm-user-handoff',
  'autogen-selector-team',
  'n8n-agent-tools-hierarchy',
  'n8n-downstream-send-and-loops',
  'claude-code-review-team',
  'openai-agents-airline-cross-file',
  'langgraph-supervisor-hierarchy',
  'mastra-workflow-parallel-join',
];

/** Text that breaks parsers in interesting ways, in every syntax read. */
const TOKENS = [
  '{', '}', '[', ']', '(', ')', ':', ': ', ',', '\n', '\n  ', '\t', '- ', '"', "'", '`', '#', '\\', '---\n',
  '*a', '&a ', '<<: *a', '!!binary ', '%YAML 1.2\n', '? ', '|\n', '>-\n', '\u0000', '\uFEFF', '\uFFFD', 'é', '😀',
  '__proto__', 'constructor', 'toString', '${', '=>', '/*', '*/', '//', 'new Agent({', 'handoffs: [', 'reportsTo: ',
  'agents:', 'tasks:', 'context: [', '"connections": {', '"participants": [', 'Process.hierarchical', '@CrewBase',
  'class ', 'def ', '@agent', 'import ', 'from ', 'export const ', '.addEdge(', '.then(', 'null', 'true', '-1', '1e309',
];

/** The machine formatters, loaded once (their modules load on demand). */
const FORMATTERS = Object.fromEntries(await Promise.all(['json', 'sarif', 'stylish', 'github'].map(async (format) => [format, await loadFormatter(format)] as const)));

type Mutation = { kind: 'delete' | 'duplicate'; at: number; length: number } | { kind: 'insert'; at: number; token: string } | { kind: 'replace'; at: number; char: string };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }),
);

/** The text with one mutation applied at a position taken modulo its length. */
function mutate(text: string, mutation: Mutation): string {
  const at = text.length === 0 ? 0 : mutation.at % text.length;
  switch (mutation.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + mutation.length);
    case 'duplicate':
      return text.slice(0, at + mutation.length) + text.slice(at);
    case 'insert':
      return text.slice(0, at) + mutation.token + text.slice(at);
    case 'replace':
      return text.slice(0, at) + mutation.char + text.slice(at + 1);
  }
}

const seeds = new Map<string, SourceFile[]>();

beforeAll(async () => {
  await preparePython();
  for (const name of SEEDS) seeds.set(name, discover(['.'], join(FIXTURES, name), [], { includeTests: true }).files.map((file) => ({ ...file, path: `${name}/${file.path}` })));
});

describe('damaged inputs of every kind', () => {
  const ciRuns = 120;
  it(
    'never make the pipeline or a formatter throw',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...SEEDS), fc.nat(), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), (name, pick, mutations) => {
          const files = seeds.get(name) ?? [];
          expect(files.length).toBeGreaterThan(0);
          const target = pick % files.length;
          const damaged = files.map((file, index) => (index === target ? { ...file, text: mutations.reduce(mutate, file.text) } : file));
          const result = lintSources(damaged, recommended());
          for (const format of ['json', 'sarif', 'stylish', 'github']) {
            const formatter = FORMATTERS[format];
            expect(formatter?.(result, { color: false, quiet: false, linkBase: '', toolVersion: '0.0.0' })).toEqual(expect.any(String));
          }
          for (const finding of result.findings) {
            expect(finding.location.line).toBeGreaterThanOrEqual(1);
            expect(finding.location.column).toBeGreaterThanOrEqual(1);
          }
        }),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 200),
  );
});

describe('damaged inputs through the CLI', () => {
  const project = scratchFolder('fuzz-cli');
  const ciRuns = 25;
  it(
    'end with exit 0, 1 or 2, and with 2 only for want of a system, never an internal error',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...SEEDS), fc.nat(), fc.array(mutationArbitrary, { minLength: 1, maxLength: 6 }), async (name, pick, mutations) => {
          const files = seeds.get(name) ?? [];
          const target = pick % files.length;
          const cwd = project(Object.fromEntries(files.map((file, index) => [file.path, index === target ? mutations.reduce(mutate, file.text) : file.text])));
          const { code, stderr } = await runGuarded(['--format', 'json'], cwd);
          if (code === 2) expect(stderr).toMatch(/^coordlint: no agent system found in \. \(use --allow-empty to accept\)\n/);
        }),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 300),
  );
});

describe('damaged configurations', () => {
  const project = scratchFolder('fuzz-config');
  const CONFIGS = [
    'extends: strict\nrules:\n  span-of-control: [warning, {max: 6}]\n  regime-mismatch: error\n  premature-hierarchy: off\nignore:\n  - examples/**\nincludeTests: false\nmaxFileBytes: 100000\n',
    '{"extends": ["recommended"], "rules": {"no-bypass-channel": {"severity": "error", "options": {"minAgents": 3}}, "cascade-chain": ["info", {"maxTight": 3}]}}\n',
    '# flat on purpose\nrules:\n  span-of-control: [warning, {max: 9}]\n  regime-mismatch: off\n',
  ];
  const ciRuns = 40;
  it(
    'end with exit 0, 1 or 2 and at most one line of explanation, never an internal error',
    async () => {
      const cwd = project({ 'witness.coordlint.yaml': WITNESS });
      const folder = mkdtempSync(join(cwd, 'run-'));
      writeFileSync(join(folder, 'witness.coordlint.yaml'), WITNESS);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...CONFIGS), fc.constantFrom('.coordlintrc.yaml', '.coordlintrc.json'), fc.array(mutationArbitrary, { minLength: 1, maxLength: 5 }), async (seed, name, mutations) => {
          writeFileSync(join(folder, '.coordlintrc.yaml'), '');
          writeFileSync(join(folder, '.coordlintrc.json'), '');
          writeFileSync(join(folder, name), mutations.reduce(mutate, seed));
          const { code, stderr } = await runGuarded(['--format', 'json', '--config', name], folder);
          if (code === 2) expect(stderr).toMatch(/^coordlint: [^\n]+\n$/);
        }),
        fuzzOptions(ciRuns),
      );
    },
    fuzzTimeout(ciRuns, 100),
  );
});
