// Records V8 code caches for ts-morph and the TypeScript compiler it bundles into
// dist/code-cache/, after a sample lint of the bundled examples has compiled the functions a
// lint uses; later runs of this build load the libraries from them (see
// src/code-cache.ts). Run by `npm run build`; a build without it is only slower.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../dist/rules/index.js';
import { loadConfig } from '../dist/src/config/load-config.js';
import { resolveConfig } from '../dist/src/config/resolve-config.js';
import { recordCodeCache } from '../dist/src/code-cache.js';
import { lintPaths } from '../dist/src/lint.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(ROOT, 'fixtures', 'examples');
if (!existsSync(examples)) {
  console.error('coordlint code cache: fixtures/examples is not here; the build goes on without code caches');
} else {
  // The folder is made here; later runs find it from their own place in dist/.
  const folder = join(ROOT, 'dist', 'code-cache');
  const files = await recordCodeCache(folder, async () => {
    await lintPaths(['.'], examples, resolveConfig(loadConfig(examples), RULES));
  });
  console.error(`coordlint code cache: ${files} library files cached in ${folder}`);
}
