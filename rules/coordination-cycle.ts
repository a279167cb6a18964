import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { cyclicGroups } from '../src/graph/paths.js';
import type { Edge, SystemModel } from '../src/model/index.js';

const isWorkFlow = (edge: Edge): boolean => edge.kind === 'handoff' || edge.kind === 'data';

/** Where an edge leaves from and arrives at, in the order work moves: a step where the agents work in steps, else the agent. */
const startOf = (edge: Edge): string => (edge.steps === undefined ? `agent:${edge.from}` : `step:${edge.steps.from}`);
const endOf = (edge: Edge): string => (edge.steps === undefined ? `agent:${edge.to}` : `step:${edge.steps.to}`);

export default defineRule({
  meta: {
    id: 'coordination-cycle',
    category: 'flow',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports agents that hand work around in a cycle with no way out or no iteration bound.',
    seed: {
      section: 'Coordination Failures',
      why: 'A loop of handoffs is a revision cycle only when it ends: with no exit the work never leaves, and with no bound two agents can pass it back and forth while the cost grows.',
    },
    options: z.strictObject({}),
    messages: {
      cycleWithoutExit: { text: '{{members}} hand work around in a cycle that nothing leaves.', severity: 'error' },
      cycleWithoutBound: '{{members}} form a cycle with no declared iteration bound.',
    },
  },
  check({ system, graph, report }) {
    for (const cycle of workCycles(system)) {
      const members = new Set(cycle.agents);
      const exits = system.edges.filter((edge) => isWorkFlow(edge) && cycle.nodes.has(startOf(edge)) && !cycle.nodes.has(endOf(edge)));
      // An agent that can end the run (a graph's END, a final answer) is a way out too.
      const terminal = cycle.agents.filter((id) => graph.agent(id)?.terminates === true);
      // A bound with no agents is system-wide: a framework's recursion limit or max turns. A
      // member that waits for a human on every action is one too: the human decides each round.
      const bound =
        system.loops.find((loop) => loop.agents.length === 0 || (loop.agents.length >= Math.min(2, members.size) && loop.agents.every((id) => members.has(id)))) ??
        cycle.agents.flatMap((id) => graph.outgoing(id, ['approval'])).find((edge) => graph.isHuman(edge.to) && edge.tool === undefined && edge.approvalMode !== 'confidence');
      const first = graph.agent(cycle.agents[0] as string);
      if (!first) continue;
      const data = {
        members: quoteList(cycle.agents),
        size: cycle.agents.length,
        exits: exits.length + terminal.length,
        cycle: cycle.edges.map((edge) => `'${edge.from}' → '${edge.to}' (${edge.kind}, ${edge.location.file}:${edge.location.line})`).join('; '),
        boundLookedFor: 'a loops entry naming these agents, or a run-wide limit (recursion limit, max turns, termination condition)',
      };
      const related = cycle.edges.map((edge) => ({ at: edge, message: `'${edge.from}' → '${edge.to}' (${edge.kind})` }));
      if (exits.length === 0 && terminal.length === 0) {
        report({
          messageId: 'cycleWithoutExit',
          at: first,
          data,
          related,
          suggestion: `Give one of ${quoteList(cycle.agents)} a handoff out of the cycle (to the next stage, or back to a human), and declare a bound under loops.`,
        });
      } else if (!bound) {
        report({
          messageId: 'cycleWithoutBound',
          at: first,
          data,
          related,
          suggestion: `Declare the loop's bound: loops: [{agents: [${cycle.agents.join(', ')}], maxIterations: 3}], or the framework's recursion limit / max turns.`,
        });
      }
    }
  },
});

interface WorkCycle {
  /** The work nodes (steps or agents) of the cycle. */
  nodes: Set<string>;
  /** The agents that do its work, in model order. */
  agents: string[];
  /** The handoff/data edges inside the cycle. */
  edges: Edge[];
}

/**
 * Cycles in the order work moves: where agents work in steps, the nodes are the steps, so one
 * agent doing two steps of a straight sequence closes no cycle; only then are agents named.
 */
function workCycles(system: SystemModel): WorkCycle[] {
  const agentOrder = new Map(system.agents.map((agent, index) => [agent.id, index]));
  const flow = system.edges.filter((edge) => isWorkFlow(edge) && agentOrder.has(edge.from) && agentOrder.has(edge.to));
  const nodes: string[] = [];
  const seen = new Set<string>();
  for (const edge of flow) {
    for (const node of [startOf(edge), endOf(edge)]) {
      if (!seen.has(node)) {
        seen.add(node);
        nodes.push(node);
      }
    }
  }
  return cyclicGroups(nodes, flow.map((edge) => [startOf(edge), endOf(edge)] as const)).map((group) => {
    const inside = new Set(group);
    const edges = flow.filter((edge) => inside.has(startOf(edge)) && inside.has(endOf(edge)));
    const agents = [...new Set(edges.flatMap((edge) => [edge.from, edge.to]))].sort((a, b) => (agentOrder.get(a) ?? 0) - (agentOrder.get(b) ?? 0));
    return { nodes: inside, agents, edges };
  });
}

/** 'a', 'b' and 'c'. */
function quoteList(ids: readonly string[]): string {
  const quoted = ids.map((id) => `'${id}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
