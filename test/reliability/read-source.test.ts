import { describe, expect, it } from 'vitest';
import { decodeSource } from '../../src/discover/read-source.js';

/** Where decodeSource places the first byte that is not UTF-8 text, as [line, column, message]. */
function placeOf(bytes: number[] | Buffer): [number, number, string] | 'text' {
  const decoded = decodeSource('coordlint.yaml', Buffer.from(bytes));
  if ('file' in decoded) return 'text';
  return [decoded.problem.location.line, decoded.problem.location.column, decoded.problem.message];
}

const text = (value: string): number[] => [...Buffer.from(value)];

describe('decoding input files', () => {
  it('reads UTF-8 text, multi-byte characters and a byte-order mark', () => {
    expect(placeOf(text('name: café 😀\n'))).toBe('text');
    const decoded = decodeSource('coordlint.yaml', Buffer.from(`\uFEFFversion: 1\n`));
    expect(decoded).toEqual({ file: { path: 'coordlint.yaml', text: 'version: 1\n' } });
  });

  it('places a Latin-1 byte at its own column, in characters', () => {
    expect(placeOf([...text('a: 1\nname: ÿcaf'), 0xe9, ...text('\n')])).toEqual([2, 11, 'not UTF-8 text (byte 0xe9 here): not read; save it as UTF-8']);
  });

  it('places a stray continuation byte, and a sequence cut short by the end of the file', () => {
    expect(placeOf([...text('ab'), 0x80, ...text('c')])).toEqual([1, 3, 'not UTF-8 text (byte 0x80 here): not read; save it as UTF-8']);
    // Columns are UTF-16 code units, as in every other location (the emoji counts two).
    expect(placeOf([...text('x: 😀 '), 0xe2, 0x82])).toEqual([1, 7, 'not UTF-8 text (byte 0xe2 here): not read; save it as UTF-8']);
  });

  it('places the first NUL byte of a binary file', () => {
    expect(placeOf([...text('a\nbc'), 0x00, 0xff])).toEqual([2, 3, 'a binary file (it holds a NUL byte), not text: not read']);
  });

  it('leaves a file no extractor reads as it is', () => {
    const decoded = decodeSource('notes.txt', Buffer.from([0x00, 0xff]));
    expect('file' in decoded).toBe(true);
  });
});
