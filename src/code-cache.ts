// V8 code caches for the large CommonJS libraries coordlint itself depends on (ts-morph and the
// TypeScript compiler it bundles, about 13 MB of JavaScript), never for a file it reads: the one
// module allowed `vm` and `fs` outside the input and output layers (SECURITY.md), imported only by
// the code readers' loader, with a package name written in the source. Node 20 compiles a library afresh in
// every process, which was a third of a pre-commit run; `npm run build` records, after a sample
// lint, the compiled code of each library file into dist/code-cache/, and later runs hand it back
// to V8. The cache is only ever read at run time, never written; a file that changed since (a
// reinstall, another version) or a cache V8 rejects (another Node) is compiled as before.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

/** One library file's cache: the file as it was when the cache was made, and the cache's own file. */
interface CacheEntry {
  /** The library file, relative to the cache folder. */
  file: string;
  size: number;
  mtimeMs: number;
  /** The cache's file name in the cache folder. */
  data: string;
}

interface CacheManifest {
  /** The Node version and platform the cache was made with: V8 accepts a cache of its own version only. */
  node: string;
  arch: string;
  entries: CacheEntry[];
}

/** What one load did with the cache: files compiled from it, files whose cache V8 turned down, files with none. */
export interface CodeCacheUse {
  used: number;
  rejected: number;
  uncached: number;
}

/**
 * The build's cache folder (`dist/code-cache`) for a module of the build at `moduleUrl`: the
 * nearest folder above it that holds one (the compiled modules and the bundle sit at different
 * depths of `dist/`). Undefined for a run from the sources, or a module not loaded from a file.
 */
export function codeCacheFolderFor(moduleUrl: string): string | undefined {
  if (!moduleUrl.startsWith('file:')) return undefined;
  let folder = dirname(fileURLToPath(moduleUrl));
  for (let level = 0; level < 5; level++) {
    const candidate = join(folder, 'code-cache');
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    if (dirname(folder) === folder) break;
    folder = dirname(folder);
  }
  return undefined;
}

/** Files smaller than this are compiled faster than their cache is read. */
const SMALLEST_CACHED = 64 * 1024;

type Compile = (this: Module, content: string, filename: string) => unknown;

/** The scripts compiled while recording (see `recordCodeCache`), by file. */
let recording: Map<string, Script> | undefined;

/**
 * Requires package `id` as `from` would, compiling its files with the caches in `cacheFolder`
 * where there are valid ones. Without a usable cache (none made, another Node, changed files) it is
 * a plain require.
 */
export function requireWithCodeCache(from: string, id: string, cacheFolder: string | undefined): { exports: unknown; use: CodeCacheUse } {
  const use: CodeCacheUse = { used: 0, rejected: 0, uncached: 0 };
  const entries = recording === undefined && cacheFolder !== undefined ? validEntries(cacheFolder) : new Map<string, CacheEntry>();
  const load = createRequire(from);
  if (entries.size === 0 && recording === undefined) return { exports: load(id), use };
  // Safe: Module.prototype._compile(content, filename) is how Node compiles a CommonJS file; it
  // is swapped only for the duration of this one require, and restored even when it throws.
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const original = prototype._compile;
  prototype._compile = function compileWithCache(this: Module, content: string, filename: string): unknown {
    const entry = entries.get(filename);
    if (entry === undefined && (recording === undefined || content.length < SMALLEST_CACHED)) {
      use.uncached++;
      return original.call(this, content, filename);
    }
    const cachedData = entry === undefined || cacheFolder === undefined ? undefined : readCache(cacheFolder, entry);
    const script = new Script(Module.wrap(content), { filename, ...(cachedData && { cachedData }) });
    if (cachedData === undefined) use.uncached++;
    else if (script.cachedDataRejected === true) use.rejected++;
    else use.used++;
    recording?.set(filename, script);
    // Safe: a wrapped CommonJS module compiles to a function of (exports, require, module, __filename, __dirname).
    const run = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, dirname(filename));
  };
  try {
    return { exports: load(id), use };
  } finally {
    prototype._compile = original;
  }
}

/** The manifest's entries whose files are still as they were, by absolute path; none when it was made by another Node. */
function validEntries(cacheFolder: string): Map<string, CacheEntry> {
  const valid = new Map<string, CacheEntry>();
  let manifest: CacheManifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheFolder, 'manifest.json'), 'utf8')) as CacheManifest;
  } catch {
    return valid;
  }
  if (manifest.node !== process.version || manifest.arch !== process.arch || !Array.isArray(manifest.entries)) return valid;
  for (const entry of manifest.entries) {
    const file = resolve(cacheFolder, entry.file);
    try {
      const stats = statSync(file);
      if (stats.size === entry.size && stats.mtimeMs === entry.mtimeMs) valid.set(file, entry);
    } catch {
      // A library file that is gone is loaded (or not) without its cache.
    }
  }
  return valid;
}

function readCache(cacheFolder: string, entry: CacheEntry): Buffer | undefined {
  try {
    return readFileSync(join(cacheFolder, entry.data));
  } catch {
    return undefined;
  }
}

/**
 * Records the code caches of every large library file `requireWithCodeCache` loads while `work`
 * runs, after it has run (so the functions it used are compiled in), into `cacheFolder`,
 * replacing what was there. Used by the build, never by a lint.
 */
export async function recordCodeCache(cacheFolder: string, work: () => Promise<void>): Promise<number> {
  recording = new Map();
  try {
    await work();
    rmSync(cacheFolder, { recursive: true, force: true });
    mkdirSync(cacheFolder, { recursive: true });
    const entries: CacheEntry[] = [];
    for (const [file, script] of recording) {
      const stats = statSync(file);
      const data = `${entries.length}.bin`;
      writeFileSync(join(cacheFolder, data), script.createCachedData());
      entries.push({ file: relative(cacheFolder, file), size: stats.size, mtimeMs: stats.mtimeMs, data });
    }
    const manifest: CacheManifest = { node: process.version, arch: process.arch, entries };
    writeFileSync(join(cacheFolder, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return entries.length;
  } finally {
    recording = undefined;
  }
}
