import type { Location, Problem } from '../model/index.js';
import type { SourceFile } from './types.js';
import type { ts as TsApi } from 'ts-morph';
import { loadTsMorph } from './ts/project.js';
import { isAgentCode } from './typescript.js';

/**
 * The deepest nesting a YAML or JSON document may have. Parsers and the code that walks what
 * they return recurse once per level; a document nested 100,000 deep would overflow the stack
 * (and V8 can abort outright instead of throwing when that happens while a regular expression is
 * being compiled). No agent definition comes near this depth.
 */
export const MAX_DATA_NESTING = 256;

/** The deepest bracket nesting read in code (TypeScript, JavaScript, Python). */
export const MAX_CODE_NESTING = 1000;

/** How a text's strings and comments are written, so brackets inside them are not counted. */
export type Syntax = 'data' | 'code' | 'python';

/** The syntax of a file by its name: code for scripts, data for everything else. */
export function syntaxOf(path: string): Syntax {
  if (/\.py$/.test(path)) return 'python';
  if (/\.[cm]?[jt]sx?$/.test(path)) return 'code';
  return 'data';
}

/**
 * Where a text first nests deeper than `limit` levels, or undefined. Levels are open brackets
 * (`[`, `{`, `(`) outside strings and comments, plus, in data, the levels of block indentation.
 * One pass, no recursion: linear in the text. The scan is deliberately forgiving (a bracket in a
 * regular expression is counted); it only has to tell a real file from a hostile one.
 */
export function deepestPoint(file: string, text: string, syntax: Syntax, limit: number): { location: Location; depth: number } | undefined {
  let line = 1;
  let lineStart = 0;
  let brackets = 0;
  const indents: number[] = [];
  // What the scanner is inside of: code, a string closed by `quote`, or a template literal.
  let quote: string | undefined;
  const templates: number[] = [];
  let atLineStart = true;
  let previous = '\n';
  // Past a backslash and the character it escapes, counting an escaped line break as a line.
  const skipEscaped = (index: number): number => {
    if (text[index + 1] === '\n') {
      line++;
      lineStart = index + 2;
    }
    return index + 1;
  };
  for (let index = 0; index < text.length; index++) {
    const char = text[index] as string;
    if (char === '\n') {
      line++;
      lineStart = index + 1;
      atLineStart = true;
      if (quote !== undefined && quote !== '`' && quote.length === 1 && syntax !== 'data') quote = undefined;
      previous = char;
      continue;
    }
    if (quote !== undefined) {
      atLineStart = false;
      if (char === '\\' && !(syntax === 'data' && quote === "'")) {
        index = skipEscaped(index);
        continue;
      }
      if (quote === '`' && char === '$' && text[index + 1] === '{') {
        templates.push(brackets);
        brackets++;
        quote = undefined;
        index++;
      } else if (text.startsWith(quote, index)) {
        if (syntax === 'data' && quote === "'" && text[index + 1] === "'") index++;
        else {
          index += quote.length - 1;
          quote = undefined;
        }
      }
      previous = char;
      continue;
    }
    if (atLineStart && char !== ' ' && char !== '\t' && char !== '\r') {
      atLineStart = false;
      // A line of a block collection is a level; a line that opens a flow collection counts
      // by its brackets alone.
      if (syntax === 'data' && brackets === 0 && char !== '#' && char !== '[' && char !== '{') {
        const indent = index - lineStart;
        while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > limit) return { location: { file, line, column: indent + 1 }, depth: indents.length };
      }
    }
    const comment =
      (syntax === 'python' && char === '#') ||
      (syntax === 'data' && char === '#' && /\s/.test(previous)) ||
      (syntax === 'code' && char === '/' && (text[index + 1] === '/' || text[index + 1] === '*'));
    if (comment) {
      const end = syntax === 'code' && text[index + 1] === '*' ? text.indexOf('*/', index + 2) : text.indexOf('\n', index);
      const stop = end === -1 ? text.length : syntax === 'code' && text[index + 1] === '*' ? end + 2 : end;
      for (let skipped = index; skipped < stop; skipped++) {
        if (text[skipped] === '\n') {
          line++;
          lineStart = skipped + 1;
        }
      }
      index = stop - 1;
      continue;
    }
    if (char === '"' || char === "'" || (char === '`' && syntax === 'code')) {
      // In YAML a quote opens a string only where a scalar starts (not in `it's`).
      if (syntax !== 'data' || /[\s:[{,?-]/.test(previous)) {
        quote = syntax === 'python' && text.startsWith(char.repeat(3), index) ? char.repeat(3) : char;
        index += quote.length - 1;
        previous = char;
        continue;
      }
    }
    if (char === '\\' && syntax === 'code') {
      index = skipEscaped(index);
      continue;
    }
    if (char === '[' || char === '{' || char === '(') {
      brackets++;
      const depth = brackets + indents.length;
      if (depth > limit) return { location: { file, line, column: index - lineStart + 1 }, depth };
    } else if (char === ']' || char === '}' || char === ')') {
      if (templates.length > 0 && templates[templates.length - 1] === brackets - 1 && char === '}') {
        templates.pop();
        quote = '`';
      }
      brackets = Math.max(0, brackets - 1);
    }
    previous = char;
  }
  return undefined;
}

/**
 * A parse error for a code file that nests brackets too deeply to parse safely, placed at the
 * bracket that goes past the limit; undefined for data files (`parseYamlSource` checks those) and
 * for code no framework uses (kept only to resolve imports, and isolated if it breaks a parser).
 */
export function codeNestingProblem(file: SourceFile): Problem | undefined {
  const syntax = syntaxOf(file.path);
  if (syntax === 'data' || (syntax === 'code' && !isAgentCode(file.text))) return undefined;
  // In code only brackets nest, so a file with no more open brackets than the limit cannot pass it.
  if (!hasMoreBrackets(file.text, MAX_CODE_NESTING)) return undefined;
  const deep = deepestPoint(file.path, file.text, syntax, MAX_CODE_NESTING);
  if (!deep) return undefined;
  return { ruleId: 'parse-error', message: `it nests more than ${MAX_CODE_NESTING} brackets deep, too deeply to read; the other files are still checked`, location: deep.location };
}

/** Whether `text` holds more than `limit` open brackets (`(`, `[`, `{`), counted without a scan in script code. */
function hasMoreBrackets(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['(', '[', '{']) {
    for (let at = text.indexOf(bracket); at !== -1; at = text.indexOf(bracket, at + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/**
 * Where a code file nests deepest in its syntax tree (a chain of 100,000 `+` nests without a
 * bracket): for a file whose reading overflowed the stack, so its parse error points at the place.
 * The tree is walked with an explicit stack; undefined for files that are not TypeScript or
 * JavaScript, or when even parsing fails.
 */
export function deepestCodePoint(file: SourceFile): { location: Location; depth: number } | undefined {
  if (syntaxOf(file.path) !== 'code') return undefined;
  try {
    const { ts } = loadTsMorph();
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false);
    let deepest: { node: TsApi.Node; depth: number } = { node: source, depth: 0 };
    const stack = [deepest];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      // `>=`: of nodes equally deep, the first in the text (children are popped last to first).
      if (entry.depth >= deepest.depth) deepest = entry;
      const depth = entry.depth + 1;
      ts.forEachChild(entry.node, (child) => {
        stack.push({ node: child, depth });
      });
    }
    const { line, character } = source.getLineAndCharacterOfPosition(deepest.node.getStart(source));
    return { location: { file: file.path, line: line + 1, column: character + 1 }, depth: deepest.depth };
  } catch {
    return undefined;
  }
}
