import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lintJson, placed, runGuarded, scratchFolder, WITNESS, WITNESS_FINDING } from './scratch.js';

// Files and folders that change under coordlint while it runs, and writes that fail half-way.
// The file system is real; only the moment of the change is forced, by wrapping node:fs. (Tests
// run as root in CI containers, where chmod cannot make a file unreadable.)
const sabotage = vi.hoisted(() => ({
  /** Base names of files deleted just before coordlint opens them. */
  vanishOnOpen: new Set<string>(),
  /** Base names of files that refuse to be opened. */
  lockedFiles: new Set<string>(),
  /** Base names of folders that refuse to be listed. */
  lockedFolders: new Set<string>(),
  /** Base names of folders deleted just before coordlint resolves them. */
  vanishOnResolve: new Set<string>(),
  /** Fail writes of temporary report files half-way, or the rename that publishes them. */
  failWrite: false,
  failRename: false,
}));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const error = (code: string, path: string): Error => Object.assign(new Error(`${code}: simulated, '${path}'`), { code });
  return {
    ...fs,
    openSync: (path: string, ...rest: [number]) => {
      if (sabotage.vanishOnOpen.has(basename(path))) fs.rmSync(path, { force: true });
      if (sabotage.lockedFiles.has(basename(path))) throw error('EACCES', path);
      return fs.openSync(path, ...rest);
    },
    readdirSync: ((path: string, options: { withFileTypes: true }) => {
      if (sabotage.lockedFolders.has(basename(path))) throw error('EACCES', path);
      return fs.readdirSync(path, options);
    }) as typeof fs.readdirSync,
    realpathSync: (path: string) => {
      if (sabotage.vanishOnResolve.has(basename(path))) fs.rmSync(path, { recursive: true, force: true });
      return fs.realpathSync(path);
    },
    writeFileSync: (path: string, data: string, options?: object) => {
      if (sabotage.failWrite && basename(path).endsWith('.tmp')) {
        fs.writeFileSync(path, data.slice(0, data.length / 2), options);
        throw error('ENOSPC', path);
      }
      return fs.writeFileSync(path, data, options);
    },
    renameSync: (from: string, to: string) => {
      if (sabotage.failRename) throw error('EACCES', to);
      return fs.renameSync(from, to);
    },
  };
});

const project = scratchFolder('vanishing');

afterEach(() => {
  sabotage.vanishOnOpen.clear();
  sabotage.lockedFiles.clear();
  sabotage.lockedFolders.clear();
  sabotage.vanishOnResolve.clear();
  sabotage.failWrite = false;
  sabotage.failRename = false;
});

describe('files that vanish or cannot be read during the walk', () => {
  it('reports a file deleted between the walk and the read, and lints the others', async () => {
    const cwd = project({ 'gone.coordlint.yaml': 'version: 1\nname: gone\n', 'witness.coordlint.yaml': WITNESS });
    sabotage.vanishOnOpen.add('gone.coordlint.yaml');
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([['parse-error', 'gone.coordlint.yaml', 1, 1, 'cannot read file (ENOENT).'], WITNESS_FINDING]);
  });

  it('reports a file it may not open, and lints the others', async () => {
    const cwd = project({ 'src/locked.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'locked' });\n", 'witness.coordlint.yaml': WITNESS });
    sabotage.lockedFiles.add('locked.ts');
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([['parse-error', 'src/locked.ts', 1, 1, 'cannot read file (EACCES).'], WITNESS_FINDING]);
  });

  it('reports a folder it may not list instead of skipping it silently', async () => {
    const cwd = project({ 'locked/coordlint.yaml': 'version: 1\nname: hidden\n', 'witness.coordlint.yaml': WITNESS });
    sabotage.lockedFolders.add('locked');
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([['parse-error', 'locked/', 1, 1, 'cannot read folder (EACCES).'], WITNESS_FINDING]);
  });

  it('reports a folder deleted while the walk reaches it', async () => {
    const cwd = project({ 'moving/coordlint.yaml': 'version: 1\nname: moving\n', 'witness.coordlint.yaml': WITNESS });
    sabotage.vanishOnResolve.add('moving');
    const { report } = await lintJson(cwd);
    expect(placed(report)).toEqual([['parse-error', 'moving/', 1, 1, 'cannot read folder (ENOENT).'], WITNESS_FINDING]);
  });
});

describe('reports written atomically', () => {
  it('keeps the old report whole when writing the new one fails half-way, and removes the partial file', async () => {
    const cwd = project({ 'witness.coordlint.yaml': WITNESS, 'out/report.sarif': 'old report' });
    sabotage.failWrite = true;
    expect(await runGuarded(['--format', 'sarif', '-o', 'out/report.sarif'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'coordlint: cannot write out/report.sarif: no space left on the device (ENOSPC)\n',
    });
    expect(readFileSync(join(cwd, 'out', 'report.sarif'), 'utf8')).toBe('old report');
    expect(readdirSync(join(cwd, 'out'))).toEqual(['report.sarif']);
  });

  it('keeps the old report when the finished one cannot be put in its place', async () => {
    const cwd = project({ 'witness.coordlint.yaml': WITNESS, 'review.md': 'old review' });
    sabotage.failRename = true;
    expect(await runGuarded(['review', '-o', 'review.md'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: cannot write review.md: permission denied (EACCES)\n' });
    expect(readFileSync(join(cwd, 'review.md'), 'utf8')).toBe('old review');
    expect(readdirSync(cwd).sort()).toEqual(['review.md', 'witness.coordlint.yaml']);
  });

  it('replaces the old report once the new one is complete', async () => {
    const cwd = project({ 'witness.coordlint.yaml': WITNESS, 'report.json': 'old' });
    const { code } = await runGuarded(['--format', 'json', '-o', 'report.json'], cwd);
    expect(code).toBe(1);
    const written = JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8')) as { summary: { errors: number } };
    expect(written.summary.errors).toBe(1);
    expect(readdirSync(cwd).sort()).toEqual(['report.json', 'witness.coordlint.yaml']);
  });
});

