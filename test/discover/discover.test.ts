import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { discover, isArchivedFolder, SKIPPED_FOLDERS } from '../../src/discover/discover.js';
import { FIXTURES } from '../helpers/run.js';

describe('discover', () => {
  const folder = join(FIXTURES, 'discover-skips-archived-folders');

  it('passes over archived and backup folders by default, but not a folder named archive', () => {
    expect(discover(['.'], folder).files.map((file) => file.path)).toEqual(['src/agents/notifier.ts', 'src/archive/archivist.ts']);
  });

  it('takes backups for archived folders, and names that merely contain the letters for live ones', () => {
    for (const name of ['_archive', 'deprecated', 'old', '_old', 'backup', 'backups', '_cleanup_backup', 'backup_2024', 'db.bak']) expect(isArchivedFolder(name), name).toBe(name !== 'db.bak');
    for (const name of ['archive', 'backupService', 'backup-agent', 'src', 'older', 'gold']) expect(isArchivedFolder(name), name).toBe(false);
  });

  it('reads archived folders when includeArchived is set', () => {
    expect(discover(['.'], folder, [], { includeArchived: true }).files.map((file) => file.path)).toEqual([
      'docs/_archive/2025-03/src/agents/notifier.ts',
      'frontend/_cleanup_backup/20250624/notifier.ts',
      'src/agents/notifier.ts',
      'src/archive/archivist.ts',
    ]);
  });

  it('reads the files of a test folder that the code imports (`./test/steps.js` is its TypeScript source), and nothing else of it', () => {
    const paths = discover(['.'], join(FIXTURES, 'mastra-steps-in-a-folder-named-test')).files.map((file) => file.path);
    expect(paths).toEqual(['src/mastra/agents/helper.ts', 'src/mastra/index.ts', 'src/mastra/workflows/pipeline.ts', 'src/mastra/workflows/test/steps.ts']);
  });

  it('lists in the README every folder it never walks into', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('are never walked into'), readme.indexOf('Archived folders'));
    expect([...paragraph.matchAll(/`([^`/]+)\/`/g)].map((match) => match[1]).sort()).toEqual([...SKIPPED_FOLDERS].sort());
  });
});
