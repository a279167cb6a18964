import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'parse-error',
    category: 'correctness',
    severity: 'error',
    preset: 'recommended',
    description: 'Reports a file that could not be read or parsed.',
    seed: {
      section: 'Strict vs. Flexible Contracts',
      why: 'A definition that cannot be read is a contract nobody can check; the rest of the system is still checked, but this file is not until it parses.',
    },
    options: z.strictObject({}),
    messages: {
      unreadable: '{{message}}.',
    },
  },
  checkInputs({ problems, report }) {
    for (const problem of problems) {
      if (problem.ruleId !== 'parse-error') continue;
      report({ messageId: 'unreadable', at: problem.location, data: { message: problem.message.replace(/\.$/, '') } });
    }
  },
});
