import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// Counts the reads readSourceFile makes, through the real readSync.
const reads = vi.hoisted(() => ({ count: 0, sizes: [] as number[] }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    readSync: (...args: Parameters<typeof fs.readSync>) => {
      reads.count++;
      const buffer = args[1] as Buffer;
      reads.sizes.push(buffer.length);
      return fs.readSync(...args);
    },
  };
});

const { readSourceFile } = await import('../../src/discover/read-source.js');

describe('readSourceFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'coordlint-read-'));

  it('reads a small file with one read into a buffer of its size, not a second megabyte-sized one', () => {
    const path = join(folder, 'small.yaml');
    writeFileSync(path, 'version: 1\nname: small\nagents:\n  a: {}\n');
    reads.count = 0;
    reads.sizes.length = 0;
    const read = readSourceFile(path, 'small.yaml');
    expect('file' in read && read.file.text).toBe('version: 1\nname: small\nagents:\n  a: {}\n');
    expect(reads.count).toBe(1);
    expect(Math.max(...reads.sizes)).toBeLessThan(8192);
  });

  it('still cuts a file off at the limit it is given', () => {
    const path = join(folder, 'big.yaml');
    writeFileSync(path, `# ${'x'.repeat(5000)}\n`);
    const read = readSourceFile(path, 'big.yaml', 1000);
    expect('problem' in read && read.problem.message).toMatch(/over the 1000-byte limit/);
  });
});
