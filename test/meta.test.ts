import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import MarkdownIt from 'markdown-it';
import { RULES } from '../rules/index.js';
import parseError from '../rules/parse-error.js';
import { DOCS_BASE_URL } from '../src/engine/define-rule.js';
import { renderMetaBlock, renderRulesIndex } from '../src/engine/rule-docs.js';
import { lintManifest, onlyRule } from './helpers/run.js';

const ROOT = join(import.meta.dirname, '..');

/** DESIGN.md's rule table: category, default severity and preset of every rule. */
const DESIGN_TABLE: Record<string, [string, string, string]> = {
  'approval-bottleneck': ['oversight', 'warning', 'recommended'],
  'cascade-chain': ['resilience', 'warning', 'recommended'],
  'concern-filtering': ['oversight', 'warning', 'strict'],
  'coordination-cycle': ['flow', 'warning', 'recommended'],
  'coordination-ratio': ['scale', 'warning', 'recommended'],
  'correlated-verification': ['oversight', 'warning', 'recommended'],
  'extraction-gap': ['correctness', 'info', 'recommended'],
  'handoff-chain': ['flow', 'warning', 'recommended'],
  'missing-contract': ['flow', 'warning', 'strict'],
  'missing-integration-owner': ['flow', 'warning', 'recommended'],
  'no-bypass-channel': ['oversight', 'warning', 'recommended'],
  'orphan-agent': ['correctness', 'warning', 'recommended'],
  'overlapping-authority': ['flow', 'warning', 'recommended'],
  'pair-explosion': ['scale', 'warning', 'recommended'],
  'parse-error': ['correctness', 'error', 'recommended'],
  'premature-hierarchy': ['scale', 'warning', 'recommended'],
  'regime-mismatch': ['scale', 'warning', 'recommended'],
  'span-of-control': ['scale', 'warning', 'recommended'],
  'unguarded-irreversible-action': ['oversight', 'warning', 'recommended'],
  'unresolved-reference': ['correctness', 'error', 'recommended'],
  'unused-suppression': ['correctness', 'warning', 'recommended'],
  'visibility-at-scale': ['scale', 'warning', 'recommended'],
};
const ruleFiles = readdirSync(join(ROOT, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => basename(name, '.ts'))
  .sort();
const testFiles = readdirSync(join(ROOT, 'test', 'rules'))
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => basename(name, '.test.ts'))
  .sort();
const seedSections = readFileSync(join(ROOT, 'docs', 'seed-sections.md'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2).trim());

describe('rule registry', () => {
  it('implements every rule of DESIGN.md\'s table', () => {
    expect(RULES.map((rule) => rule.meta.id)).toEqual(Object.keys(DESIGN_TABLE));
  });

  it('registers every file under rules/, sorted by id', () => {
    const ids = RULES.map((rule) => rule.meta.id);
    expect(ids).toEqual(ruleFiles);
    expect(ids).toEqual([...ids].sort());
  });

  it('has one test file per rule', () => {
    expect(testFiles).toEqual(ruleFiles);
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      it('cites a listed seed section and explains why', () => {
        expect(seedSections).toContain(rule.meta.seed.section);
        expect(rule.meta.seed.why.length).toBeGreaterThan(40);
      });

      it('links its docs page from its id', () => {
        expect(rule.meta.docs).toBe(`${DOCS_BASE_URL}${rule.meta.id}.md`);
      });

      it('has the category, default severity and preset DESIGN.md gives it', () => {
        expect([rule.meta.category, rule.meta.severity, rule.meta.preset]).toEqual(DESIGN_TABLE[rule.meta.id]);
      });

      it('describes and defaults every option', () => {
        for (const [name, schema] of Object.entries(rule.meta.options.shape as Record<string, z.ZodType>)) {
          expect(schema.description, `${name} has a description`).toBeTruthy();
          expect(() => schema.parse(undefined), `${name} has a default`).not.toThrow();
        }
        expect(rule.parseOptions({})).toBeTypeOf('object');
        expect(() => rule.parseOptions({ notAnOption: 1 })).toThrow();
      });

      it('writes messages as sentences that quote names in single quotes', () => {
        for (const spec of Object.values(rule.meta.messages)) {
          const text = typeof spec === 'string' ? spec : spec.text;
          expect(text).toMatch(/\.$/);
          expect(text).not.toMatch(/\byou\b|please/i);
          expect(text).not.toContain('"');
        }
      });
    });
  }
});

const HEADINGS = ['What it reports', 'Why', 'Examples', 'Options', 'When not to use it'];
const markdown = new MarkdownIt();

describe('rule docs (STYLE.md §9)', () => {
  it('has one page per rule and a generated index', () => {
    const pages = readdirSync(join(ROOT, 'docs', 'rules')).filter((name) => name !== 'README.md').map((name) => basename(name, '.md')).sort();
    expect(pages).toEqual(ruleFiles);
    expect(readFileSync(join(ROOT, 'docs', 'rules', 'README.md'), 'utf8')).toBe(`${renderRulesIndex(RULES)}\n`);
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const page = readFileSync(join(ROOT, 'docs', 'rules', `${rule.meta.id}.md`), 'utf8');
      const tokens = markdown.parse(page, {});
      const headings = (level: string): string[] =>
        tokens.flatMap((token, index) => (token.type === 'heading_open' && token.tag === level ? [tokens[index + 1]?.content ?? ''] : []));

      it('starts with the meta block generated from its meta (run npm run docs)', () => {
        expect(page.startsWith(renderMetaBlock(rule))).toBe(true);
      });

      it('has the hand-written sections in order, Why ending with its seed section', () => {
        expect(headings('h2')).toEqual(HEADINGS);
        const why = page.slice(page.indexOf('## Why'), page.indexOf('## Examples')).trim();
        expect(why.endsWith(`Source: seed §${rule.meta.seed.section}`)).toBe(true);
      });

      it('documents every option under its own heading', () => {
        const options = Object.keys(rule.meta.options.shape);
        const optionHeadings = headings('h3').filter((title) => title !== 'Reported' && title !== 'Not reported');
        expect(optionHeadings).toEqual(options);
        expect(headings('h3').slice(0, 2)).toEqual(['Reported', 'Not reported']);
      });

      const fences = tokens.filter((token) => token.type === 'fence');
      const reported = fences.filter((token) => /^(yaml|ts) reported$/.test(token.info.trim()));
      const clean = fences.filter((token) => /^(yaml|ts) clean$/.test(token.info.trim()));
      /** A `yaml` example is a manifest; a `ts` example is a code file. */
      const lintExample = (example: (typeof fences)[number], config: ReturnType<typeof onlyRule>) =>
        lintManifest(example.content, config, example.info.startsWith('ts') ? 'agents.ts' : 'coordlint.yaml');

      it('has examples that produce exactly what they say, with only this rule on', () => {
        expect(reported.length).toBeGreaterThan(0);
        expect(clean.length).toBeGreaterThan(0);
        for (const example of reported) {
          const findings = lintExample(example, onlyRule(rule)).findings;
          expect(findings.length, example.content).toBeGreaterThan(0);
          expect(findings.every((finding) => finding.ruleId === rule.meta.id)).toBe(true);
        }
        for (const example of clean) {
          expect(lintExample(example, onlyRule(rule)).findings, example.content).toEqual([]);
          if (rule.meta.id !== 'parse-error') expect(lintExample(example, onlyRule(parseError)).findings).toEqual([]);
        }
      });
    });
  }
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Rules\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('lists every rule of the registry in its table, with its category, once', () => {
    const listed = section.split('\n').flatMap((line) => {
      const match = /^\| `([a-z-]+)` \| (\w+) \|/.exec(line);
      return match ? [[match[1], match[2]]] : [];
    });
    expect(listed.map(([id]) => id).sort()).toEqual(RULES.map((rule) => rule.meta.id));
    for (const [id, category] of listed) expect(category, id).toBe(RULES.find((rule) => rule.meta.id === id)?.meta.category);
  });

  it('says how many rules there are', () => {
    const words = ['Twenty', 'Twenty-one', 'Twenty-two', 'Twenty-three', 'Twenty-four'];
    expect(section).toContain(`${words[RULES.length - 20]} rules, in five categories`);
  });
});
