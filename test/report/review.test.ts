import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import formatReview from '../../src/report/review.js';
import { lintSources } from '../../src/lint.js';
import { lintFixture, recommended } from '../helpers/run.js';

const markdown = new MarkdownIt({ html: true });
type Token = ReturnType<typeof markdown.parse>[number];

/** Headings as "h2 text", in document order. */
function headings(tokens: Token[]): string[] {
  return tokens.flatMap((token, index) => (token.type === 'heading_open' ? [`${token.tag} ${tokens[index + 1]?.content ?? ''}`] : []));
}

/** Every table as rows of cell texts, header row first. */
function tables(tokens: Token[]): string[][][] {
  const found: string[][][] = [];
  let table: string[][] | undefined;
  let row: string[] | undefined;
  tokens.forEach((token, index) => {
    if (token.type === 'table_open') table = [];
    else if (token.type === 'tr_open') row = [];
    else if ((token.type === 'th_open' || token.type === 'td_open') && row) row.push(tokens[index + 1]?.content ?? '');
    else if (token.type === 'tr_close' && row && table) table.push(row);
    else if (token.type === 'table_close' && table) {
      found.push(table);
      table = undefined;
    }
  });
  return found;
}

const examples = await lintFixture('report-manifest-examples');
const large = await lintFixture('report-large-organisation');

describe('design review (markdown)', () => {
  const result = examples;
  const text = formatReview(result, { color: false, quiet: false, linkBase: '../' });
  const tokens = markdown.parse(text, {});

  it('has the summary, one section per system (most findings first) with card, graph and findings, then the checklist', async () => {
    const system = (id: string) => [`h2 System: ${id}`, 'h3 Regime card', 'h3 Coordination graph', 'h3 Findings'];
    expect(headings(tokens)).toEqual([
      'h1 Agent architecture review',
      'h2 Summary',
      ...system('support-desk'),
      'h4 approval-bottleneck (1)',
      'h4 regime-mismatch (1)',
      'h4 span-of-control (1)',
      ...system('code-review-pipeline'),
      'h4 missing-integration-owner (1)',
      ...system('research-crew'),
      'h2 Checklist',
    ]);
  });

  it('summarises every system in a table with the right columns and values', async () => {
    const [summary] = tables(tokens);
    expect(summary).toEqual([
      ['system', 'regime', 'agents', 'topology', 'depth / required', 'errors', 'warnings', 'infos'],
      ['[support-desk](#system-support-desk)', 'medium', '12', 'hub-and-spoke', '1 / 2', '0', '3', '0'],
      ['[code-review-pipeline](#system-code-review-pipeline)', 'small', '4', 'hub-and-spoke', '1 / 1', '0', '1', '0'],
      ['[research-crew](#system-research-crew)', 'small', '6', 'hub-and-spoke', '1 / 1', '0', '0', '0'],
    ]);
  });

  it('gives each system a regime card with measured and expected values', async () => {
    const card = tables(tokens)[1];
    expect(card?.[0]).toEqual(['measure', 'value', 'expected', 'within']);
    expect(Object.fromEntries((card ?? []).slice(1).map(([measure, value, expected, within]) => [measure, [value, expected, within]]))).toEqual({
      regime: ['medium', '', ''],
      'agents (N)': ['12', 'humans: 1', ''],
      topology: ['hub-and-spoke', '', ''],
      depth: ['1', '2 required (ceil(log₇ N))', '✖ no'],
      'max span': ['11', 'over the 5–8 a coordinator can track', '✖ no'],
      'communicating pairs': ['11', 'of 66 potential', '✔ yes'],
      coupling: ['5 tight · 11 medium · 12 loose', 'prefer loose past 10 agents', '✔ yes'],
      'coordinating roles': ['8%', 'expected overhead 15%–25%', '✔ yes'],
      'next transition': ['large at 50 agents (38 more); depth 3 needed from 50 agents', '', ''],
    });
  });

  it('draws one mermaid diagram per system, marking agents with findings', async () => {
    const fences = tokens.filter((token) => token.type === 'fence');
    expect(fences.map((fence) => fence.info)).toEqual(['mermaid', 'mermaid', 'mermaid']);
    const support = fences[0]?.content ?? '';
    expect(support.startsWith('flowchart TD\n')).toBe(true);
    expect(support).toContain('a0["dispatcher<br/><small>orchestrator</small> ⚠"]');
    expect(support).toContain('h0(["shift-supervisor<br/><small>human</small>"])');
    expect(support).toContain('a0 -->|delegate| a1');
    expect(support).toContain('a1 ==>|approval| h0');
    expect(support).toContain('class a0 flagged');
  });

  it('links each finding to its file and line, relative to the review', async () => {
    expect(text).toContain('- **warning** [support-desk/coordlint.yaml:14](../support-desk/coordlint.yaml#L14) — \'dispatcher\' directs 11 agents; the limit is 8.');
  });

  it('ends with a checklist item for every finding that says what to do', async () => {
    const checklist = text.slice(text.indexOf('## Checklist'));
    const items = checklist.split('\n').filter((line) => line.startsWith('- [ ] '));
    expect(items).toHaveLength(result.findings.length);
    expect(items[0]).toBe(
      "- [ ] **code-review-pipeline** — Add an integrator that consumes every branch of 'review-planner' (dependsOn each of 'security-reviewer', 'style-reviewer', 'test-reviewer'), or mark the agent that joins them with integrates: true. (missing-integration-owner, [code-review-pipeline/coordlint.yaml:11](../code-review-pipeline/coordlint.yaml#L11))",
    );
  });

  it('is byte-identical across runs', async () => {
    expect(formatReview(await lintFixture('report-manifest-examples'), { color: false, quiet: false, linkBase: '../' })).toBe(text);
  });
});

describe('design review of a 120-agent system', () => {
  const result = large;
  const text = formatReview(result, { color: false, quiet: false });
  const fence = markdown.parse(text, {}).find((token) => token.type === 'fence')?.content ?? '';

  it('collapses teams into counted nodes so the picture stays small', async () => {
    const nodes = fence.split('\n').filter((line) => /^\s+[aht]\w*[[(]/.test(line));
    expect(nodes.length).toBeLessThanOrEqual(60);
    const teams = [...fence.matchAll(/\[\["(\d+) agents<br\/>/g)].map((match) => Number(match[1]));
    const singles = nodes.filter((line) => /^\s+a\d+\[/.test(line)).length;
    expect(teams.length).toBe(20);
    expect(teams.reduce((sum, count) => sum + count, 0) + singles).toBe(120);
  });

  it('still says the regime and the next transition in its card', async () => {
    expect(text).toContain('| regime | large | |');
    expect(text).toContain('| next transition | past the federation threshold (100 agents): domains required; depth 4 needed from 344 agents | |');
  });
});

describe('design review of a repository with many systems', () => {
  const clean = (index: number) => ({ path: `clean-${index}/coordlint.yaml`, text: `version: 1\nname: pair-${index}\nagents:\n  a: {handoffs: [b]}\n  b: {}\n` });
  const single = (index: number) => ({ path: `solo-${index}/coordlint.yaml`, text: `version: 1\nname: solo-${index}\nagents:\n  a: {}\n` });
  const flagged = { path: 'desk/coordlint.yaml', text: `version: 1\nname: desk\nagents:\n  lead: {}\n${Array.from({ length: 9 }, (_, index) => `  w${index}: {reportsTo: lead}\n`).join('')}` };
  const result = lintSources([...Array.from({ length: 11 }, (_, index) => clean(index + 1)), single(1), single(2), flagged], recommended());
  const text = formatReview(result, { color: false, quiet: false });
  const tokens = markdown.parse(text, {});

  it('details only the systems with findings, tables the clean ones and counts single agents in a line', () => {
    expect(headings(tokens).filter((heading) => heading.startsWith('h2'))).toEqual(['h2 Summary', 'h2 System: desk', 'h2 Systems without findings', 'h2 Checklist']);
    const [summary, , cleanTable] = tables(tokens);
    expect(summary?.slice(1).map((row) => row[0])).toEqual(['[desk](#system-desk)']);
    expect(cleanTable?.slice(1).map((row) => row[0])).toEqual(Array.from({ length: 11 }, (_, index) => `pair-${index + 1}`).sort());
    expect(text).toContain('2 single-agent systems without findings are not listed (`coordlint --format json` has every system).');
  });
});

describe('regime card wording', () => {
  it('says that nobody coordinates, and whether that is fine at the size, instead of a span "within 5–8"', () => {
    const pair = lintSources([{ path: 'coordlint.yaml', text: 'version: 1\nname: pair\nagents:\n  a: {handoffs: [b]}\n  b: {}\n' }], recommended());
    const text = formatReview(pair, { color: false, quiet: false });
    expect(text).toContain('| max span | 0 | nobody directs the others: fine at 2 agents (one coordinator tracks up to 8) | ✔ yes |');
    const chain = ['version: 1', 'name: chain', 'agents:', ...Array.from({ length: 10 }, (_, index) => `  a${index}: {${index < 9 ? `handoffs: [a${index + 1}]` : ''}}`)].join('\n');
    const long = formatReview(lintSources([{ path: 'coordlint.yaml', text: `${chain}\n` }], recommended()), { color: false, quiet: false });
    expect(long).toContain('| max span | 0 | nobody directs the others: past 8 agents someone has to coordinate | ✖ no |');
    expect(long).toContain('| depth | 0 | 2 required (ceil(log₇ N)) | ✖ no |');
  });
});
