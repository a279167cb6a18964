// Jupyter notebooks: not read (their cells are JSON strings of code, run in an order the file
// does not fix), but never passed over in silence: a notebook that uses an agent framework is a gap.
import type { Problem } from '../model/index.js';
import { fileCoverage } from './coverage.js';
import type { Extractor, ExtractResult, SourceFile } from './types.js';

/** The frameworks whose use a notebook's code cells show, by their imports. */
const FRAMEWORK_IMPORTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(from|import)\s+crewai\b/, 'CrewAI'],
  [/\b(from|import)\s+(autogen|autogen_agentchat|autogen_core|ag2)\b/, 'AutoGen'],
  [/\b(from|import)\s+langgraph\b|@langchain\/langgraph/, 'LangGraph'],
  [/\bfrom\s+agents\s+import\b|@openai\/agents/, 'the OpenAI Agents SDK'],
  [/@mastra\/core/, 'Mastra'],
];

export const notebookExtractor: Extractor = {
  id: 'notebook',
  title: 'Jupyter notebooks (not read; a gap where they use an agent framework)',
  matches: (path) => /\.ipynb$/i.test(path),
  prefilter: (text) => FRAMEWORK_IMPORTS.some(([pattern]) => pattern.test(text)),
  extract: (file) => readNotebook(file),
};

function readNotebook(file: SourceFile): ExtractResult {
  const frameworks = FRAMEWORK_IMPORTS.filter(([pattern]) => pattern.test(file.text)).map(([, name]) => name);
  const index = Math.min(...FRAMEWORK_IMPORTS.map(([pattern]) => file.text.search(pattern)).filter((at) => at >= 0));
  const line = Number.isFinite(index) ? file.text.slice(0, index).split('\n').length : 1;
  const problems: Problem[] = [
    {
      ruleId: 'extraction-gap',
      message: `a Jupyter notebook that uses ${frameworks.join(' and ')}: notebooks are not read, so its agents and links are not counted (move the system into a module to lint it)`,
      location: { file: file.path, line, column: 1 },
    },
  ];
  const coverage = fileCoverage([{ file: file.path, extractor: 'notebook' }], [], problems);
  return { fragments: [], problems, gaps: 1, coverage };
}
