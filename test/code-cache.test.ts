import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { codeCacheFolderFor, recordCodeCache, requireWithCodeCache } from '../src/code-cache.js';

/** A CommonJS package large enough to be cached: a function, and a long comment as padding. */
function writeLibrary(root: string, answer: number): string {
  const folder = join(root, 'node_modules', 'big-lib');
  mkdirSync(folder, { recursive: true });
  const padding = `/* ${'x'.repeat(80 * 1024)} */\n`;
  writeFileSync(join(folder, 'package.json'), '{"name": "big-lib", "main": "index.js"}');
  writeFileSync(join(folder, 'index.js'), `${padding}exports.answer = function answer() { return ${answer}; };\nexports.helper = require('./small.js').value;\n`);
  writeFileSync(join(folder, 'small.js'), 'exports.value = "small";\n');
  return join(folder, 'index.js');
}

describe('code caches for the libraries the code readers load', () => {
  let root: string;
  let from: string;
  let cache: string;
  const forget = (): void => {
    const required = createRequire(from).cache;
    for (const key of Object.keys(required)) if (key.startsWith(root)) delete required[key];
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'coordlint-code-cache-'));
    from = join(root, 'app.js');
    cache = join(root, 'cache');
  });
  afterEach(() => {
    forget();
    rmSync(root, { recursive: true, force: true });
  });

  const load = () => {
    forget();
    const { exports, use } = requireWithCodeCache(from, 'big-lib', cache);
    return { exports: exports as { answer(): number; helper: string }, use };
  };

  it('records the large files a load compiles, then compiles them from the cache, leaving Node as it was', async () => {
    writeLibrary(root, 42);
    const compile = (Module.prototype as unknown as { _compile: unknown })._compile;
    const files = await recordCodeCache(cache, async () => {
      forget();
      expect(requireWithCodeCache(from, 'big-lib', cache).exports).toMatchObject({ helper: 'small' });
    });
    expect(files).toBe(1);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ node: process.version, arch: process.arch, entries: [{ file: '../node_modules/big-lib/index.js', data: '0.bin' }] });
    const { exports, use } = load();
    expect(exports.answer()).toBe(42);
    expect(exports.helper).toBe('small');
    expect(use).toEqual({ used: 1, rejected: 0, uncached: 1 });
    expect((Module.prototype as unknown as { _compile: unknown })._compile).toBe(compile);
  });

  it('compiles a file afresh when it changed since the cache was made', async () => {
    const file = writeLibrary(root, 42);
    await recordCodeCache(cache, async () => void requireWithCodeCache(from, 'big-lib', cache));
    writeLibrary(root, 7);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const { exports, use } = load();
    expect(exports.answer()).toBe(7);
    expect(use).toEqual({ used: 0, rejected: 0, uncached: 0 });
  });

  it('loads the library all the same when V8 turns the cache down, or the cache was made by another Node', async () => {
    const file = writeLibrary(root, 42);
    await recordCodeCache(cache, async () => void requireWithCodeCache(from, 'big-lib', cache));
    // A text this process has not compiled yet (V8 would reuse its own compilation of the first),
    // entered in the manifest as it now is, with a cache that is not one.
    writeLibrary(root, 43);
    const manifest = JSON.parse(readFileSync(join(cache, 'manifest.json'), 'utf8'));
    const stats = statSync(file);
    manifest.entries[0] = { ...manifest.entries[0], size: stats.size, mtimeMs: stats.mtimeMs };
    writeFileSync(join(cache, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(cache, '0.bin'), Buffer.from('not a code cache'));
    const rejected = load();
    expect(rejected.exports.answer()).toBe(43);
    expect(rejected.use).toEqual({ used: 0, rejected: 1, uncached: 1 });
    writeFileSync(join(cache, 'manifest.json'), JSON.stringify({ ...manifest, node: 'v0.0.1' }));
    const other = load();
    expect(other.exports.answer()).toBe(43);
    expect(other.use).toEqual({ used: 0, rejected: 0, uncached: 0 });
  });

  it("is found from any module of the build: the nearest folder above it that holds one", async () => {
    writeLibrary(root, 42);
    const dist = join(root, 'dist');
    await recordCodeCache(join(dist, 'code-cache'), async () => void requireWithCodeCache(from, 'big-lib', undefined));
    mkdirSync(join(dist, 'src', 'extract', 'ts'), { recursive: true });
    mkdirSync(join(dist, 'cli', 'chunks'), { recursive: true });
    expect(codeCacheFolderFor(pathToFileURL(join(dist, 'src', 'extract', 'ts', 'project.js')).href)).toBe(join(dist, 'code-cache'));
    expect(codeCacheFolderFor(pathToFileURL(join(dist, 'cli', 'main.js')).href)).toBe(join(dist, 'code-cache'));
    expect(codeCacheFolderFor(pathToFileURL(join(root, 'src', 'project.ts')).href)).toBeUndefined();
    expect(codeCacheFolderFor('data:text/javascript,0')).toBeUndefined();
  });

  it('is a plain require without a cache folder', () => {
    writeLibrary(root, 42);
    const { exports, use } = load();
    expect(exports.answer()).toBe(42);
    expect(use).toEqual({ used: 0, rejected: 0, uncached: 0 });
  });
});
