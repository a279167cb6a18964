// CrewAI crews: https://docs.crewai.com/concepts/crews (YAML config and the crew's Python class)
import type { Location, Problem, Tool } from '../model/index.js';
import { GraphDraft } from './fragment-builder.js';
import { descendants, namedChildren, pythonParser, type PyNode } from './python.js';
import type { ExtractResult, Extractor, SourceFile } from './types.js';
import { mapPairs, nodeAt, parseYamlSource, type YamlSource } from './yaml-source.js';
import { fileCoverage } from './coverage.js';

const CONFIG_FILE = /(^|\/)(agents|tasks)\.ya?ml$/;

export const crewaiExtractor: Extractor = {
  id: 'crewai',
  title: 'CrewAI crews',
  matches: (path) => CONFIG_FILE.test(path) || path.endsWith('.py'),
  // YAML files have no `import` lines; Python files must mention CrewAI.
  // A Python file that does not mention CrewAI is out; YAML prose may well say "from the data…".
  prefilter: (text) => /crewai|CrewBase/.test(text) || !/^(from\s+[\w.]+\s+import\s|import\s+[\w.]+\s*$)/m.test(text),
  extract: (file) => extractCrews([file]),
  extractAll: (files) => extractCrews(files),
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
  location: Location;
  contextAt(index: number): Location;
}

interface CrewCode {
  file: string;
  className: string;
  location: Location;
  /** @agent methods in order: method name → agent key in YAML, and what code adds. */
  agents: Array<{ method: string; key: string; allowDelegation?: boolean; llm?: string; tools: string[]; location: Location }>;
  tasks: Array<{ method: string; key: string; agent?: string; context?: string[]; humanInput?: boolean; asyncExecution?: boolean; location: Location }>;
  hierarchical: boolean;
  manager?: { name: string; location: Location };
}

/**
 * Each folder with agents.yaml and tasks.yaml is a crew; the crew's Python class (its @CrewBase
 * file in the folder above, parsed with tree-sitter) says which entries are really built, in what
 * task order, and what only code sets (process, manager, context, human_input, async).
 * A task without `context` gets every earlier task's output; async tasks run in parallel until a
 * later task takes them as context; a hierarchical process has a manager delegating to the crew;
 * `allow_delegation` gives peer edges; `human_input` is approval by a human.
 */
function extractCrews(files: readonly SourceFile[]): ExtractResult {
  const problems: Problem[] = [];
  const byFolder = new Map<string, { agents?: SourceFile; tasks?: SourceFile }>();
  const pythonFiles: SourceFile[] = [];
  for (const file of files) {
    const match = CONFIG_FILE.exec(file.path);
    if (match) {
      const folder = file.path.slice(0, file.path.length - (match[0].length - (match[1]?.length ?? 0)));
      const entry = byFolder.get(folder) ?? {};
      if (match[2] === 'agents') entry.agents = file;
      else entry.tasks = file;
      byFolder.set(folder, entry);
    } else if (file.path.endsWith('.py') && /CrewBase/.test(file.text)) {
      pythonFiles.push(file);
    }
  }
  const parser = pythonParser();
  const draft = new GraphDraft();
  const read: Array<{ file: string; extractor: string }> = [];

  for (const [folder, pair] of [...byFolder].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!pair.agents || !pair.tasks) continue;
    const agentsYaml = readYaml(pair.agents, problems);
    const tasksYaml = readYaml(pair.tasks, problems);
    if (!agentsYaml || !tasksYaml) continue;
    const parent = folder.replace(/[^/]*\/$/, '');
    const crewFile = pythonFiles.find((file) => file.path.startsWith(parent) && !file.path.slice(parent.length).includes('/'))
      ?? pythonFiles.find((file) => file.path.startsWith(parent));
    let classes: Array<CrewCode | undefined> = [undefined];
    if (crewFile) {
      if (parser) classes = readCrewCode(crewFile, parser.parse(crewFile.text)?.rootNode, problems);
      else problems.push({ ruleId: 'extraction-gap', message: `the crew class in ${crewFile.path} (the Python parser was not loaded)`, location: { file: crewFile.path, line: 1, column: 1 } });
      if (classes.length === 0) classes = [undefined];
    }
    const builtAnywhere = new Set(classes.flatMap((each) => each?.agents.map((agent) => agent.key) ?? []));
    if (classes.some((each) => each !== undefined)) {
      for (const entry of agentsYaml) {
        if (!builtAnywhere.has(entry.key)) problems.push({ ruleId: 'extraction-gap', message: `agent '${entry.key}' is configured but no @agent method builds it`, location: entry.location });
      }
    }
    const tasksFile = pair.tasks;
    const buildCrew = (code: CrewCode | undefined): void => {
      const crewName = code?.className ?? (folder.replace(/\/?config\/$/, '').split('/').pop() || 'crew');
      const systemKey = `crewai:${folder}:${code?.className ?? ''}`;
      const yamlAgents = new Map(agentsYaml.map((entry) => [entry.key, entry]));
      const yamlTasks = new Map(tasksYaml.map((entry) => [entry.key, entry]));

      // Which agents are built: @agent methods when there is code, else every YAML entry.
      const built: CrewCode['agents'] = code ? code.agents : agentsYaml.map((entry) => ({ method: entry.key, key: entry.key, tools: [], location: entry.location }));
      const agentKeyOf = new Map<string, string>();
      for (const agent of built) {
        const yaml = yamlAgents.get(agent.key);
        const key = `${systemKey}:${agent.key}`;
        const llm = agent.llm ?? (typeof yaml?.fields.llm === 'string' ? yaml.fields.llm : undefined);
        const role = typeof yaml?.fields.role === 'string' ? yaml.fields.role.trim() : undefined;
        const tools: Tool[] = agent.tools.map((name) => ({ name, irreversible: false, needsApproval: false, location: agent.location }));
        draft.addAgent({ key, name: agent.key, role: 'worker', tools, location: yaml?.location ?? agent.location, terminates: true, ...(llm !== undefined && { model: llm }), ...(role !== undefined && { description: role }) });
        draft.assign(key, systemKey, crewName, code?.location ?? yaml?.location ?? agent.location);
        agentKeyOf.set(agent.key, key);
        agentKeyOf.set(agent.method, key);
      }

      // Tasks in order: @task methods when there is code, else YAML order.
      const tasks: TaskSpec[] = (code ? code.tasks.map((task) => ({ task, yaml: yamlTasks.get(task.key) })) : tasksYaml.map((yaml) => ({ task: undefined, yaml }))).map(({ task, yaml }) => {
        const fields = yaml?.fields ?? {};
        const context = task?.context ?? (Array.isArray(fields.context) ? fields.context.map(String) : undefined);
        const agent = task?.agent ?? (typeof fields.agent === 'string' ? fields.agent.trim() : undefined);
        return {
          key: task?.key ?? yaml?.key ?? 'task',
          ...(agent !== undefined && { agent }),
          ...(context !== undefined && { context }),
          asyncExecution: task?.asyncExecution ?? fields.async_execution === true,
          humanInput: task?.humanInput ?? fields.human_input === true,
          location: yaml?.location ?? task?.location ?? { file: tasksFile.path, line: 1, column: 1 },
          contextAt: (index: number) => (task?.context !== undefined ? (task.location) : (yaml?.at('context', index) ?? task?.location ?? { file: '', line: 1, column: 1 })),
        };
      });
      const taskIndex = new Map(tasks.map((task, index) => [task.key, index]));
      const agentOfTask = (task: TaskSpec): string | undefined => (task.agent !== undefined ? agentKeyOf.get(task.agent) : undefined);

      tasks.forEach((task, index) => {
        const target = agentOfTask(task);
        if (task.agent !== undefined && !target) {
          problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' names agent '${task.agent}', which the crew does not build`, location: task.location });
        }
        if (!target) return;
        if (task.humanInput) draft.addHumanApproval(target, task.location, 'every-action');
        // No context: every earlier task's output — except that an async task does not wait for the
        // async tasks started before it (they run side by side).
        const implicit = tasks
          .slice(0, index)
          .map((earlier, position) => ({ earlier, position }))
          .filter(({ earlier }) => !(task.asyncExecution && earlier.asyncExecution))
          .map(({ earlier, position }) => ({ index: position, at: task.location, name: earlier.key }));
        const sources = task.context !== undefined ? task.context.map((name, position) => ({ index: taskIndex.get(name), at: task.contextAt(position), name })) : implicit;
        for (const source of sources) {
          if (source.index === undefined) {
            problems.push({ ruleId: 'extraction-gap', message: `task '${task.key}' takes context from '${source.name}', which is not a task of the crew`, location: source.at });
            continue;
          }
          const from = tasks[source.index];
          const fromAgent = from ? agentOfTask(from) : undefined;
          if (!fromAgent || fromAgent === target) continue;
          // An async task runs alongside the others until a later task takes its output: a fan-out.
          // Cycles are judged on task order: one agent doing an early and a late task closes none.
          draft.addEdge(fromAgent, target, 'data', source.at, { parallel: task.asyncExecution, steps: { from: `task:${source.name}`, to: `task:${task.key}` } });
        }
      });

      // allow_delegation: a worker can ask any coworker.
      for (const agent of built) {
        const yaml = yamlAgents.get(agent.key);
        const delegates = agent.allowDelegation ?? yaml?.fields.allow_delegation === true;
        if (!delegates) continue;
        const from = agentKeyOf.get(agent.key) as string;
        for (const other of built) if (other.key !== agent.key) draft.addEdge(from, agentKeyOf.get(other.key) as string, 'peer', yaml?.at('allow_delegation') ?? agent.location);
      }

      // The process: hierarchical → a manager over the crew; sequential → the crew itself sequences.
      const coordinatorKey = `${systemKey}:${code?.hierarchical ? 'manager' : 'crew'}`;
      const coordinatorName = code?.hierarchical ? (code.manager?.name ?? 'manager') : `crew:${crewName}`;
      const coordinatorLocation: Location = code?.manager?.location ?? code?.location ?? { file: tasksFile.path, line: 1, column: 1 };
      if (built.length > 0) {
        // A sequential process is the crew's own code; a hierarchical one has a manager that judges.
        draft.addAgent({ key: coordinatorKey, name: coordinatorName, role: 'orchestrator', tools: [], location: coordinatorLocation, terminates: true, ...(!code?.hierarchical && { deterministic: true }) });
        draft.assign(coordinatorKey, systemKey, crewName, code?.location ?? coordinatorLocation);
        draft.markEntry(coordinatorKey);
        const targets = new Set(tasks.map(agentOfTask).filter((key): key is string => key !== undefined));
        const directed = code?.hierarchical && targets.size > 0 ? [...targets] : [...agentKeyOf.values()].filter((key, index, all) => all.indexOf(key) === index);
        for (const target of directed) draft.addEdge(coordinatorKey, target, 'delegate', coordinatorLocation);
      }
    };
    for (const code of classes) buildCrew(code);
    for (const file of [pair.agents, pair.tasks, ...(crewFile ? [crewFile] : [])]) read.push({ file: file.path, extractor: 'crewai' });
  }
  const fragments = draft.toFragments('crewai');
  const coverage = fileCoverage(read, fragments, problems);
  return { fragments, problems, gaps: coverage.reduce((sum, entry) => sum + entry.gaps, 0), coverage };
}

function readYaml(file: SourceFile, problems: Problem[]): YamlEntry[] | undefined {
  const parsed = parseYamlSource(file.path, file.text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const source: YamlSource = parsed.source;
  const entries: YamlEntry[] = [];
  for (const { key, keyText, value } of mapPairs(source, source.doc.contents)) {
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

/** Reads the @CrewBase class: @agent and @task methods in order, and the Crew(...) of the @crew method. */
function readCrewCode(file: SourceFile, root: PyNode | undefined, problems: Problem[]): CrewCode[] {
  if (!root) return [];
  const at = (node: PyNode): Location => ({ file: file.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
  if (root.hasError) {
    const error = descendants(root).find((node) => node.type === 'ERROR' || node.isMissing);
    problems.push({ ruleId: 'parse-error', message: 'invalid Python', location: error ? at(error) : { file: file.path, line: 1, column: 1 } });
    return [];
  }
  const decorated = descendants(root).filter((node) => node.type === 'decorated_definition');
  const crewClasses = decorated.filter((node) => decoratorNames(node).includes('CrewBase') && node.childForFieldName('definition')?.type === 'class_definition');
  return crewClasses.map((crewClass) => readCrewClass(file, crewClass.childForFieldName('definition') as PyNode, at));
}

/** One @CrewBase class. */
function readCrewClass(file: SourceFile, definition: PyNode, at: (node: PyNode) => Location): CrewCode {
  const className = definition.childForFieldName('name')?.text ?? 'Crew';
  const code: CrewCode = { file: file.path, className, location: at(definition), agents: [], tasks: [], hierarchical: false };
  const methods = descendants(definition).filter((node) => node.type === 'decorated_definition' && node.childForFieldName('definition')?.type === 'function_definition');
  const plainMethods = descendants(definition).filter((node) => node.type === 'function_definition');
  for (const method of methods) {
    const names = decoratorNames(method);
    const fn = method.childForFieldName('definition') as PyNode;
    const methodName = fn.childForFieldName('name')?.text ?? '';
    const call = returnedCall(fn);
    const kwargs = call ? keywordArguments(call) : new Map<string, PyNode>();
    const configKey = configKeyOf(kwargs.get('config')) ?? methodName;
    if (names.includes('agent')) {
      const allow = kwargs.get('allow_delegation');
      const llm = kwargs.get('llm');
      code.agents.push({
        method: methodName,
        key: configKey,
        ...(allow && { allowDelegation: allow.type === 'true' }),
        ...(llm && { llm: modelText(llm) }),
        tools: listItems(kwargs.get('tools')).map((tool) => (tool.type === 'call' ? tool.childForFieldName('function')?.text ?? tool.text : tool.text)),
        location: at(fn),
      });
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
        ...(agent && { agent: selfCallName(agent) ?? agent.text }),
        ...(context && { context: listItems(context).map((item) => selfCallName(item) ?? item.text) }),
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
    }
  }
  // Task agents and context name methods; map them to YAML keys.
  const agentKeyByMethod = new Map(code.agents.map((agent) => [agent.method, agent.key]));
  const taskKeyByMethod = new Map(code.tasks.map((task) => [task.method, task.key]));
  for (const task of code.tasks) {
    if (task.agent !== undefined) task.agent = agentKeyByMethod.get(task.agent) ?? task.agent;
    if (task.context !== undefined) task.context = task.context.map((name) => taskKeyByMethod.get(name) ?? name);
  }
  return code;
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
  return value?.type === 'call' ? value : undefined;
}

function keywordArguments(call: PyNode): Map<string, PyNode> {
  const result = new Map<string, PyNode>();
  const list = call.childForFieldName('arguments');
  for (const argument of list ? namedChildren(list) : []) {
    if (argument.type !== 'keyword_argument') continue;
    const name = argument.childForFieldName('name')?.text;
    const value = argument.childForFieldName('value');
    if (name && value) result.set(name, value);
  }
  return result;
}

/** `self.agents_config['researcher']` → `researcher`. */
function configKeyOf(node: PyNode | undefined): string | undefined {
  if (!node || node.type !== 'subscript') return undefined;
  const index = node.childForFieldName('subscript');
  return index?.type === 'string' ? index.text.replace(/^[rbuf]*['"]+|['"]+$/g, '') : undefined;
}

/** `self.researcher()` → `researcher`. */
function selfCallName(node: PyNode): string | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'self') return undefined;
  return fn.childForFieldName('attribute')?.text;
}

function listItems(node: PyNode | undefined): PyNode[] {
  return node && node.type === 'list' ? namedChildren(node) : [];
}

/** `"gpt-4o"`, `LLM(model="gpt-4o")` → the model name. */
function modelText(node: PyNode): string {
  if (node.type === 'string') return node.text.replace(/^[rbuf]*['"]+|['"]+$/g, '');
  if (node.type === 'call') {
    const model = keywordArguments(node).get('model');
    if (model?.type === 'string') return model.text.replace(/^['"]+|['"]+$/g, '');
  }
  return node.text;
}
