import type { GraphView, ViewEdge, ViewNode } from './graph-view.js';

const ARROWS = { tight: '==>', medium: '-->', loose: '-.->' } as const;

/** A Mermaid flowchart of one system: thick arrows tight, plain medium, dotted loose. */
export function renderMermaid(view: GraphView): string {
  const body = mermaidBody(view);
  return `${['flowchart TD', ...body.lines, ...classLines(body.flagged, body.humans)].join('\n')}\n`;
}

/**
 * Several systems as one Mermaid document (one flowchart, a subgraph per system, node keys
 * prefixed per system so they never collide), which Mermaid tools accept as a whole.
 */
export function renderMermaidDocument(views: readonly GraphView[]): string {
  const lines = ['flowchart TD'];
  const flagged: string[] = [];
  const humans: string[] = [];
  views.forEach((view, index) => {
    const body = mermaidBody(prefixView(view, `s${index}_`));
    lines.push(`  subgraph s${index}["${label(view.id)}"]`, ...body.lines.map((line) => `  ${line}`), '  end');
    flagged.push(...body.flagged);
    humans.push(...body.humans);
  });
  return `${[...lines, ...classLines(flagged, humans)].join('\n')}\n`;
}

/** A view whose keys all start with `prefix`. */
export function prefixView(view: GraphView, prefix: string): GraphView {
  return {
    ...view,
    nodes: view.nodes.map((node) => ({ ...node, key: `${prefix}${node.key}`, ...(node.group !== undefined && { group: `${prefix}${node.group}` }) })),
    edges: view.edges.map((edge) => ({ ...edge, from: `${prefix}${edge.from}`, to: `${prefix}${edge.to}` })),
    groups: view.groups.map((group) => ({ ...group, key: `${prefix}${group.key}` })),
  };
}

function classLines(flagged: readonly string[], humans: readonly string[]): string[] {
  const lines = ['  classDef flagged stroke:#d73a49,stroke-width:3px,color:#d73a49', '  classDef human fill:#f6f8fa,stroke:#6a737d'];
  if (flagged.length > 0) lines.push(`  class ${flagged.join(',')} flagged`);
  if (humans.length > 0) lines.push(`  class ${humans.join(',')} human`);
  return lines;
}

/** The nodes, groups and edges of one system, and which nodes are flagged or human. */
function mermaidBody(view: GraphView): { lines: string[]; flagged: string[]; humans: string[] } {
  const lines: string[] = [];
  const grouped = new Map<string, ViewNode[]>();
  for (const node of view.nodes) {
    if (node.group === undefined) continue;
    grouped.set(node.group, [...(grouped.get(node.group) ?? []), node]);
  }
  for (const group of view.groups) {
    const members = grouped.get(group.key) ?? [];
    if (members.length === 0) continue;
    lines.push(`  subgraph ${group.key}["${label(group.label)}"]`);
    for (const node of members) lines.push(`    ${nodeLine(node)}`);
    lines.push('  end');
  }
  for (const node of view.nodes) if (node.group === undefined) lines.push(`  ${nodeLine(node)}`);
  for (const edge of view.edges) lines.push(`  ${edgeLine(edge)}`);
  const flagged = view.nodes.filter((node) => node.flagged).map((node) => node.key);
  const humans = view.nodes.filter((node) => node.kind === 'human').map((node) => node.key);
  return { lines, flagged, humans };
}

function nodeLine(node: ViewNode): string {
  const text = `${label(node.label)}<br/><small>${label(node.detail)}</small>${node.flagged ? ' ⚠' : ''}`;
  if (node.kind === 'human') return `${node.key}(["${text}"])`;
  if (node.kind === 'team') return `${node.key}[["${text}"]]`;
  return `${node.key}["${text}"]`;
}

function edgeLine(edge: ViewEdge): string {
  const text = `${edge.kind}${edge.parallel ? ' ∥' : ''}${edge.count > 1 ? ` ×${edge.count}` : ''}`;
  if (edge.kind === 'peer') return `${edge.from} <-->|${text}| ${edge.to}`;
  return `${edge.from} ${ARROWS[edge.coupling]}|${text}| ${edge.to}`;
}

/**
 * Mermaid labels in quotes: `#`, quotes and angle brackets as entities (so a name holding `#quot;`
 * stays text), line breaks as `<br/>`.
 */
function label(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\r?\n/g, '<br/>');
}
