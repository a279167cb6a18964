import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { computeMetrics, publicMetrics, requiredDepth } from '../../src/metrics/index.js';
import { overheadBand, regimeOf } from '../../src/metrics/regime.js';
import type { Agent, Edge, SystemModel } from '../../src/model/index.js';
import { manifest, reports } from '../helpers/manifests.js';
import { memorySystem } from '../helpers/memory-system.js';
import { lintManifest } from '../helpers/run.js';


/** A system built in memory, skipping the manifest reader. */
const system = (agents: Array<Partial<Agent> & { id: string }>, edges: Array<Partial<Edge> & { from: string; to: string }>): SystemModel => memorySystem(agents, edges);

const metricsOf = (text: string) => {
  const result = lintManifest(text);
  return result.systems[0]?.metrics;
};

describe('requiredDepth', () => {
  it('gives the seed values 5 → 1, 20 → 2, 100 → 3, 500 → 4', () => {
    expect([5, 20, 100, 500].map(requiredDepth)).toEqual([1, 2, 3, 4]);
  });
  it('is 0 below two agents and exact at powers of 7', () => {
    expect([0, 1, 2, 7, 8, 49, 50, 343, 344].map(requiredDepth)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4]);
  });
});

describe('regime and overhead band', () => {
  it('places agent counts in regimes at the seed boundaries', () => {
    expect([0, 1, 2, 9, 10, 49, 50, 100].map(regimeOf)).toEqual(['none', 'single', 'small', 'small', 'medium', 'medium', 'large', 'large']);
  });
  it('gives the expected overhead band per regime, very large from 100', () => {
    expect([1, 5, 20, 60, 100].map(overheadBand)).toEqual([
      [0, 0],
      [0.1, 0.15],
      [0.15, 0.25],
      [0.25, 0.35],
      [0.3, 0.4],
    ]);
  });
});

describe('computeMetrics', () => {
  it('measures a flat hub of 20: depth 1, requiredDepth 2, maxSpan 19, potentialPairs 190', () => {
    const metrics = metricsOf(manifest('hub', ['hub: {role: orchestrator}', ...reports('hub', 19)]));
    expect(metrics).toEqual({
      agents: 20,
      humans: 0,
      regime: 'medium',
      topology: 'hub-and-spoke',
      depth: 1,
      requiredDepth: 2,
      maxSpan: 19,
      potentialPairs: 190,
      pairs: 19,
      coupling: { tight: 0, medium: 19, loose: 0 },
      coordinationRatio: 1 / 20,
      overheadBand: [0.15, 0.25],
    });
  });

  it('counts 66 pairs in a 12-agent full mesh and calls it a mesh', () => {
    const lines = Array.from({ length: 12 }, (_, index) => {
      const later = Array.from({ length: 11 - index }, (_, offset) => `a${index + offset + 2}`);
      return `a${index + 1}: {peers: [${later.join(', ')}]}`;
    });
    const metrics = metricsOf(manifest('mesh', lines));
    expect(metrics).toMatchObject({ agents: 12, pairs: 66, potentialPairs: 66, topology: 'mesh', depth: 0, maxSpan: 0 });
  });

  it('counts a pair joined by several edges once, and keeps humans out of N and pairs', () => {
    const metrics = metricsOf(`
      version: 1
      name: duo
      humans:
        owner: {}
      agents:
        a: {handoffs: [b], peers: [b], escalatesTo: [owner]}
        b: {dependsOn: [a], peers: [a], escalatesTo: [owner]}
    `);
    expect(metrics).toMatchObject({ agents: 2, humans: 1, pairs: 1, regime: 'small', coupling: { tight: 2, medium: 1, loose: 2 } });
  });

  it('caps coupling at medium for fallback and async edges', () => {
    const metrics = metricsOf(`
      version: 1
      name: caps
      agents:
        a: {handoffs: [{to: b, fallback: true}, {to: c, mode: async}, {to: d, coupling: loose}]}
        b: {}
        c: {}
        d: {}
    `);
    expect(metrics?.coupling).toEqual({ tight: 0, medium: 2, loose: 1 });
  });

  it('measures the healthy two-level hierarchy exactly', () => {
    const lines = ['chief: {role: orchestrator, escalatesTo: [owner]}', 'reviewer: {role: auditor, escalatesTo: [owner]}'];
    for (let lead = 0; lead < 3; lead++) {
      lines.push(`lead-${lead}: {role: lead, reportsTo: chief, integrates: true, escalatesTo: [reviewer]}`);
      for (let worker = 0; worker < 4; worker++) lines.push(`lead-${lead}-worker-${worker}: {reportsTo: lead-${lead}, escalatesTo: [reviewer]}`);
    }
    const metrics = metricsOf(manifest('research-org', lines, 'humans:\n  owner: {}\n'));
    expect(metrics).toMatchObject({
      agents: 17,
      regime: 'medium',
      topology: 'hierarchical',
      depth: 2,
      requiredDepth: 2,
      maxSpan: 4,
      potentialPairs: 136,
      pairs: 30,
      coordinationRatio: 5 / 17,
    });
  });

  it('calls a chain of five handoffs without hierarchy a pipeline', () => {
    const metrics = metricsOf(manifest('line', ['a: {handoffs: [b]}', 'b: {handoffs: [c]}', 'c: {handoffs: [d]}', 'd: {handoffs: [e]}', 'e: {}']));
    expect(metrics).toMatchObject({ topology: 'pipeline', depth: 0, pairs: 4 });
  });

  it('calls a four-agent chain a pipeline, not a mesh', () => {
    const metrics = metricsOf(manifest('line', ['a: {handoffs: [b]}', 'b: {handoffs: [c]}', 'c: {handoffs: [d]}', 'd: {}']));
    expect(metrics).toMatchObject({ topology: 'pipeline', pairs: 3, potentialPairs: 6 });
  });

  it('calls a branching chain with no hub and no hierarchy mixed', () => {
    const metrics = metricsOf(manifest('fork', ['a: {handoffs: [b]}', 'b: {handoffs: [c]}', 'c: {handoffs: [d, e]}', 'd: {}', 'e: {}']));
    expect(metrics).toMatchObject({ topology: 'mixed', depth: 0, pairs: 4 });
  });

  it('calls agents that share nothing mixed, not a pipeline', () => {
    expect(metricsOf(manifest('crowd', ['a: {}', 'b: {}', 'c: {}']))).toMatchObject({ topology: 'mixed', pairs: 0 });
  });
});

describe('topology, with the worked examples of DESIGN.md', () => {
  const topology = (lines: string[]) => metricsOf(manifest('worked', lines))?.topology;

  it('a supervisor over 3 workers is hub-and-spoke', () => {
    expect(topology(['boss: {}', 'a: {reportsTo: boss}', 'b: {reportsTo: boss}', 'c: {reportsTo: boss}'])).toBe('hub-and-spoke');
  });

  it('a manager whose 3 workers feed one of them is hub-and-spoke', () => {
    expect(topology(['boss: {}', 'a: {reportsTo: boss, handoffs: [c]}', 'b: {reportsTo: boss, handoffs: [c]}', 'c: {reportsTo: boss}'])).toBe('hub-and-spoke');
  });

  it('a classifier routing to 2 responders is hub-and-spoke', () => {
    expect(topology(['classifier: {handoffs: [billing, tech]}', 'billing: {}', 'tech: {}'])).toBe('hub-and-spoke');
  });

  it('a 4-step chain with an editor⇄critic loop is a pipeline', () => {
    expect(topology(['researcher: {handoffs: [writer]}', 'writer: {handoffs: [editor]}', 'editor: {handoffs: [critic]}', 'critic: {handoffs: [editor]}'])).toBe('pipeline');
  });

  it('5 agents all talking to each other are a mesh', () => {
    expect(topology(['a: {peers: [b, c, d, e]}', 'b: {peers: [c, d, e]}', 'c: {peers: [d, e]}', 'd: {peers: [e]}', 'e: {}'])).toBe('mesh');
  });

  it('6 all-to-all workers under one boss are a mesh', () => {
    const workers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
    expect(topology(['boss: {}', ...workers.map((id, index) => `${id}: {reportsTo: boss, peers: [${workers.slice(index + 1).join(', ')}]}`)])).toBe('mesh');
  });

  it('a two-level tree is hierarchical', () => {
    expect(topology(['top: {}', 'lead-a: {reportsTo: top}', 'lead-b: {reportsTo: top}', 'a1: {reportsTo: lead-a}', 'b1: {reportsTo: lead-b}'])).toBe('hierarchical');
  });

  it('calls a system with two coordinated domains federated', () => {
    const metrics = metricsOf(
      manifest('fed', [
        'eu: {role: lead, domain: europe}',
        'eu-1: {reportsTo: eu, domain: europe}',
        'us: {role: lead, domain: americas}',
        'us-1: {reportsTo: us, domain: americas}',
      ]),
    );
    expect(metrics).toMatchObject({ topology: 'federated' });
  });

  it('calls a single agent single, with depth 0 and no pairs', () => {
    expect(metricsOf(manifest('solo', ['only: {}']))).toMatchObject({ agents: 1, regime: 'single', topology: 'single', depth: 0, requiredDepth: 0, pairs: 0, potentialPairs: 0 });
  });

  it('measures a 50,000-agent reportsTo chain without overflowing the stack', () => {
    const count = 50_000;
    const agents = Array.from({ length: count }, (_, index) => ({ id: `a${index}` }));
    const edges = agents.slice(1).map((agent, index) => ({ from: `a${index}`, to: agent.id }));
    const metrics = publicMetrics(computeMetrics(buildGraph(system(agents, edges))));
    expect(metrics).toMatchObject({
      agents: count,
      depth: count - 1,
      requiredDepth: 6,
      maxSpan: 1,
      pairs: count - 1,
      potentialPairs: (count * (count - 1)) / 2,
      regime: 'large',
      topology: 'hierarchical',
    });
  });

  it('ignores delegate cycles when measuring depth', () => {
    const metrics = computeMetrics(
      buildGraph(system([{ id: 'root' }, { id: 'a' }, { id: 'b' }], [{ from: 'root', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }])),
    );
    expect(metrics.depth).toBe(0);
  });
});

describe('ids that are object internals', () => {
  it('reads the fields of agents called __proto__ and constructor like any other', () => {
    const result = lintManifest(`
      version: 1
      name: odd
      agents:
        __proto__: {role: orchestrator, model: m1}
        constructor: {reportsTo: __proto__, model: m2}
        hasOwnProperty: {reportsTo: __proto__}
    `);
    expect(result.systems[0]?.model.agents.map((agent) => [agent.id, agent.role, agent.model ?? null])).toEqual([
      ['__proto__', 'orchestrator', 'm1'],
      ['constructor', 'worker', 'm2'],
      ['hasOwnProperty', 'worker', null],
    ]);
    expect(result.systems[0]?.metrics).toMatchObject({ depth: 1, maxSpan: 2, pairs: 2 });
  });
});
