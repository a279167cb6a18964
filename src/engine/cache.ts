import { createHash } from 'node:crypto';
import type { ExtractResult, SourceFile } from '../extract/types.js';

/**
 * Extraction results kept between runs (`--cache`), keyed by the extractor, the files' paths and
 * a hash of their contents, and the build of coordlint that read them: a file that did not change
 * is not read again; one that changed, or a new coordlint, misses.
 */
export interface ExtractionCache {
  get(key: string): ExtractResult | undefined;
  set(key: string, value: ExtractResult): void;
}

/**
 * The key of one extractor call over these files. The build is not part of it: a cache file
 * written by another build is dropped whole when it is read.
 */
export function cacheKey(extractor: string, files: readonly SourceFile[]): string {
  const hash = createHash('sha256').update(extractor);
  for (const file of files) hash.update(`\u0000${file.path}\u0000`).update(createHash('sha256').update(file.text).digest('hex'));
  return hash.digest('hex');
}

/** The on-disk form: what wrote it, and the entries of the last run. */
interface CacheFile {
  tool: 'coordlint';
  format: 1;
  build: string;
  entries: Record<string, ExtractResult>;
}

/** An in-memory cache that starts from a file's text and can be written back with only the entries used. */
export class FileCache implements ExtractionCache {
  private readonly entries: Map<string, ExtractResult>;
  private readonly used = new Map<string, ExtractResult>();
  /** Entries read again instead of extracted, and extractor calls that had to run. */
  hits = 0;
  misses = 0;
  /** False when the text given was missing, corrupt or written by another build: it is then rewritten whole. */
  readonly reusable: boolean;

  constructor(
    readonly build: string,
    text: string | undefined,
  ) {
    const parsed = parseCache(text, build);
    this.reusable = parsed !== undefined;
    this.entries = new Map(Object.entries(parsed?.entries ?? {}));
  }

  get(key: string): ExtractResult | undefined {
    const found = this.entries.get(key);
    if (found === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.set(key, found);
    return found;
  }

  set(key: string, value: ExtractResult): void {
    this.entries.set(key, value);
    this.used.set(key, value);
  }

  /** The cache as it should be written: only the entries this run used, so it never grows stale. */
  serialize(): string {
    const entries: Record<string, ExtractResult> = {};
    for (const key of [...this.used.keys()].sort()) entries[key] = this.used.get(key) as ExtractResult;
    const file: CacheFile = { tool: 'coordlint', format: 1, build: this.build, entries };
    return JSON.stringify(file);
  }
}

function parseCache(text: string | undefined, build: string): CacheFile | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const file = value as Partial<CacheFile>;
  if (file.tool !== 'coordlint' || file.format !== 1 || file.build !== build) return undefined;
  if (typeof file.entries !== 'object' || file.entries === null || Array.isArray(file.entries)) return undefined;
  const entries: Record<string, ExtractResult> = {};
  for (const [key, entry] of Object.entries(file.entries)) {
    // A hand-edited or truncated entry is dropped, not trusted.
    if (isExtractResult(entry)) entries[key] = entry;
  }
  return { tool: 'coordlint', format: 1, build, entries };
}

function isExtractResult(value: unknown): value is ExtractResult {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<ExtractResult>;
  return Array.isArray(entry.fragments) && Array.isArray(entry.problems) && typeof entry.gaps === 'number' && (entry.coverage === undefined || Array.isArray(entry.coverage));
}
