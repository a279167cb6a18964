import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'extraction-gap',
    category: 'correctness',
    severity: 'info',
    preset: 'recommended',
    description: 'Reports a construct coordlint recognised in code or config but could not resolve statically.',
    seed: {
      section: 'Coordination Failures',
      why: 'An analysis that silently skips what it cannot read reports a system cleaner than it is; saying where it could not see keeps the result honest and tells the team where a manifest overlay would help.',
    },
    options: z.strictObject({}),
    messages: {
      unresolved: 'Not resolved statically: {{construct}}.',
    },
  },
  checkInputs({ problems, report }) {
    for (const problem of problems) {
      if (problem.ruleId !== 'extraction-gap') continue;
      report({
        messageId: 'unresolved',
        at: problem.location,
        data: { construct: problem.message },
        suggestion: 'Describe what this builds in a coordlint manifest overlay (overlay: true with the system\'s name), or write it so its targets are visible statically.',
      });
    }
  },
});
