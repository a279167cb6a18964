// Bundles the compiled CLI (dist/src/main.js and what it imports) into dist/cli/: one module for
// the lint pipeline and one chunk per report format, loaded when asked for. Node resolves and
// compiles each ES module of the unbundled build on its own, which was most of a run's start-up
// (about 220 modules for a lint of one manifest, zod's included). ts-morph, yaml, markdown-it and
// the Python grammar are still loaded from node_modules on first use (createRequire), as before.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(ROOT, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });
const bundle = await rolldown({
  input: join(ROOT, 'dist', 'src', 'main.js'),
  platform: 'node',
  // Loaded at run time through createRequire, or native to Node.
  external: [/^node:/, 'ts-morph', 'web-tree-sitter', 'tree-sitter-python', 'yaml', 'markdown-it'],
  logLevel: 'warn',
});
await bundle.write({ dir: out, format: 'esm', entryFileNames: 'main.js', chunkFileNames: 'chunks/[name]-[hash].js' });
await bundle.close();
console.error(`coordlint bundle: ${out}/main.js`);
