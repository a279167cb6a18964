import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildGraphView } from '../../src/report/graph-view.js';
import formatHtml from '../../src/report/html.js';
import { renderDot } from '../../src/report/dot.js';
import { formatGraphSvg } from '../../src/report/graph-svg.js';
import { renderSvg, textWidth } from '../../src/report/svg.js';
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

describe('SVG layout', () => {
  /** Boxes of the drawn nodes and edge labels, read back from the SVG. */
  function geometry(svg: string) {
    const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const nodes = [...svg.matchAll(/<g class="node[^"]*"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*\/>(?:<rect[^>]*\/>)?<text[^>]*font-weight="bold">([^<]*)<\/text><text[^>]*font-size="10">([^<]*)<\/text>/g)].map((match) => ({
      x: Number(match[1]),
      y: Number(match[2]),
      width: Number(match[3]),
      height: Number(match[4]),
      title: unescape(match[5] ?? ''),
      detail: unescape(match[6] ?? ''),
    }));
    const labels = [...svg.matchAll(/<g class="edge [a-z]+">.*?<text x="([-\d.]+)" y="([-\d.]+)" text-anchor="middle"[^>]*font-size="10">([^<]*)<\/text>/g)].map((match) => {
      const text = unescape(match[3] ?? '');
      const width = textWidth(text, 10);
      return { x: Number(match[1]) - width / 2, y: Number(match[2]) - 9, width, height: 11, text };
    });
    return { nodes, labels };
  }
  const overlap = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
    a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

  for (const fixture of ['report-manifest-examples', 'examples']) {
    it(`fits every node's text in its box and keeps edge labels apart (${fixture})`, async () => {
      const result = await lintFixture(fixture);
      let checkedLabels = 0;
      for (const system of result.systems) {
        const { nodes, labels } = geometry(renderSvg(buildGraphView(system, result.findings)));
        expect(nodes.length, system.model.id).toBeGreaterThan(0);
        for (const node of nodes) {
          expect(textWidth(node.title, 12, true), `${system.model.id}: ${node.title}`).toBeLessThanOrEqual(node.width - 16);
          expect(textWidth(node.detail, 10), `${system.model.id}: ${node.detail}`).toBeLessThanOrEqual(node.width - 16);
        }
        labels.forEach((label, index) => {
          for (const other of labels.slice(index + 1)) expect(overlap(label, other), `${system.model.id}: '${label.text}' on '${other.text}'`).toBe(false);
          for (const node of nodes) expect(overlap(label, node), `${system.model.id}: '${label.text}' on ${node.title}`).toBe(false);
        });
        checkedLabels += labels.length;
      }
      expect(checkedLabels).toBeGreaterThan(10);
    });
  }

  it('measures text like Helvetica: wide letters wider than narrow ones, a symbol a full em', () => {
    expect(textWidth('iiii', 10)).toBeCloseTo(8.88);
    expect(textWidth('MMMM', 10)).toBeCloseTo(33.32);
    expect(textWidth('MMMM', 10, true)).toBeCloseTo(33.32);
    expect(textWidth('⚠', 12)).toBe(12);
  });

  it('titles each system of a stacked SVG', async () => {
    const svg = formatGraphSvg(examples, { color: false, quiet: false });
    expect(XMLValidator.validate(svg)).toBe(true);
    for (const system of examples.systems) expect(svg).toContain(`font-weight="bold">${system.model.id}</text>\n<svg x="0"`);
  });
});
