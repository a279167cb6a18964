// What the code of a Python tool shows (CrewAI tool classes and `@tool` functions, the functions
// AutoGen's FunctionTool wraps): the name a tool class gives itself, and what its code does that
// cannot be undone.
import { changingCommand } from '../model/index.js';
import { calleeName, descendants, enclosing, keywordArguments, namedChildren, parametersOf, unquote, type PyNode, type PyValues } from './python.js';

/** The class of the code read a call makes (`RunnerTool()`), where it is defined here or imported from the run. */
function toolClassOf(values: PyValues, call: PyNode): PyNode | undefined {
  const written = call.childForFieldName('function');
  const found = written ? values.lastKnown(written) : undefined;
  if (found?.parent?.type === 'class_definition') return found.parent;
  // A class of the module the call is in (`class EditorTool(BaseTool)` above the agent that uses it;
  // `run_sql = SqlTool()` in a tools module the crew imports `run_sql` from).
  return found?.type === 'identifier' ? values.valuesFor(call).classNamed(found.text) : undefined;
}

/** `toolEffects` of an agent entry: what each of its tools' code is seen to do, by tool name (none when nothing is seen). */
export function withToolEffects(values: PyValues, items: readonly PyNode[], nameOf: (item: PyNode) => string): { toolEffects?: Record<string, string> } {
  const effects: Record<string, string> = {};
  for (const item of items) {
    const effect = declaredToolEffect(values, item);
    if (effect !== undefined) effects[nameOf(item)] = effect;
  }
  return Object.keys(effects).length > 0 ? { toolEffects: effects } : {};
}

/**
 * `sandboxedTools` of an agent entry: CrewAI's `CodeInterpreterTool()` (imported from crewai_tools), which runs the code it is
 * given in a Docker container (or, without Docker, in a restricted interpreter) unless built with
 * `unsafe_mode=True`.
 */
export function withSandboxedTools(moduleValues: PyValues, items: readonly PyNode[], nameOf: (item: PyNode) => string): { sandboxedTools?: string[] } {
  const found = items.filter((item) => {
    const values = moduleValues.valuesFor(item);
    const value = values.lastKnown(item);
    if (value.type !== 'call' || !/(^|\.)CodeInterpreterTool$/.test(calleeName(value) ?? '')) return false;
    // CrewAI's own (a project's class of that name may run the code on the host).
    const written = value.childForFieldName('function');
    const module = written?.type === 'identifier' ? values.valuesFor(written).importSource(written.text) : written?.childForFieldName('object')?.text;
    if (module === undefined || !/^crewai(_tools)?(\.|$)/.test(module)) return false;
    return keywordArguments(value).get('unsafe_mode')?.text !== 'True';
  });
  return found.length > 0 ? { sandboxedTools: found.map(nameOf) } : {};
}

/** The `os.exec*` and `os.spawn*` family: a program replaced or started with the arguments given. */
const PY_EXEC_CALL = /^os\.(exec|spawn)[lv]p?e?$/;
/** Python calls that run a command line. */
const PY_SHELL_CALL = /^(subprocess\.(run|call|Popen|check_output|check_call|getoutput|getstatusoutput)|os\.(system|popen)|pexpect\.spawn|asyncio\.(?:subprocess\.)?create_subprocess_(shell|exec))$/;

/**
 * What a tool of the code read does that cannot be undone, where its code shows it: a tool class
 * whose `_run` (or a `@tool` function, or a function an AutoGen FunctionTool wraps) runs a command
 * line built from what it is given (`subprocess.run(command, shell=True)`, `os.system(f"pip install
 * {package}")`), or runs the SQL it is given on a database (`await conn.fetch(query)`). A command
 * written out in full (`subprocess.run(["pytest", "-q"])`) runs nothing the model chose, and a
 * query the code keeps to reading (a `startswith("select")` test, a read-only transaction) changes nothing.
 */
export function declaredToolEffect(moduleValues: PyValues, item: PyNode): string | undefined {
  // Read where the item is written (an agent built in another module is read through its team's).
  const values = moduleValues.valuesFor(item);
  const value = values.lastKnown(item);
  let fn: PyNode | undefined;
  if (value.type === 'function_definition') fn = value;
  else if (value.type === 'identifier') fn = values.functionNamed(value);
  else if (value.type === 'call') {
    const body = toolClassOf(values, value)?.childForFieldName('body');
    for (const statement of body ? namedChildren(body) : []) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (definition?.type === 'function_definition' && /^_a?run$/.test(definition.childForFieldName('name')?.text ?? '')) fn = definition;
    }
  }
  if (!fn) return undefined;
  const given = new Set(parametersOf(fn).map(({ name }) => name).filter((name) => name !== '' && name !== 'self'));
  const nodes = descendants(fn);
  // Locals built from what it is given (`cmd = f"pip install {package}"`), one step.
  for (const node of nodes) {
    if (node.type !== 'assignment') continue;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left?.type === 'identifier' && right && descendants(right).concat(right).some((each) => each.type === 'identifier' && given.has(each.text))) given.add(left.text);
  }
  // What it is given but checks against a list written in the code first (`if command not in
  // self.ALLOWED_COMMANDS: return …`) is one of that list: not the model's own command.
  const allowed = allowListed(fn, nodes, given);
  for (const name of allowed.keys()) given.delete(name);
  const givenIn = (node: PyNode | undefined): boolean => node !== undefined && descendants(node).concat(node).some((each) => each.type === 'identifier' && given.has(each.text));
  // A query it is given run as written, unless the code keeps it to reading (`if not sql.lower().startswith("select")`, a read-only transaction).
  const readOnly = /startswith\(\s*['"](select|with)|\bread[_ -]?only\b|\bSELECT\b[^\n]{0,40}\bonly\b/i.test(fn.text);
  for (const node of nodes) {
    if (node.type !== 'call') continue;
    const written = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    const first = args ? namedChildren(args).find((each) => each.type !== 'keyword_argument' && each.type !== 'comment') : undefined;
    // (Not an argument list whose program is written out, with no shell: `subprocess.run(["aws", "s3api",
    // "get-bucket-versioning", "--bucket", bucket])` runs that program; the model picks only an argument.)
    const fixedProgram = first?.type === 'list' && namedChildren(first)[0]?.type === 'string' && !/^\W*(bash|sh|zsh|python3?|node|npx|rm|eval)\W*$/.test(namedChildren(first)[0]?.text ?? '') && keywordArguments(node).get('shell')?.text !== 'True';
    if (PY_SHELL_CALL.test(written?.text ?? '') && givenIn(first) && !fixedProgram) return `its code runs a shell command it is given ('${written?.text ?? ''}')`;
    // A command picked from an allow-list: what the listed commands change (`git push` among them acts).
    if (PY_SHELL_CALL.test(written?.text ?? '') && first && descendants(first).concat(first).some((each) => each.type === 'identifier' && allowed.has(each.text))) {
      for (const command of descendants(first).concat(first).flatMap((each) => (each.type === 'identifier' ? (allowed.get(each.text) ?? []) : []))) {
        const changes = changingCommand(command.split(/\s+/));
        if (changes !== undefined) return `its code runs '${command}' (${changes})`;
      }
    }
    // A command written out that changes things whatever the model says (`subprocess.run(["aws",
    // "ec2", "run-instances", …])`, `os.system(f"kubectl delete pod {name}")`).
    if ((PY_SHELL_CALL.test(written?.text ?? '') || PY_EXEC_CALL.test(written?.text ?? '')) && first) {
      const words = commandWords(first.type === 'identifier' ? localValue(nodes, first.text) ?? first : first);
      const changes = words.length > 0 ? changingCommand(words) : undefined;
      if (changes !== undefined) return `its code runs '${words.slice(0, 3).join(' ')}' (${changes})`;
    }
    // `executor.execute_code_blocks([CodeBlock(language="python", code=code)])`: a code executor runs the code it is given.
    if (/^(execute_code_blocks|execute_code)$/.test(written?.type === 'attribute' ? (written.childForFieldName('attribute')?.text ?? '') : '') && args !== null && namedChildren(args).some((each) => givenIn(each))) {
      return `its code runs the code it is given through a code executor ('${written?.text ?? ''}')`;
    }
    // `exec(code)`, `get_ipython().run_cell(cell)`: the Python it is given runs in this process.
    const runsPython = (written?.type === 'identifier' && /^(exec|eval)$/.test(written.text)) || (written?.type === 'attribute' && written.childForFieldName('attribute')?.text === 'run_cell');
    if (runsPython && givenIn(first)) return `its code runs the Python it is given ('${written?.text ?? ''}')`;
    // `os.execlp("bash", "bash", "-c", command)`: the program is written out, what it runs is given.
    if (PY_EXEC_CALL.test(written?.text ?? '') && args !== null && namedChildren(args).some((each) => givenIn(each))) return `its code runs a command it is given ('${written?.text ?? ''}')`;
    const method = written?.type === 'attribute' ? written.childForFieldName('attribute')?.text : undefined;
    const receiver = written?.type === 'attribute' ? written.childForFieldName('object')?.text : undefined;
    if (!readOnly && method !== undefined && PY_SQL_METHODS.has(method) && receiver !== undefined && PY_SQL_RECEIVER.test(receiver) && !VECTOR_STORE.test(receiver) && givenIn(first)) {
      return `its code runs the SQL it is given ('${written?.text ?? ''}')`;
    }
    // PyGithub's writes (`repo.update_file(path, message, content, sha, branch=branch_name)`): a commit,
    // a branch, a pull request or a release others see, in a module that imports the client.
    if (method !== undefined && PY_CODE_HOST_WRITES.has(method) && /^\s*(from\s+github\s+import|import\s+github\b)/m.test(moduleValues.valuesFor(fn).root.text)) {
      return `its code calls '${method}' (writes to a code host)`;
    }
  }
  return undefined;
}

/**
 * The leading words of a command as written: an argument list's strings up to the first part
 * that is not a string, or a (formatted) string's words up to the first `{…}` filled in at run time.
 */
function commandWords(node: PyNode): string[] {
  if (node.type === 'list' || node.type === 'tuple') {
    const words: string[] = [];
    for (const element of namedChildren(node)) {
      if (element.type !== 'string' || /\{/.test(element.text.replace(/\{\{/g, ''))) break;
      words.push(unquote(element.text));
    }
    return words;
  }
  if (node.type !== 'string') return [];
  const text = node.text.replace(/^[rRbBfFuU]*("""|\x27\x27\x27|"|\x27)/, '');
  const fixed = /^[rRbBuU]*[fF]/.test(node.text) ? text.split('{')[0] ?? '' : text;
  return fixed.split(/\s+/).map((word) => word.replace(/["\x27]+$/, '')).filter((word) => word !== '');
}

/**
 * Names a function is given that it checks against a list of strings written in the code before
 * using them (`if command not in self.ALLOWED_COMMANDS: return …`, `assert cmd in SAFE`), with the
 * strings of the list (empty when the list is not read).
 */
function allowListed(fn: PyNode, nodes: readonly PyNode[], given: ReadonlySet<string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const node of nodes) {
    const test = node.type === 'if_statement' ? node.childForFieldName('condition') : node.type === 'assert_statement' ? namedChildren(node)[0] : undefined;
    if (test?.type !== 'comparison_operator') continue;
    const [left, right] = namedChildren(test);
    const operators = test.children.flatMap((child) => (child && !child.isNamed ? [child.type] : [])).join(' ');
    if (left?.type !== 'identifier' || !given.has(left.text) || right === undefined) continue;
    // `if x not in LIST:` whose block returns or raises; `assert x in LIST`.
    const refuses = node.type === 'if_statement' && operators === 'not in' && descendants(node.childForFieldName('consequence') ?? node).some((each) => each.type === 'return_statement' || each.type === 'raise_statement');
    if (!refuses && !(node.type === 'assert_statement' && operators === 'in')) continue;
    found.set(left.text, listedStrings(fn, right));
  }
  return found;
}

/** The strings of a list a name holds: written in place, in the module, or as an attribute of the function's class. */
function listedStrings(fn: PyNode, written: PyNode): string[] {
  const name = written.type === 'attribute' ? written.childForFieldName('attribute')?.text : written.type === 'identifier' ? written.text : undefined;
  const scopes = [enclosing(fn, 'class_definition'), fn.tree?.rootNode].filter((each): each is PyNode => each !== undefined && each !== null);
  let list: PyNode | undefined = written.type === 'list' || written.type === 'tuple' || written.type === 'set' ? written : undefined;
  for (const scope of scopes) {
    if (list || name === undefined) break;
    const assignment = descendants(scope).find((each) => each.type === 'assignment' && each.childForFieldName('left')?.text === name);
    const right = assignment?.childForFieldName('right');
    if (right && ['list', 'tuple', 'set'].includes(right.type)) list = right;
  }
  return list ? namedChildren(list).flatMap((each) => (each.type === 'string' ? [unquote(each.text)] : [])) : [];
}

/** What a local name in a function was last set to (`cmd = ["aws", …]`), when set once in it. */
function localValue(nodes: readonly PyNode[], name: string): PyNode | undefined {
  const set = nodes.filter((node) => node.type === 'assignment' && node.childForFieldName('left')?.text === name);
  return set.length === 1 ? set[0]?.childForFieldName('right') ?? undefined : undefined;
}

/** PyGithub's methods that commit, branch, open a pull request or publish a release. */
const PY_CODE_HOST_WRITES: ReadonlySet<string> = new Set(['update_file', 'create_file', 'delete_file', 'create_git_ref', 'create_pull', 'create_git_release', 'create_git_commit']);

/** Database client methods that run a statement (sqlite3, psycopg, asyncpg, SQLAlchemy, DB-API cursors). */
const PY_SQL_METHODS: ReadonlySet<string> = new Set(['execute', 'executemany', 'executescript', 'fetch', 'fetchrow', 'fetchval', 'query', 'run_sql', 'raw']);
/** A vector store or search index (`vector_db`, `faiss_index`, `chroma_db`): its `query` searches, it runs no SQL. */
const VECTOR_STORE = /vector|vec_?db|embedding|faiss|chroma|pinecone|qdrant|weaviate|milvus|lance|index/i;
/** What such a client is called (`conn`, `cursor`, `self.db`, `target_db`, `session`, `pool`). */
const PY_SQL_RECEIVER = /(^|[._])(conn|connection|cur|cursor|db|database|session|engine|pool)$/i;

/**
 * The name a tool class of the code read gives its tools (`name: str = "run_command"` on a
 * `BaseTool` subclass), which is the name the model calls it by: for `RunnerTool()`.
 */
export function declaredToolName(values: PyValues, call: PyNode): string | undefined {
  const body = toolClassOf(values, call)?.childForFieldName('body');
  for (const statement of body ? namedChildren(body) : []) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== 'name') continue;
    const right = assignment.childForFieldName('right');
    return right?.type === 'string' ? unquote(right.text) : undefined;
  }
  return undefined;
}

/** An MCP server whose tools an expression holds, named by the package, image or address that runs it. */
export interface PyMcpServer {
  /** The server's short name (`mcp-atlassian`, `playwright`, `server-slack`). */
  label: string;
  /** All that was written of it (its package or address, command and arguments), for judging what it serves. */
  server: string;
  /** True when only a bare endpoint names it (`http://127.0.0.1:9876/sse`): its tools are listed only when it runs. */
  namesNoService: boolean;
}

/** Calls that hand an agent an MCP server's tools: AutoGen's workbench and tool lister, CrewAI's adapter. */
const MCP_CALLS: ReadonlySet<string> = new Set(['McpWorkbench', 'mcp_server_tools', 'MCPServerAdapter']);

/**
 * The MCP server (or the hosted toolkit, such as a Composio app) whose tools an expression holds: `McpWorkbench(params)`, `await mcp_server_tools(params)`,
 * `MCPServerAdapter(params)` (also entered by `with … as tools`, handed on as a parameter, or its
 * `.tools`), with the server given as a parameters object (`StdioServerParameters(command=, args=)`,
 * `SseServerParams(url=)`) or a dictionary (`{"url": …}`); a list of servers is judged by its first.
 */
export function mcpServerOf(values: PyValues, item: PyNode): PyMcpServer | undefined {
  let value = values.lastKnown(item);
  if (value.type === 'await') value = values.lastKnown(namedChildren(value)[0] ?? value);
  if (value.type === 'attribute' && value.childForFieldName('attribute')?.text === 'tools') {
    const adapter = value.childForFieldName('object');
    if (adapter) value = values.lastKnown(adapter);
  }
  if (value.type !== 'call') return undefined;
  // A Composio toolkit of one app (`ComposioTool.from_app(App.GITHUB, …)`, `toolset.get_tools(apps=[App.SLACK])`): that app's actions.
  const app = ['from_app', 'get_tools', 'get_actions'].includes(calleeName(value) ?? '') ? /\bApp\.([A-Z][A-Z0-9_]*)/.exec(value.text)?.[1]?.toLowerCase() : undefined;
  if (app !== undefined) return { label: `composio-${app}`, server: `composio ${app}`, namesNoService: false };
  // A @CrewBase class's `self.get_mcp_tools()`: the servers of its `mcp_server_params` attribute.
  const ownServers = calleeName(value) === 'get_mcp_tools' && value.childForFieldName('function')?.text.startsWith('self.') ? classAttribute(value, 'mcp_server_params') : undefined;
  if (!ownServers && !MCP_CALLS.has(calleeName(value) ?? '')) return undefined;
  const args = value.childForFieldName('arguments');
  const written = ownServers ?? keywordArguments(value).get('server_params') ?? keywordArguments(value).get('serverparams') ?? (args ? namedChildren(args).find((each) => each.type !== 'keyword_argument' && each.type !== 'comment') : undefined);
  let params = written ? values.lastKnown(written) : undefined;
  if (params?.type === 'list') params = namedChildren(params)[0] ? values.lastKnown(namedChildren(params)[0] as PyNode) : undefined;
  const field = (name: string): PyNode | undefined => (params?.type === 'call' ? keywordArguments(params).get(name) : params ? values.dictionaryEntries(params)?.find((entry) => entry.key === name)?.value : undefined);
  const text = (node: PyNode | undefined): string | undefined => {
    const known = node ? values.value(node) : undefined;
    return known?.type === 'string' ? unquote(known.text) : undefined;
  };
  const command = text(field('command'));
  const listed = field('args') ? values.lastKnown(field('args') as PyNode) : undefined;
  const commandArgs = listed?.type === 'list' ? namedChildren(listed).map((each) => text(each)).filter((each): each is string => each !== undefined) : [];
  const url = text(field('url'));
  // A folder or a script on this machine (`/home/me/github/app/data`, `./server/index.ts`) names no
  // service, whatever words its path holds: the filesystem server's folder, a local server's script.
  const isPath = (each: string): boolean => /^(\/|\.{1,2}\/|~|[A-Za-z]:\\)/.test(each) || /\.(js|mjs|cjs|ts|py)$/.test(each);
  const named = (each: string): boolean => !each.startsWith('-') && !/^[A-Z_]+=/.test(each) && /[a-z]/.test(each) && !['run', '-y', 'exec'].includes(each);
  const script = [...commandArgs].reverse().find((each) => named(each) && isPath(each));
  // The server: its package or image (the last argument that is no flag, nor a flag's value, nor a path), else its URL's host and path.
  const packaged = [...commandArgs].reverse().find((each) => named(each) && !isPath(each));
  if (!packaged && !url && script) return { label: script.split(/[\\/]/).pop() ?? 'mcp', server: `${script.split(/[\\/]/).pop() ?? ''} (a script of this machine)`, namesNoService: true };
  const server = packaged ?? url ?? command ?? 'mcp';
  // `ghcr.io/sooperset/mcp-atlassian:latest` → mcp-atlassian; `@playwright/mcp@latest` → playwright (a package named only "mcp" is its scope's).
  const bare = server.replace(/(?<=.)@[^/@]*$|:[\w.-]+$/, '');
  const parts = bare.split('/').filter(Boolean);
  const last = parts.at(-1) ?? 'mcp';
  const label = (/^(mcp|server|mcp-server)$/.test(last) && parts.length > 1 ? (parts.at(-2) as string) : last).replace(/^@/, '') || 'mcp';
  return { label, server: `${server} ${command ?? ''} ${commandArgs.filter((each) => !isPath(each)).join(' ')}`.trim(), namesNoService: /^(sse|mcp|messages|stream|server|v\d+|\d[\d.:]*)$/i.test(label) };
}

/** What the class around a node assigns to an attribute in its body (`mcp_server_params = [...]`). */
function classAttribute(node: PyNode, name: string): PyNode | undefined {
  let cls: PyNode | null = node.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const body = cls?.childForFieldName('body');
  for (const statement of body ? namedChildren(body) : []) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type === 'assignment' && assignment.childForFieldName('left')?.text === name) return assignment.childForFieldName('right') ?? undefined;
  }
  return undefined;
}
