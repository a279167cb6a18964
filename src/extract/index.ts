import { manifestExtractor } from './manifest.js';
import { typescriptExtractor } from './typescript.js';
import type { Extractor } from './types.js';

/** Every extractor, in the order a file is offered to them; the first that matches reads it. */
export const EXTRACTORS: readonly Extractor[] = [manifestExtractor, typescriptExtractor];

/** The extractor for a path, judged by its name alone. */
export function extractorFor(path: string): Extractor | undefined {
  return EXTRACTORS.find((extractor) => extractor.matches(path));
}

export type { Extractor, ExtractResult, SourceFile, SystemFragment, FragmentEdge } from './types.js';
