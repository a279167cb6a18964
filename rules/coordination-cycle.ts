import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { cyclicComponents } from '../src/graph/paths.js';
import type { Edge } from '../src/model/index.js';

const isWorkFlow = (edge: Edge): boolean => edge.kind === 'handoff' || edge.kind === 'data';

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
    for (const component of cyclicComponents(graph, isWorkFlow)) {
      const members = new Set(component);
      const inside = system.edges.filter((edge) => isWorkFlow(edge) && members.has(edge.from) && members.has(edge.to));
      const exits = system.edges.filter((edge) => isWorkFlow(edge) && members.has(edge.from) && !members.has(edge.to));
      // An agent that can end the run (a graph's END, a final answer) is a way out too.
      const terminal = component.filter((id) => graph.agent(id)?.terminates === true);
      // A bound with no agents is system-wide: a framework's recursion limit or max turns.
      const bounded = system.loops.some(
        (loop) => loop.agents.length === 0 || (loop.agents.length >= Math.min(2, members.size) && loop.agents.every((id) => members.has(id))),
      );
      const first = graph.agent(component[0] as string);
      if (!first) continue;
      const data = { members: quoteList(component), size: component.length, exits: exits.length + terminal.length };
      const related = inside.map((edge) => ({ at: edge, message: `'${edge.from}' → '${edge.to}' (${edge.kind})` }));
      if (exits.length === 0 && terminal.length === 0) {
        report({
          messageId: 'cycleWithoutExit',
          at: first,
          data,
          related,
          suggestion: `Give one of ${quoteList(component)} a handoff out of the cycle (to the next stage, or back to a human), and declare a bound under loops.`,
        });
      } else if (!bounded) {
        report({
          messageId: 'cycleWithoutBound',
          at: first,
          data,
          related,
          suggestion: `Declare the loop's bound: loops: [{agents: [${component.join(', ')}], maxIterations: 3}], or the framework's recursion limit / max turns.`,
        });
      }
    }
  },
});

/** 'a', 'b' and 'c'. */
function quoteList(ids: readonly string[]): string {
  const quoted = ids.map((id) => `'${id}'`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}
