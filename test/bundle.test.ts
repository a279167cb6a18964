import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from './helpers/run.js';

const ROOT = join(import.meta.dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'cli', 'main.js');

/**
 * The bundled CLI (`npm run build` writes dist/cli/, `npm ci` runs the build) is what `bin` and
 * `npm start` run: it must say what the sources say, in every format, and find the code caches
 * the build recorded.
 */
describe('the bundled CLI', () => {
  it('is built, is what package.json runs, and has its code caches beside it', () => {
    expect(existsSync(BUNDLE), 'dist/cli/main.js is missing: run npm run build').toBe(true);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(pkg.bin.coordlint).toBe('dist/cli/main.js');
    expect(pkg.scripts.start).toContain('node dist/cli/main.js lint fixtures/examples');
    const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'code-cache', 'manifest.json'), 'utf8')) as { node: string; entries: Array<{ file: string }> };
    expect(manifest.node).toBe(process.version);
    expect(manifest.entries.map((entry) => entry.file.split('node_modules/').pop()).sort()).toEqual(['@ts-morph/common/dist/ts-morph-common.js', '@ts-morph/common/dist/typescript.js', 'ts-morph/dist/ts-morph.js']);
  });

  it.each([
    ['lint', '--format', 'json'],
    ['lint', '--format', 'sarif'],
    ['review', '--format', 'markdown'],
    ['graph', '--format', 'dot'],
  ])('prints what the sources print for the examples: %s %s %s', async (command, flag, format) => {
    const cwd = join(FIXTURES, 'examples');
    const bundled = spawnSync(process.execPath, [BUNDLE, command, '.', flag, format], { cwd, encoding: 'utf8' });
    const sources = await runCli([command, '.', flag, format], cwd);
    expect(bundled.status).toBe(sources.code);
    expect(bundled.stdout).toBe(sources.stdout);
  });

  it('exits 2 with the reason on a usage error', () => {
    const result = spawnSync(process.execPath, [BUNDLE, 'lint', '--format', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/argument 'nope' is invalid/);
  });

  it('reads TypeScript agents with ts-morph loaded through the code cache', () => {
    const out = execFileSync(process.execPath, [BUNDLE, 'lint', '.', '--format', 'json'], { cwd: join(FIXTURES, 'examples', 'openai-travel-desk'), encoding: 'utf8' });
    const systems = (JSON.parse(out) as { systems: Array<{ agents: unknown[] }> }).systems;
    expect(systems.map((system) => system.agents.length)).toEqual([4]);
  });
});
