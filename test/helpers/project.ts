import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'coordlint-project-'));

/** A fresh folder holding the given files (paths relative to it, `/` separated). */
export function project(files: Record<string, string>): string {
  const folder = mkdtempSync(join(scratch, 'p-'));
  writeFiles(folder, files);
  return folder;
}

/** Writes (or overwrites) files under a folder. */
export function writeFiles(folder: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
}
