import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { discover, frameworkPackageName, isArchivedFolder, SKIPPED_FOLDERS } from '../../src/discover/discover.js';
import { FIXTURES } from '../helpers/run.js';

describe('discover', () => {
  const folder = join(FIXTURES, 'discover-skips-archived-folders');

  it('passes over archived and backup folders by default, and archive/ at the top of the walk, but not a folder named archive below it', () => {
    expect(discover(['.'], folder).files.map((file) => file.path)).toEqual(['src/agents/notifier.ts', 'src/archive/archivist.ts']);
  });

  it('takes backups for archived folders, and names that merely contain the letters for live ones', () => {
    for (const name of ['_archive', 'deprecated', 'Deprecated', 'OLD', 'old', '_old', 'backup', 'backups', '_cleanup_backup', 'backup_2024', 'db.bak']) expect(isArchivedFolder(name), name).toBe(name !== 'db.bak');
    for (const name of ['archive', 'backupService', 'backup-agent', 'src', 'older', 'gold']) expect(isArchivedFolder(name), name).toBe(false);
  });

  it('reads archived folders when includeArchived is set', () => {
    expect(discover(['.'], folder, [], { includeArchived: true }).files.map((file) => file.path)).toEqual([
      'archive/crew-v1/announcer.ts',
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

  it("passes over an agent framework's own library package, and reads it when it is the folder given", () => {
    const library = join(FIXTURES, 'discover-skips-framework-library');
    const found = discover(['.'], library);
    expect(found.files.map((file) => file.path)).toEqual(['examples/handoffs/index.ts']);
    expect(found.skippedFramework).toEqual(['packages/agents-core/ (@openai/agents-core)']);
    const named = discover(['packages/agents-core'], library);
    expect(named.files.map((file) => file.path)).toEqual(['packages/agents-core/src/agent.ts', 'packages/agents-core/src/defaults.ts']);
    expect(named.skippedFramework).toEqual([]);
  });

  it("knows the frameworks' library packages by name, and no application named after them", () => {
    for (const name of ['@openai/agents', '@openai/agents-core', '@langchain/langgraph', '@langchain/langgraph-supervisor', '@langchain/core', 'langchain', 'deepagents', '@mastra/core']) {
      expect(frameworkPackageName(JSON.stringify({ name })), name).toBe(name);
    }
    for (const name of ['@mastra/dane', 'my-langgraph-app', '@openai/agentsx', 'langchain-demo', '@acme/agents-core']) expect(frameworkPackageName(JSON.stringify({ name })), name).toBeUndefined();
    expect(frameworkPackageName('{ "name": "@openai/agents-core", ')).toBeUndefined();
  });

  it("never reads Jupyter's autosave copies, nor a capitalised Deprecated/ folder", () => {
    const root = mkdtempSync(join(tmpdir(), 'coordlint-discover-'));
    const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['import autogen\n', 'a = autogen.AssistantAgent("a")\n'] }] });
    for (const path of ['notebooks/chat.ipynb', 'notebooks/.ipynb_checkpoints/chat-checkpoint.ipynb', 'src/Deprecated/chat.ipynb']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), notebook);
    }
    const found = discover(['.'], root);
    expect(found.files.map((file) => file.path)).toEqual(['notebooks/chat.ipynb']);
    expect(found.skippedArchived).toEqual(['src/Deprecated/']);
  });

  it('lists in the README every folder it never walks into', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const paragraph = readme.slice(readme.indexOf('are never walked into'), readme.indexOf('Archived folders'));
    expect([...paragraph.matchAll(/`([^`/]+)\/`/g)].map((match) => match[1]).sort()).toEqual([...SKIPPED_FOLDERS].sort());
  });
});
