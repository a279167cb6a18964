import { normalize } from 'node:path/posix';
import type { SourceFile } from '../types.js';
import { resolveRelativeImport } from './project.js';

/** Relative module specifiers of imports, re-exports, dynamic imports and requires, read from the text. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*|\.{1,2})['"]/g;

/**
 * Code files grouped by the relative imports that join them (either way): extraction resolves
 * references only through relative imports, so each group reads the same on its own as among all
 * the others, and can be cached and re-read alone when one of its files changes. The text scan
 * over-approximates (an import in a comment joins two groups), which is safe.
 */
export function importComponents(files: readonly SourceFile[]): SourceFile[][] {
  const byPath = new Map(files.map((file) => [normalize(file.path), file]));
  const parent = new Map<string, string>([...byPath.keys()].map((path) => [path, path]));
  const find = (path: string): string => {
    let root = path;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let at = path; at !== root; ) {
      const next = parent.get(at) as string;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const [path, file] of byPath) {
    for (const match of file.text.matchAll(SPECIFIER)) {
      const target = resolveRelativeImport(path, match[1] as string, (candidate) => byPath.has(candidate));
      if (target === undefined) continue;
      const [a, b] = [find(path), find(target)];
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const groups = new Map<string, SourceFile[]>();
  for (const [path, file] of byPath) {
    const root = find(path);
    const group = groups.get(root);
    if (group) group.push(file);
    else groups.set(root, [file]);
  }
  return [...groups.values()];
}
