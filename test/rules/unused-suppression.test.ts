import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSuppressions } from '../../src/engine/suppressions.js';
import { project } from '../helpers/project.js';
import { FIXTURES } from '../helpers/run.js';
import { found, lintJson, NEWSROOM as newsroom } from '../helpers/cli-json.js';


/** The newsroom manifest with `comment` written above the line that starts with `before`. */
function newsroomWith(comment: string, before: string): string {
  return newsroom.replace(before, `${comment}\n${before}`);
}

describe('suppression comments', () => {
  it('finds directives in each file kind, with the line they cover', () => {
    expect(parseSuppressions('a.yaml', 'x: 1\n# coordlint-disable-next-line span-of-control, cascade-chain -- why\n\n# other\ny: 2\n')).toEqual([
      { kind: 'next-line', rules: ['span-of-control', 'cascade-chain'], reason: 'why', location: { file: 'a.yaml', line: 2, column: 3 }, target: 5 },
    ]);
    expect(parseSuppressions('a.ts', 'const a = 1; // coordlint-disable cascade-chain -- pipeline runs by hand\n/* coordlint-disable-next-line span-of-control -- ok */\nfoo();\n')).toEqual([
      { kind: 'file', rules: ['cascade-chain'], reason: 'pipeline runs by hand', location: { file: 'a.ts', line: 1, column: 17 } },
      { kind: 'next-line', rules: ['span-of-control'], reason: 'ok', location: { file: 'a.ts', line: 2, column: 4 }, target: 3 },
    ]);
    expect(parseSuppressions('agents/x.md', 'body\n<!-- coordlint-disable orphan-agent -- kept for later -->\n')).toEqual([
      { kind: 'file', rules: ['orphan-agent'], reason: 'kept for later', location: { file: 'agents/x.md', line: 2, column: 6 } },
    ]);
    expect(parseSuppressions('crew.py', "agent = Agent()  # coordlint-disable-next-line orphan-agent -- demo\nnext_line = 1\n")[0]?.target).toBe(2);
    // A directive inside a string is not a comment; JSON has no comments.
    expect(parseSuppressions('a.ts', "const text = 'coordlint-disable cascade-chain -- no';\n")).toEqual([]);
    expect(parseSuppressions('wf.json', '{"note": "# coordlint-disable cascade-chain -- no"}')).toEqual([]);
  });

  it('hides the finding on the next line, and counts what it hid', async () => {
    const cwd = project({ 'coordlint.yaml': newsroomWith('  # coordlint-disable-next-line span-of-control -- nine beats, one desk, on purpose', '  managing-editor:') });
    const json = await lintJson(cwd);
    expect(found(json)).toEqual([['regime-mismatch', 'coordlint.yaml', 3]]);
    expect(json.summary.suppressed).toBe(1);
  });

  it('hides a rule in the whole file', async () => {
    const cwd = project({ 'coordlint.yaml': `# coordlint-disable regime-mismatch, span-of-control -- one desk by design\n${newsroom}` });
    const json = await lintJson(cwd);
    expect(found(json)).toEqual([]);
    expect(json.summary.suppressed).toBe(2);
  });

  it('reports a directive that hides nothing, and the finding it missed', async () => {
    const cwd = project({ 'coordlint.yaml': newsroomWith('  # coordlint-disable-next-line span-of-control -- wrong line', '  politics-writer:') });
    const json = await lintJson(cwd);
    expect(found(json)).toEqual([
      ['regime-mismatch', 'coordlint.yaml', 3],
      ['span-of-control', 'coordlint.yaml', 7],
      ['unused-suppression', 'coordlint.yaml', 10],
    ]);
    expect(json.findings[2]?.message).toBe('coordlint-disable-next-line span-of-control hides nothing: no such finding on line 11; remove it.');
  });

  it('reports a directive without a reason but still applies it', async () => {
    const cwd = project({ 'coordlint.yaml': newsroomWith('  # coordlint-disable-next-line span-of-control', '  managing-editor:') });
    const json = await lintJson(cwd);
    expect(found(json)).toEqual([
      ['regime-mismatch', 'coordlint.yaml', 3],
      ['unused-suppression', 'coordlint.yaml', 7],
    ]);
    expect(json.findings[1]?.message).toBe("coordlint-disable-next-line span-of-control gives no reason; add one after ' -- '.");
  });

  it('names an unknown rule with the closest id', async () => {
    const cwd = project({ 'coordlint.yaml': newsroomWith('  # coordlint-disable-next-line span-of-contrl -- typo', '  managing-editor:') });
    const json = await lintJson(cwd);
    expect(json.findings.find((finding) => finding.ruleId === 'unused-suppression')?.message).toBe(
      "coordlint-disable-next-line names 'span-of-contrl', which is no rule (did you mean 'span-of-control'?).",
    );
    expect(found(json)).toContainEqual(['span-of-control', 'coordlint.yaml', 8]);
  });

  it('reads // comments in code and HTML comments in Markdown', async () => {
    const code = [
      "import { Agent, tool } from '@openai/agents';",
      "import { z } from 'zod';",
      "const sendEmail = tool({ name: 'send_email', description: 'Send an email.', parameters: z.object({ to: z.string() }), execute: async () => 'sent' });",
      '// coordlint-disable-next-line unguarded-irreversible-action -- the outbox holds mail for review',
      "export const support = new Agent({ name: 'support', instructions: 'Help.', tools: [sendEmail] });",
      "export const triage = new Agent({ name: 'triage', instructions: 'Route.', handoffs: [support] });",
      '',
    ].join('\n');
    const agent = readFileSync(join(FIXTURES, 'claude-code-review-team', '.claude', 'agents', 'release-manager.md'), 'utf8');
    const cwd = project({
      'src/agents.ts': code,
      '.claude/agents/release-manager.md': `${agent}\n<!-- coordlint-disable unguarded-irreversible-action -- releases run from a protected CI job -->\n`,
    });
    const json = await lintJson(cwd);
    expect(found(json).filter(([rule]) => rule === 'unguarded-irreversible-action' || rule === 'unused-suppression')).toEqual([]);
    expect(json.summary.suppressed).toBe(2);
  });

  it('is switched off like any rule', async () => {
    const cwd = project({ 'coordlint.yaml': newsroomWith('  # coordlint-disable-next-line span-of-control', '  managing-editor:') });
    expect(found(await lintJson(cwd, ['--rule', 'unused-suppression=off']))).toEqual([['regime-mismatch', 'coordlint.yaml', 3]]);
  });
});
