// Rewrites the generated part of the rule docs: the meta block at the top of each
// docs/rules/<id>.md (from the rule's meta) and docs/rules/README.md. Hand-written sections are
// kept as they are. test/meta.test.ts fails when this has not been run after a meta change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../dist/rules/index.js';
import { renderRulesIndex, withMetaBlock } from '../dist/src/engine/rule-docs.js';

const folder = join(import.meta.dirname, '..', 'docs', 'rules');
for (const rule of RULES) {
  const path = join(folder, `${rule.meta.id}.md`);
  const page = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const next = withMetaBlock(page, rule);
  if (next !== page) {
    writeFileSync(path, next);
    console.log(`updated ${path}`);
  }
}
writeFileSync(join(folder, 'README.md'), `${renderRulesIndex(RULES)}\n`);
