import type { GraphView, ViewNode } from './graph-view.js';
import { prefixView } from './mermaid.js';

const STYLES = { tight: 'bold', medium: 'solid', loose: 'dashed' } as const;

const HEADER = ['  rankdir=TB;', '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];

/** A Graphviz digraph of one system, clustered by group. */
export function renderDot(view: GraphView): string {
  return `${[`digraph ${quote(view.id)} {`, ...HEADER, ...dotBody(view), '}'].join('\n')}\n`;
}

/** Several systems as one digraph: a cluster per system, node keys prefixed per system. */
export function renderDotDocument(views: readonly GraphView[]): string {
  const lines = ['digraph "coordlint" {', ...HEADER];
  views.forEach((view, index) => {
    lines.push(`  subgraph ${quote(`cluster_s${index}`)} {`, `    label=${quote(view.id)};`, ...dotBody(prefixView(view, `s${index}_`)).map((line) => `  ${line}`), '  }');
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function dotBody(view: GraphView): string[] {
  const lines: string[] = [];
  for (const group of view.groups) {
    const members = view.nodes.filter((node) => node.group === group.key);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${quote(`cluster_${group.key}`)} {`, `    label=${quote(group.label)};`);
    for (const node of members) lines.push(`    ${nodeLine(node)}`);
    lines.push('  }');
  }
  for (const node of view.nodes) if (node.group === undefined) lines.push(`  ${nodeLine(node)}`);
  for (const edge of view.edges) {
    const label = `${edge.kind}${edge.parallel ? ' ∥' : ''}${edge.count > 1 ? ` ×${edge.count}` : ''}`;
    const direction = edge.kind === 'peer' ? ', dir=both' : '';
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [label=${quote(label)}, style=${STYLES[edge.coupling]}${direction}];`);
  }
  return lines;
}

function nodeLine(node: ViewNode): string {
  const shape = node.kind === 'human' ? ', shape=ellipse' : node.kind === 'team' ? ', peripheries=2' : '';
  const color = node.flagged ? ', color="#d73a49", penwidth=2' : '';
  return `${quote(node.key)} [label=${quote(`${node.label}\n${node.detail}`)}${shape}${color}];`;
}

/** A DOT double-quoted id: backslashes and quotes escaped, newlines as \n. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
