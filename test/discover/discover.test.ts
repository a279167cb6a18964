import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { FIXTURES } from '../helpers/run.js';

describe('discover', () => {
  const folder = join(FIXTURES, 'discover-skips-archived-folders');

  it('passes over archived folders by default, but not a folder named archive', () => {
    expect(discover(['.'], folder).files.map((file) => file.path)).toEqual(['src/agents/notifier.ts', 'src/archive/archivist.ts']);
  });

  it('reads archived folders when includeArchived is set', () => {
    expect(discover(['.'], folder, [], { includeArchived: true }).files.map((file) => file.path)).toEqual([
      'docs/_archive/2025-03/src/agents/notifier.ts',
      'src/agents/notifier.ts',
      'src/archive/archivist.ts',
    ]);
  });
});
