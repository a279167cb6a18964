import { linkFragments } from '../../src/link/link.js';
import type { Agent, Edge, SystemModel } from '../../src/model/index.js';

const at = { file: 'x.yaml', line: 1, column: 1 };

/**
 * A system built in memory, skipping every reader: agents (an id, or an agent's fields), humans by
 * id, and edges that are delegations of medium coupling unless they say otherwise.
 */
export function memorySystem(
  agents: Array<string | (Partial<Agent> & { id: string })>,
  edges: Array<Partial<Edge> & { from: string; to: string }>,
  options: { humans?: string[]; separateRuns?: boolean } = {},
): SystemModel {
  const { systems } = linkFragments([
    {
      name: 'memory',
      framework: 'manifest',
      overlay: false,
      file: 'x.yaml',
      location: at,
      agents: agents.map((agent) => (typeof agent === 'string' ? { id: agent } : agent)).map((agent) => ({ name: agent.id, role: 'worker', tools: [], location: at, ...agent })),
      humans: (options.humans ?? []).map((id) => ({ id, name: id, location: at })),
      edges: edges.map((edge) => ({ kind: 'delegate', coupling: 'medium', fallback: false, parallel: false, mode: 'sync', location: at, ...edge })),
      references: [],
      syncPoints: [],
      loops: [],
    },
  ]);
  const system = systems[0] as SystemModel;
  return options.separateRuns === true ? { ...system, separateRuns: true } : system;
}
