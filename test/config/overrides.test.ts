import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../helpers/project.js';
import { FIXTURES, runCli } from '../helpers/run.js';
import { found, lintJson, NEWSROOM as newsroom } from '../helpers/cli-json.js';


describe('overrides in the configuration', () => {
  const inbox = readFileSync(join(FIXTURES, 'n8n-downstream-send-and-loops', 'inbox-replies.json'), 'utf8');

  it('sets severities per file, for files that hold no comments', async () => {
    const cwd = project({
      'workflows/inbox-replies.json': inbox,
      'coordlint.yaml': newsroom,
      '.coordlintrc.yaml': 'overrides:\n  - files: ["workflows/*.json"]\n    rules:\n      unguarded-irreversible-action: "off"\n  - files: coordlint.yaml\n    rules:\n      span-of-control: error\n',
    });
    const json = await lintJson(cwd);
    expect(json.findings.map((finding) => [finding.ruleId, finding.location.file, finding.severity])).toEqual([
      ['regime-mismatch', 'coordlint.yaml', 'warning'],
      ['span-of-control', 'coordlint.yaml', 'error'],
    ]);
  });

  it('turns on, for its files only, a rule that is off elsewhere', async () => {
    const cwd = project({
      'a/coordlint.yaml': newsroom,
      'b/coordlint.yaml': newsroom.replace('name: newsroom', 'name: newsroom-b'),
      '.coordlintrc.yaml': 'rules:\n  span-of-control: "off"\noverrides:\n  - files: "a/**"\n    rules:\n      span-of-control: warning\n',
    });
    const json = await lintJson(cwd, ['--rule', 'regime-mismatch=off']);
    expect(found(json)).toEqual([['span-of-control', 'a/coordlint.yaml', 7]]);
  });

  it('rejects an unknown rule with its place in the file', async () => {
    const cwd = project({ 'coordlint.yaml': newsroom, '.coordlintrc.yaml': 'overrides:\n  - files: "*.json"\n    rules:\n      span-of-contrl: "off"\n' });
    const { code, stderr } = await runCli([], cwd);
    expect(code).toBe(2);
    expect(stderr).toBe("coordlint: .coordlintrc.yaml:4:7: overrides.0.rules.span-of-contrl: unknown rule (did you mean 'span-of-control'?)\n");
  });
});
