import { z } from 'zod';
import { defineRule } from '../src/engine/define-rule.js';

export default defineRule({
  meta: {
    id: 'unresolved-reference',
    category: 'correctness',
    severity: 'error',
    preset: 'recommended',
    description: 'Reports a reference to an agent, human or system that is not defined.',
    seed: {
      section: 'Coordination Failures',
      why: 'A link to an agent that does not exist is work that falls through the cracks: the handoff, escalation or approval it stands for goes nowhere.',
    },
    options: z.strictObject({}),
    messages: {
      unknownTarget: "'{{name}}' in a {{field}} is not an agent or human of system '{{system}}'.",
      unknownSystem: '{{message}}.',
    },
  },
  check({ system, report }) {
    for (const reference of system.unresolved) {
      report({
        messageId: 'unknownTarget',
        at: reference,
        data: { name: reference.name, field: reference.field, system: system.name },
        suggestion: `Define '${reference.name}' under agents or humans, or correct the name.`,
      });
    }
  },
  checkInputs({ problems, report }) {
    for (const problem of problems) {
      if (problem.ruleId !== 'unresolved-reference') continue;
      report({
        messageId: 'unknownSystem',
        at: problem.location,
        data: { message: problem.message },
        suggestion: 'Name a system that another file defines, or remove overlay: true to define a system of its own.',
      });
    }
  },
});
