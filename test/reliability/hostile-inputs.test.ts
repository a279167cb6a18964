import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintJson, placed, runGuarded, scratchFolder, WITNESS, WITNESS_FINDING } from './scratch.js';

// The catalogue of hostile inputs (SECURITY.md): each test feeds one to the real CLI and states
// exactly what comes out. Whatever the input, the run ends with 0, 1 or 2 and no stack trace.
const project = scratchFolder('hostile');

const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedMaps = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('YAML alias bombs', () => {
  const bomb = [
    'version: 1',
    'name: laughs',
    'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ...'bcdefgh'.split('').map((letter, index) => `${letter}: &${letter} [${Array(10).fill(`*${'abcdefg'[index]}`).join(', ')}]`),
    '',
  ].join('\n');

  it('reports a billion-laughs manifest at its first alias and lints the other files', async () => {
    const cwd = project({ 'bomb.coordlint.yaml': bomb, 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([
      ['parse-error', 'bomb.coordlint.yaml', 4, 8, 'the document expands more than 1000 aliases (an alias bomb).'],
      WITNESS_FINDING,
    ]);
  });

  it('reports an alias bomb in a CrewAI agents.yaml the same way', async () => {
    const cwd = project({ 'crew/config/agents.yaml': bomb.replace('version: 1\nname: laughs\n', ''), 'crew/config/tasks.yaml': 'write:\n  description: d\n  expected_output: e\n  agent: a\n', 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    expect(placed(report)[0]).toEqual(['parse-error', 'crew/config/agents.yaml', 2, 8, 'the document expands more than 1000 aliases (an alias bomb).']);
    expect(placed(report)).toContainEqual(WITNESS_FINDING);
  });

  it('stops at a configuration that is an alias bomb with exit 2 and one line', async () => {
    const cwd = project({ '.coordlintrc.yaml': bomb.replace('version: 1\nname: laughs\n', ''), 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:2:8: the document expands more than 1000 aliases (an alias bomb)\n' });
  });
});

describe('documents nested 100,000 levels deep', () => {
  it('reports JSON arrays nested 100,000 deep at the bracket past the limit of 256', async () => {
    const cwd = project({ 'coordlint.json': nestedArrays(100_000), 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([['parse-error', 'coordlint.json', 1, 257, 'the document nests more than 256 levels deep.'], WITNESS_FINDING]);
  });

  it('reports JSON objects nested 100,000 deep (an n8n workflow) the same way', async () => {
    const workflow = `{"nodes": [{"type": "@n8n/n8n-nodes-langchain.agent"}],\n "connections": {},\n "pinData": ${nestedMaps(100_000)}}`;
    const cwd = project({ 'flows/support.json': workflow, 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    // Two levels before the pinned data: the workflow's own object and the pinData map.
    expect(placed(report)).toEqual([['parse-error', 'flows/support.json', 3, 13 + 5 * 255, 'the document nests more than 256 levels deep.'], WITNESS_FINDING]);
  });

  it('reports YAML nested by indentation 3,000 deep at the line past the limit', async () => {
    const deep = ['version: 1', 'name: deep', 'agents:', ...Array.from({ length: 3000 }, (_, level) => `${' '.repeat(level + 1)}l${level}:`)].join('\n');
    const cwd = project({ 'coordlint.yaml': deep, 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    // `version` is level 1, `agents:` its sibling, and l0 … l254 the 255 levels below it.
    expect(placed(report)).toEqual([['parse-error', 'coordlint.yaml', 259, 257, 'the document nests more than 256 levels deep.'], WITNESS_FINDING]);
  });

  it('stops at a configuration nested 100,000 deep with exit 2 and one line', async () => {
    const cwd = project({ '.coordlintrc.json': nestedMaps(100_000), 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], cwd)).toEqual({ code: 2, stdout: '', stderr: `coordlint: .coordlintrc.json:1:${5 * 256 + 1}: the document nests more than 256 levels deep\n` });
  });

  it('reads a real document nested 200 deep', async () => {
    const cwd = project({ 'coordlint.yaml': `version: 1\nname: fine\nagents:\n  a: {description: ok}\nx: ${nestedArrays(200)}\n` });
    const { code, report } = await lintJson(cwd);
    expect([code, placed(report)]).toEqual([1, [['parse-error', 'coordlint.yaml', 5, 1, "unknown key 'x'."]]]);
  });
});

describe('files too large to read', () => {
  it('reports a 50 MB manifest without reading it, naming the limit and the config key that raises it', async () => {
    const cwd = project({ 'coordlint.yaml': Buffer.alloc(50 * 1024 * 1024, 'version: 1\n'), 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([
      ['parse-error', 'coordlint.yaml', 1, 1, 'file is 52428800 bytes, over the 8388608-byte limit (raise maxFileBytes in the config to read it).'],
      WITNESS_FINDING,
    ]);
  });

  it('takes the limit from maxFileBytes in the configuration', async () => {
    const size = Buffer.byteLength(WITNESS);
    const cwd = project({ '.coordlintrc.yaml': `maxFileBytes: ${size - 1}\n`, 'witness.coordlint.yaml': WITNESS, 'small.coordlint.yaml': 'version: 1\nname: small\n' });
    const { report } = await lintJson(cwd);
    expect(report.systems.map((system) => system.id)).toEqual(['small']);
    expect(placed(report)).toEqual([['parse-error', 'witness.coordlint.yaml', 1, 1, `file is ${size} bytes, over the ${size - 1}-byte limit (raise maxFileBytes in the config to read it).`]]);
  });

  it('rejects a maxFileBytes that is not a positive whole number with exit 2', async () => {
    const cwd = project({ '.coordlintrc.yaml': 'maxFileBytes: 0\n', 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:1:15: maxFileBytes: Too small: expected number to be >=1\n' });
  });
});

describe('binary and invalid UTF-8 files', () => {
  it('reports a binary manifest at its first NUL byte', async () => {
    const cwd = project({ 'coordlint.yaml': Buffer.from([0x76, 0x65, 0x0a, 0x50, 0x00, 0x89, 0x1a, 0xff]), 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    expect(placed(report)).toEqual([['parse-error', 'coordlint.yaml', 2, 2, 'a binary file (it holds a NUL byte), not text: not read.'], WITNESS_FINDING]);
  });

  it('reports Latin-1 text in a manifest at the byte that is not UTF-8, instead of reading a replacement character', async () => {
    const latin1 = Buffer.concat([Buffer.from('version: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\nagents:\n  a: {}\n')]);
    const cwd = project({ 'coordlint.yaml': latin1, 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    expect(report.systems.map((system) => system.id)).toEqual(['witness']);
    expect(placed(report)).toEqual([['parse-error', 'coordlint.yaml', 2, 10, 'not UTF-8 text (byte 0xe9 here): not read; save it as UTF-8.'], WITNESS_FINDING]);
  });

  it('reports invalid UTF-8 in agent code, and ignores binary files no extractor wants', async () => {
    const code = Buffer.concat([Buffer.from("import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'x\xff"), Buffer.from([0xc3, 0x28]), Buffer.from("' });\n")]);
    const cwd = project({ 'src/agent.ts': code, 'src/logo.ts': Buffer.from([0x00, 0xff, 0xfe, 0x01]), 'assets/blob.json': Buffer.from([0x7b, 0x00, 0xff]), 'witness.coordlint.yaml': WITNESS });
    const { report } = await lintJson(cwd);
    // Columns count characters: the valid 'ÿ' before the bad byte is one column, two bytes.
    expect(placed(report)).toEqual([['parse-error', 'src/agent.ts', 2, 39, 'not UTF-8 text (byte 0xc3 here): not read; save it as UTF-8.'], WITNESS_FINDING]);
  });
});

describe('symbolic links', () => {
  it('finishes on symlink loops and never follows a link out of the root', async () => {
    const outside = project({ 'coordlint.yaml': 'version: 1\nname: outsider\nagents:\n  exfiltrated: {handoffs: [ghost]}\n' });
    const cwd = project({ 'app/coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {}\n' });
    symlinkSync(cwd, join(cwd, 'app', 'loop'));
    symlinkSync('.', join(cwd, 'self'));
    symlinkSync(outside, join(cwd, 'outside-folder'));
    symlinkSync(join(outside, 'coordlint.yaml'), join(cwd, 'linked.coordlint.yaml'));
    symlinkSync('/etc/passwd', join(cwd, 'passwd.coordlint.yaml'));
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(0);
    expect(report.systems.map((system) => system.id)).toEqual(['app']);
    expect(report.coverage.map((entry) => entry.file)).toEqual(['app/coordlint.yaml']);
    expect(placed(report)).toEqual([]);
  });
});

describe('ids that are names of object internals', () => {
  const internals = [
    'version: 1',
    'name: internals',
    'agents:',
    '  __proto__: {role: orchestrator}',
    '  constructor: {reportsTo: __proto__, handoffs: [toString]}',
    '  toString: {reportsTo: __proto__, handoffs: [hasOwnProperty]}',
    '  hasOwnProperty: {reportsTo: __proto__, escalatesTo: [valueOf]}',
    '  valueOf: {role: verifier}',
    '',
  ].join('\n');

  it('treats __proto__, constructor and toString as plain agent ids, with the right edges and metrics', async () => {
    const cwd = project({ 'coordlint.yaml': internals });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(0);
    const [system] = report.systems;
    expect(system?.agents.map((agent) => [agent.id, agent.role])).toEqual([
      ['__proto__', 'orchestrator'],
      ['constructor', 'worker'],
      ['toString', 'worker'],
      ['hasOwnProperty', 'worker'],
      ['valueOf', 'verifier'],
    ]);
    expect(system?.edges.map((edge) => `${edge.from} ${edge.kind} ${edge.to}`)).toEqual([
      '__proto__ delegate constructor',
      'constructor handoff toString',
      '__proto__ delegate toString',
      'toString handoff hasOwnProperty',
      '__proto__ delegate hasOwnProperty',
      'hasOwnProperty escalation valueOf',
    ]);
    expect(system?.metrics).toMatchObject({ agents: 5, depth: 1, maxSpan: 3, pairs: 6, potentialPairs: 10 });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('reads agents named __proto__ and constructor from CrewAI, AutoGen, n8n and Claude Code files', async () => {
    const n8n = `{"name": "Internals", "nodes": [
      {"parameters": {}, "id": "1", "name": "constructor", "type": "@n8n/n8n-nodes-langchain.agent", "typeVersion": 1.8, "position": [0, 0]},
      {"parameters": {}, "id": "2", "name": "__proto__", "type": "@n8n/n8n-nodes-langchain.agent", "typeVersion": 1.8, "position": [200, 0]}],
      "connections": {"constructor": {"main": [[{"node": "__proto__", "type": "main", "index": 0}]]}}}`;
    const autogen = JSON.stringify({
      provider: 'autogen_agentchat.teams.RoundRobinGroupChat',
      component_type: 'team',
      config: { participants: ['__proto__', 'toString'].map((name) => ({ provider: 'autogen_agentchat.agents.AssistantAgent', component_type: 'agent', config: { name } })) },
    });
    const cwd = project({
      'crew/config/agents.yaml': '__proto__:\n  role: r\n  goal: g\n  backstory: b\nconstructor:\n  role: r\n  goal: g\n  backstory: b\n',
      'crew/config/tasks.yaml': 'toString:\n  description: d\n  expected_output: e\n  agent: constructor\nvalueOf:\n  description: d\n  expected_output: e\n  agent: __proto__\n  context: [toString]\n',
      'team.json': autogen,
      'flows/internals.json': n8n,
      '.claude/agents/proto.md': '---\nname: __proto__\ndescription: Reviews\n---\nbody\n',
    });
    const { report } = await lintJson(cwd);
    expect(report.systems.map((system) => [system.id, system.agents.map((agent) => agent.id), system.edges.map((edge) => `${edge.from} ${edge.kind} ${edge.to}`)])).toEqual([
      ['Internals', ['constructor', '__proto__'], ['constructor data __proto__']],
      ['RoundRobinGroupChat', ['__proto__', 'toString'], ['__proto__ peer toString']],
      ['claude-code', ['main-session', '__proto__'], ['main-session escalation user', 'main-session delegate __proto__']],
      ['crew', ['__proto__', 'constructor', 'crew:crew'], ['constructor data __proto__', 'crew:crew delegate __proto__', 'crew:crew delegate constructor']],
    ]);
  });

  it('rejects __proto__ as a rule id or a rule option in the configuration, never taking it as a prototype', async () => {
    const manifest = 'version: 1\nname: x\nagents:\n  boss: {role: orchestrator}\n  a: {reportsTo: boss}\n  b: {reportsTo: boss}\n';
    const asRule = project({ '.coordlintrc.yaml': 'rules:\n  __proto__: error\n', 'coordlint.yaml': manifest });
    expect(await runGuarded([], asRule)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:2:3: rules.__proto__: unknown rule\n' });
    const asOption = project({ '.coordlintrc.yaml': 'rules:\n  span-of-control: [warning, {__proto__: {max: 1}}]\n', 'coordlint.yaml': manifest });
    expect(await runGuarded([], asOption)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:2:31: rules.span-of-control.1.__proto__: unknown key\n' });
    const atTop = project({ '.coordlintrc.json': '{"__proto__": {"ignore": ["**"]}}', 'coordlint.yaml': manifest });
    expect(await runGuarded([], atTop)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.json:1:2: __proto__: unknown key\n' });
  });
});

describe('paths that point out of the repository', () => {
  it('keeps a contract path such as ../../etc/passwd as a label and reads nothing outside the root', async () => {
    const outside = project({ 'agents.ts': "import { Agent } from '@openai/agents';\nexport const stolen = new Agent({ name: 'exfiltrated' });\n", 'coordlint.yaml': 'version: 1\nname: outsider\nagents:\n  exfiltrated: {}\n' });
    const up = `../${outside.split('/').pop() ?? ''}`;
    const cwd = project({
      'coordlint.yaml': 'version: 1\nname: app\nagents:\n  a: {handoffs: [{to: b, contract: ../../etc/passwd}]}\n  b: {dependsOn: [{agent: a, contract: ' + `${up}/coordlint.yaml` + '}]}\n',
      'src/app.ts': `import { Agent } from '@openai/agents';\nimport { stolen } from '${up}/agents.js';\nimport { other } from '../../../../../../etc/passwd';\nexport const triage = new Agent({ name: 'triage', handoffs: [stolen, other] });\n`,
      'crew/config/agents.yaml': 'writer:\n  role: r\n  goal: g\n  backstory: b\n',
      'crew/config/tasks.yaml': 'draft:\n  description: d\n  expected_output: e\n  agent: writer\n  output_file: ../../etc/passwd\n',
      'crew/crew.py': "from crewai import Agent, Crew, Process\nfrom crewai.project import CrewBase, agent, crew\n\n@CrewBase\nclass Writers:\n    agents_config = '../../../etc/passwd'\n",
    });
    const { stdout } = await runGuarded(['--format', 'json'], cwd);
    expect(stdout).not.toContain('exfiltrated');
    expect(stdout).not.toContain('root:');
    const report = JSON.parse(stdout) as Awaited<ReturnType<typeof lintJson>>['report'];
    expect(report.coverage.map((entry) => entry.file).every((file) => !file.startsWith('..') && !file.startsWith('/'))).toBe(true);
    expect(report.systems.find((system) => system.id === 'app')?.edges.map((edge) => [edge.from, edge.to, edge.contract])).toEqual([
      ['a', 'b', '../../etc/passwd'],
      ['a', 'b', `${up}/coordlint.yaml`],
    ]);
    expect(report.findings.filter((finding) => finding.location.file.startsWith('..'))).toEqual([]);
  });
});

describe('code that does not parse', () => {
  it('reports a TypeScript syntax error at its place and lints the other files', async () => {
    const cwd = project({ 'src/broken.ts': "import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'x' \n", 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(placed(report)).toEqual([['parse-error', 'src/broken.ts', 3, 1, "cannot parse: '}' expected."], WITNESS_FINDING]);
  });

  it('reports brackets nested 30,000 deep at the bracket past the limit, and lints the other files', async () => {
    const deep = `import { Agent } from '@openai/agents';\nexport const x = ${'('.repeat(30_000)}1${')'.repeat(30_000)};\nexport const a = new Agent({ name: 'deep' });\n`;
    const cwd = project({ 'src/deep.ts': deep, 'src/ok.ts': "import { Agent } from '@openai/agents';\nexport const b = new Agent({ name: 'ok_agent' });\n", 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(report.systems.map((system) => system.id)).toEqual(['ok/ok_agent', 'witness']);
    expect(placed(report)).toEqual([['parse-error', 'src/deep.ts', 2, 18 + 1000, 'it nests more than 1000 brackets deep, too deeply to read; the other files are still checked.'], WITNESS_FINDING]);
  });

  it('reads an expression of 100,000 chained operators, which nests without brackets, and the agent after it', async () => {
    // The extractors walk the syntax tree without recursion, so a tree this deep is read, not refused.
    const chain = `import { Agent } from '@openai/agents';\nexport const x = ${'1 + '.repeat(100_000)}1;\nexport const a = new Agent({ name: 'chained' });\n`;
    const cwd = project({ 'src/chain.ts': chain, 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(report.systems.map((system) => system.id)).toEqual(['chain/chained', 'witness']);
    expect(placed(report)).toEqual([WITNESS_FINDING]);
  });

  it('isolates a file whose reading overflows the stack (100,000 `?:` with no bracket): a parse error on its longest line, and the other files linted', async () => {
    const deep = `import { Agent } from '@openai/agents';\nexport const a = new Agent({ name: 'deep', instructions: ${"c ? 'a' : ".repeat(100_000)}'z' });\n`;
    const cwd = project({ 'src/deep.ts': deep, 'src/ok.ts': "import { Agent } from '@openai/agents';\nexport const b = new Agent({ name: 'ok_agent' });\n", 'witness.coordlint.yaml': WITNESS });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(1);
    expect(report.systems.map((system) => system.id)).toEqual(['ok/ok_agent', 'witness']);
    expect(placed(report)).toEqual([['parse-error', 'src/deep.ts', 2, 1, 'it nests too deeply to read; the other files are still checked.'], WITNESS_FINDING]);
  });

  it('does not count brackets inside strings, comments and template literals', async () => {
    const noisy = `import { Agent } from '@openai/agents';\n// ${'('.repeat(2000)}\nconst s = '${'['.repeat(2000)}';\nconst t = \`${'{'.repeat(2000)}\${'x'}\`;\n/* ${'('.repeat(2000)} */\nexport const a = new Agent({ name: 'noisy' });\n`;
    const cwd = project({ 'src/noisy.ts': noisy });
    const { code, report } = await lintJson(cwd);
    expect(code).toBe(0);
    expect(report.systems.map((system) => system.id)).toEqual(['noisy']);
  });
});

describe('configuration mistakes', () => {
  it('stops at an unknown rule with exit 2, its place and the rule meant', async () => {
    const cwd = project({ '.coordlintrc.yaml': 'rules:\n  span-of-contrl: warning\n', 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], cwd)).toEqual({ code: 2, stdout: '', stderr: "coordlint: .coordlintrc.yaml:2:3: rules.span-of-contrl: unknown rule (did you mean 'span-of-control'?)\n" });
  });

  it('stops at an unknown rule option and an unknown top-level key with exit 2 and their places', async () => {
    const option = project({ '.coordlintrc.yaml': 'rules:\n  span-of-control: [warning, {maxx: 3}]\n', 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], option)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:2:31: rules.span-of-control.1.maxx: unknown key\n' });
    const key = project({ '.coordlintrc.yaml': 'maxFileByte: 3\n', 'witness.coordlint.yaml': WITNESS });
    expect(await runGuarded([], key)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: .coordlintrc.yaml:1:1: maxFileByte: unknown key\n' });
  });
});

describe('an output path that cannot be written', () => {
  it('is a usage error with the reason, exit 2, and leaves no temporary file', async () => {
    const cwd = project({ 'witness.coordlint.yaml': WITNESS, 'report.txt': 'a file, not a folder' });
    expect(await runGuarded(['-o', 'report.txt/out.json'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: cannot write report.txt/out.json: part of its path is a file (EEXIST)\n' });
    mkdirSync(join(cwd, 'reports'));
    expect(await runGuarded(['--format', 'sarif', '-o', 'reports'], cwd)).toEqual({ code: 2, stdout: '', stderr: 'coordlint: cannot write reports: it is a folder (EISDIR)\n' });
    expect(await runGuarded(['review', '-o', 'report.txt/review.md'], cwd)).toMatchObject({ code: 2, stderr: 'coordlint: cannot write report.txt/review.md: part of its path is a file (EEXIST)\n' });
    expect(readdirSync(cwd).sort()).toEqual(['report.txt', 'reports', 'witness.coordlint.yaml']);
    expect(readdirSync(join(cwd, 'reports'))).toEqual([]);
  });

  it('writes the report whole, replacing an older one, and nothing else', async () => {
    const cwd = project({ 'witness.coordlint.yaml': WITNESS, 'out/report.sarif': 'old report' });
    writeFileSync(join(cwd, 'out', 'notes.txt'), 'kept');
    const { code, stdout } = await runGuarded(['--format', 'sarif', '-o', 'out/report.sarif'], cwd);
    expect([code, stdout]).toEqual([1, '']);
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['notes.txt', 'report.sarif']);
    expect(readdirSync(cwd).sort()).toEqual(['out', 'witness.coordlint.yaml']);
  });
});
