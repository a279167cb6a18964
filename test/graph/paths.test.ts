import { describe, expect, it } from 'vitest';
import { buildGraph, type CoordinationGraph } from '../../src/graph/build-graph.js';
import { cyclicComponents, cyclicGroups, longestPath } from '../../src/graph/paths.js';
import type { Edge } from '../../src/model/index.js';
import { memorySystem } from '../helpers/memory-system.js';

/** A graph built in memory from agent ids and edges (tight handoffs unless a kind is given). */
const graph = (agents: string[], edges: Array<Partial<Edge> & { from: string; to: string }>): CoordinationGraph =>
  buildGraph(memorySystem(agents, edges.map((edge) => ({ kind: 'handoff', coupling: 'tight', ...edge }))));

const names = (path: readonly Edge[]): string[] => (path.length === 0 ? [] : [path[0]?.from as string, ...path.map((edge) => edge.to)]);
const all = (): boolean => true;

describe('longestPath', () => {
  it('is empty when no edge passes', () => {
    expect(longestPath(graph(['a', 'b'], [{ from: 'a', to: 'b' }]), () => false)).toEqual([]);
  });

  it('takes the longest of two branches, whatever their order', () => {
    const g = graph(['a', 'b', 'c', 'd', 'e'], [
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'd', to: 'e' },
    ]);
    expect(names(longestPath(g, all))).toEqual(['a', 'c', 'd', 'e']);
  });

  it('on a tie, keeps the chain that ends first in model order', () => {
    const g = graph(['a', 'b', 'c', 'd'], [
      { from: 'a', to: 'c' },
      { from: 'b', to: 'd' },
    ]);
    expect(names(longestPath(g, all))).toEqual(['a', 'c']);
  });

  it('leaves out self-edges and edges the filter refuses', () => {
    const g = graph(['a', 'b', 'c'], [
      { from: 'a', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c', kind: 'delegate' },
    ]);
    expect(names(longestPath(g, (edge) => edge.kind === 'handoff'))).toEqual(['a', 'b']);
    expect(names(longestPath(g, all))).toEqual(['a', 'b', 'c']);
  });

  it('measures a chain up to a loop and from it, without the edges inside it', () => {
    const g = graph(['a', 'b', 'c', 'd', 'e'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'b' },
      { from: 'c', to: 'd' },
      { from: 'd', to: 'e' },
    ]);
    expect(names(longestPath(g, all))).toEqual(['c', 'd', 'e']);
  });

  it('joins steps only where an edge into a step continues out of that step', () => {
    const g = graph(['a', 'b', 'c'], [
      { from: 'a', to: 'b', steps: { from: 's1', to: 's2' } },
      { from: 'b', to: 'c', steps: { from: 's3', to: 's4' } },
    ]);
    // The run that brought work to b in step s2 is not the one that leaves b from step s3.
    expect(longestPath(g, all)).toHaveLength(1);
    const joined = graph(['a', 'b', 'c'], [
      { from: 'a', to: 'b', steps: { from: 's1', to: 's2' } },
      { from: 'b', to: 'c', steps: { from: 's2', to: 's3' } },
    ]);
    expect(names(longestPath(joined, all))).toEqual(['a', 'b', 'c']);
  });

  it('lets an edge that names no step join one that does, and the longest of several ways in win', () => {
    const g = graph(['a', 'x', 'y', 'b', 'c'], [
      { from: 'a', to: 'b' },
      { from: 'x', to: 'y' },
      { from: 'y', to: 'b', steps: { from: 'p', to: 'q' } },
      { from: 'b', to: 'c', steps: { from: 'q', to: 'r' } },
    ]);
    expect(names(longestPath(g, all))).toEqual(['x', 'y', 'b', 'c']);
    const plain = graph(['a', 'x', 'y', 'b', 'c'], [
      { from: 'x', to: 'y' },
      { from: 'y', to: 'b' },
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
    ]);
    expect(names(longestPath(plain, all))).toEqual(['x', 'y', 'b', 'c']);
  });
});

describe('cyclicComponents', () => {
  it('returns only groups that hold a cycle, members in model order, groups by their first member', () => {
    const g = graph(['a', 'b', 'c', 'd', 'e', 'f'], [
      { from: 'e', to: 'f' },
      { from: 'f', to: 'e' },
      { from: 'c', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'a', to: 'b' },
      { from: 'd', to: 'd' },
    ]);
    expect(cyclicComponents(g, all)).toEqual([['b', 'c'], ['d'], ['e', 'f']]);
    expect(cyclicComponents(g, (edge) => edge.from !== 'f')).toEqual([['b', 'c'], ['d']]);
  });
});

describe('cyclicGroups', () => {
  it('finds nested and chained cycles in one group, and ignores arcs to unknown nodes', () => {
    expect(cyclicGroups(['a', 'b', 'c', 'd'], [['a', 'b'], ['b', 'c'], ['c', 'a'], ['c', 'd'], ['d', 'x'], ['x', 'd']])).toEqual([['a', 'b', 'c']]);
    expect(cyclicGroups(['a', 'b', 'c'], [['a', 'b'], ['b', 'a'], ['b', 'c'], ['c', 'b']])).toEqual([['a', 'b', 'c']]);
  });

  it('keeps a lone node only with an arc to itself', () => {
    expect(cyclicGroups(['a', 'b'], [['a', 'b']])).toEqual([]);
    expect(cyclicGroups(['a', 'b'], [['b', 'b'], ['a', 'b']])).toEqual([['b']]);
  });

  it('works iteratively on a long cycle', () => {
    const nodes = Array.from({ length: 20_000 }, (_, index) => `n${index}`);
    const arcs = nodes.map((id, index) => [id, nodes[(index + 1) % nodes.length] as string] as const);
    const groups = cyclicGroups(nodes, arcs);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(20_000);
  });
});
