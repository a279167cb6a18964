import { describe, expect, it } from 'vitest';
import { buildGraph, type CoordinationGraph } from '../../src/graph/build-graph.js';
import { largestRun, reachableAgents, reaches } from '../../src/graph/reach.js';
import type { Edge } from '../../src/model/index.js';
import { memorySystem } from '../helpers/memory-system.js';

/** A graph built in memory from agent ids, human ids and edges (delegate unless a kind is given). */
const graph = (agents: string[], edges: Array<Partial<Edge> & { from: string; to: string }>, options: { humans?: string[]; separateRuns?: boolean } = {}): CoordinationGraph =>
  buildGraph(memorySystem(agents, edges, options));

describe('reaches', () => {
  const chain = graph(['a', 'b', 'c', 'd'], [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'c' },
    { from: 'c', to: 'a' },
    { from: 'a', to: 'd', kind: 'data' },
  ]);

  it('finds a target several edges away, along the kinds given only', () => {
    expect(reaches(chain, 'a', ['delegate'], (id) => id === 'c')).toBe(true);
    expect(reaches(chain, 'a', ['delegate'], (id) => id === 'd')).toBe(false);
    expect(reaches(chain, 'a', ['data'], (id) => id === 'd')).toBe(true);
  });

  it('never counts the start as reached, even round a cycle', () => {
    expect(reaches(chain, 'a', ['delegate'], (id) => id === 'a')).toBe(false);
  });

  it('does not pass through the node to avoid, and finds what lies before it', () => {
    expect(reaches(chain, 'a', ['delegate'], (id) => id === 'c', 'b')).toBe(false);
    expect(reaches(chain, 'a', ['delegate'], (id) => id === 'b', 'c')).toBe(true);
    // Avoiding nothing in particular: every node stays reachable.
    expect(reaches(chain, 'b', ['delegate'], (id) => id === 'a')).toBe(true);
  });
});

describe('reachableAgents', () => {
  const team = graph(['lead', 'a', 'b', 'c'], [
    { from: 'lead', to: 'a' },
    { from: 'a', to: 'b', kind: 'handoff' },
    { from: 'b', to: 'person', kind: 'escalation' },
    { from: 'person', to: 'c', kind: 'escalation' },
  ], { humans: ['person'] });

  it('lists the starts, then each agent in the order reached', () => {
    expect(reachableAgents(team, ['lead'], ['delegate', 'handoff'])).toEqual(['lead', 'a', 'b']);
    expect(reachableAgents(team, ['lead'], ['delegate'])).toEqual(['lead', 'a']);
  });

  it('goes against the edges when asked', () => {
    expect(reachableAgents(team, ['b'], ['delegate', 'handoff'], 'backward')).toEqual(['b', 'a', 'lead']);
  });

  it('never passes through a human', () => {
    expect(reachableAgents(team, ['b'], ['escalation'])).toEqual(['b']);
  });
});

describe('largestRun', () => {
  // Two roots: one sets three agents to work, the other two; data from one run into the other
  // does not join the runs.
  const edges: Array<Partial<Edge> & { from: string; to: string }> = [
    { from: 'script-a', to: 'x' },
    { from: 'script-a', to: 'y' },
    { from: 'script-b', to: 'z' },
    { from: 'y', to: 'z', kind: 'data' },
    { from: 'x', to: 'x', kind: 'data' },
  ];
  const agents = ['script-a', 'script-b', 'x', 'y', 'z'];

  it('counts the agents the largest root reaches when roots start runs of their own', () => {
    expect(largestRun(graph(agents, edges, { separateRuns: true }))).toBe(3);
  });

  it('counts every agent when the system works as one', () => {
    expect(largestRun(graph(agents, edges))).toBe(5);
  });

  it('follows handoffs and shared threads, and takes an agent that only feeds itself for a root', () => {
    const peers = graph(['r', 'p', 'q', 's'], [
      { from: 'r', to: 'p', kind: 'handoff' },
      { from: 'p', to: 'q', kind: 'peer' },
      { from: 's', to: 's', kind: 'data' },
    ], { separateRuns: true });
    expect(largestRun(peers)).toBe(3);
  });

  it('takes an agent fed only by a human for a root', () => {
    const asked = graph(['a', 'b', 'c'], [
      { from: 'person', to: 'a', kind: 'delegate' },
      { from: 'a', to: 'b' },
      { from: 'c', to: 'c', kind: 'delegate' },
    ], { humans: ['person'], separateRuns: true });
    expect(largestRun(asked)).toBe(2);
  });
});
