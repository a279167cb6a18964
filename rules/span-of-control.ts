import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';
import { groupingAdvice } from '../src/model/index.js';
import { SPAN_BRANCHING, SPAN_OF_CONTROL_MAX } from '../src/metrics/thresholds.js';

export default defineRule({
  meta: {
    id: 'span-of-control',
    category: 'scale',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a coordinator that directs more agents than one coordinator can track.',
    seed: {
      section: 'Perspective 7: Hierarchical Delegation (Film Production)',
      why: 'Past five to eight direct reports a coordinator loses track of its subordinates; more levels, not wider ones, keep coordination tractable.',
    },
    options: z.strictObject({
      // seed: Perspective 7 — 5-8 direct reports
      max: z.number().int().min(1).default(SPAN_OF_CONTROL_MAX).describe('Most direct reports a coordinator may have.'),
    }),
    messages: {
      tooManyReports: "'{{agent}}' directs {{span}} agents; the limit is {{max}}.",
    },
  },
  check({ system, metrics, options, report }) {
    const advice = groupingAdvice(system.framework);
    for (const { agent, span, subordinates } of metrics.spans) {
      if (span <= options.max) continue;
      // A coordinator that is plain code or a workflow engine (a flow, a workflow, a script)
      // holds no one's state in its attention: it runs the next step when the last one is done,
      // however many there are.
      if (agent.deterministic === true) continue;
      // The user's own session (Claude Code's main session) picks the subagents a task needs from
      // those on offer (it may run a few side by side; it never tracks the whole pool).
      if (agent.interactive === true) continue;
      const groups = Math.ceil(span / SPAN_BRANCHING);
      const suggestion = advice.canNest
        ? `Split the ${span} reports of '${agent.id}' under ${groups} sub-coordinators (leads) of at most ${SPAN_BRANCHING} agents each${advice.how === '' ? '' : `: ${advice.how}`}.`
        : `Split the ${span} agents of '${agent.id}' into ${groups} groups of at most ${SPAN_BRANCHING}: ${advice.how}.`;
      report({
        messageId: 'tooManyReports',
        at: agent,
        data: { agent: agent.id, span, max: options.max, suggestedLeads: groups },
        related: subordinates.map((subordinate) => ({ at: subordinate, message: `'${subordinate.id}' reports to '${agent.id}'` })),
        suggestion,
      });
    }
  },
});
