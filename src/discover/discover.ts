import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { EXTRACTORS, extractorFor } from '../extract/index.js';
import type { SourceFile } from '../extract/types.js';
import type { Problem } from '../model/index.js';
import { compileGlob, isIgnored, type GlobMatcher } from './glob.js';
import { readSourceFile } from './read-source.js';

/** Folders never walked into: dependencies, version control and build output. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.turbo',
  '.cache',
  '.venv',
  '__pycache__',
  // Jupyter's autosave copies of the notebooks beside them.
  '.ipynb_checkpoints',
  // Frameworks' own build output: `mastra build`/`mastra dev` bundle every agent (and Mastra's
  // internal ones) into .mastra/; Nitro, Nuxt, SvelteKit, Vercel and Netlify likewise.
  '.mastra',
  '.output',
  '.nuxt',
  '.svelte-kit',
  '.vercel',
  '.netlify',
]);

/** Folders that hold tests, left out of a walk unless tests are included. */
export const TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'tests', '__tests__']);

/** Folder names like `e2e-tests`, `environment_tests`, `integration_test`. */
const TEST_FOLDER_NAME = /^[\w.-]+[_-]tests?$/;

/** Test file names: `x.test.ts`, `x.spec.js`, type tests `x.test-d.ts`. */
export const TEST_FILE_NAME = /\.(test|spec)(-d)?\.[^.]+$/;

/** True for a folder that holds tests. */
export function isTestFolder(name: string): boolean {
  return TEST_FOLDERS.has(name) || TEST_FOLDER_NAME.test(name);
}

/**
 * Folders that hold retired copies (`docs/_archive/2025-…/packages/agents`): code nobody runs,
 * whose findings would repeat the live code's. A plain `archive/` is left alone below the top
 * of the folder walked: it may be a feature that archives things. An `old/` folder (`.claude/old/agents`) keeps the previous version.
 */
export const ARCHIVED_FOLDERS: ReadonlySet<string> = new Set(['_archive', '.archive', 'archived', '_archived', 'deprecated', '_deprecated', 'old', '_old']);

/**
 * True for a folder of retired copies: one of ARCHIVED_FOLDERS, or a backup (`backup/`,
 * `_cleanup_backup/`, `backups_2024-06/`); a feature named after backups (`backup-agent/`) is live.
 */
export function isArchivedFolder(name: string): boolean {
  return ARCHIVED_FOLDERS.has(name.toLowerCase()) || /(^|[._-])backups?$|^[._]?backups?[._-]\d/i.test(name);
}

/**
 * The package names of the agent frameworks' own libraries: a checkout of a framework (the OpenAI
 * Agents SDK, LangGraph.js, Mastra) holds the code that implements `Agent`, `run` and `StateGraph`,
 * not an agent system built with them. Their folders are passed over like dependencies (their
 * examples, in packages of other names, are read).
 */
export const FRAMEWORK_PACKAGE = /^(@openai\/agents(-[\w-]+)?|@langchain\/(langgraph(-[\w-]+)?|core)|langchain|deepagents|@mastra\/core)$/;

/** The `name` of a package.json text when it is one of FRAMEWORK_PACKAGE, else undefined. */
export function frameworkPackageName(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const name = typeof parsed === 'object' && parsed !== null && 'name' in parsed ? parsed.name : undefined;
    return typeof name === 'string' && FRAMEWORK_PACKAGE.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

export interface DiscoverOptions {
  /** Read test files and test folders too (config `includeTests`). */
  includeTests?: boolean;
  /** Read archived folders too (config `includeArchived`). */
  includeArchived?: boolean;
  /** Files larger than this many bytes are reported, not read (config `maxFileBytes`). */
  maxFileBytes?: number;
}

export { MAX_FILE_BYTES } from './read-source.js';

export interface Discovery {
  files: SourceFile[];
  problems: Problem[];
  /** True when every path given was a file (a pre-commit hook's arguments). */
  onlyFiles: boolean;
  /** Test files and folders left out that an extractor would have looked at (for "where are my agents?"). */
  skippedTests: string[];
  /** Folders of retired copies left out (`_archive/`, `backup/`), said so that none goes unnoticed. */
  skippedArchived: string[];
  /** Folders of an agent framework's own library (FRAMEWORK_PACKAGE) left out, with the package's name. */
  skippedFramework: string[];
}

/**
 * Finds the input files under `paths`: files named on the command line are taken when an
 * extractor knows their name; folders are walked, skipping dependency and build folders, what
 * the root's .gitignore and the config's `ignore` name, and symbolic links (no loops). Test
 * files are left out unless `includeTests` is set: an agent built in a test case is a fixture of
 * that test, and thirteen test cases are not one system.
 */
export function discover(paths: readonly string[], cwd: string, ignore: readonly string[] = [], options: DiscoverOptions = {}): Discovery {
  const skipTests = options.includeTests !== true;
  const configMatchers = ignore.map(compileGlob);
  const gitignore = readGitignore(cwd);
  const found = new Map<string, string>();
  const problems: Problem[] = [];
  let onlyFiles = paths.length > 0;
  const skippedTests: string[] = [];
  const skippedArchived: string[] = [];
  const skippedFramework: string[] = [];
  /** `langgraph.json` files found: the graphs they deploy run, wherever their files sit. */
  const deployments: string[] = [];
  const display = (absolute: string): string => toPosix(relative(cwd, absolute)) || '.';
  const ignored = (absolute: string, directory: boolean): boolean => {
    const path = display(absolute);
    return !path.startsWith('..') && (isIgnored(configMatchers, path, directory) || isIgnored(gitignore, path, directory));
  };

  for (const given of paths.length > 0 ? paths : ['.']) {
    const absolute = resolve(cwd, given);
    if (!existsSync(absolute)) throw new UsageError(`no such file or directory: ${given}`);
    const stats = statSync(absolute);
    if (stats.isFile()) {
      if (skipTests && TEST_FILE_NAME.test(basename(absolute))) {
        if (extractorFor(display(absolute))) skippedTests.push(display(absolute));
        continue;
      }
      if (extractorFor(display(absolute)) && !ignored(absolute, false)) found.set(absolute, display(absolute));
      continue;
    }
    onlyFiles = false;
    walk(absolute, found, display, ignored, skipTests, skippedTests, problems, options.includeArchived !== true, skippedArchived, skippedFramework, deployments);
  }

  // JavaScript compiled beside its TypeScript source (`tsc` without an outDir: `guard.js` next to
  // `guard.ts`) repeats the source's agents: the source is read, the output is not.
  for (const absolute of [...found.keys()]) {
    const source = /^(.*)\.(m|c)?js$/.exec(absolute);
    if (source && ['.ts', '.tsx', '.mts', '.cts'].some((extension) => found.has(`${source[1]}${extension}`))) found.delete(absolute);
  }
  const files: SourceFile[] = [];
  const readAll = (entries: Array<[string, string]>): SourceFile[] => {
    const read: SourceFile[] = [];
    for (const [absolute, path] of entries.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))) {
      const each = readSourceFile(absolute, path, options.maxFileBytes);
      if ('problem' in each) problems.push(each.problem);
      // (Also a module an extractor's files may import from: plain Python settings and helpers.)
      else if (extractorFor(path, each.file.text) || importedFrom(path)) read.push(each.file);
    }
    return read;
  };
  files.push(...readAll([...found]));
  // A file in a folder named like tests that the code read imports (`import { askStep } from
  // './test/steps'`, a server importing its graph from `../tests/graphAgent.js`) is code that runs,
  // not a test: it is read, with what it imports from there in turn; the rest of the folder is not.
  if (skipTests) {
    let fresh = files;
    const pulled = new Set<string>();
    for (let round = 0; round < 10 && fresh.length > 0; round++) {
      const more = new Map<string, string>();
      // A graph that langgraph.json deploys (`"agent": "./tests/graphs/agent.ts:graph"`) is served,
      // not a test, wherever its file sits: read like a file the code imports.
      const entries = round === 0 ? deployedGraphFiles(deployments, cwd, skippedTests) : [];
      for (const absolute of [...entries, ...importedTestFiles(fresh, cwd, skippedTests)]) {
        if (found.has(absolute) || pulled.has(absolute) || ignored(absolute, false)) continue;
        pulled.add(absolute);
        more.set(absolute, display(absolute));
      }
      for (const [absolute, path] of more) found.set(absolute, path);
      fresh = readAll([...more]);
      files.push(...fresh);
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  // A package.json is read only beside a `.claude` folder read too: its scripts are what `Bash(npm run *)` runs.
  const claudeRoots = new Set(files.flatMap((file) => (file.path.includes('.claude/') ? [file.path.slice(0, file.path.indexOf('.claude/'))] : [])));
  const kept = files.filter((file) => !/(^|\/)package\.json$/.test(file.path) || claudeRoots.has(file.path.slice(0, -'package.json'.length)));
  return { files: kept, problems, onlyFiles, skippedTests: skippedTests.sort(), skippedArchived: skippedArchived.sort(), skippedFramework: skippedFramework.sort() };
}

/** The test folders left out (`tests/`), as absolute paths ending in a separator. */
function testFolders(cwd: string, skippedTests: readonly string[]): string[] {
  return skippedTests.filter((each) => each.endsWith('/')).map((each) => resolve(cwd, each) + sep);
}

/**
 * The files inside skipped test folders (`src/workflows/test/`) that a relative import of these
 * files names: the module as TypeScript finds it (`./steps` → `steps.ts`, `graphAgent.js` →
 * `graphAgent.ts` when the source is there, a folder's index), never a test file itself.
 */
function importedTestFiles(files: readonly SourceFile[], cwd: string, skippedTests: readonly string[]): string[] {
  const folders = testFolders(cwd, skippedTests);
  if (folders.length === 0) return [];
  const found = new Set<string>();
  for (const file of files) {
    if (!/\.(m|c)?[jt]sx?$/.test(file.path)) continue;
    for (const match of file.text.matchAll(/\b(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = resolve(cwd, file.path, '..', (match[1] ?? '').replace(/\/+$/, ''));
      if (!folders.some((folder) => base.startsWith(folder))) continue;
      const stem = base.replace(/\.(m|c)?jsx?$/, '');
      const candidates = [...CODE_EXTENSIONS.map((extension) => `${stem}${extension}`), base, ...CODE_EXTENSIONS.map((extension) => join(base, `index${extension}`))];
      const target = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
      if (target && !TEST_FILE_NAME.test(basename(target))) found.add(target);
    }
  }
  return [...found];
}

/**
 * The files inside skipped test folders that the `graphs` map of these langgraph.json files names
 * (`"./tests/graphs/agent.ts:graph"`, the path relative to the langgraph.json); a file that cannot
 * be read or parsed names none (the file is no input of coordlint's).
 */
function deployedGraphFiles(deployments: readonly string[], cwd: string, skippedTests: readonly string[]): string[] {
  const folders = testFolders(cwd, skippedTests);
  if (folders.length === 0) return [];
  const found = new Set<string>();
  for (const deployment of deployments) {
    let graphs: unknown;
    try {
      graphs = (JSON.parse(readIfReadable(deployment)) as { graphs?: unknown }).graphs;
    } catch {
      continue;
    }
    if (typeof graphs !== 'object' || graphs === null) continue;
    for (const spec of Object.values(graphs)) {
      const path = typeof spec === 'string' ? spec : typeof spec === 'object' && spec !== null && typeof (spec as { path?: unknown }).path === 'string' ? (spec as { path: string }).path : undefined;
      const file = path?.split(':')[0];
      if (file === undefined || file === '') continue;
      const target = resolve(deployment, '..', file);
      if (!folders.some((folder) => target.startsWith(folder))) continue;
      if (existsSync(target) && statSync(target).isFile()) found.add(target);
    }
  }
  return [...found];
}

/** Code file extensions in the order TypeScript looks for a module: sources before compiled JavaScript. */
const CODE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

function walk(
  root: string,
  found: Map<string, string>,
  display: (absolute: string) => string,
  ignored: (absolute: string, directory: boolean) => boolean,
  skipTests: boolean,
  skippedTests: string[],
  problems: Problem[],
  skipArchived = true,
  skippedArchived: string[] = [],
  skippedFramework: string[] = [],
  deployments: string[] = [],
): void {
  const visited = new Set<string>([realpathSync(root)]);
  const stack = [root];
  while (stack.length > 0) {
    const folder = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      // A folder that vanished or cannot be listed is said, never skipped silently.
      problems.push(unreadable(`${display(folder)}/`, 'folder', error));
      continue;
    }
    // A framework's own library below the folder given (a folder named on the command line is read).
    if (folder !== root && entries.some((entry) => entry.name === 'package.json' && entry.isFile())) {
      const name = frameworkPackageName(readIfReadable(join(folder, 'package.json')));
      if (name !== undefined) {
        skippedFramework.push(`${display(folder)}/ (${name})`);
        continue;
      }
    }
    for (const entry of entries) {
      const absolute = join(folder, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || ignored(absolute, true)) continue;
        // Archived copies are passed over like build output: copies of code that runs elsewhere.
        // A plain `archive/` at the top of the folder walked, beside the project's source, holds retired
        // copies too; deeper (`src/archive/`) it may be a feature that archives things.
        if (skipArchived && (isArchivedFolder(entry.name) || (folder === root && /^archives?$/i.test(entry.name)))) {
          skippedArchived.push(`${display(absolute)}/`);
          continue;
        }
        if (skipTests && isTestFolder(entry.name)) {
          skippedTests.push(`${display(absolute)}/`);
          continue;
        }
        let real: string;
        try {
          real = realpathSync(absolute);
        } catch (error) {
          problems.push(unreadable(`${display(absolute)}/`, 'folder', error));
          continue;
        }
        if (visited.has(real)) continue;
        visited.add(real);
        stack.push(absolute);
      } else if (entry.isFile()) {
        if (skipTests && TEST_FILE_NAME.test(entry.name)) {
          if (extractorFor(display(absolute))) skippedTests.push(display(absolute));
          continue;
        }
        const path = display(absolute);
        if (entry.name === 'langgraph.json' && !ignored(absolute, false)) deployments.push(absolute);
        if (extractorFor(path) && !ignored(absolute, false)) found.set(absolute, path);
      }
    }
  }
}

/** The text of a small file, or '' when it cannot be read (a package.json looked at for its name). */
function readIfReadable(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function unreadable(path: string, what: 'folder', error: unknown): Problem {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
  return { ruleId: 'parse-error', message: `cannot read ${what} (${reason})`, location: { file: path, line: 1, column: 1 } };
}

function readGitignore(cwd: string): GlobMatcher[] {
  const path = join(cwd, '.gitignore');
  if (!existsSync(path)) return [];
  try {
    return readFileSync(path, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map(compileGlob);
  } catch {
    return [];
  }
}

function toPosix(path: string): string {
  return path.split('\\').join('/');
}

/**
 * When every path is a file (or a file that no longer exists), the files as paths relative to
 * `cwd` and the missing ones; undefined when a folder is among them or no path was given. A
 * missing path without an extension is left to discovery, which reports it.
 */
export function namedFiles(paths: readonly string[], cwd: string): { files: string[]; missing: string[] } | undefined {
  if (paths.length === 0) return undefined;
  const files: string[] = [];
  const missing: string[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    if (!existsSync(absolute)) {
      if (!/\.[^./\\]+$/.test(basename(absolute))) return undefined;
      missing.push(given);
      continue;
    }
    if (!statSync(absolute).isFile()) return undefined;
    files.push(relative(cwd, absolute).split(sep).join('/'));
  }
  return { files, missing };
}

/** True for a file that an extractor's files may import from though it reads nothing in it itself (a plain Python module). */
function importedFrom(path: string): boolean {
  return EXTRACTORS.some((extractor) => extractor.context?.(path) === true);
}
