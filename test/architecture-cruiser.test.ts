import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

// The layers of STYLE.md §2 and the promises of SECURITY.md, checked with dependency-cruiser and
// the rules in .dependency-cruiser.cjs: on the sources as they are, and on a copy with violations
// injected, which proves that each rule catches what it is there to catch.
const ROOT = join(import.meta.dirname, '..');

/** Every violation found under `baseDir`, as `rule: from → to` (cycles as `no-circular: from`). */
async function violations(baseDir: string): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const result = await cruise(['src', 'rules'], { ...options, baseDir, validate: true }, {}, { tsConfig: extractTSConfig(join(baseDir, 'tsconfig.json')) });
  // Safe: with the default output type, cruise returns the result object, not formatted text.
  const output = result.output as ICruiseResult;
  expect(output.summary.totalCruised).toBeGreaterThan(100);
  return output.summary.violations.map((violation) =>
    violation.rule.name === 'no-circular'
      ? `no-circular: ${[violation.from, ...(violation.cycle ?? []).map((step) => step.name)].join(' → ')}`
      : `${violation.rule.name}: ${violation.from} → ${violation.to}`,
  );
}

describe('dependency rules (.dependency-cruiser.cjs)', () => {
  it('finds no layer violation, import cycle, disk access out of place or network module in the sources', async () => {
    expect(await violations(ROOT)).toEqual([]);
  });

  describe('on a copy with injected violations', () => {
    const copy = mkdtempSync(join(tmpdir(), 'coordlint-architecture-'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    cpSync(join(ROOT, 'rules'), join(copy, 'rules'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.json'), join(copy, 'tsconfig.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const inject = (file: string, line: string): void => appendFileSync(join(copy, file), `\n${line}\n`);
    inject('src/extract/values.ts', "import type { CliIo } from '../cli.js';\nexport type Injected = CliIo;");
    inject('src/link/link.ts', "import '../cli.js';");
    inject('src/engine/run-rules.ts', "import '../report/json.js';");
    inject('src/metrics/pairs.ts', "import '../../rules/index.js';");
    inject('src/graph/reach.ts', "import '../metrics/index.js';");
    inject('src/metrics/thresholds.ts', "import './regime.js';");
    inject('src/report/stylish.ts', "import 'node:https';");
    inject('src/extract/crewai.ts', "import 'node:child_process';");
    inject('src/report/json.ts', "import 'node:fs';");
    inject('rules/orphan-agent.ts', "import 'node:path';");
    const found = violations(copy);

    const cases: Array<[string, string]> = [
      ['extract → cli (a type-only import)', 'extract-not-downstream: src/extract/values.ts → src/cli.ts'],
      ['link → cli', 'link-not-downstream: src/link/link.ts → src/cli.ts'],
      ['engine → report', 'engine-not-downstream: src/engine/run-rules.ts → src/report/json.ts'],
      ['metrics → rules', 'metrics-not-downstream: src/metrics/pairs.ts → rules/index.ts'],
      ['graph → metrics', 'graph-not-downstream: src/graph/reach.ts → src/metrics/index.ts'],
      ['an import cycle inside one layer (metrics/regime ⇄ metrics/thresholds)', 'no-circular: src/metrics/regime.ts → src/metrics/thresholds.ts → src/metrics/regime.ts'],
      ['a reporter reaching the network', 'never-executes-or-reaches-the-network: src/report/stylish.ts → https'],
      ['an extractor starting a process', 'never-executes-or-reaches-the-network: src/extract/crewai.ts → child_process'],
      ['a reporter touching the disk', 'only-io-modules-touch-the-disk: src/report/json.ts → fs'],
      ['a rule importing a Node module', 'rules-use-no-node-or-parsers: rules/orphan-agent.ts → path'],
    ];
    for (const [what, violation] of cases) {
      it(`catches ${what}`, async () => {
        expect(await found).toContain(violation);
      });
    }

    it('reports nothing it was not given', async () => {
      const expected = new Set(cases.map(([, violation]) => violation));
      const unexpected = (await found).filter((violation) => !expected.has(violation) && !violation.startsWith('no-circular: '));
      expect(unexpected).toEqual([]);
    });
  });
});
