import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './errors.js';

/** Plain words for the reasons a report cannot be written. */
const REASONS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a folder',
  ENOTDIR: 'part of its path is a file',
  EEXIST: 'part of its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the name is too long',
};

/**
 * Writes a report to `target` atomically: the text goes to a new temporary file in the same
 * folder, which is then renamed over the target, so a reader (or a crash) never sees half a
 * report and an old report stays whole until the new one is complete. A target that cannot be
 * written is a usage error naming `shown` (the path as the user gave it) and the reason; no
 * temporary file is left behind.
 */
export function writeOutputFile(target: string, text: string, shown: string): void {
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    // `wx`: never write through a file (or a planted link) already at the temporary name.
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created, or it cannot be removed either: the usage error below says why.
    }
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`cannot write ${shown}: ${reason}${code && REASONS[code] ? ` (${code})` : ''}`);
  }
}
