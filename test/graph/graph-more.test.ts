import { describe, expect, it } from 'vitest';
import { buildGraph, type CoordinationGraph } from '../../src/graph/build-graph.js';
import { cyclicComponents, cyclicGroups, longestPath } from '../../src/graph/paths.js';
import { largestRun } from '../../src/graph/reach.js';
import type { Edge } from '../../src/model/index.js';
import { memorySystem } from '../helpers/memory-system.js';

type EdgeSpec = Partial<Edge> & { from: string; to: string };

/** A graph built in memory from agent ids, human ids and edges (delegate unless a kind is given). */
const graph = (agents: string[], edges: EdgeSpec[], options: { humans?: string[]; separateRuns?: boolean } = {}): CoordinationGraph =>
  buildGraph(memorySystem(agents, edges, options));

const handoff = (from: string, to: string, steps?: { from: string; to: string }): EdgeSpec => ({ from, to, kind: 'handoff', coupling: 'tight', ...(steps && { steps }) });
const names = (path: readonly Edge[]): string[] => (path.length === 0 ? [] : [path[0]?.from as string, ...path.map((edge) => edge.to)]);
const pairsOf = (edges: readonly Edge[]): string[] => edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`);
const all = (): boolean => true;

describe('buildGraph', () => {
  const g = graph(['a', 'b'], [{ from: 'a', to: 'b' }, handoff('a', 'b'), { from: 'b', to: 'owner', kind: 'escalation', coupling: 'loose' }], { humans: ['owner'] });

  it('answers for an id that names nothing: no node, no agent, no human, no edges', () => {
    expect(g.node('nobody')).toBeUndefined();
    expect(g.agent('nobody')).toBeUndefined();
    expect(g.isHuman('nobody')).toBe(false);
    expect(g.outgoing('nobody')).toEqual([]);
    expect(g.incoming('nobody')).toEqual([]);
    expect(g.outgoing('nobody', ['delegate'])).toEqual([]);
    expect(g.incoming('nobody', ['delegate'])).toEqual([]);
  });

  it('tells humans from agents', () => {
    expect(g.agent('owner')).toBeUndefined();
    expect(g.isHuman('owner')).toBe(true);
    expect(g.node('owner')?.kind).toBe('human');
    expect(g.agent('a')?.id).toBe('a');
    expect(g.isHuman('a')).toBe(false);
  });

  it('is a directed multigraph: two edges a → b are both kept, and nothing runs from b back to a', () => {
    expect(g.graph.isDirected()).toBe(true);
    expect(g.graph.isMultigraph()).toBe(true);
    expect(g.graph.edgeCount()).toBe(3);
    expect(g.graph.outEdges('0')).toHaveLength(2);
    expect(g.graph.inEdges('0')).toHaveLength(0);
    expect(g.graph.successors('1')).toEqual(['2']);
    expect(pairsOf(g.outgoing('b'))).toEqual(['b>owner:escalation']);
    expect(pairsOf(g.incoming('b'))).toEqual(['a>b:delegate', 'a>b:handoff']);
    expect(pairsOf(g.outgoing('a', ['handoff']))).toEqual(['a>b:handoff']);
  });

  it('leaves out an edge that names no node of the system, at either end', () => {
    const linked = memorySystem(['a', 'b'], [handoff('a', 'b')]);
    const [edge] = linked.edges as [Edge];
    const g2 = buildGraph({ ...linked, edges: [{ ...edge, to: 'ghost' }, edge, { ...edge, from: 'ghost' }] });
    expect(g2.graph.nodeCount()).toBe(2);
    expect(g2.graph.edgeCount()).toBe(1);
    expect(pairsOf(g2.outgoing('a'))).toEqual(['a>b:handoff']);
    expect(pairsOf(g2.incoming('b'))).toEqual(['a>b:handoff']);
    expect(g2.outgoing('ghost')).toEqual([]);
  });
});

describe('longestPath, more', () => {
  it('starts a chain at the agent a human hands work to (edges with humans are no part of it)', () => {
    const g = graph(['a', 'b', 'c'], [handoff('user', 'a'), handoff('a', 'b'), handoff('b', 'c'), { from: 'c', to: 'user', kind: 'report', coupling: 'loose' }], { humans: ['user'] });
    expect(names(longestPath(g, all))).toEqual(['a', 'b', 'c']);
  });

  it('lets an edge that names no step continue an edge into a step', () => {
    const g = graph(['a', 'b', 'c'], [handoff('a', 'b', { from: 's1', to: 's2' }), handoff('b', 'c')]);
    expect(names(longestPath(g, all))).toEqual(['a', 'b', 'c']);
  });

  it('continues a step from the longest way in: a plain chain of two beats a one-edge step', () => {
    const g = graph(['a', 'x', 'y', 'b', 'c'], [
      handoff('a', 'b', { from: 'p', to: 'q' }),
      handoff('x', 'y'),
      handoff('y', 'b'),
      handoff('b', 'c', { from: 'q', to: 'r' }),
    ]);
    expect(names(longestPath(g, all))).toEqual(['x', 'y', 'b', 'c']);
  });

  it('does not depend on the order agents are declared in', () => {
    const g = graph(['b', 't', 'u', 'a'], [handoff('a', 'b'), handoff('b', 't'), handoff('t', 'u')]);
    expect(names(longestPath(g, all))).toEqual(['a', 'b', 't', 'u']);
  });

  it('of two equally long ways into one agent, keeps the one found first (its start first in model order)', () => {
    const g = graph(['a', 'b', 'c'], [handoff('a', 'c'), handoff('b', 'c')]);
    expect(names(longestPath(g, all))).toEqual(['a', 'c']);
    const swapped = graph(['b', 'a', 'c'], [handoff('a', 'c'), handoff('b', 'c')]);
    expect(names(longestPath(swapped, all))).toEqual(['b', 'c']);
  });
});

describe('cyclicGroups and cyclicComponents, more', () => {
  it('ignores an unknown node even when it has an arc to itself', () => {
    expect(cyclicGroups(['a', 'b'], [['a', 'x'], ['x', 'x'], ['a', 'b'], ['b', 'a']])).toEqual([['a', 'b']]);
    expect(cyclicGroups(['a'], [['a', 'x'], ['x', 'x']])).toEqual([]);
  });

  it('lists members in model order even when the cycle is found in another order', () => {
    expect(cyclicGroups(['z', 'a', 'b', 'c'], [['a', 'c'], ['c', 'b'], ['b', 'a']])).toEqual([['a', 'b', 'c']]);
  });

  it('orders groups by their first member, not by when the search closes them', () => {
    // From a the search reaches b ⇄ d first and closes that group before a ⇄ c.
    expect(cyclicGroups(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'd'], ['d', 'b'], ['a', 'c'], ['c', 'a']])).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
    const g = graph(['a', 'b', 'c', 'd'], [handoff('a', 'b'), handoff('b', 'd'), handoff('d', 'b'), handoff('a', 'c'), handoff('c', 'a')]);
    expect(cyclicComponents(g, all)).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
  });
});

describe('largestRun, more', () => {
  it('does not take an agent fed by another agent’s data for a root, and does not follow data', () => {
    // r sets x to work (2 agents); d is fed x's data, so it starts no run of its own.
    const g = graph(['r', 'x', 'd', 'w1', 'w2', 'w3'], [
      { from: 'r', to: 'x' },
      { from: 'x', to: 'd', kind: 'data' },
      { from: 'd', to: 'w1' },
      { from: 'd', to: 'w2' },
      { from: 'd', to: 'w3' },
    ], { separateRuns: true });
    expect(largestRun(g)).toBe(2);
  });

  it('takes an agent whose only input is its own for a root, and counts its run', () => {
    const g = graph(['r', 'p', 's', 'a', 'b', 'c'], [
      { from: 'r', to: 'p' },
      { from: 's', to: 's', kind: 'data' },
      { from: 's', to: 'a' },
      { from: 's', to: 'b' },
      { from: 's', to: 'c' },
    ], { separateRuns: true });
    expect(largestRun(g)).toBe(4);
  });

  it('counts every agent when no agent is a root (a delegation loop)', () => {
    expect(largestRun(graph(['a', 'b', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'b', to: 'c' }], { separateRuns: true }))).toBe(3);
  });

  it('measures runs up to 200 roots, and takes the whole system past 200', () => {
    const scripts = (count: number) => {
      const agents = Array.from({ length: count }, (_, index) => [`script-${index}`, `worker-${index}`]).flat();
      const edges = Array.from({ length: count }, (_, index) => ({ from: `script-${index}`, to: `worker-${index}` }));
      return graph(agents, edges, { separateRuns: true });
    };
    expect(largestRun(scripts(200))).toBe(2);
    expect(largestRun(scripts(201))).toBe(402);
  });
});
