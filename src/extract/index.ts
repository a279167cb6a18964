import { autogenExtractor } from './autogen.js';
import { autogenCodeExtractor } from './autogen-code.js';
import { claudeCodeExtractor } from './claude-code.js';
import { crewaiExtractor } from './crewai.js';
import { manifestExtractor } from './manifest.js';
import { n8nExtractor } from './n8n.js';
import { notebookExtractor } from './notebook.js';
import { typescriptExtractor } from './typescript.js';
import type { Extractor } from './types.js';

/** Every extractor, in the order a file is offered to them; the first that matches reads it. */
export const EXTRACTORS: readonly Extractor[] = [manifestExtractor, claudeCodeExtractor, crewaiExtractor, autogenExtractor, autogenCodeExtractor, n8nExtractor, typescriptExtractor, notebookExtractor];

/**
 * The extractor for a file: the first whose name test matches and, when the text is given,
 * whose prefilter accepts it (several read `.json`; the text tells AutoGen from n8n).
 */
export function extractorFor(path: string, text?: string): Extractor | undefined {
  return EXTRACTORS.find((extractor) => extractor.matches(path) && (text === undefined || extractor.prefilter(text)));
}

export type { Extractor, ExtractResult, SourceFile, SystemFragment, FragmentEdge } from './types.js';
