// CrewAI crews: https://docs.crewai.com/concepts/crews (YAML config and the crew's Python class)
import type { Location, Problem, Tool } from '../model/index.js';
import { GraphDraft } from './fragment-builder.js';
import { codeExecutionOf, configKeyOf, CREWAI_DEFAULT_MODEL, enterpriseActions, SANDBOXED, listedTools, mcpTools, modelGap, modelText, modelUnsetBy, readPlainCrews, toolsGap, unsetModel, withModel, type CrewCode, type PlainCrews } from './crewai-code.js';
import { declaredToolName, withSandboxedTools, withToolEffects } from './python-tools.js';
import { assignedTo, calleeName, descendants, isImportablePython, isPythonModule, keywordArguments, listItems, namedChildren, PyModules, PyValues, pythonParser, type PyNode, unquote } from './python.js';
import type { ExtractResult, Extractor, SourceFile } from './types.js';
import { mapPairs, nodeAt, parseYamlSource, type YamlSource } from './yaml-source.js';
import { dirname, join, normalize } from 'node:path/posix';
import { fileCoverage } from './coverage.js';

const CONFIG_FILE = /(^|\/)(agents|tasks)\.ya?ml$/;
/** YAML a @CrewBase class names for itself (`agents_screening.yaml`, `scout_agents.yaml`): read only for a class that names it. */
const NAMED_CONFIG_FILE = /(^|\/)((agents|tasks)[_-][\w.-]+|[\w.-]+[_-](agents|tasks))\.ya?ml$/;

/** A @CrewBase class: the decorator on a line of its own (a docstring may name it). */
const CREW_BASE = /^[ \t]*@(\w+\.)?CrewBase\b/m;

/** True when a Python file is read with the Python grammar: a @CrewBase class, a Flow, or a crew built in plain code. */
export function needsPythonGrammar(path: string, text: string): boolean {
  return isPythonModule(path) && (CREW_BASE.test(text) || (/\bFlow\b/.test(text) && /@start\b/.test(text)) || buildsCrew(text));
}

/** CrewAI's Crew and Task imported from a module of the project that re-exports them (`from crew_config import analyst, Task, Crew`). */
const CREW_REEXPORT = /^[ \t]*from[ \t]+[\w.]+[ \t]+import[ \t]+\(?[^\n]*\bCrew\b/m;

/** True for a module that only imports names to hand them on (a package's `__init__.py`): imports, `__all__`, a docstring, comments. */
function onlyReexports(text: string): boolean {
  if (text.length > 20_000) return false;
  const rest = text
    .replace(/("""|''')[\s\S]*?\1/g, '')
    .replace(/#.*$/gm, '')
    .replace(/^from\s+[\w.]+\s+import\s*\([^)]*\)/gm, '')
    .replace(/^from\s+[\w.]+\s+import\s+[^\n]*$/gm, '')
    .replace(/^import\s+[^\n]*$/gm, '')
    .replace(/^__all__\s*=\s*[[(][^\])]*[\])]/gm, '');
  return rest.trim() === '' && /^from\s+[\w.]+\s+import/m.test(text);
}

/** A Python file that builds a crew in plain code: it names CrewAI, or imports Crew from a module that re-exports it, and calls Crew(…) and Task(…). */
function buildsCrew(text: string): boolean {
  return /\bCrew\s*\(/.test(text) && (/\bcrewai\b/.test(text) || (CREW_REEXPORT.test(text) && /\bTask\s*\(/.test(text)));
}

export const crewaiExtractor: Extractor = {
  id: 'crewai',
  title: 'CrewAI crews',
  matches: (path) => CONFIG_FILE.test(path) || NAMED_CONFIG_FILE.test(path) || path.endsWith('.py'),
  // YAML files have no `import` lines; Python files must mention CrewAI.
  // A Python file that does not mention CrewAI is out; YAML prose may well say "from the data…".
  // A package's `__init__.py` that only re-exports (`from src.tasks.analysis import create_analysis_task`)
  // is read too: a crew built elsewhere imports its factories through it.
  prefilter: (text) => /crewai|CrewBase/.test(text) || buildsCrew(text) || !/^(from\s+\w[\w.]*\s+import\s|import\s+[\w.]+\s*$)/m.test(text) || onlyReexports(text),
  extract: (file) => extractCrews([file]),
  extractAll: (files, context) => extractCrews(files, context),
  // Settings and tool functions the project keeps in plain modules.
  context: isImportablePython,
};

interface YamlEntry {
  key: string;
  fields: Record<string, unknown>;
  location: Location;
  /** Where each field's value stands. */
  at(field: string, index?: number): Location;
}

interface TaskSpec {
  key: string;
  agent?: string;
  context?: string[];
  asyncExecution: boolean;
  humanInput: boolean;
  /** Tools given to the task (its agent's while it does it). */
  tools?: string[];
  location: Location;
  contextAt(index: number): Location;
}

/**
 * Each folder with agents.yaml and tasks.yaml is a crew; the crew's Python class (its @CrewBase
 * file in the folder above, parsed with tree-sitter) says which entries are really built, in what
 * task order, and what only code sets (process, manager, context, human_input, async). Crews
 * written as plain Python (`Crew(agents=[…], tasks=[…])` in a script, a function or a class
 * without @CrewBase) are read from their calls; when such code builds a folder's YAML entries,
 * the code's crews are the crews, never a guess from the YAML order.
 * A task without `context` gets every earlier task's output; async tasks run in parallel until a
 * later task takes them as context; a hierarchical process has a manager delegating to the crew;
 * `allow_delegation` gives peer edges; `human_input` is approval by a human.
 */
function extractCrews(files: readonly SourceFile[], imported: readonly SourceFile[] = []): ExtractResult {
  const problems: Problem[] = [];
  const byFolder = new Map<string, { agents?: SourceFile; tasks?: SourceFile }>();
  const pythonFiles: SourceFile[] = [];
  const flowFiles: SourceFile[] = [];
  const plainFiles: SourceFile[] = [];
  const namedConfigs = new Map<string, SourceFile>();
  for (const file of files) {
    const match = CONFIG_FILE.exec(file.path);
    if (!match && NAMED_CONFIG_FILE.test(file.path)) {
      namedConfigs.set(normalize(file.path), file);
    } else if (match) {
      const folder = file.path.slice(0, file.path.length - (match[0].length - (match[1]?.length ?? 0)));
      const entry = byFolder.get(folder) ?? {};
      if (match[2] === 'agents') entry.agents = file;
      else entry.tasks = file;
      byFolder.set(folder, entry);
    } else if (isPythonModule(file.path) && CREW_BASE.test(file.text)) {
      pythonFiles.push(file);
    } else if (isPythonModule(file.path) && /\bFlow\b/.test(file.text) && /@start\b/.test(file.text)) {
      flowFiles.push(file);
    } else if (isPythonModule(file.path) && buildsCrew(file.text)) {
      plainFiles.push(file);
    }
  }
  const parser = pythonParser();
  // Every Python module of the run, so that agents and tasks imported from another module are followed there.
  const modules = new PyModules([...files, ...imported]);
  const draft = new GraphDraft();
  const read: Array<{ file: string; extractor: string }> = [];
  // Flows first: a crew that a flow kicks off is part of the flow's system.
  // Crews a flow's steps build in place (`Crew(agents=[…], tasks=[…]).kickoff()`), named `<Flow>.<step>`.
  const inlineCrews = new Map<SourceFile, PlainCrews>();
  for (const file of flowFiles) {
    const root = parser && /\bCrew\s*\(/.test(file.text) ? modules.root(file.path) : undefined;
    if (root && !root.hasError) inlineCrews.set(file, readPlainCrews(file, root, modules));
  }
  // A crew is known by its file and class: a repository may hold two copies of the same package.
  const crewFiles = new Map<string, string[]>();
  for (const file of pythonFiles) for (const match of file.text.matchAll(/@CrewBase\s+class\s+(\w+)/g)) crewFiles.set(match[1] as string, [...(crewFiles.get(match[1] as string) ?? []), file.path]);
  const crewClassNames = new Set(crewFiles.keys());
  /** Crew classes with several `@crew` methods: each is a crew of its own, `Class.method`. */
  const multiCrewClasses = new Set(pythonFiles.flatMap((file) => {
    const classes = [...file.text.matchAll(/@CrewBase\s+class\s+(\w+)/g)].map((match) => match[1] as string);
    return classes.length === 1 && (file.text.match(/^[ \t]*@crew\b/gm) ?? []).length > 1 ? classes : [];
  }));
  /** The crew class a flow file means by a name: the one it imports, else the copy nearest to it. */
  const crewId = (name: string, flowFile: string): string => {
    // (`Class.method` for one of a class's several crews: found by its class.)
    const base = name.split('.')[0] as string;
    const candidates = crewFiles.get(base) ?? [];
    if (candidates.length <= 1) return crewKey(candidates[0] ?? flowFile, name);
    const values = modules.module(flowFile);
    const imported = values?.importedName(base);
    const importedFrom = imported ? values?.fileOf(imported) : undefined;
    if (importedFrom && candidates.includes(importedFrom)) return crewKey(importedFrom, name);
    const shared = (path: string): number => {
      let count = 0;
      while (count < path.length && count < flowFile.length && path[count] === flowFile[count]) count++;
      return count;
    };
    return crewKey([...candidates].sort((a, b) => shared(b) - shared(a) || (a < b ? -1 : 1))[0] as string, name);
  };
  const flows = parser ? flowFiles.flatMap((file) => readFlows(file, modules.root(file.path), crewClassNames, inlineCrews.get(file)?.crews.map((crew) => crew.className) ?? [], (name) => crewId(name, file.path), multiCrewClasses)) : [];
  const flowOfCrew = new Map<string, FlowCode>();
  for (const flow of flows) for (const method of flow.methods) for (const crew of method.crews) if (!flowOfCrew.has(crew)) flowOfCrew.set(crew, flow);
  /** Per crew class: its coordinator and the agents of its first and last tasks. */
  const crewEnds = new Map<string, CrewEnds>();
  const context: BuildContext = { draft, problems, flowOfCrew, crewEnds };

  const plain = new Map<SourceFile, PlainCrews>(inlineCrews);
  for (const found of inlineCrews.values()) problems.push(...found.problems);
  for (const file of plainFiles) {
    const root = parser ? modules.root(file.path) : undefined;
    if (!root) continue;
    if (root.hasError) {
      const error = descendants(root).find((node) => node.type === 'ERROR' || node.isMissing);
      problems.push({ ruleId: 'parse-error', message: 'invalid Python', location: error ? { file: file.path, line: error.startPosition.row + 1, column: error.startPosition.column + 1 } : { file: file.path, line: 1, column: 1 } });
      continue;
    }
    const found = readPlainCrews(file, root, modules);
    plain.set(file, found);
    problems.push(...found.problems);
    read.push({ file: file.path, extractor: 'crewai' });
  }
  const claimed = new Set<SourceFile>();
  /** Each @CrewBase file's classes, read once. */
  const crewClasses = new Map<SourceFile, CrewCode[]>();
  const classesOf = (file: SourceFile): CrewCode[] => {
    let found = crewClasses.get(file);
    if (!found) {
      found = parser ? readCrewCode(file, modules.root(file.path), problems, modules) : [];
      crewClasses.set(file, found);
    }
    return found;
  };
  /** A class that names YAML files other than the folder's agents.yaml and tasks.yaml. */
  /** A @CrewBase class naming no configuration whose @agent methods all build their agents in code (`Agent(role=…)`). */
  const buildsInline = (code: CrewCode | undefined): boolean =>
    code !== undefined && code.configs === undefined && code.agents.length > 0 && code.tasks.length > 0 && code.agents.every((agent) => agent.role !== undefined) && !/\b(agents_config|tasks_config)\b/.test(pythonFiles.find((file) => file.path === code.file)?.text ?? '');
  const namesOwnConfig = (code: CrewCode | undefined): boolean => [code?.configs?.agents, code?.configs?.tasks].some((path) => path !== undefined && NAMED_CONFIG_FILE.test(path));

  /** Crew class files read with a configuration (beside it, or named by the class). */
  const configured = new Set<SourceFile>();
  for (const [folder, pair] of [...byFolder].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!pair.agents || !pair.tasks) continue;
    const agentsYaml = readYaml(pair.agents, problems);
    const tasksYaml = readYaml(pair.tasks, problems);
    if (!agentsYaml || !tasksYaml) continue;
    // A configuration left blank (the crew is built in code beside it) configures nothing.
    if (agentsYaml.length === 0 && tasksYaml.length === 0) continue;
    const parent = folder.replace(/[^/]*\/$/, '');
    // Every crew class beside the configuration (`crew.py`, and variants such as `crew_oauth.py` on the same YAML).
    const beside = pythonFiles.filter((file) => file.path.startsWith(parent) && !file.path.slice(parent.length).includes('/'));
    const crewFile = beside[0] ?? pythonFiles.find((file) => file.path.startsWith(parent));
    const crewFilesHere = beside.length > 0 ? beside : crewFile ? [crewFile] : [];
    // Plain code beside the configuration that builds its entries (`Agent(config=agents_config['x'])`).
    const plainFile = crewFile ? undefined : plainFiles.find((file) => file.path.startsWith(parent) && plain.get(file)?.usesConfig === true);
    let classes: Array<CrewCode | undefined> = [undefined];
    if (crewFile) {
      // Classes that name YAML files of their own are read with those, below.
      // (Nor a class beside it that builds every agent in code and names no configuration, `Agent(role=…)`
      // in each @agent method: a crew of its own, read below, even when it shares the YAML crew's name.)
      if (parser) classes = crewFilesHere.flatMap(classesOf).filter((code) => !namesOwnConfig(code) && !buildsInline(code));
      else problems.push({ ruleId: 'extraction-gap', message: `the crew class in ${crewFile.path} (the Python parser was not loaded)`, location: { file: crewFile.path, line: 1, column: 1 } });
      if (classes.length === 0) classes = [undefined];
    } else if (plainFile) {
      claimed.add(plainFile);
      classes = plain.get(plainFile)?.crews ?? [];
      // Entries no crew read builds are built by crews assembled at run time: said, never guessed.
      const built = new Set(classes.flatMap((each) => each?.agents.map((agent) => agent.key) ?? []));
      for (const entry of agentsYaml) {
        if (!built.has(entry.key)) problems.push({ ruleId: 'extraction-gap', message: `agent '${entry.key}' is configured here, but the crews that use it are assembled at run time in ${plainFile.path}`, location: entry.location });
      }
    }
    const builtAnywhere = new Set(classes.flatMap((each) => [...(each?.agents.map((agent) => agent.key) ?? []), ...(each?.idleAgents ?? [])]));
    if (crewFile && classes.some((each) => each !== undefined)) {
      for (const entry of agentsYaml) {
        if (!builtAnywhere.has(entry.key)) problems.push({ ruleId: 'extraction-gap', message: `agent '${entry.key}' is configured but no @agent method builds it`, location: entry.location });
      }
    }
    // Configuration no code here builds a crew from: read as one sequential crew of all its agents, and said.
    // Crews assembled in plain code elsewhere in the project (`crews/advisory_crew.py` builds its tasks in
    // its own order, from factories): the file order of the tasks is no order the code follows.
    const assembler = !crewFile && !plainFile ? plainFiles.find((file) => file.path.startsWith(parent) && /\bCrew\s*\(/.test(file.text)) : undefined;
    // Code that loads this configuration itself (`yaml.safe_load(open(…"agents.yaml"))` in a plain class whose
    // methods build the agents and tasks) and crews assembled from them: those crews are the system, read from
    // the code; a crew of the configuration alone would count every agent twice.
    const loadsByHand = (yamlFile: SourceFile): boolean => [...files, ...imported].some((file) => isPythonModule(file.path) && /\byaml\.(?:safe_|full_|unsafe_)?load\b/.test(file.text) && file.text.includes(yamlFile.path.split('/').pop() as string));
    if (assembler && (plain.get(assembler)?.crews.length ?? 0) > 0 && loadsByHand(pair.agents) && loadsByHand(pair.tasks)) {
      for (const file of [pair.agents, pair.tasks]) read.push({ file: file.path, extractor: 'crewai' });
      continue;
    }
    if (assembler) problems.push({ ruleId: 'extraction-gap', message: `no crew class reads this configuration, and crews are assembled in code elsewhere (${assembler.path}): its agents and the contexts its tasks name are read, not an order of its tasks`, location: { file: pair.tasks.path, line: 1, column: 1 } });
    else if (!crewFile && !plainFile) problems.push({ ruleId: 'extraction-gap', message: 'no code here builds a crew from this configuration (no @CrewBase class or Crew(...) beside it): read as one sequential crew of all its agents', location: { file: pair.tasks.path, line: 1, column: 1 } });
    for (const code of classes) {
      // Named by its folder: `src/news/config/` → news, `config/crews/plan/` → plan.
      const crewName = code?.className ?? (folder.replace(/\/$/, '').replace(/(^|\/)config$/, '').split('/').pop() || 'crew');
      buildCrew({ systemKey: `crewai:${folder}:${code?.className ?? ''}`, crewName, code, agentsYaml, tasksYaml, tasksFile: pair.tasks.path, ...(assembler && { orderUnknown: true }) }, context);
    }
    for (const file of [pair.agents, pair.tasks, ...crewFilesHere]) read.push({ file: file.path, extractor: 'crewai' });
    // (Not a file whose every class builds its crew in code: those are read as crews of their own.)
    for (const file of crewFilesHere) {
      const here = classesOf(file);
      if (here.length === 0 || !here.every(buildsInline)) configured.add(file);
    }
  }
  // @CrewBase classes that name their own YAML (`agents_config = "config/agents_screening.yaml"`).
  for (const file of pythonFiles) {
    if (!parser) break;
    for (const code of classesOf(file).filter(namesOwnConfig)) {
      const agentsFile = namedConfigs.get(code.configs?.agents ?? '');
      const tasksFile = namedConfigs.get(code.configs?.tasks ?? '');
      if (!agentsFile || !tasksFile) {
        problems.push({ ruleId: 'extraction-gap', message: `crew '${code.className}' reads ${[code.configs?.agents, code.configs?.tasks].filter(Boolean).join(' and ')}, which the run does not have`, location: code.location });
        continue;
      }
      const agentsYaml = readYaml(agentsFile, problems);
      const tasksYaml = readYaml(tasksFile, problems);
      if (!agentsYaml || !tasksYaml) continue;
      buildCrew({ systemKey: `crewai:${file.path}:${code.className}`, crewName: code.className, code, agentsYaml, tasksYaml, tasksFile: tasksFile.path }, context);
      for (const each of [agentsFile, tasksFile, file]) read.push({ file: each.path, extractor: 'crewai' });
    }
  }
  // @CrewBase classes with no configuration anywhere, whose @agent and @task methods build their
  // agents and tasks in code (`Agent(role=…, llm=…)`): the code says everything.
  for (const file of pythonFiles) {
    if (!parser || configured.has(file)) continue;
    for (const code of classesOf(file).filter((each) => !namesOwnConfig(each) && each.agents.length > 0 && each.tasks.length > 0 && each.configs === undefined)) {
      buildCrew({ systemKey: `crewai:${file.path}:${code.className}`, crewName: code.className, code, agentsYaml: [], tasksYaml: [], tasksFile: file.path }, context);
      read.push({ file: file.path, extractor: 'crewai' });
    }
  }
  // Plain crews with no configuration: the code says everything.
  for (const [file, found] of plain) {
    if (claimed.has(file)) continue;
    for (const code of found.crews) buildCrew({ systemKey: `crewai:${file.path}:${code.className}`, crewName: code.className, code, agentsYaml: [], tasksYaml: [], tasksFile: file.path }, context);
  }
  for (const flow of flows) {
    buildFlow(flow, draft, crewEnds, problems);
    read.push({ file: flow.file, extractor: 'crewai' });
  }
  // A crew beside a flow that no step of it kicks off is run some other way, or not at all.
  for (const [crew, ends] of crewEnds) {
    if (flowOfCrew.has(crew)) continue;
    const beside = flows.find((flow) => ends.location.file.startsWith(flow.file.replace(/[^/]*$/, '')));
    if (beside) problems.push({ ruleId: 'extraction-gap', message: `crew '${crewLabel(crew)}' sits beside flow '${beside.className}', but no step of the flow is seen to kick it off (a helper or a variable the code read cannot follow may)`, location: ends.location });
  }
  const fragments = draft.toFragments('crewai');
  // Code that runs crews no reader here can build (crews loaded from JSON or another library, built
  // in a way not followed): said once where it runs them, never silence.
  if (fragments.length === 0) {
    // A flow's own kickoff (`Steps().kickoff()`, `flow = Steps(); flow.kickoff()`) runs no crew.
    const flowClasses = new Set(files.flatMap((file) => [...file.text.matchAll(/^\s*class\s+(\w+)\s*\(\s*Flow\b/gm)].map((match) => match[1] as string)));
    const runsCrew = (text: string): boolean => {
      if (/\bload_crew\w*\s*\(/.test(text)) return true;
      const flowVariables = new Set([...text.matchAll(/^\s*(\w+)\s*=\s*(\w+)\s*\(/gm)].filter((match) => flowClasses.has(match[2] as string)).map((match) => match[1] as string));
      return [...text.matchAll(/(\w+)\s*(\([^()]*\))?\s*\.kickoff(_async)?\s*\(/g)].some((match) => !(flowClasses.has(match[1] as string) && match[2] !== undefined) && !(flowVariables.has(match[1] as string) && match[2] === undefined));
    };
    const runner = files.find((file) => isPythonModule(file.path) && /^\s*(from|import)\s+crewai\b/m.test(file.text) && runsCrew(file.text));
    if (runner) {
      const line = runner.text.slice(0, runner.text.search(/\.kickoff(_async)?\s*\(|\bload_crew\w*\s*\(/)).split('\n').length;
      problems.push({ ruleId: 'extraction-gap', message: 'crews run here are built where no reader of this run can follow (a crew loaded from another format or library, or assembled at run time): their agents and tasks are not read', location: { file: runner.path, line, column: 1 } });
      read.push({ file: runner.path, extractor: 'crewai' });
    }
  }
  // A Python file that imports CrewAI's building blocks but yields nothing read (an agent built in
  // a function no crew here calls, run with `execute_task`): said where it imports them.
  const yielded = new Set<string>();
  // (A file the crew is built in is one of its system's sources, though its agents and edges stand elsewhere.)
  for (const fragment of fragments) for (const located of [...fragment.agents, ...fragment.edges, fragment]) yielded.add(located.location.file);
  for (const fragment of fragments) for (const source of fragment.sources ?? []) yielded.add(source);
  for (const problem of problems) yielded.add(problem.location.file);
  // Modules whose agents or tasks a crew elsewhere takes in (the first task's module may hold no edge).
  for (const found of plain.values()) for (const code of found.crews) for (const part of [...code.agents, ...code.tasks]) yielded.add(part.location.file);
  /** Where each crew read here is built, to know a module that imports one and runs it. */
  const crewsBuilt = new Set([...plain.values()].flatMap((found) => found.crews.map((code) => `${code.location.file}:${code.location.line}`)));
  const runsCrewRead = (file: SourceFile): boolean => {
    const values = modules.module(file.path);
    return (values?.importedNames() ?? []).some((name) => {
      const found = values?.importedName(name);
      if (!found) return false;
      const calls = found.type === 'call' ? [found] : found.type === 'function_definition' ? descendants(found).filter((node) => node.type === 'call') : [];
      return calls.some((call) => crewsBuilt.has(`${values?.fileOf(call)}:${call.startPosition.row + 1}`));
    });
  };
  for (const file of files) {
    if (!isPythonModule(file.path) || yielded.has(file.path)) continue;
    const imported = CREWAI_PARTS.exec(file.text);
    if (!imported) continue;
    // A module that imports a crew read here (`from .crew import agent_crew`) and runs it.
    if (parser && runsCrewRead(file)) continue;
    const line = file.text.slice(0, imported.index).split('\n').length;
    // A module that builds agents or tasks another module puts in a crew: modules are read one at a time.
    const builds = /^\s*\w+\s*=\s*(Agent|Task)\s*\(|return\s+(Agent|Task)\s*\(/m.test(file.text);
    const message = builds
      ? `builds CrewAI agents or tasks that no crew in this file takes in (run on their own, or put in a crew in another module, which is not joined to them: modules are read one at a time)`
      : `imports crewai's ${imported[1]} but defines no agent or link that can be read statically`;
    problems.push({ ruleId: 'extraction-gap', message, location: { file: file.path, line, column: 1 } });
    read.push({ file: file.path, extractor: 'crewai' });
  }
  const coverage = fileCoverage(read, fragments, problems);
  return { fragments, problems, gaps: coverage.reduce((sum, entry) => sum + entry.gaps, 0), coverage };
}

/** An import of CrewAI's agent-building parts (`from crewai import Agent, Task`), not of its tools. */
const CREWAI_PARTS = /^[ \t]*from[ \t]+crewai(?:\.(?:agent|task|crew|flow|project)\w*)?[ \t]+import[ \t]+\(?[^\n]*?\b(Agent|Crew|Task|Flow|CrewBase)\b/m;

interface BuildContext {
  draft: GraphDraft;
  problems: Problem[];
  flowOfCrew: ReadonlyMap<string, FlowCode>;
  crewEnds: Map<string, CrewEnds>;
}

interface CrewInput {
  systemKey: string;
  crewName: string;
  /** What the crew's code builds; undefined when only its YAML is read. */
  code: CrewCode | undefined;
  agentsYaml: readonly YamlEntry[];
  tasksYaml: readonly YamlEntry[];
  /** Where the tasks are written, for locations nothing closer gives. */
  tasksFile: string;
  /** The tasks' order is not known (crews are assembled elsewhere): only the contexts they name pass work on. */
  orderUnknown?: boolean;
}

/** One crew into the draft: its agents, the work its tasks pass on, delegation, and its process as a coordinator. */
function buildCrew(input: CrewInput, { draft, problems, flowOfCrew, crewEnds }: BuildContext): void {
  const { systemKey, crewName, code, agentsYaml, tasksYaml, tasksFile } = input;
  // A crew a flow kicks off belongs to the flow's system.
  const flow = code ? flowOfCrew.get(crewKey(code.file, code.className)) : undefined;
  const assignTo = flow ? { key: flow.key, name: flow.className } : { key: systemKey, name: crewName };
  const yamlAgents = new Map(agentsYaml.map((entry) => [entry.key, entry]));
  const yamlTasks = new Map(tasksYaml.map((entry) => [entry.key, entry]));

  // Which agents are built: @agent methods when there is code, else every YAML entry.
  const built: CrewCode['agents'] = code ? code.agents : agentsYaml.map((entry) => ({ method: entry.key, key: entry.key, tools: [], location: entry.location }));
  const agentKeyOf = new Map<string, string>();
  // Two @agent methods built from one YAML entry (`web_scout` and `news_scout` both from `scout`,
  // each with tools of its own) are two agents: each goes by its method, as its tasks name it.
  const configKeys = built.map((agent) => agent.key);
  const shared = new Set(configKeys.filter((key, index) => configKeys.indexOf(key) !== index));
  const nodeOf = new Map<CrewCode['agents'][number], string>();
  for (const agent of built) {
    const yaml = yamlAgents.get(agent.key);
    const name = shared.has(agent.key) ? agent.method : agent.key;
    const key = `${systemKey}:${name}`;
    nodeOf.set(agent, key);
    // No llm in the code nor in the agent's YAML: CrewAI's default model, one for every such agent.
    const unset = agent.modelUnset === 'plain' || (agent.modelUnset === 'config' && yaml !== undefined && yaml.fields.llm === undefined);
    const llm = agent.llm ?? (typeof yaml?.fields.llm === 'string' ? yaml.fields.llm : unset ? CREWAI_DEFAULT_MODEL : undefined);
    const role = typeof yaml?.fields.role === 'string' ? yaml.fields.role.trim() : agent.role;
    const goal = typeof yaml?.fields.goal === 'string' ? yaml.fields.goal.trim() : agent.goal;
    // What the agent is for: its role, then its goal ("Compliance Auditor. Review the writer's draft.").
    const description = role !== undefined && goal !== undefined ? `${role.replace(/[.:\s]+$/, '')}. ${goal}` : (role ?? goal);
    const tools: Tool[] = agent.tools.map((name) => ({
      name,
      irreversible: false,
      needsApproval: false,
      ...(agent.toolEffects?.[name] !== undefined && { effect: agent.toolEffects[name] }),
      ...(agent.toolServers?.[name] !== undefined && { kind: 'mcp' as const, detail: agent.toolServers[name] }),
      ...(agent.sandboxedTools?.includes(name) === true && { kind: 'code-execution' as const, inert: true, detail: SANDBOXED }),
      location: agent.location,
    }));
    // Tools the agent's YAML entry names (`tools: [delete_email_tool]`), which @CrewBase gives it from
    // the class's `@tool` methods of those names when the code passes none itself.
    const yamlTools = Array.isArray(yaml?.fields.tools) ? yaml.fields.tools.filter((each): each is string => typeof each === 'string' && each.trim() !== '') : [];
    if (agent.tools.length === 0) {
      yamlTools.forEach((each, index) => tools.push({ name: each.trim(), irreversible: false, needsApproval: false, location: yaml?.at('tools', index) ?? agent.location }));
    }
    // `allow_code_execution=True` (or in the agent's YAML) gives it CrewAI's code interpreter: it runs
    // the code the model writes, on the host only with `code_execution_mode="unsafe"` (else in Docker).
    const yamlExecution = yaml?.fields.allow_code_execution === true ? (yaml.fields.code_execution_mode === 'unsafe' ? 'host' : 'sandboxed') : undefined;
    const execution = agent.codeExecution ?? yamlExecution;
    if (execution !== undefined) tools.push({ name: 'code_execution', irreversible: false, needsApproval: false, kind: 'code-execution', ...(execution === 'sandboxed' && { inert: true, detail: SANDBOXED }), location: agent.location });
    draft.addAgent({ key, name, role: 'worker', tools, location: yaml?.location ?? agent.location, terminates: true, ...(llm !== undefined && { model: llm }), ...(description !== undefined && { description }) });
    draft.assign(key, assignTo.key, assignTo.name, flow?.location ?? code?.location ?? yaml?.location ?? agent.location);
    if (!shared.has(agent.key)) agentKeyOf.set(agent.key, key);
    agentKeyOf.set(agent.method, key);
  }

  // Tasks in order: @task methods when there is code, else YAML order.
  const tasks: TaskSpec[] = (code ? code.tasks.map((task) => ({ task, yaml: yamlTasks.get(task.key) })) : tasksYaml.map((yaml) => ({ task: undefined, yaml }))).map(({ task, yaml }) => {
    const fields = yaml?.fields ?? {};
    const context = task?.context ?? (Array.isArray(fields.context) ? fields.context.map(String) : undefined);
    // The code's agent when the crew builds it; else the one the YAML names.
    const yamlAgent = typeof fields.agent === 'string' ? fields.agent.trim() : undefined;
    const agent = task?.agent !== undefined && (agentKeyOf.has(task.agent) || yamlAgent === undefined) ? task.agent : yamlAgent;
    return {
      key: task?.key ?? yaml?.key ?? 'task',
      ...(agent !== undefined && { agent }),
      ...(context !== undefined && { context }),
      asyncExecution: task?.asyncExecution ?? fields.async_execution === true,
      humanInput: task?.humanInput ?? fields.human_input === true,
      ...(task?.tools !== undefined && { tools: task.tools }),
      location: yaml?.location ?? task?.location ?? { file: tasksFile, line: 1, column: 1 },
      contextAt: (index: number) => (task?.context !== undefined ? task.location : (yaml?.at('context', index) ?? task?.location ?? { file: '', line: 1, column: 1 })),
    };
  });
  const taskIndex = new Map(tasks.map((task, index) => [task.key, index]));
  const agentOfTask = (task: TaskSpec): string | undefined => (task.agent !== undefined ? agentKeyOf.get(task.agent) : undefined);

  tasks.forEach((task, index) => {
    const target = agentOfTask(task);
    if (task.agent !== undefined && !target) {
      problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' names agent '${task.agent}', which the crew does not build`, location: task.location });
    }
    // Only a hierarchical crew's manager assigns a task that names no agent.
    if (task.agent === undefined && !code?.hierarchical) problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' names no agent: which agent does it is not read`, location: task.location });
    if (!target) return;
    if (task.humanInput) draft.addHumanApproval(target, task.location, 'every-action');
    // Tools given to a task are its agent's while it does the task.
    const agent = draft.agent(target);
    for (const name of task.tools ?? []) if (agent && !agent.tools.some((tool) => tool.name === name)) agent.tools.push({ name, irreversible: false, needsApproval: false, location: task.location });
    // No context: every earlier task's output — except that an async task does not wait for the
    // async tasks started before it (they run side by side).
    const implicit = (input.orderUnknown === true ? [] : tasks.slice(0, index))
      .map((earlier, position) => ({ earlier, position }))
      .filter(({ earlier }) => !(task.asyncExecution && earlier.asyncExecution))
      .map(({ earlier, position }) => ({ index: position, at: task.location, name: earlier.key }));
    const sources = task.context !== undefined ? task.context.map((name, position) => ({ index: taskIndex.get(name), at: task.contextAt(position), name })) : implicit;
    for (const source of sources) {
      if (source.index === undefined) {
        problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' takes context from '${source.name}', which is not a task of the crew`, location: source.at });
        continue;
      }
      // In a crew run in order, a task named as context that runs later has no output yet: nothing passes.
      if (!code?.hierarchical && input.orderUnknown !== true && source.index > index) continue;
      const from = tasks[source.index];
      const fromAgent = from ? agentOfTask(from) : undefined;
      if (!fromAgent || fromAgent === target) continue;
      // An async task runs alongside the others until a later task takes its output: a fan-out.
      // Cycles are judged on task order: one agent doing an early and a late task closes none.
      draft.addEdge(fromAgent, target, 'data', source.at, { parallel: task.asyncExecution, steps: { from: `task:${source.name}`, to: `task:${task.key}` } });
    }
  });

  // A hierarchical crew's manager that is one of the class's own agents (`manager_agent=self.orchestrator_agent()`
  // of an @agent method) is that agent, directing the others: not a second node of the same name.
  const managerAgent = code?.hierarchical && code.manager ? built.find((agent) => agent.method === code.manager?.name) : undefined;
  // allow_delegation: a worker can ask any coworker. (In a sequential crew an agent no task names
  // never runs, so it asks nobody; a hierarchical crew's manager may hand it work.)
  const working = new Set(tasks.flatMap((task) => agentOfTask(task) ?? []));
  for (const agent of built) {
    if (agent === managerAgent) continue;
    if (!code?.hierarchical && tasks.length > 0 && input.orderUnknown !== true && !working.has(nodeOf.get(agent) as string)) continue;
    const yaml = yamlAgents.get(agent.key);
    const delegates = agent.allowDelegation ?? yaml?.fields.allow_delegation === true;
    if (!delegates) continue;
    const from = nodeOf.get(agent) as string;
    for (const other of built) if (other !== agent && nodeOf.get(other) !== from) draft.addEdge(from, nodeOf.get(other) as string, 'peer', yaml?.at('allow_delegation') ?? agent.location);
  }

  // The process: hierarchical → a manager over the crew; sequential → the crew itself sequences.
  const ownManager = managerAgent ? nodeOf.get(managerAgent) : undefined;
  const coordinatorKey = ownManager ?? `${systemKey}:${code?.hierarchical ? 'manager' : 'crew'}`;
  const coordinatorName = code?.hierarchical ? (code.manager?.name ?? 'manager') : `crew:${crewName}`;
  const coordinatorLocation: Location = code?.manager?.location ?? code?.location ?? { file: tasksFile, line: 1, column: 1 };
  if (built.length > 0) {
    // A sequential process is the crew's own code; a hierarchical one has a manager that judges.
    const own = ownManager ? draft.agent(ownManager) : undefined;
    if (own) own.role = 'orchestrator';
    else draft.addAgent({ key: coordinatorKey, name: coordinatorName, role: 'orchestrator', tools: [], location: coordinatorLocation, terminates: true, ...(!code?.hierarchical && { deterministic: true }), ...(code?.hierarchical && code.manager?.model !== undefined && { model: code.manager.model }) });
    draft.assign(coordinatorKey, assignTo.key, assignTo.name, flow?.location ?? code?.location ?? coordinatorLocation);
    if (!flow) draft.markEntry(coordinatorKey);
    if (code) crewEnds.set(crewKey(code.file, code.className), { coordinator: coordinatorKey, location: code.location, ...endsOf(tasks.map(agentOfTask)) });
    // Either way every agent of the crew is directed: a sequential crew runs each task's agent, and a
    // hierarchical manager hands work to any agent of the crew, whatever agent a task names.
    const directed = [...agentKeyOf.values()].filter((key, index, all) => all.indexOf(key) === index && key !== coordinatorKey);
    for (const target of directed) draft.addEdge(coordinatorKey, target, 'delegate', coordinatorLocation);
  }
}

function readYaml(file: SourceFile, problems: Problem[]): YamlEntry[] | undefined {
  const parsed = parseYamlSource(file.path, file.text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const source: YamlSource = parsed.source;
  const entries: YamlEntry[] = [];
  for (const { key, keyText, value } of mapPairs(source, wrappedEntries(source, file.path) ?? source.doc.contents)) {
    if (keyText === undefined) continue;
    const plain = (value as { toJS?: (doc: unknown) => unknown } | null)?.toJS?.(source.doc);
    const fields = typeof plain === 'object' && plain !== null && !Array.isArray(plain) ? (plain as Record<string, unknown>) : {};
    entries.push({
      key: keyText,
      fields,
      location: source.locate(key),
      at: (field, index) => source.locate(nodeAt(source, value, index === undefined ? [field] : [field, index]) ?? key),
    });
  }
  return entries;
}

/**
 * The map under a single top-level `agents:` (in an agents file) or `tasks:` (in a tasks file) that
 * wraps the entries, as some projects write it; undefined when the file lists its entries at the top.
 * A lone entry that happens to be keyed `agents` is one when it has an agent's or task's own fields.
 */
function wrappedEntries(source: YamlSource, path: string): unknown {
  const kind = /(agents|tasks)[^/]*$/.exec(path)?.[1];
  const top = mapPairs(source, source.doc.contents);
  const only = top[0];
  if (kind === undefined || top.length !== 1 || only?.keyText !== kind) return undefined;
  const inner = mapPairs(source, only.value);
  if (inner.length === 0 || inner.some(({ keyText }) => keyText !== undefined && OWN_FIELDS.has(keyText))) return undefined;
  return inner.every(({ value }) => mapPairs(source, value).length > 0) ? only.value : undefined;
}

/** Fields of an agent or task entry itself, which a wrapping map's keys never are. */
const OWN_FIELDS = new Set(['role', 'goal', 'backstory', 'description', 'expected_output', 'agent', 'tools', 'llm', 'context']);

/** Reads the @CrewBase class: @agent and @task methods in order, and the Crew(...) of the @crew method. */
function readCrewCode(file: SourceFile, root: PyNode | undefined, problems: Problem[], modules?: PyModules): CrewCode[] {
  if (!root) return [];
  const at = (node: PyNode): Location => ({ file: file.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  if (root.hasError) {
    const error = descendants(root).find((node) => node.type === 'ERROR' || node.isMissing);
    problems.push({ ruleId: 'parse-error', message: 'invalid Python', location: error ? at(error) : { file: file.path, line: 1, column: 1 } });
    return [];
  }
  const decorated = descendants(root).filter((node) => node.type === 'decorated_definition');
  const crewClasses = decorated.filter((node) => decoratorNames(node).includes('CrewBase') && node.childForFieldName('definition')?.type === 'class_definition');
  const values = modules?.module(file.path) ?? new PyValues(root, file.path);
  return crewClasses.flatMap((crewClass) => readCrewClass(file, crewClass.childForFieldName('definition') as PyNode, at, values, problems));
}

/**
 * One @CrewBase class: one crew, or one per @crew method when the class has several that each
 * list their own tasks (`Crew(agents=[self.a1()], tasks=[self.t1()])`): each runs only those.
 */
function readCrewClass(file: SourceFile, definition: PyNode, at: (node: PyNode) => Location, values: PyValues, problems: Problem[]): CrewCode[] {
  const className = definition.childForFieldName('name')?.text ?? 'Crew';
  const code: CrewCode = { file: file.path, className, location: at(definition), agents: [], tasks: [], hierarchical: false };
  /** A tool as the agent's code writes it: the name its class gives it, else the class or the variable. */
  const writtenToolName = (tool: PyNode): string => (tool.type === 'call' ? (declaredToolName(values, tool) ?? tool.childForFieldName('function')?.text ?? tool.text) : tool.text.replace(/^self\./, ''));
  // `agents_config = "config/agents_screening.yaml"` at class level: the YAML this crew reads.
  const body = definition.childForFieldName('body');
  for (const statement of body ? namedChildren(body) : []) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const field = assignment?.type === 'assignment' ? assignment.childForFieldName('left')?.text : undefined;
    const value = assignment?.childForFieldName('right');
    if ((field === 'agents_config' || field === 'tasks_config') && value?.type === 'string') {
      const path = normalize(join(dirname(file.path), value.text.replace(/^[rbuf]*['"]+|['"]+$/g, '')));
      code.configs = { ...code.configs, [field === 'agents_config' ? 'agents' : 'tasks']: path };
    }
  }
  const methods = descendants(definition).filter((node) => node.type === 'decorated_definition' && node.childForFieldName('definition')?.type === 'function_definition');
  const crews: Array<{ method: string; location: Location; tasks: string[] | undefined; agents: string[] | undefined; hierarchical: boolean; manager?: CrewCode['manager'] }> = [];
  const inClass = descendants(definition);
  const plainMethods = inClass.filter((node) => node.type === 'function_definition');
  for (const method of methods) {
    const names = decoratorNames(method);
    const fn = method.childForFieldName('definition') as PyNode;
    const methodName = fn.childForFieldName('name')?.text ?? '';
    const call = returnedCall(fn);
    const kwargs = call ? keywordArguments(call) : new Map<string, PyNode>();
    const configKey = configKeyOf(kwargs.get('config')) ?? methodName;
    if (names.includes('agent')) {
      const toolsWritten = kwargs.get('tools');
      // (`values.items` opens a list written out, spreads included: `[*toolkit, search]`.)
      const toolItems = toolsWritten ? values.items(toolsWritten) : [];
      const enterprise = toolItems === undefined && toolsWritten ? enterpriseActions(values, toolsWritten) : undefined;
      const fromServer = toolItems === undefined && !enterprise ? mcpTools(values, toolsWritten, configKey, at) : undefined;
      const { unread, ...listed } = enterprise ? { tools: enterprise, unread: [] } : listedTools(values, toolItems ?? [], writtenToolName);
      const allow = kwargs.get('allow_delegation');
      const llm = kwargs.get('llm');
      const model = llm && modelText(values.value(llm) ?? llm, values);
      const role = kwargs.get('role');
      const goal = kwargs.get('goal');
      code.agents.push({
        method: methodName,
        key: configKey,
        ...(role?.type === 'string' && { role: unquote(role.text).trim() }),
        ...(goal?.type === 'string' && { goal: unquote(goal.text).trim() }),
        ...(allow && { allowDelegation: allow.type === 'true' }),
        // `llm=llm` where the module sets `llm = get_llm()` → the model that function names.
        ...withModel('llm', model),
        ...(fromServer ?? listed),
        ...withToolEffects(values, toolItems ?? [], writtenToolName),
        ...withSandboxedTools(values, toolItems ?? [], writtenToolName),
        ...codeExecutionOf(kwargs),
        location: at(fn),
        ...(call && unsetModel(modelUnsetBy(call, kwargs))),
      });
      if (fromServer) problems.push(...fromServer.problems);
      else if (toolsWritten && toolsWritten.type !== 'none' && toolItems === undefined && !enterprise) problems.push(toolsGap(configKey, toolsWritten, at(toolsWritten)));
      else problems.push(...unread.map((spread) => toolsGap(configKey, spread, at(spread))));
      problems.push(...modelGap(configKey, llm, model, at(llm ?? fn)));
    } else if (names.includes('task')) {
      const agent = kwargs.get('agent');
      const context = kwargs.get('context');
      const human = kwargs.get('human_input');
      const asyncExecution = kwargs.get('async_execution');
      // A method defined twice is one method in Python: the later body, in the first one's place.
      const earlier = code.tasks.findIndex((task) => task.method === methodName);
      const spec = {
        method: methodName,
        key: configKey,
        // `agent=self.researcher()`, or `agent=self.agents['researcher']` (a lookup by key).
        ...(agent && { agent: selfCallName(agent) ?? configKeyOf(agent) ?? agent.text }),
        // `context=[self.research_task]`, the method named without its call, means the same task.
        ...(context && { context: listItems(context).map((item) => selfCallName(item) ?? (item.type === 'attribute' && item.childForFieldName('object')?.text === 'self' ? item.childForFieldName('attribute')?.text : undefined) ?? item.text) }),
        ...(human && { humanInput: human.type === 'true' }),
        ...(asyncExecution && { asyncExecution: asyncExecution.type === 'true' }),
        location: at(fn),
      };
      if (earlier >= 0) code.tasks[earlier] = spec;
      else code.tasks.push(spec);
    } else if (names.includes('crew') && call) {
      const process = kwargs.get('process');
      code.hierarchical = process?.text.endsWith('hierarchical') === true;
      const manager = kwargs.get('manager_agent');
      const managerMethod = manager ? selfCallName(manager) : undefined;
      const managerDefinition = managerMethod ? plainMethods.find((node) => node.childForFieldName('name')?.text === managerMethod) : undefined;
      if (managerMethod) code.manager = { name: managerMethod, location: managerDefinition ? at(managerDefinition) : at(manager as PyNode) };
      else if (kwargs.get('manager_llm')) code.manager = { name: 'manager', location: at(kwargs.get('manager_llm') as PyNode) };
      else delete code.manager;
      const listed = (written: PyNode | undefined): string[] | undefined => {
        if (written?.type !== 'list') return undefined;
        const names = listItems(written).map((item) => selfCallName(item));
        return names.every((name) => name !== undefined) ? (names as string[]) : undefined;
      };
      crews.push({ method: methodName, location: at(fn), tasks: listed(kwargs.get('tasks')), agents: listed(kwargs.get('agents')), hierarchical: code.hierarchical, ...(code.manager && { manager: code.manager }) });
    }
  }
  // Tools given to an agent after it is built (`self.db().tools = [SQLExecutorTool()]` in a
  // `@before_kickoff` hook) are its tools too; ones the code read cannot list are a gap.
  for (const assignment of inClass.filter((node) => node.type === 'assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'tools' || !right) continue;
    const target = left.childForFieldName('object');
    const method = target ? selfCallName(target) : undefined;
    const agent = method === undefined ? undefined : code.agents.find((each) => each.method === method);
    if (!agent) continue;
    const items = right.type === 'list' ? listItems(right) : values.items(right);
    if (items === undefined) problems.push(toolsGap(agent.key, right, at(right)));
    else {
      agent.tools.push(...items.map(writtenToolName));
      const effects = withToolEffects(values, items, writtenToolName).toolEffects;
      if (effects) agent.toolEffects = { ...agent.toolEffects, ...effects };
    }
  }
  // Task agents and context name methods; map them to YAML keys (not a key several methods build
  // agents from: those agents go by their methods).
  const keys = code.agents.map((agent) => agent.key);
  const agentKeyByMethod = new Map(code.agents.filter((agent) => keys.indexOf(agent.key) === keys.lastIndexOf(agent.key)).map((agent) => [agent.method, agent.key]));
  const taskKeyByMethod = new Map(code.tasks.map((task) => [task.method, task.key]));
  for (const task of code.tasks) {
    if (task.agent !== undefined) task.agent = agentKeyByMethod.get(task.agent) ?? task.agent;
    if (task.context !== undefined) task.context = task.context.map((name) => taskKeyByMethod.get(name) ?? name);
  }
  if (crews.length < 2 || crews.some((crew) => crew.tasks === undefined)) return [code];
  // Several crews in one class, each with its own tasks (and agents where listed); what none lists runs in none.
  const listedTasks = new Set(crews.flatMap((crew) => crew.tasks ?? []));
  const listedAgents = new Set(crews.flatMap((crew) => crew.agents ?? code.agents.map((agent) => agent.method)));
  const idleAgents = code.agents.filter((agent) => !listedAgents.has(agent.method));
  for (const task of code.tasks.filter((each) => !listedTasks.has(each.method))) problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' of class '${code.className}' is in none of its ${crews.length} crews: not run by them`, location: task.location });
  for (const agent of idleAgents) problems.push({ ruleId: 'extraction-gap', message: `agent '${agent.key}' of class '${code.className}' is in none of its ${crews.length} crews: not run by them`, location: agent.location });
  return crews.map((crew) => {
    const { manager: _manager, ...rest } = code;
    const tasks = (crew.tasks ?? []).flatMap((method) => code.tasks.find((task) => task.method === method) ?? []);
    const agents = crew.agents === undefined ? code.agents : crew.agents.flatMap((method) => code.agents.find((agent) => agent.method === method) ?? []);
    return { ...rest, className: `${code.className}.${crew.method}`, location: crew.location, tasks, agents, hierarchical: crew.hierarchical, ...(crew.manager && { manager: crew.manager }), idleAgents: idleAgents.map((agent) => agent.key) };
  });
}

function decoratorNames(decorated: PyNode): string[] {
  return namedChildren(decorated)
    .filter((child) => child.type === 'decorator')
    .map((decorator) => {
      const expression = namedChildren(decorator)[0];
      const target = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
      return target?.text.split('.').pop() ?? '';
    });
}

/** The call a function returns: `return Agent(...)`. */
function returnedCall(fn: PyNode): PyNode | undefined {
  const statement = descendants(fn).find((node) => node.type === 'return_statement');
  const value = statement ? namedChildren(statement)[0] : undefined;
  if (value?.type === 'call') return value;
  // `task_obj = Task(…)` … `return task_obj`: the call last assigned to the name before the return.
  if (value?.type !== 'identifier' || !statement) return undefined;
  const assigned = descendants(fn)
    .filter((node) => node.type === 'assignment' && node.startIndex < statement.startIndex && node.childForFieldName('left')?.text === value.text)
    .at(-1)
    ?.childForFieldName('right');
  return assigned?.type === 'call' ? assigned : undefined;
}

/** `self.researcher()` → `researcher`. */
function selfCallName(node: PyNode): string | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'self') return undefined;
  return fn.childForFieldName('attribute')?.text;
}

/** The agents of a crew's first and last tasks (in task order). */
function endsOf(agents: ReadonlyArray<string | undefined>): { first?: string; last?: string } {
  const known = agents.filter((key): key is string => key !== undefined);
  const first = known[0];
  const last = known[known.length - 1];
  return { ...(first !== undefined && { first }), ...(last !== undefined && { last }) };
}

/** A built crew as a flow sees it: its coordinator and the agents of its first and last tasks. */
interface CrewEnds {
  coordinator: string;
  location: Location;
  first?: string;
  last?: string;
}

/** One method of a Flow class and what it does. */
interface FlowMethod {
  name: string;
  kind: 'start' | 'listen' | 'router' | 'plain';
  /** What it listens to: method names or router labels. */
  triggers: string[];
  /** Crew classes it kicks off, in order. */
  crews: string[];
  /** Its kickoffs run side by side (`asyncio.gather`). */
  parallel: boolean;
  /** Labels a router returns. */
  labels: string[];
  /** `@human_feedback`: a person reviews its result. */
  humanFeedback: boolean;
  location: Location;
  /** The step calls a model itself (`Agent(…).kickoff(…)`, `LLM(…).call(…)`): it is an agent of the flow. */
  model?: FlowModelStep;
  /** A router that counts its rounds (`if self.state.attempts >= 3: return "give_up"`): the loops through it are bounded. */
  counts?: boolean;
}

/** A router's test of a counter kept in the flow's state: what bounds the loops it sends work round. */
const ROUND_COUNTER = /\bself\.state\.\w*(?:count|attempts?|iterations?|retries|retry|tries|rounds?|loops?|revisions?|cycles?)\w*\s*(?:>=|>|<=|<|==)\s*[\w.]+|[\w.]+\s*(?:>=|>|<=|<)\s*self\.state\.\w*(?:count|attempts?|iterations?|retries|retry|tries|rounds?|loops?|revisions?|cycles?)\w*/i;

/** A flow step that calls a model itself, read as one agent (a crew of one). */
interface FlowModelStep {
  /** Its crew identity (`<file>::<Flow>.<step>`), so that the flow's edges reach it like a crew's. */
  crew: string;
  name: string;
  model?: string;
  tools: string[];
  location: Location;
}

/** A crew's identity: the file its class or call is in, and its name there. */
function crewKey(file: string, name: string): string {
  return `${file}::${name}`;
}

/** A crew's name, from its identity. */
function crewLabel(key: string): string {
  return key.slice(key.indexOf('::') + 2);
}

interface FlowCode {
  file: string;
  className: string;
  /** Its file reaches out for crews: a relative import, or a crew named outside the crewai imports. */
  callsOut: boolean;
  key: string;
  location: Location;
  methods: FlowMethod[];
  /** Names of the class's methods that are no step of the flow. */
  plainMethods: string[];
  /** Crews the flow hands tools to when it builds them (`SomeCrew(gmail_tools=…)`). */
  toolGaps: Array<{ crew: string; location: Location }>;
}

/**
 * The `Flow` classes of a file (crewai.flow): each decorated method with what it listens to, the
 * crews it kicks off (`SomeCrew().crew().kickoff()`), whether they run side by side, a router's
 * labels, and `@human_feedback`.
 */
function readFlows(file: SourceFile, root: PyNode | undefined, crewClasses: ReadonlySet<string>, inlineCrews: readonly string[], crewId: (name: string) => string, multiCrewClasses: ReadonlySet<string> = new Set()): FlowCode[] {
  if (!root) return [];
  const at = (node: PyNode): Location => ({ file: file.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  const classes = descendants(root).filter((node) => node.type === 'class_definition' && /\bFlow\b/.test(node.childForFieldName('superclasses')?.text ?? ''));
  const code = file.text.replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|#.*$/gm, '');
  const callsOut = /^\s*from\s+\./m.test(code) || /crew/i.test(code.replace(/^\s*(from|import)\s+crewai\b.*$/gm, ''));
  return classes.map((definition) => {
    const className = definition.childForFieldName('name')?.text ?? 'Flow';
    const toolGaps: FlowCode['toolGaps'] = [];
    const methods: FlowMethod[] = [];
    // Helper methods a step calls (`self._collect_quotes()`) run their crews for it.
    const bodies = new Map(
      descendants(definition)
        .filter((node) => node.type === 'function_definition')
        .map((fn) => [fn.childForFieldName('name')?.text ?? '', fn.childForFieldName('body')?.text ?? ''] as const),
    );
    /** Crew classes a body builds (`SomeCrew(...)`, then `.crew().kickoff()`), itself or through its helpers. */
    /** Crews built in place in a method of this class (`<Flow>.<method>`, `<Flow>.<method>#2`). */
    const builtIn = (method: string): string[] => inlineCrews.filter((crew) => crew === `${className}.${method}` || crew.startsWith(`${className}.${method}#`));
    const crewsIn = (body: string, depth = 0, method?: string): string[] => {
      const direct = [...body.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map((match) => match[1] as string).filter((name) => crewClasses.has(name));
      const helpers = depth < 2 ? [...body.matchAll(/\bself\.(\w+)\s*\(/g)].flatMap((match) => [...builtIn(match[1] as string), ...crewsIn(bodies.get(match[1] as string) ?? '', depth + 1)]) : [];
      return [...new Set([...(method !== undefined ? builtIn(method) : []), ...direct, ...helpers])];
    };
    for (const decorated of descendants(definition).filter((node) => node.type === 'decorated_definition')) {
      const fn = decorated.childForFieldName('definition');
      if (!fn || fn.type !== 'function_definition') continue;
      const decorators = namedChildren(decorated).filter((child) => child.type === 'decorator').map((decorator) => decorator.text.replace(/^@/, ''));
      const kindOf = (text: string): FlowMethod['kind'] | undefined => (/^start\b/.test(text) ? 'start' : /^listen\b/.test(text) ? 'listen' : /^router\b/.test(text) ? 'router' : undefined);
      const flowDecorator = decorators.find((text) => kindOf(text) !== undefined);
      const body = fn.childForFieldName('body')?.text ?? '';
      const inline = [...body.matchAll(/(\w+)\(\s*[^()]*\)\s*\.crew\(\s*\)\s*\.kickoff(?:_async)?\s*\(/g)].map((match) => match[1] as string);
      // One of a class's several crews, started by its method (`ContentEvalCrew().seo_crew().kickoff()`).
      const byMethod = [...body.matchAll(/(\w+)\(\s*[^()]*\)\s*\.(\w+)\(\s*\)\s*\.kickoff(?:_async)?\s*\(/g)]
        .filter((match) => multiCrewClasses.has(match[1] as string))
        .map((match) => `${match[1]}.${match[2]}`);
      const started = [...new Set([...inline, ...crewsIn(body, 0, fn.childForFieldName('name')?.text ?? '')])];
      const names = [...started.filter((name) => !byMethod.some((each) => each.startsWith(`${name}.`))), ...byMethod];
      // Crews built in place are this file's; a crew class is the one the file imports or the nearest copy.
      const crews = names.map((name) => (inlineCrews.includes(name) ? crewKey(file.path, name) : crewId(name)));
      // Tools handed to a crew when the flow builds it: which agents get them is not in the code read.
      const runtimeTools = names.filter((crew) => new RegExp(`\\b${crew}\\s*\\([^)]*\\b\\w*tools\\s*=`).test(body));
      for (const crew of runtimeTools) toolGaps.push({ crew, location: at(fn) });
      const model = flowDecorator ? modelStep(fn, className, file.path, at) : undefined;
      if (model) crews.push(model.crew);
      methods.push({
        name: fn.childForFieldName('name')?.text ?? '',
        kind: flowDecorator ? (kindOf(flowDecorator) as FlowMethod['kind']) : 'plain',
        ...(model && { model }),
        ...(flowDecorator && kindOf(flowDecorator) === 'router' && ROUND_COUNTER.test(body) && { counts: true }),
        triggers: flowDecorator ? [...flowDecorator.replace(/^\w+\s*\(/, '').matchAll(/["']([^"']+)["']|\b([A-Za-z_]\w*)\b/g)].map((match) => (match[1] ?? match[2]) as string).filter((name) => !['or_', 'and_', 'self'].includes(name)) : [],
        crews,
        parallel: crews.length > 1 && /asyncio\.gather\s*\(/.test(body),
        labels: [...body.matchAll(/return\s+["']([^"']+)["']/g)].map((match) => match[1] as string),
        humanFeedback: decorators.some((text) => /^human_feedback\b/.test(text)),
        location: at(fn),
      });
    }
    // Methods of the class that are no step (no flow decorator): CrewAI never starts them itself.
    const steps = new Set(methods.filter((method) => method.kind !== 'plain').map((method) => method.name));
    const classBody = definition.childForFieldName('body');
    const plainMethods = (classBody ? namedChildren(classBody) : [])
      .map((statement) => (statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement))
      .filter((fn): fn is PyNode => fn?.type === 'function_definition')
      .map((fn) => fn.childForFieldName('name')?.text ?? '')
      .filter((name) => name !== '' && !steps.has(name));
    return { file: file.path, className, key: `crewai-flow:${file.path}:${className}`, location: at(definition), methods, plainMethods, toolGaps, callsOut };
  });
}

/**
 * A flow step that calls a model itself instead of kicking off a crew: an agent built in the step
 * and run there (`researcher = Agent(role=…, tools=[…])` … `researcher.kickoff(…)`), or a model
 * called directly (`llm = LLM(model=…)` … `llm.call(…)`). The step is then one agent of the flow,
 * named by the agent's role, else by the step.
 */
function modelStep(fn: PyNode, className: string, file: string, at: (node: PyNode) => Location): FlowModelStep | undefined {
  const step = fn.childForFieldName('name')?.text ?? 'step';
  const calls = descendants(fn).filter((node) => node.type === 'call');
  const built = (kind: string): PyNode[] => calls.filter((call) => calleeName(call) === kind);
  /** A call of `method` on what `made` built: on its variable, or on the construction itself. */
  const runs = (made: PyNode, method: string): boolean => {
    const name = assignedTo(made);
    return calls.some((call) => {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== method) return false;
      const receiver = callee.childForFieldName('object');
      return receiver !== null && receiver !== undefined && (receiver.id === made.id || (name !== undefined && receiver.text === name));
    });
  };
  const keyword = (call: PyNode, key: string): PyNode | undefined => keywordArguments(call).get(key);
  const agent = built('Agent').find((call) => runs(call, 'kickoff') || runs(call, 'kickoff_async'));
  const llm = agent ? undefined : built('LLM').find((call) => runs(call, 'call'));
  // LiteLLM asked directly (`litellm.completion(model=…, messages=[…])`, `completion(…)`).
  const direct = agent || llm ? undefined : calls.find((call) => /^(?:litellm\.)?a?completion$/.test(call.childForFieldName('function')?.text ?? '') && keyword(call, 'messages') !== undefined);
  const made = agent ?? llm ?? direct;
  if (!made) return undefined;
  // A model asked directly whose answer the step throws away (`response = completion(…)`, never read;
  // the step returns the user's input) passes nothing on: the step is no agent of the flow.
  if (direct && answerUnused(fn, direct)) return undefined;
  const role = agent ? keyword(agent, 'role') : undefined;
  const name = (role && /^["']/.test(role.text) ? unquote(role.text) : undefined) ?? `${className}.${step}`;
  const modelNode = agent ? keyword(agent, 'llm') : keyword(made, 'model') ?? namedChildren(made.childForFieldName('arguments') as PyNode)[0];
  const model = modelNode && /^["']/.test(modelNode.text) ? unquote(modelNode.text) : agent ? (modelNode ? modelText(modelNode) : CREWAI_DEFAULT_MODEL) : undefined;
  const toolList = agent ? keyword(agent, 'tools') : undefined;
  const tools = toolList?.type === 'list' ? namedChildren(toolList).filter((item) => item.type !== 'comment').map((item) => item.text.replace(/\(.*$/s, '')) : [];
  return { crew: crewKey(file, `${className}.${step}`), name, ...(model !== undefined && { model }), tools, location: at(made) };
}

/** True when a call's result is dropped: a statement of its own, or a variable nothing in the function reads after it. */
function answerUnused(fn: PyNode, call: PyNode): boolean {
  if (call.parent?.type === 'expression_statement') return true;
  const name = assignedTo(call);
  if (name === undefined || !/^\w+$/.test(name)) return false;
  return !descendants(fn).some((node) => node.type === 'identifier' && node.text === name && node.startIndex > call.endIndex);
}

/**
 * A flow as a coordinator (`flow:<Class>`, plain code) delegating to each crew it kicks off; work
 * flows from one crew's last agent to the next crew's first along the listen chain (through plain
 * methods), side by side where kickoffs are gathered; the crews behind a router's labels are
 * exclusive alternatives; `@human_feedback` is a person reviewing what came before.
 */
function buildFlow(flow: FlowCode, draft: GraphDraft, crewEnds: Map<string, CrewEnds>, problems: Problem[]): void {
  // A listener whose every trigger is a method that is no step (no @start, @listen or @router) never
  // runs: CrewAI starts listeners when steps finish, and a plain method called by hand is no step.
  const plainNames = new Set(flow.plainMethods);
  const labels = new Set(flow.methods.flatMap((method) => method.labels));
  const dead = new Set(flow.methods.filter((method) => method.kind === 'listen' && method.triggers.length > 0 && method.triggers.every((trigger) => plainNames.has(trigger) && !labels.has(trigger))));
  for (const method of dead) {
    if (method.crews.length === 0) continue;
    problems.push({
      ruleId: 'extraction-gap',
      message: `flow step '${method.name}' listens to '${method.triggers.join("', '")}', a method that is no step of the flow (no @start, @listen or @router): CrewAI never runs it, so ${method.crews.map((crew) => `'${crewLabel(crew)}'`).join(', ')} is never kicked off from it (left out of the graph)`,
      location: method.location,
    });
  }
  // Steps that call a model themselves: each is an agent, and a crew of one for the flow's edges.
  for (const method of flow.methods) {
    const step = method.model;
    if (!step || dead.has(method)) continue;
    const key = `crewai-flow-step:${step.crew}`;
    draft.addAgent({ key, name: step.name, role: 'worker', tools: step.tools.map((tool) => ({ name: tool, irreversible: false, needsApproval: false, location: step.location })), location: step.location, terminates: true, ...(step.model !== undefined && { model: step.model }) });
    draft.assign(key, flow.key, flow.className, flow.location);
    crewEnds.set(step.crew, { coordinator: key, location: step.location, first: key, last: key });
  }
  const kicked = flow.methods.filter((method) => method.crews.length > 0 && !dead.has(method));
  if (kicked.length === 0) {
    // Steps that run crews through helpers of other modules, or run no crew at all: said, not dropped.
    if (flow.methods.length > 0 && flow.callsOut) problems.push({ ruleId: 'extraction-gap', message: `flow '${flow.className}': no step is seen to kick off a crew (helpers in other modules, or crews built at run time, may): the order of its crews is not read`, location: flow.location });
    return;
  }
  for (const gap of flow.toolGaps) {
    problems.push({ ruleId: 'extraction-gap', message: `tools handed to crew '${gap.crew}' when the flow builds it: which agents get them, and what they do, is not read`, location: gap.location });
  }
  draft.addAgent({ key: flow.key, name: `flow:${flow.className}`, role: 'orchestrator', tools: [], location: flow.location, terminates: true, deterministic: true });
  draft.assign(flow.key, flow.key, flow.className, flow.location);
  draft.markEntry(flow.key);
  const byName = new Map(flow.methods.map((method) => [method.name, method]));
  const routers = flow.methods.filter((method) => method.kind === 'router');
  const routerLabels = new Set(routers.flatMap((method) => method.labels));
  // A listener waiting on a label no method is named after listens to a router, even when the
  // router builds its labels at run time (`return "go_" + kind`): one of them runs per pass.
  const exclusive = (method: FlowMethod): boolean =>
    method.triggers.some((trigger) => routerLabels.has(trigger) || (routers.length > 0 && !byName.has(trigger) && trigger !== method.name));
  for (const method of kicked) {
    for (const crew of method.crews) {
      const ends = crewEnds.get(crew);
      if (!ends) {
        problems.push({ ruleId: 'extraction-gap', message: `flow step '${method.name}' kicks off '${crewLabel(crew)}', which is not a crew coordlint read`, location: method.location });
        continue;
      }
      draft.addEdge(flow.key, ends.coordinator, 'delegate', method.location, { parallel: method.parallel, ...(exclusive(method) && { exclusive: true }) });
    }
  }
  /** The crews whose results reach a method, with the step that kicked each off: those of what it listens to, through plain steps. */
  const upstreamCrews = (method: FlowMethod): Array<{ crew: string; step: string }> => {
    const found: Array<{ crew: string; step: string }> = [];
    const seen = new Set<string>();
    const queue = [...method.triggers];
    for (let head = 0; head < queue.length && head < 1000; head++) {
      const name = queue[head] as string;
      if (seen.has(name)) continue;
      seen.add(name);
      // A trigger names a method or a router's label (a listener may share its label's name).
      const named = byName.get(name);
      const sources = [...(named && named !== method ? [named] : []), ...flow.methods.filter((each) => each !== method && each.labels.includes(name))];
      for (const source of sources) {
        if (source.crews.length > 0) found.push(...source.crews.filter((crew) => !found.some((each) => each.crew === crew && each.step === source.name)).map((crew) => ({ crew, step: source.name })));
        else queue.push(...source.triggers);
      }
    }
    return found;
  };
  // A router that counts its rounds bounds the loops of the flow that run through it.
  const counting = flow.methods.find((method) => method.counts === true);
  if (counting) draft.addLoop([], undefined, counting.location, flow.key);
  for (const method of flow.methods) {
    if (dead.has(method)) continue;
    const before = upstreamCrews(method);
    for (const crew of method.crews) {
      const next = crewEnds.get(crew)?.first;
      for (const earlier of before) {
        const last = crewEnds.get(earlier.crew)?.last;
        // Steps named by the flow's method and crew: work that comes round to a step again is a loop of the flow.
        if (last && next && last !== next) {
          draft.addEdge(last, next, 'data', method.location, { steps: { from: `flow:${earlier.step}:${crewLabel(earlier.crew)}`, to: `flow:${method.name}:${crewLabel(crew)}` }, ...(exclusive(method) && { exclusive: true }) });
        }
      }
    }
    if (method.humanFeedback) {
      // The person reviews what the step produced: its own crews, else what reached it.
      for (const crew of method.crews.length > 0 ? method.crews : [...new Set(before.map((each) => each.crew))]) {
        const last = crewEnds.get(crew)?.last;
        if (last) draft.addHumanApproval(last, method.location, 'every-action');
      }
    }
  }
}
