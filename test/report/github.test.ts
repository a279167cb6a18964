import { describe, expect, it } from 'vitest';
import formatGithub, { escapeData, escapeProperty } from '../../src/report/github.js';
import type { LintResult } from '../../src/model/index.js';
import { lintFixture } from '../helpers/run.js';

describe('GitHub annotations', () => {
  it('prints one workflow command per finding, in the exact format', async () => {
    const lines = formatGithub(await lintFixture('unresolved-reference-archive-handoff'), { color: false, quiet: false }).split('\n');
    expect(lines).toEqual([
      "::error file=coordlint.yaml,line=7,col=13,title=coordlint unresolved-reference::'archiver' in a handoff edge is not an agent or human of system 'ticket-pipeline'.%0ADefine 'archiver' under agents or humans, or correct the name.",
      '',
    ]);
  });

  it('uses warning and notice for the other severities', async () => {
    const text = formatGithub(await lintFixture('span-of-control-nine-reports'), { color: false, quiet: false });
    expect(text.split('\n').filter(Boolean).map((line) => line.slice(0, line.indexOf(' ')))).toEqual(['::warning', '::warning']);
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', async () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('dir:a,b/100%\n')).toBe('dir%3Aa%2Cb/100%25%0A');
    const result: LintResult = {
      rules: [],
      systems: [],
      coverage: [],
      summary: { errors: 0, warnings: 0, infos: 1, files: 1, systems: 0 },
      findings: [
        {
          ruleId: 'parse-error',
          messageId: 'unreadable',
          severity: 'info',
          message: 'odd: 50% of\nlines, broken\r',
          location: { file: 'a,b:c.yaml', line: 3, column: 4, endLine: 3, endColumn: 9 },
          related: [],
          data: {},
        },
      ],
    };
    expect(formatGithub(result, { color: false, quiet: false })).toBe(
      '::notice file=a%2Cb%3Ac.yaml,line=3,col=4,endLine=3,endColumn=9,title=coordlint parse-error::odd: 50%25 of%0Alines, broken%0D\n',
    );
  });
});
