import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildGraphView } from '../../src/report/graph-view.js';
import formatHtml from '../../src/report/html.js';
import { renderDot } from '../../src/report/dot.js';
import { formatGraphSvg } from '../../src/report/graph-svg.js';
import { renderSvg } from '../../src/report/svg.js';
import { lintFixture, lintManifest } from '../helpers/run.js';

const examples = await lintFixture('report-manifest-examples');

describe('SVG graph', () => {
  const result = examples;

  for (const system of result.systems) {
    it(`draws ${system.model.id} as well-formed SVG holding every agent and human`, async () => {
      const svg = renderSvg(buildGraphView(system, result.findings));
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      for (const id of [...system.model.agents.map((agent) => agent.id), ...system.model.humans.map((human) => human.id)]) {
        expect(svg).toMatch(new RegExp(`font-weight="bold">${id}( ⚠)?</text>`));
      }
    });
  }

  it('escapes names that would break XML', async () => {
    const odd = lintManifest('version: 1\nname: odd\nagents:\n  "a<b>&c": {}\n  "d\\"e": {reportsTo: "a<b>&c"}\n');
    const svg = renderSvg(buildGraphView(odd.systems[0]!, odd.findings));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).toContain('a&lt;b&gt;&amp;c');
  });

  it('stacks several systems into one well-formed document', async () => {
    const svg = formatGraphSvg(result, { color: false, quiet: false });
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(4);
  });

  it('draws a 120-agent system with collapsed teams', async () => {
    const large = await lintFixture('report-large-organisation');
    const svg = renderSvg(buildGraphView(large.systems[0]!, large.findings));
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg.match(/class="node team"/g)).toHaveLength(20);
  });
});

describe('HTML review', () => {
  const html = formatHtml(examples, { color: false, quiet: false });

  it('is one self-contained page with the graphs inline', async () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.match(/<svg xmlns/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link |src="|url\(http|@import/);
    expect(html).toContain('<h2>System: support-desk</h2>');
    expect(html).not.toContain('```');
  });

  it('renders the tables of the review', async () => {
    expect(html).toContain('<th>measure</th>');
    expect(html).toContain('<td>max span</td>');
  });
});

describe('DOT graph', () => {
  it('writes a digraph with clusters, styles by coupling and humans as ellipses', async () => {
    const result = await lintFixture('report-manifest-examples');
    const dot = renderDot(buildGraphView(result.systems[2]!, result.findings));
    expect(dot.startsWith('digraph "support-desk" {\n')).toBe(true);
    expect(dot).toContain('subgraph "cluster_g0" {');
    expect(dot).toContain('"h0" [label="shift-supervisor\\nhuman", shape=ellipse];');
    expect(dot).toContain('"a0" -> "a1" [label="delegate", style=solid];');
    expect(dot).toContain('"a1" -> "h0" [label="approval", style=bold];');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });
});
