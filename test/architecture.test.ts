import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Every .ts file under a folder of the project. */
function sources(folder: string): string[] {
  const files = readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
  if (files.length === 0) throw new Error(`no sources under ${folder}`);
  return files;
}

/** The modules a file imports, read with the TypeScript parser (never by running it). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
  return info.importedFiles.map((entry) => entry.fileName);
}

function text(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

describe('layering (STYLE.md §2)', () => {
  it('model/ imports only zod and itself', () => {
    for (const file of sources('src/model')) {
      for (const target of importsOf(file)) expect(target === 'zod' || target.startsWith('./'), `${file} imports ${target}`).toBe(true);
    }
  });

  it('extract/ imports nothing downstream (link, graph, metrics, rules, engine, report)', () => {
    for (const file of sources('src/extract')) {
      for (const target of importsOf(file)) {
        expect(target, file).not.toMatch(/\/(link|graph|metrics|engine|report)\/|rules\//);
      }
    }
  });

  it('rules/ use only model, graph, metrics and engine/define-rule, and stay pure', () => {
    for (const file of sources('rules')) {
      for (const target of importsOf(file)) {
        const allowed =
          target === 'zod' ||
          target.startsWith('./') ||
          /^\.\.\/src\/(model|graph|metrics)\//.test(target) ||
          target === '../src/engine/define-rule.js';
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
      expect(text(file), file).not.toMatch(/\bconsole\.|\bDate\b|Math\.random/);
    }
  });

  it('report/ imports only model, the pure regime helpers, its own helpers and its rendering libraries', () => {
    const libraries = ['markdown-it', '@dagrejs/dagre', 'node:crypto'];
    for (const file of sources('src/report')) {
      for (const target of importsOf(file)) {
        const allowed = target.startsWith('./') || target.startsWith('../model/') || target === '../metrics/regime.js' || libraries.includes(target);
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
      expect(text(file), file).not.toMatch(/\bDate\b|Math\.random|process\./);
    }
  });

  it('only discover/, config/, cli.ts, its output-file writer and the code cache touch the disk', () => {
    const allowed = /^src\/(discover\/|config\/|cli\.ts$|output-file\.ts$|code-cache\.ts$)/;
    for (const file of [...sources('src'), ...sources('rules')]) {
      if (allowed.test(file)) continue;
      for (const target of importsOf(file)) expect(target, `${file} imports ${target}`).not.toMatch(/^(node:)?fs(\/promises)?$/);
    }
  });

  it('nothing but main.ts sets the exit code, and nothing calls process.exit', () => {
    for (const file of [...sources('src'), ...sources('rules')]) {
      expect(text(file), file).not.toMatch(/process\.exit\(/);
      if (file !== 'src/main.ts') expect(text(file), file).not.toMatch(/process\.exitCode/);
    }
  });

  it('never evaluates code it reads: no eval, no Function, no import or require of a computed name', () => {
    for (const file of [...sources('src'), ...sources('rules')]) {
      expect(text(file), file).not.toMatch(/\beval\(|new Function\(|\bimport\((?!['"])|\brequire\((?!['"])/);
    }
  });

  it('compiles with vm only its own libraries: the code cache loads a dependency named in the source, and only the build records one', () => {
    const dependencies = Object.keys((JSON.parse(text('package.json')) as { dependencies: Record<string, string> }).dependencies);
    const calls: string[] = [];
    for (const file of [...sources('src'), ...sources('rules')]) {
      if (file === 'src/code-cache.ts') continue;
      expect(text(file), file).not.toMatch(/\brecordCodeCache\b|node:vm|from 'vm'/);
      for (const match of text(file).matchAll(/\brequireWithCodeCache\(([^,]+),\s*([^,]+),/g)) calls.push(`${file}: ${match[2]}`);
    }
    expect(calls).toEqual(["src/extract/ts/project.ts: 'ts-morph'"]);
    expect(dependencies).toContain('ts-morph');
  });
});
