// @vitest-environment jsdom
import mermaid from 'mermaid';
import { fromDot } from 'ts-graphviz';
import { describe, expect, it } from 'vitest';
import { buildGraphView } from '../../src/report/graph-view.js';
import { renderDot, renderDotDocument } from '../../src/report/dot.js';
import { renderMermaid, renderMermaidDocument } from '../../src/report/mermaid.js';
import formatReview from '../../src/report/review.js';
import type { LintResult } from '../../src/model/lint-result.js';
import { lintFixture, lintManifest } from '../helpers/run.js';

// The graph formats are checked by the parsers of the tools that read them: Mermaid's own parser
// (in a DOM, as Mermaid needs one) and ts-graphviz's DOT parser.

const examples = await lintFixture('report-manifest-examples');
const large = await lintFixture('report-large-organisation');
const odd = lintManifest(
  [
    'version: 1',
    'name: "end; graph \\"odd\\" <b>"',
    'agents:',
    '  "end": {}',
    '  "a\\"b<c>&d": {reportsTo: "end"}',
    '  "x|y[z]{w}": {reportsTo: "end", handoffs: ["a\\"b<c>&d"]}',
    '  "subgraph": {reportsTo: "end", peers: ["x|y[z]{w}"]}',
    '  "click; style #1": {reportsTo: "subgraph"}',
    '  "back\\\\slash\\nnew line": {reportsTo: "subgraph"}',
    'humans:',
    '  "on call (24/7)": {}',
  ].join('\n'),
);

function views(result: LintResult) {
  return result.systems.map((system) => buildGraphView(system, result.findings));
}

type FlowDb = { getVertices(): Map<string, { text: string }>; getSubGraphs(): unknown[] };

/** A Mermaid flowchart as Mermaid's parser reads it (parse first: it loads the diagram types). */
async function mermaidDb(text: string): Promise<FlowDb> {
  expect(await mermaid.parse(text)).toMatchObject({ diagramType: 'flowchart-v2' });
  return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as FlowDb;
}

/** A vertex text as Mermaid will draw it: its entities decoded, the detail line dropped. */
function readBack(text: string): string {
  const named: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return text
    .replace(/<br><small>.*$/, '')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name: string) => named[name] ?? name)
    .replace(/&amp;/g, '&');
}

/** Nodes and subgraphs of a Mermaid flowchart as Mermaid's parser reads it. */
async function mermaidShape(text: string): Promise<{ nodes: number; subgraphs: number }> {
  const db = await mermaidDb(text);
  return { nodes: db.getVertices().size, subgraphs: db.getSubGraphs().length };
}

/** Node count of a DOT graph as ts-graphviz's parser reads it, subgraphs included. */
function dotNodes(text: string): number {
  type Graphish = { nodes: readonly unknown[]; subgraphs: readonly Graphish[] };
  const count = (graph: Graphish): number => graph.nodes.length + graph.subgraphs.reduce((sum, sub) => sum + count(sub), 0);
  return count(fromDot(text) as unknown as Graphish);
}

describe('Mermaid output, read by the Mermaid parser', () => {
  const cases: Array<[string, LintResult]> = [['the manifest examples', examples], ['a 120-agent organisation', large], ['names full of Mermaid syntax', odd]];
  for (const [name, result] of cases) {
    it(`parses every system of ${name}, alone and as one document`, async () => {
      const total = { nodes: 0, subgraphs: 0 };
      for (const view of views(result)) {
        const shape = await mermaidShape(renderMermaid(view));
        expect(shape).toEqual({ nodes: view.nodes.length, subgraphs: view.groups.filter((group) => view.nodes.some((node) => node.group === group.key)).length });
        total.nodes += shape.nodes;
        total.subgraphs += shape.subgraphs;
      }
      // One document: the same nodes and groups, plus one subgraph per system.
      expect(await mermaidShape(renderMermaidDocument(views(result)))).toEqual({ nodes: total.nodes, subgraphs: total.subgraphs + result.systems.length });
    });
  }

  it('keeps every odd name as a label, not as syntax', async () => {
    const view = views(odd)[0]!;
    expect(view.nodes.map((node) => node.label).sort()).toEqual(['a"b<c>&d', 'back\\slash\nnew line', 'click; style #1', 'end', 'on call (24/7)', 'subgraph', 'x|y[z]{w}']);
    const texts = [...(await mermaidDb(renderMermaid(view))).getVertices().values()].map((vertex) => readBack(vertex.text));
    expect(texts.sort()).toEqual(['a"b<c>&d', 'back\\slash<br>new line', 'click; style #1', 'end', 'on call (24/7)', 'subgraph', 'x|y[z]{w}']);
  });

  it('parses every diagram fenced in the design review', async () => {
    const review = formatReview(examples, { color: false, quiet: false });
    const fences = [...review.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1]!);
    expect(fences).toHaveLength(examples.systems.length);
    for (const fence of fences) expect((await mermaidShape(fence)).nodes).toBeGreaterThan(1);
  });

  it('is rejected by the parser when broken, so the checks above can fail', async () => {
    const broken = renderMermaid(views(examples)[0]!).replace(/\]\n/, '\n');
    await expect(mermaid.parse(broken)).rejects.toThrow(/Parse error/);
  });
});

describe('DOT output, read by a DOT parser', () => {
  for (const [name, result] of [['the manifest examples', examples], ['names full of DOT syntax', odd]] as const) {
    it(`parses every system of ${name}, alone and as one document`, () => {
      let total = 0;
      for (const view of views(result)) {
        const nodes = dotNodes(renderDot(view));
        expect(nodes).toBe(view.nodes.length);
        total += nodes;
      }
      expect(dotNodes(renderDotDocument(views(result)))).toBe(total);
    });
  }

  it('is rejected by the parser when broken', () => {
    expect(() => fromDot(renderDot(views(examples)[0]!).replace('->', '-> ->'))).toThrow();
  });
});
