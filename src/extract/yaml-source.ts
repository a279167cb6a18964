import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Alias, Document, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { z } from 'zod';
import type { Location, Problem } from '../model/index.js';
import { deepestPoint, MAX_DATA_NESTING } from './nesting.js';

/**
 * The most aliases one document may expand. A YAML "billion laughs" document multiplies its
 * size with each level of aliases; past this budget it is a parse-error, never a hang.
 */
export const MAX_ALIAS_COUNT = 1000;

/** A parsed YAML (or JSON) document that can say where any of its nodes stands. */
export interface YamlSource {
  doc: Document.Parsed;
  file: string;
  /** The document as plain data; `__proto__` keys are own properties, never prototypes. */
  value: unknown;
  locate(node: Node | null | undefined): Location;
}

export type YamlParse = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

let yaml: typeof Yaml | undefined;

/**
 * The yaml library, loaded when the first YAML or JSON text is parsed: a run over code alone
 * (a pre-commit hook on TypeScript files) never pays its load time.
 */
function loadYaml(): typeof Yaml {
  // Safe: yaml's CommonJS entry for Node exports the module its type declarations describe.
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml;
}

/** True once the yaml library has been loaded in this process (the lazy-loading tests check it). */
export function isYamlLoaded(): boolean {
  return yaml !== undefined;
}

// yaml's node tests, through the lazy load (they compare a global symbol, so any copy of yaml answers).
export const isAlias = (node: unknown): node is Alias => loadYaml().isAlias(node);
export const isCollection = (node: unknown): node is YAMLMap | YAMLSeq => loadYaml().isCollection(node);
export const isMap = (node: unknown): node is YAMLMap => loadYaml().isMap(node);
export const isPair = (node: unknown): node is Pair => loadYaml().isPair(node);
export const isScalar = (node: unknown): node is Scalar => loadYaml().isScalar(node);
export const isSeq = (node: unknown): node is YAMLSeq => loadYaml().isSeq(node);

/** Parses YAML or JSON text with positions, reporting syntax errors and alias bombs as problems. */
export function parseYamlSource(file: string, text: string): YamlParse {
  const deep = deepestPoint(file, text, 'data', MAX_DATA_NESTING);
  if (deep) return { ok: false, problems: [{ ruleId: 'parse-error', message: `the document nests more than ${MAX_DATA_NESTING} levels deep`, location: deep.location }] };
  // A .json file is JSON: YAML would accept a trailing comma or a comment that every JSON tool
  // rejects, and would explain a JSON mistake in YAML's terms.
  if (file.endsWith('.json')) {
    const problem = jsonProblem(file, text);
    if (problem) return { ok: false, problems: [problem] };
  }
  const { LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    // The first error is the one to fix; the ones after it are usually its echoes.
    const error = doc.errors[0] as (typeof doc.errors)[number];
    const language = file.endsWith('.json') ? 'JSON' : 'YAML';
    return {
      ok: false,
      problems: [{ ruleId: 'parse-error', message: `invalid ${language}: ${firstLine(error.message)}`, location: at(error.pos[0]) }],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const firstAlias = findFirstAlias(doc.contents);
    const reason =
      error instanceof ReferenceError
        ? `the document expands more than ${MAX_ALIAS_COUNT} aliases (an alias bomb)`
        : `cannot resolve the document: ${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      problems: [{ ruleId: 'parse-error', message: reason, location: at(firstAlias?.range?.[0] ?? 0) }],
    };
  }
  const locate = (node: Node | null | undefined): Location => at(node?.range?.[0] ?? 0);
  return { ok: true, source: { doc, file, value, locate } };
}

/**
 * Where V8's "Unexpected token 'x', "…" is not valid JSON" (which gives no position) found the
 * token: the piece it quotes starts 10 characters before it when it begins with "..." (at the text's
 * start otherwise); of the places there holding the token, the first where the text before it is
 * valid JSON so far and the token is what breaks it.
 */
function unexpectedTokenAt(text: string, message: string): number | undefined {
  const match = /^(?:SyntaxError: )?Unexpected token '(.+?)', (\.\.\.)?"(.*)"(?:\.\.\.)? is not valid JSON$/s.exec(message);
  if (!match) return undefined;
  const [, token = '', cut, piece = ''] = match;
  const start = cut ? text.indexOf(piece) : 0;
  if (start < 0) return undefined;
  const stopsAt = (prefix: string): string | undefined => {
    try {
      JSON.parse(prefix);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : undefined;
    }
  };
  for (let at = start; at < start + piece.length; at++) {
    if (!text.startsWith(token, at)) continue;
    const before = stopsAt(text.slice(0, at));
    if (before !== undefined && !/Unexpected end of JSON input/.test(before)) continue;
    if (stopsAt(text.slice(0, at + token.length))?.startsWith(`Unexpected token '${token}'`)) return at;
  }
  return undefined;
}

/** The first JSON syntax error of a text, with its line and column, or undefined when it parses. */
function jsonProblem(file: string, text: string): { ruleId: 'parse-error'; message: string; location: Location } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) return { ruleId: 'parse-error', message: 'invalid JSON: it nests too deeply to read', location: { file, line: 1, column: 1 } };
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? (unexpectedTokenAt(text, message) ?? text.length) : Number(position);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    // (Without the piece of the text the message quotes, which may span lines: the place says where.)
    const reason = message
      .replace(/^(SyntaxError: )?/, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/ in JSON$/, '')
      .replace(/^(Unexpected token '[^']*'), .* is not valid JSON$/s, '$1');
    return { ruleId: 'parse-error', message: `invalid JSON: ${reason}`, location: { file, line, column } };
  }
}

/** The node at `path` below `node`, following aliases; undefined when the path leads nowhere. */
export function nodeAt(source: YamlSource, node: unknown, path: readonly PropertyKey[]): Node | undefined {
  let current: unknown = node;
  for (const segment of path) {
    current = resolveAlias(source, current);
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      current = pair?.value ?? undefined;
    } else if (isSeq(current) && typeof segment === 'number') {
      current = current.items[segment];
    } else {
      return undefined;
    }
  }
  current = resolveAlias(source, current);
  return isCollection(current) || isScalar(current) ? current : undefined;
}

/** The key node of `key` in the map at `path`, for messages about a key itself. */
export function keyNodeAt(
  source: YamlSource,
  node: unknown,
  path: readonly PropertyKey[],
  key: string,
): Node | undefined {
  const map = nodeAt(source, node, path);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return isScalar(pair?.key) ? pair.key : undefined;
}

/** The pairs of a YAML map in document order, aliases resolved. */
export function mapPairs(source: YamlSource, node: unknown): Array<{ key: Node; keyText: string | undefined; value: unknown }> {
  const map = resolveAlias(source, node);
  if (!isMap(map)) return [];
  return map.items.map((pair) => ({
    key: pair.key as Node,
    keyText: isScalar(pair.key) && pair.key.value !== null ? String(pair.key.value) : undefined,
    value: resolveAlias(source, pair.value),
  }));
}

/** Converts zod issues to problems placed at the key or value they are about. */
export function zodProblems(
  source: YamlSource,
  root: unknown,
  prefix: readonly PropertyKey[],
  error: z.ZodError,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[] = () => [],
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path;
    const label = [...prefix, ...path].map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = closest(key, knownKeys(path));
        problems.push({
          ruleId: 'parse-error',
          message: `unknown key '${key}'${label ? ` in ${label}` : ''}${hint ? ` (did you mean '${hint}'?)` : ''}`,
          location: source.locate(keyNodeAt(source, root, path, key) ?? nodeAt(source, root, path)),
        });
      }
      continue;
    }
    const node = nodeAt(source, root, path) ?? nodeAt(source, root, path.slice(0, -1));
    problems.push({
      ruleId: 'parse-error',
      message: `${label || 'document'}: ${issue.message}`,
      location: source.locate(node ?? (root as Node | undefined)),
    });
  }
  return problems;
}

function resolveAlias(source: YamlSource, node: unknown): unknown {
  let current = node;
  // An alias may point at another alias only through an anchor chain, which yaml already bounds.
  for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(source.doc);
  if (isPair(current)) return current.value;
  return current;
}

function findFirstAlias(root: unknown): Node | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return node;
    if (isMap(node)) for (const pair of [...node.items].reverse()) stack.push(pair.value, pair.key);
    else if (isSeq(node)) for (const item of [...node.items].reverse()) stack.push(item);
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The known key nearest to a misspelt one, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
