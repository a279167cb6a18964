import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/graph/build-graph.js';
import { computeDepth, computeMetrics, computeSpans, countPairs, potentialPairs, requiredDepth } from '../../src/metrics/index.js';
import { nextDepthStep, nextTransition } from '../../src/metrics/regime.js';
import type { Agent, Edge, SystemModel } from '../../src/model/index.js';
import { memorySystem } from '../helpers/memory-system.js';

type AgentSpec = string | (Partial<Agent> & { id: string });
type EdgeSpec = Partial<Edge> & { from: string; to: string };

/** A system built in memory (edges are medium delegations unless they say otherwise). */
const system = (agents: AgentSpec[], edges: EdgeSpec[], humans: string[] = []): SystemModel => memorySystem(agents, edges, { humans });
const metricsOf = (agents: AgentSpec[], edges: EdgeSpec[], humans: string[] = []) => computeMetrics(buildGraph(system(agents, edges, humans)));
const topology = (agents: AgentSpec[], edges: EdgeSpec[], humans: string[] = []) => metricsOf(agents, edges, humans).topology;

const handoff = (from: string, to: string): EdgeSpec => ({ from, to, kind: 'handoff', coupling: 'tight' });
const data = (from: string, to: string): EdgeSpec => ({ from, to, kind: 'data', coupling: 'tight' });
const peer = (from: string, to: string): EdgeSpec => ({ from, to, kind: 'peer' });

describe('nextTransition', () => {
  it('names the next regime and the agent count where it begins (2, 10, 50, then federation at 100)', () => {
    expect([0, 1, 2, 9, 10, 49, 50, 99, 100, 250].map(nextTransition)).toEqual([
      { becomes: 'small', atAgents: 2 },
      { becomes: 'small', atAgents: 2 },
      { becomes: 'medium', atAgents: 10 },
      { becomes: 'medium', atAgents: 10 },
      { becomes: 'large', atAgents: 50 },
      { becomes: 'large', atAgents: 50 },
      { becomes: 'federated (very large)', atAgents: 100 },
      { becomes: 'federated (very large)', atAgents: 100 },
      undefined,
      undefined,
    ]);
  });
});

describe('nextDepthStep', () => {
  it('gives the next count that needs one more level: 7^d + 1 (2, 8, 50, 344)', () => {
    expect([0, 1, 2, 7, 8, 49, 50, 343].map(nextDepthStep)).toEqual([
      { depth: 1, atAgents: 2 },
      { depth: 1, atAgents: 2 },
      { depth: 2, atAgents: 8 },
      { depth: 2, atAgents: 8 },
      { depth: 3, atAgents: 50 },
      { depth: 3, atAgents: 50 },
      { depth: 4, atAgents: 344 },
      { depth: 4, atAgents: 344 },
    ]);
  });

  it('agrees with requiredDepth: the step is where ceil(log_7 N) first reaches the new depth', () => {
    for (const count of [1, 2, 6, 7, 8, 48, 49, 50, 342, 343]) {
      const step = nextDepthStep(count);
      expect(requiredDepth(step.atAgents)).toBe(step.depth);
      expect(requiredDepth(step.atAgents - 1)).toBe(step.depth - 1);
    }
  });
});

describe('potentialPairs', () => {
  it('is N(N−1)/2: exactly 0 for no agent or one, 1 for two, 45 for ten', () => {
    expect(Object.is(potentialPairs(0), 0)).toBe(true);
    expect([0, 1, 2, 3, 10].map(potentialPairs)).toEqual([0, 0, 1, 3, 45]);
  });
});

describe('countPairs', () => {
  it('counts neither an agent with itself nor a human, and both directions once', () => {
    const g = buildGraph(
      system(['a', 'b', 'c'], [handoff('a', 'a'), handoff('a', 'b'), data('b', 'a'), { from: 'c', to: 'owner', kind: 'escalation', coupling: 'loose' }, handoff('owner', 'c')], ['owner']),
    );
    expect(countPairs(g)).toBe(1);
  });
});

describe('computeDepth', () => {
  it('does not let a coordinator that delegates to itself lose its place as the root', () => {
    const g = buildGraph(system(['boss', 'w1', 'w2'], [{ from: 'boss', to: 'boss' }, { from: 'boss', to: 'w1' }, { from: 'boss', to: 'w2' }]));
    expect(computeDepth(g)).toBe(1);
  });
});

describe('computeSpans', () => {
  it('lists only agents that direct someone, without themselves or infrastructure', () => {
    const g = buildGraph(
      system(
        [{ id: 'boss', role: 'orchestrator' }, 'w1', 'w2', { id: 'checker', role: 'verifier' }],
        [{ from: 'boss', to: 'boss' }, { from: 'boss', to: 'w1' }, { from: 'boss', to: 'w2' }, { from: 'boss', to: 'w1' }, { from: 'boss', to: 'checker' }, handoff('w1', 'w2')],
      ),
    );
    expect(computeSpans(g).map((entry) => [entry.agent.id, entry.span, entry.subordinates.map((agent) => agent.id)])).toEqual([['boss', 2, ['w1', 'w2']]]);
  });
});

describe('computeMetrics of a system with no agent', () => {
  it('measures nothing: regime and topology none, every count and the ratio 0', () => {
    const empty: SystemModel = { ...system(['x'], []), agents: [], domains: [] };
    const metrics = computeMetrics(buildGraph(empty));
    expect(metrics).toEqual({
      agents: 0,
      humans: 0,
      regime: 'none',
      topology: 'none',
      depth: 0,
      requiredDepth: 0,
      maxSpan: 0,
      potentialPairs: 0,
      pairs: 0,
      coupling: { tight: 0, medium: 0, loose: 0 },
      coordinationRatio: 0,
      overheadBand: [0, 0],
      spans: [],
    });
    expect(Object.is(metrics.coordinationRatio, 0)).toBe(true);
    expect(Object.is(metrics.potentialPairs, 0)).toBe(true);
  });
});

describe('topology: federated', () => {
  it('takes an agent that directs someone for its domain’s coordinator, whatever its role', () => {
    expect(
      topology(
        [
          { id: 'eu', domain: 'europe' },
          { id: 'eu-1', domain: 'europe' },
          { id: 'us', domain: 'americas' },
          { id: 'us-1', domain: 'americas' },
        ],
        [{ from: 'eu', to: 'eu-1' }, { from: 'us', to: 'us-1' }],
      ),
    ).toBe('federated');
  });

  it('takes an orchestrator or a lead for its domain’s coordinator even when it directs nobody', () => {
    expect(
      topology(
        [{ id: 'chief', role: 'orchestrator', domain: 'europe' }, { id: 'boss', role: 'lead', domain: 'americas' }, 'w'],
        [handoff('chief', 'w'), handoff('boss', 'w')],
      ),
    ).toBe('federated');
  });

  it('is not federated when one domain has workers only (here the chain is a pipeline)', () => {
    expect(
      topology(
        [{ id: 'chief', role: 'orchestrator', domain: 'europe' }, { id: 'w1', domain: 'americas' }, { id: 'w2', domain: 'americas' }],
        [handoff('chief', 'w1'), handoff('w1', 'w2')],
      ),
    ).toBe('pipeline');
  });
});

describe('topology: mesh', () => {
  it('calls three agents all talking to each other a mesh (P = 3, 3 of 3 pairs, no hub)', () => {
    expect(topology(['a', 'b', 'c'], [peer('a', 'b'), peer('a', 'c'), peer('b', 'c')])).toBe('mesh');
  });

  it('does not count an agent that delegates only to itself as directing anyone', () => {
    expect(topology(['a', 'b', 'c'], [{ from: 'a', to: 'a' }, peer('a', 'b'), peer('a', 'c'), peer('b', 'c')])).toBe('mesh');
  });

  it('calls two agents with one handoff a pipeline, not a mesh (P < 3)', () => {
    expect(topology(['a', 'b'], [handoff('a', 'b')])).toBe('pipeline');
  });
});

describe('topology: pipeline, hub-and-spoke or mixed at depth 0', () => {
  it('keeps a chain whose middle agent retries itself a pipeline (a self-edge is no pair)', () => {
    const metrics = metricsOf(['a', 'b', 'c'], [handoff('a', 'b'), handoff('b', 'b'), handoff('b', 'c')]);
    expect(metrics).toMatchObject({ topology: 'pipeline', pairs: 2 });
  });

  it('keeps a chain a human starts a pipeline (humans make no pair)', () => {
    const metrics = metricsOf(['a', 'b', 'c'], [handoff('user', 'a'), handoff('a', 'b'), handoff('b', 'c')], ['user']);
    expect(metrics).toMatchObject({ topology: 'pipeline', pairs: 2, humans: 1 });
  });

  it('calls a ring of five handoffs mixed: five pairs are no path, and no agent is in every pair', () => {
    expect(topology(['a', 'b', 'c', 'd', 'e'], [handoff('a', 'b'), handoff('b', 'c'), handoff('c', 'd'), handoff('d', 'e'), handoff('e', 'a')])).toBe('mixed');
  });

  it('calls an agent linked to three others hub-and-spoke, not a pipeline (degree 3 is no path)', () => {
    expect(topology(['a', 'b', 'm', 'z'], [peer('m', 'a'), peer('m', 'b'), peer('m', 'z')])).toBe('hub-and-spoke');
  });

  it('calls a triangle beside a separate pair mixed: n − 1 pairs, but not one connected path', () => {
    expect(topology(['a', 'b', 'c', 'd', 'e'], [handoff('a', 'b'), handoff('b', 'c'), handoff('c', 'a'), handoff('d', 'e')])).toBe('mixed');
  });

  it('lets an agent on a chain talk to both neighbours as a peer: only handoff and data edges fan out', () => {
    expect(topology(['a', 'b', 'c'], [handoff('a', 'b'), peer('b', 'a'), peer('b', 'c')])).toBe('pipeline');
  });

  it('calls an agent sending data to two partners hub-and-spoke, not a pipeline', () => {
    expect(topology(['a', 'b', 'c'], [data('a', 'b'), data('a', 'c')])).toBe('hub-and-spoke');
  });

  it('calls a path mixed when one agent on it hands work on and sends data back', () => {
    expect(topology(['a', 'b', 'c', 'd'], [handoff('a', 'b'), handoff('b', 'c'), data('b', 'a'), handoff('c', 'd')])).toBe('mixed');
  });

  it('needs two pairs or more for a hub: one linked pair beside an idle agent is mixed', () => {
    expect(topology(['a', 'b', 'c'], [handoff('a', 'b')])).toBe('mixed');
  });
});
