import dagre, { type EdgeLabel, type Point } from '@dagrejs/dagre';
import type { GraphView, ViewEdge, ViewNode } from './graph-view.js';
import { escapeXml } from './text.js';

/** Colours by edge kind, readable on white. */
const KIND_COLORS: Record<ViewEdge['kind'], string> = {
  delegate: '#0366d6',
  handoff: '#6f42c1',
  data: '#22863a',
  approval: '#b08800',
  escalation: '#e36209',
  report: '#6a737d',
  peer: '#005cc5',
};
const STROKES = { tight: 2.5, medium: 1.5, loose: 1.2 } as const;
const NODE_HEIGHT = 40;
/** Space between a node's text and its border, each side. */
const NODE_PADDING = 12;
const LABEL_FONT = 12;
const DETAIL_FONT = 10;
const EDGE_FONT = 10;

/**
 * Advance widths of Helvetica (the font the SVG asks for; Arial has the same metrics), in
 * thousandths of the font size, for the printable ASCII characters from ' ' (32) to '~' (126);
 * wider characters (symbols, letters of other scripts) count as a full em. Used to size each box
 * so its text fits, without a browser to measure it.
 */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Helvetica Bold, the same range. */
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** The width a text takes in Helvetica at this size (bold or not), in pixels. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? HELVETICA_BOLD : HELVETICA;
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? (table[code - 32] ?? 556) : 1000;
  }
  return (units * size) / 1000;
}

/**
 * One system as a self-contained SVG: laid out by dagre (top to bottom, groups as clusters),
 * drawn with no script, font or stylesheet from outside, so it renders offline.
 */
export function renderSvg(view: GraphView): string {
  const graph = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const group of view.groups) {
    if (view.nodes.some((node) => node.group === group.key)) graph.setNode(group.key, { label: group.label });
  }
  for (const node of view.nodes) {
    const width = Math.max(90, Math.ceil(Math.max(textWidth(nodeTitle(node), LABEL_FONT, true), textWidth(node.detail, DETAIL_FONT)) + 2 * NODE_PADDING));
    graph.setNode(node.key, { width, height: NODE_HEIGHT });
    if (node.group !== undefined && graph.hasNode(node.group)) graph.setParent(node.key, node.group);
  }
  // Each edge label is laid out by dagre as a box of its own, so labels never sit on each other.
  view.edges.forEach((edge, index) => {
    if (edge.from !== edge.to) graph.setEdge(edge.from, edge.to, { width: Math.ceil(textWidth(edgeText(edge), EDGE_FONT)) + 6, height: EDGE_FONT + 4, labelpos: 'c' }, `e${index}`);
  });
  dagre.layout(graph);

  // dagre's reported size leaves out edges that bend around clusters: measure everything drawn.
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  const include = (x: number, y: number): void => {
    bounds.minX = Math.min(bounds.minX, x);
    bounds.minY = Math.min(bounds.minY, y);
    bounds.maxX = Math.max(bounds.maxX, x);
    bounds.maxY = Math.max(bounds.maxY, y);
  };
  for (const key of graph.nodes()) {
    const box = graph.node(key);
    include(box.x - box.width / 2, box.y - box.height / 2);
    include(box.x + box.width / 2, box.y + box.height / 2);
  }
  for (const handle of graph.edges()) {
    const edge = graph.edge(handle);
    for (const point of edge?.points ?? []) include(point.x, point.y);
    if (edge?.x !== undefined && edge.y !== undefined) {
      include(edge.x - (edge.width ?? 0) / 2, edge.y - (edge.height ?? 0) / 2);
      include(edge.x + (edge.width ?? 0) / 2, edge.y + (edge.height ?? 0) / 2);
    }
  }
  if (!Number.isFinite(bounds.minX)) Object.assign(bounds, { minX: 0, minY: 0, maxX: 100, maxY: 40 });
  const left = Math.floor(bounds.minX - 16);
  const top = Math.floor(bounds.minY - 16);
  const width = Math.ceil(bounds.maxX - left + 16);
  const height = Math.ceil(bounds.maxY - top + 16);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${left} ${top} ${width} ${height}" width="${width}" height="${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="${escapeXml(`coordination graph of ${view.id}`)}">`,
    `<title>${escapeXml(`coordination graph of ${view.id}`)}</title>`,
    '<defs>',
    ...Object.entries(KIND_COLORS).map(
      ([kind, color]) => `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`,
    ),
    '</defs>',
  ];
  for (const group of view.groups) {
    if (!graph.hasNode(group.key)) continue;
    const box = graph.node(group.key);
    parts.push(
      `<g class="group"><rect x="${fixed(box.x - box.width / 2)}" y="${fixed(box.y - box.height / 2)}" width="${fixed(box.width)}" height="${fixed(box.height)}" rx="6" fill="#f6f8fa" stroke="#d1d5da" stroke-dasharray="4 3"/>` +
        `<text x="${fixed(box.x - box.width / 2 + 8)}" y="${fixed(box.y - box.height / 2 + 14)}" fill="#586069">${escapeXml(group.label)}</text></g>`,
    );
  }
  view.edges.forEach((edge, index) => {
    if (edge.from === edge.to) return;
    const label: EdgeLabel | undefined = graph.edge({ v: edge.from, w: edge.to, name: `e${index}` });
    const points: Point[] = label?.points ?? [];
    if (points.length === 0) return;
    const path = points.map((point, position) => `${position === 0 ? 'M' : 'L'}${fixed(point.x)},${fixed(point.y)}`).join(' ');
    const color = KIND_COLORS[edge.kind];
    const dash = edge.coupling === 'loose' ? ' stroke-dasharray="5 4"' : '';
    const start = edge.kind === 'peer' ? ` marker-start="url(#arrow-${edge.kind})"` : '';
    const middle = points[Math.floor(points.length / 2)] ?? points[0];
    const at = { x: label?.x ?? middle?.x ?? 0, y: label?.y ?? middle?.y ?? 0 };
    parts.push(
      `<g class="edge ${edge.kind}"><path d="${path}" fill="none" stroke="${color}" stroke-width="${STROKES[edge.coupling]}"${dash}${start} marker-end="url(#arrow-${edge.kind})"/>` +
        `<text x="${fixed(at.x)}" y="${fixed(at.y + EDGE_FONT / 2 - 1)}" text-anchor="middle" fill="${color}" font-size="${EDGE_FONT}">${escapeXml(edgeText(edge))}</text></g>`,
    );
  });
  for (const node of view.nodes) parts.push(nodeShape(node, graph.node(node.key)));
  parts.push('</svg>');
  return parts.join('\n');
}

function nodeShape(node: ViewNode, box: { x: number; y: number; width: number; height: number }): string {
  const x = box.x - box.width / 2;
  const y = box.y - box.height / 2;
  const stroke = node.flagged ? '#d73a49' : node.kind === 'human' ? '#6a737d' : '#24292e';
  const strokeWidth = node.flagged ? 2.5 : 1.2;
  const radius = node.kind === 'human' ? box.height / 2 : 4;
  const fill = node.kind === 'human' ? '#fffbdd' : node.kind === 'team' ? '#f1f8ff' : '#ffffff';
  const double =
    node.kind === 'team'
      ? `<rect x="${fixed(x + 3)}" y="${fixed(y + 3)}" width="${fixed(box.width - 6)}" height="${fixed(box.height - 6)}" rx="3" fill="none" stroke="${stroke}" stroke-width="0.8"/>`
      : '';
  return (
    `<g class="node ${node.kind}${node.flagged ? ' flagged' : ''}"><rect x="${fixed(x)}" y="${fixed(y)}" width="${fixed(box.width)}" height="${fixed(box.height)}" rx="${fixed(radius)}" fill="${fill}" stroke="${stroke}" stroke-width="${strokeWidth}"/>${double}` +
    `<text x="${fixed(box.x)}" y="${fixed(box.y - 3)}" text-anchor="middle" font-weight="bold">${escapeXml(nodeTitle(node))}</text>` +
    `<text x="${fixed(box.x)}" y="${fixed(box.y + 12)}" text-anchor="middle" fill="#586069" font-size="${DETAIL_FONT}">${escapeXml(node.detail)}</text></g>`
  );
}

function nodeTitle(node: ViewNode): string {
  return `${node.label}${node.flagged ? ' ⚠' : ''}`;
}

function edgeText(edge: ViewEdge): string {
  return `${edge.kind}${edge.parallel ? ' ∥' : ''}${edge.count > 1 ? ` ×${edge.count}` : ''}`;
}

/** Coordinates with one decimal: small files, stable output. */
function fixed(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}
