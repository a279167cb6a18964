import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    category: 'correctness',
    severity: 'warning',
    preset: 'recommended',
    description: 'Reports a suppression comment that hides nothing, names no known rule or gives no reason.',
    seed: {
      section: 'Coordination Failures',
      why: 'A silenced finding is a decision about the system; without a reason the next reader cannot tell a judged exception from a muted alarm, and a silence that covers nothing waits to hide the next real problem written at that place.',
    },
    options: z.strictObject({}),
    messages: {
      directive: '{{message}}.',
    },
  },
  checkInputs({ problems, report }) {
    for (const problem of problems) {
      if (problem.ruleId !== 'unused-suppression') continue;
      report({ messageId: 'directive', at: problem.location, data: { message: problem.message } });
    }
  },
});
