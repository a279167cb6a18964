import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extractorFor } from '../extract/index.js';
import type { SourceFile } from '../extract/types.js';
import { isAgentCode } from '../extract/typescript.js';
import type { Problem } from '../model/index.js';

/** Files larger than this are reported, not read: no agent definition is this big (config `maxFileBytes`). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** How much of an oversized file is read to tell whether it is an agent definition at all. */
const HEAD_BYTES = 64 * 1024;

/**
 * Reads one input file, bounded and without blocking: at most `limit` bytes are read (a file
 * that grows between the size check and the read is still cut off), a file that turned into a
 * pipe or a folder since the walk is reported, never waited on. A file an extractor would read
 * must be UTF-8 text: invalid bytes or NUL bytes are a parse error at their place, never
 * silently replaced (a name with a replacement character would be a lie). Files no extractor
 * wants are returned as they are, for the caller to drop.
 */
export function readSourceFile(absolute: string, path: string, limit: number = MAX_FILE_BYTES): { file: SourceFile } | { problem: Problem } {
  const at = { file: path, line: 1, column: 1 };
  let descriptor: number | undefined;
  try {
    descriptor = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) return { problem: { ruleId: 'parse-error', message: 'cannot read file (it is no longer a regular file)', location: at } };
    const bytes = readUpTo(descriptor, limit + 1, stats.size);
    if (bytes.length > limit) {
      const size = Math.max(stats.size, bytes.length);
      // Too big to read whole: its head says whether it is an agent definition at all (a lock
      // file, a bundle or a data set is skipped with an info; a real candidate is an error).
      const candidate = extractorFor(path, bytes.subarray(0, HEAD_BYTES).toString('utf8')) !== undefined;
      return {
        problem: candidate
          ? { ruleId: 'parse-error', message: `file is ${size} bytes, over the ${limit}-byte limit (raise maxFileBytes in the config to read it)`, location: at }
          : { ruleId: 'extraction-gap', message: `a file of ${size} bytes, over the ${limit}-byte limit, that does not look like an agent definition: skipped`, location: at },
      };
    }
    return decodeSource(path, bytes);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    return { problem: { ruleId: 'parse-error', message: `cannot read file (${reason})`, location: at } };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/**
 * Up to `count` bytes from the start of an open file. The first read is sized by the file's
 * size as stat gave it (plus one byte, to see it grow), so a small file costs a small buffer
 * and one read.
 */
function readUpTo(descriptor: number, count: number, sizeHint: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < count) {
    const want = total === 0 ? Math.max(sizeHint + 1, 4096) : 1024 * 1024;
    const chunk = Buffer.allocUnsafe(Math.min(count - total, want));
    const length = readSync(descriptor, chunk, 0, chunk.length, total);
    if (length === 0) break;
    chunks.push(chunk.subarray(0, length));
    total += length;
    // A short read of a regular file is its end: no second, megabyte-sized buffer to learn so.
    if (length < chunk.length) break;
  }
  return Buffer.concat(chunks, total);
}

/** The file's text (without a byte-order mark), or a parse error where it stops being UTF-8 text. */
export function decodeSource(path: string, bytes: Buffer): { file: SourceFile } | { problem: Problem } {
  const lossy = bytes.toString('utf8');
  const text = lossy.startsWith('\uFEFF') ? lossy.slice(1) : lossy;
  const extractor = extractorFor(path, text);
  // Code no framework uses is kept only to resolve imports: its bytes are not worth a finding.
  if (!extractor || (extractor.id === 'typescript' && !isAgentCode(text))) return { file: { path, text } };
  const nul = bytes.indexOf(0);
  const invalid = firstInvalidByte(bytes);
  if (nul === -1 && invalid === -1) return { file: { path, text } };
  const offset = invalid === -1 || (nul !== -1 && nul < invalid) ? nul : invalid;
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const line = countNewlines(bytes, offset) + 1;
  const column = bytes.subarray(lineStart, offset).toString('utf8').length + 1;
  const message =
    offset === nul
      ? 'a binary file (it holds a NUL byte), not text: not read'
      : `not UTF-8 text (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, '0')} here): not read; save it as UTF-8`;
  return { problem: { ruleId: 'parse-error', message, location: { file: path, line, column } } };
}

/** The offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidByte(bytes: Buffer): number {
  if (isUtf8(bytes)) return -1;
  // The shortest prefix that fails to decode ends at the bad byte: a streaming decode only fails
  // on a complete invalid sequence, so failure grows with the prefix (binary search). A sequence
  // cut short by the end of the file never fails that way and leaves the last byte.
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    if (decodes(bytes.subarray(0, middle))) good = middle;
    else bad = middle;
  }
  const offset = bad - 1;
  // The byte that broke it may end a sequence that began earlier and was cut short (a Latin-1
  // 'é' before a newline): point at where that sequence began.
  let lead = offset - 1;
  while (lead >= 0 && offset - lead <= 3 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead >= 0 && offset - lead <= 3 && first >= 0xc0 && lead + length > offset ? lead : offset;
}

function decodes(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let index = bytes.indexOf(0x0a); index !== -1 && index < end; index = bytes.indexOf(0x0a, index + 1)) count++;
  return count;
}
