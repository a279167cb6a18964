// Claude Code subagents: https://docs.anthropic.com/en/docs/claude-code/sub-agents
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import { escapeRegExp, type Location, type Problem, type Tool } from '../model/index.js';
import { GraphDraft } from './fragment-builder.js';
import type { ExtractResult, Extractor, SourceFile } from './types.js';
import { nodeAt, parseYamlSource } from './yaml-source.js';
import { delegatedSubagents, startedSubagentTypes, unknownLabelledAgents, unknownSubagentTypes, workflowLinks } from './claude-workflows.js';
import { fileCoverage } from './coverage.js';

/** Instructions that start other subagents: with the Agent (formerly Task) tool, or by `subagent_type`. */
const DISPATCHES = /\b(?:via|with|using|through) (?:the )?(?:Task|Agent) tool\b|\b(?:Task|Agent) tool calls?\b|\bsubagent_type\b/;

/** Front matter keys of a document (a post, a page), never of a subagent. */
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['title', 'date', 'slug', 'keywords', 'tags', 'author', 'layout', 'categories', 'permalink', 'draft']);
/** Front matter keys only a subagent has. */
const SUBAGENT_ONLY_KEYS: ReadonlySet<string> = new Set(['tools', 'model', 'color', 'permissionMode', 'disallowedTools', 'mcpServers', 'skills', 'hooks']);

const SUBAGENT_FILE = /(^|\/)\.claude\/agents\/(.+\/)?[^/]+\.md$/;
/**
 * Subagents shipped to be installed (collections, plugins: `agents/**\/*.md`): read when their
 * front matter names the agent and describes it, as Claude Code requires.
 */
const COLLECTION_FILE = /(^|\/)agents\/(.+\/)?[^/]+\.md$/;
const COLLECTION_FRONT_MATTER = /^\uFEFF?---\r?\n(?:[^\n]*\n)*?name:[^\n]*\n(?:[^\n]*\n)*?description:|^\uFEFF?---\r?\n(?:[^\n]*\n)*?description:[^\n]*\n(?:[^\n]*\n)*?name:/;
/**
 * The project's settings: `settings.json`, and `settings.local.json` when the repository ships one
 * (usually one person's and ignored by git; committed, it applies to every checkout, on top of the shared one).
 */
const SETTINGS_FILE = /(^|\/)\.claude\/settings(\.local)?\.json$/;
/** The project instructions of the main session: where it is located when it has subagents. */
const MAIN_SESSION_FILE = /(^|\/)claude\.md$/i;
/** Procedures the main session follows: a project's commands, skills and rules (`.claude/rules/*.md`, read as memory), a plugin's commands. */
const WORKFLOW_FILE = /(^|\/)(?:\.claude\/(?:commands|skills|rules)\/.+|commands\/.+|skills\/[^/]+\/SKILL)\.md$/;

/** Tools that change files or run commands: Claude Code asks the user before they run (default permission mode). */
const IRREVERSIBLE_TOOLS = new Set(['Bash', 'Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
/** Claude Code's own tools for working with teammates and tasks: they reach nothing outside the session. */
const COORDINATION_TOOLS = new Set(['SendMessage', 'TeamCreate', 'TeamDelete', 'TaskCreate', 'TaskUpdate', 'TaskList', 'TaskGet', 'TodoWrite', 'Task', 'Agent', 'AskUserQuestion', 'ExitPlanMode']);
/** What a subagent gets when its front matter names no tools: everything the main session has. */
const INHERITED_TOOLS = ['Read', 'Grep', 'Glob', 'Bash', 'Write', 'Edit', 'MultiEdit', 'WebFetch', 'WebSearch', 'TodoWrite', 'NotebookEdit'];

export const claudeCodeExtractor: Extractor = {
  id: 'claude-code',
  title: 'Claude Code subagents',
  matches: (path) => SUBAGENT_FILE.test(path) || COLLECTION_FILE.test(path) || MAIN_SESSION_FILE.test(path) || SETTINGS_FILE.test(path) || WORKFLOW_FILE.test(path),
  prefilter: () => true,
  extract: (file) => extractSubagents([file]),
  extractAll: (files, context) => extractSubagents(files, context),
  // The project's package.json: what `Bash(npm run *)` lets run is its scripts.
  context: (path) => /(^|\/)package\.json$/.test(path),
};

/**
 * The agents a description says the subagent runs after or before, by name ("invoked AFTER
 * tdd-test-writer", "Use after the `code-reviewer` agent", "before git-committer", "before any executor
 * work begins"); an aside in
 * brackets ("(and security-auditor if applicable)"), an example, and a negated order ("not after") say none.
 */
function statedOrder(description: string, names: ReadonlyMap<string, string>): Array<{ other: string; after: boolean }> {
  const text = description.replace(/<example>[\s\S]*?(<\/example>|$)/gi, ' ').replace(/\([^)]*\)/g, ' ');
  const found: Array<{ other: string; after: boolean }> = [];
  for (const match of text.matchAll(/\b(after|before)\s+(?:(?:the|any|all)\s+)?[\x60*\x22\x27]*([\w.-]+)[\x60*\x22\x27]*/gi)) {
    const key = names.get((match[2] ?? '').toLowerCase());
    if (key === undefined) continue;
    if (/\b(not|never|n\x27t)\s+(?:\w+\s+){0,3}$/i.test(text.slice(0, match.index))) continue;
    found.push({ other: key, after: (match[1] ?? '').toLowerCase() === 'after' });
  }
  return found;
}

/** Front-matter keys a subagent (or a collection's listing of one) may carry. */
const SUBAGENT_KEYS = new Set(['name', 'description', 'tools', 'allowed-tools', 'disallowedTools', 'model', 'permissionMode', 'maxTurns', 'skills', 'mcpServers', 'hooks', 'memory', 'color', 'background', 'isolation', 'effort', 'version', 'author', 'tags', 'category', 'emoji', 'icon']);

/**
 * A note kept in an agents folder for the agents to read (a principle, a deploy profile): its front
 * matter has keys no subagent has (`used_by`, `platform`, `scope`) and names neither tools nor a model.
 */
function isReferenceNote(text: string): boolean {
  const front = splitFrontMatter(text);
  if (!front) return false;
  const keys = [...front.text.matchAll(/^([A-Za-z][\w-]*)\s*:/gm)].map((match) => match[1] as string);
  // (`allowed-tools`, a skill's name for its tools, is what some agent files use too.)
  return !keys.includes('tools') && !keys.includes('allowed-tools') && !keys.includes('model') && keys.some((key) => !SUBAGENT_KEYS.has(key));
}

/** What `.claude/settings.json` says about permissions and the main thread. */
interface Settings {
  /** `permissions.allow` rules, each where it is written. */
  allow: Array<{ rule: string; location: Location }>;
  ask: string[];
  deny: string[];
  defaultMode?: string;
  /** Where `permissions.defaultMode` is written. */
  modeLocation?: Location;
  /** `agent`: the subagent that runs as the main thread. */
  agent?: string;
  /** The `scripts` of the project's package.json, beside its `.claude` folder, when it is read. */
  scripts?: Record<string, string>;
}

/** A subagent as its file defines it, before it is placed in the system. */
interface Subagent {
  key: string;
  name: string;
  tools: Tool[];
  location: Location;
  model?: string;
  description?: string;
  maxTurns?: number;
  /** The subagents its `Agent(a, b)` (formerly `Task(a, b)`) tool lets it start. */
  spawns?: string[];
}

interface FrontMatter {
  text: string;
  /** Line of the first front-matter line (the line after the opening `---`). */
  firstLine: number;
  body: string;
}

/**
 * One system per `.claude` folder: the main session as orchestrator, delegating to every
 * subagent (in parallel when it launches several at once). Subagents cannot start subagents, so
 * names mentioned in a body are declarations, never edges. Tool permissions decide approval.
 */
function extractSubagents(files: readonly SourceFile[], context: readonly SourceFile[] = []): ExtractResult {
  const problems: Problem[] = [];
  const byRoot = new Map<string, SourceFile[]>();
  const instructions = new Map<string, SourceFile>();
  /** Each root's `CLAUDE.md` files (the project root's and `.claude/`'s). */
  const memories = new Map<string, SourceFile[]>();
  const settingsByRoot = new Map<string, Settings>();
  const workflows = new Map<string, SourceFile[]>();
  for (const file of files) {
    if (SUBAGENT_FILE.test(file.path)) {
      const root = file.path.slice(0, file.path.indexOf('.claude/'));
      byRoot.set(root, [...(byRoot.get(root) ?? []), file]);
    } else if (COLLECTION_FILE.test(file.path)) {
      // A `CLAUDE.md` kept among the agents (`agents/CLAUDE.md`) writes the workflows that use them: read as the collection's procedures.
      if (MAIN_SESSION_FILE.test(file.path) && !COLLECTION_FRONT_MATTER.test(file.text)) {
        const root = /^(.*?\/)?agents\/(?:.+\/)?claude\.md$/i.exec(file.path)?.[1] ?? '';
        workflows.set(root, [...(workflows.get(root) ?? []), file]);
        continue;
      }
      // A Markdown file in an agents folder is a subagent only with name and description, and not
      // a reference note kept beside the agents (keys no subagent has, and neither tools nor a model).
      if (!COLLECTION_FRONT_MATTER.test(file.text) || isReferenceNote(file.text)) continue;
      // Nor a skill (`SKILL.md`), or a document kept in a folder of prompts beside an application's
      // agents (`src/mastra/agents/doc/writer.md`; a collection's `docs/` category holds agents).
      if (/(^|\/)SKILL\.md$/i.test(file.path) || /(^|\/)agents\/(.+\/)?(doc|prompts?|instructions|templates)\//i.test(file.path)) continue;
      const root = /^(.*?\/)?agents\/(?:.+\/)?[^/]+\.md$/.exec(file.path)?.[1] ?? '';
      byRoot.set(root, [...(byRoot.get(root) ?? []), file]);
    } else if (MAIN_SESSION_FILE.test(file.path)) {
      // `CLAUDE.md` at the project root, or kept in `.claude/CLAUDE.md` (Claude Code reads both).
      const root = file.path.replace(/claude\.md$/i, '').replace(/(^|\/)\.claude\/$/, '$1');
      memories.set(root, [...(memories.get(root) ?? []), file]);
    } else if (SETTINGS_FILE.test(file.path)) {
      const read = readSettings(file, problems);
      const root = file.path.slice(0, file.path.indexOf('.claude/'));
      const known = settingsByRoot.get(root);
      if (read) settingsByRoot.set(root, known ? mergeSettings(known, read, file.path.endsWith('.local.json')) : read);
    } else if (WORKFLOW_FILE.test(file.path)) {
      const at = file.path.lastIndexOf('.claude/');
      // A plugin's `commands/**` and `skills/<x>/SKILL.md` belong to the plugin folder they sit in.
      const root = at >= 0 ? file.path.slice(0, at) : (/^(.*?\/)?(?:commands|skills)\//.exec(file.path)?.[1] ?? '');
      workflows.set(root, [...(workflows.get(root) ?? []), file]);
    }
  }
  // Commands and skills kept beside a set of agents of their own (`.claude/team-b/commands` next to
  // `.claude/team-b/agents`) name those agents, not the top `.claude/agents`.
  for (const [root, procedures] of [...workflows]) {
    for (const file of procedures) {
      const nested = /^(.*\.claude\/[^/]+\/)(?:commands|skills)\//.exec(file.path)?.[1];
      if (nested === undefined || nested === root || !byRoot.has(nested)) continue;
      workflows.set(root, (workflows.get(root) ?? []).filter((each) => each !== file));
      workflows.set(nested, [...(workflows.get(nested) ?? []), file]);
    }
  }
  // Both may be there: the root one is the session's instructions, the other is read beside it.
  for (const [root, found] of memories) {
    const main = found.find((file) => !/(^|\/)\.claude\/claude\.md$/i.test(file.path)) ?? (found[0] as SourceFile);
    instructions.set(root, main);
    const beside = found.filter((file) => file !== main);
    if (beside.length > 0) workflows.set(root, [...(workflows.get(root) ?? []), ...beside]);
  }
  // Skills that run as subagents: `context: fork` in their front matter, or spawned with the
  // Agent (Task) tool by the instructions or another skill. Their front matter defines them as a
  // subagent file would.
  for (const [root, procedures] of workflows) {
    const skills = procedures.filter((file) => /(^|\/)\.claude\/skills\/[^/]+\/SKILL\.md$/.test(file.path));
    if (skills.length === 0) continue;
    const texts = [...procedures, ...(instructions.get(root) ? [instructions.get(root) as SourceFile] : [])];
    for (const skill of skills) {
      const front = splitFrontMatter(skill.text);
      const name = (/^name:\s*["']?([\w.-]+)/m.exec(front?.text ?? '')?.[1] ?? /\/skills\/([^/]+)\/SKILL\.md$/.exec(skill.path)?.[1] ?? '').toLowerCase();
      if (name === '') continue;
      // `context: fork` runs the skill in a subagent of its own, unless `agent:` hands it to a subagent already defined.
      const forked = /^context:\s*["']?fork\b/m.test(front?.text ?? '') && !/^agent:\s*\S/m.test(front?.text ?? '');
      const escaped = escapeRegExp(name);
      // Spawned as a subagent: the line names it and the Agent (Task) tool or a subagent.
      const named = new RegExp(`[\`*"']${escaped}[\`*"']`, 'i');
      const spawned = texts.some((file) => file !== skill && file.text.split(/\r?\n/).some((line) => {
        if (!named.test(line)) return false;
        // The words around the name, not the name (`subagent-driven-development` names no subagent).
        const rest = line.replace(new RegExp(escaped, 'gi'), ' ');
        // "apply the `x` skill": used as a skill where it is named.
        if (/\bskills?\b/i.test(rest)) return false;
        return /\bspawn\w*\b/i.test(rest) || (/\b(agent|task) tool\b|\bsub-?agents?\b/i.test(rest) && /\b(launch|start|run|invoke|dispatch|delegate)\w*\b/i.test(rest));
      }));
      if (!forked && !spawned) continue;
      // A skill named like a subagent of the project: the lines that spawn the name spawn that subagent.
      const subagentNamed = (byRoot.get(root) ?? []).some((file) => file !== skill && !/(^|\/)SKILL\.md$/i.test(file.path) && new RegExp(`^name:\\s*["']?${escaped}["']?\\s*$`, 'im').test(splitFrontMatter(file.text)?.text ?? ''));
      if (!forked && subagentNamed) continue;
      if (!byRoot.get(root)?.includes(skill)) byRoot.set(root, [...(byRoot.get(root) ?? []), skill]);
    }
  }
  dropInstalledCopies(byRoot, problems);
  const draft = new GraphDraft();
  const read: Array<{ file: string; extractor: string }> = [];
  for (const [root, group] of [...byRoot].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const folder = root.replace(/\/$/, '').split('/').pop();
    const system = `claude-code${folder ? `:${folder}` : ''}`;
    const first = group[0] as SourceFile;
    const mainKey = `claude:${root}:main-session`;
    const settings = withScripts(settingsByRoot.get(root), context.find((file) => file.path === `${root}package.json`));
    const subagents: Subagent[] = [];
    /** Agent files Claude Code does not load (no front matter), by the name their file gives them. */
    const unloaded = new Map<string, string>();
    for (const file of group) {
      const subagent = readSubagent(file, settings, problems);
      read.push({ file: file.path, extractor: 'claude-code' });
      if (!subagent && !splitFrontMatter(file.text)) unloaded.set((file.path.split('/').pop() ?? '').replace(/\.md$/i, '').toLowerCase(), file.path);
      if (!subagent) continue;
      // Claude Code keeps one subagent per name: a second file of the same name is no second agent.
      const same = subagents.find((each) => each.name.toLowerCase() === subagent.name.toLowerCase());
      if (same) {
        problems.push({ ruleId: 'extraction-gap', message: `a second definition of subagent '${subagent.name}' (also in ${same.location.file}): Claude Code runs one subagent per name, so this file is read as the same agent and left out`, location: subagent.location });
        continue;
      }
      subagents.push(subagent);
    }
    // `"agent": "<name>"` in the settings runs that subagent as the main thread: it is the
    // orchestrator, with its own tools, and no subagent of itself.
    const main = settings?.agent === undefined ? undefined : subagents.find((subagent) => subagent.name === settings.agent);
    const mainLocation: Location = main?.location ?? { file: instructions.get(root)?.path ?? first.path, line: 1, column: 1 };
    // The user's own session: the user watches it work and answers its permission prompts.
    draft.addAgent({
      key: mainKey,
      name: main?.name ?? 'main-session',
      role: 'orchestrator',
      tools: main?.tools ?? [],
      location: mainLocation,
      terminates: true,
      interactive: true,
      ...(main?.model !== undefined && { model: main.model }),
      ...(main?.description !== undefined && { description: main.description }),
    });
    draft.assign(mainKey, system, system, mainLocation);
    draft.markEntry(mainKey);
    draft.addHuman('claude:user', 'user', mainLocation);
    draft.addEdge(mainKey, 'claude:user', 'escalation', mainLocation);
    for (const subagent of subagents) {
      if (subagent === main) continue;
      const { key, location } = subagent;
      // One whose tools name subagents it starts (`Agent(drafter, checker)`) is a session of its
      // own (`claude --agent lead`): a subagent cannot start subagents, so it runs as the main
      // thread, in runs of its own, where the user watches it as they would the main session.
      const leads = subagent.spawns !== undefined;
      draft.addAgent({
        key,
        name: subagent.name,
        role: 'worker',
        tools: subagent.tools,
        location,
        terminates: true,
        ...(leads && { interactive: true }),
        ...(subagent.model !== undefined && { model: subagent.model }),
        ...(subagent.description !== undefined && { description: subagent.description }),
      });
      draft.assign(key, system, system, location);
      if (leads) {
        draft.markEntry(key);
        draft.separateRuns = true;
        continue;
      }
      draft.addEdge(mainKey, key, 'delegate', location, { parallel: true });
      if (subagent.tools.some((tool) => tool.name === 'AskUserQuestion')) draft.addEdge(key, 'claude:user', 'escalation', location);
      if (subagent.maxTurns !== undefined) draft.addLoop([key], subagent.maxTurns, location);
    }
    // Work the instructions, commands and skills hand from one subagent to the next.
    const names = new Map(subagents.filter((subagent) => subagent !== main).map((subagent) => [subagent.name.toLowerCase(), subagent.key]));
    // A subagent whose tools name the subagents it may start (`Agent(drafter, checker)`) directs them
    // (the main thread the settings name already directs every subagent).
    for (const subagent of subagents) {
      for (const spawned of subagent === main ? [] : (subagent.spawns ?? [])) {
        const target = names.get(spawned.toLowerCase());
        if (target !== undefined && target !== subagent.key) draft.addEdge(subagent.key, target, 'delegate', subagent.location, { parallel: true });
        else if (target === undefined) problems.push({ ruleId: 'extraction-gap', message: `'${subagent.name}' may start subagent '${spawned}', which no agent file of this run defines (a plugin's or a user's own agent): what it does is not read`, location: subagent.location });
      }
    }
    // A subagent whose own instructions dispatch others (`Invoke \`architect\` via Task`, a table of
    // phases and their agents) writes down an order of work too, relayed by whoever runs it.
    const agentFiles = new Set(subagents.map((subagent) => subagent.location.file));
    // (So does one given the Agent tool itself, in any language.)
    const startsAgents = new Set(subagents.filter((subagent) => subagent.tools.some((tool) => tool.name === 'Agent' || tool.name === 'Task')).map((subagent) => subagent.location.file));
    const dispatching = new Set(group.filter((file) => agentFiles.has(file.path) && !/(^|\/)SKILL\.md$/i.test(file.path) && (startsAgents.has(file.path) || DISPATCHES.test(splitFrontMatter(file.text)?.body ?? ''))));
    // A subagent that starts one by its type in its own instructions (`subagent_type="example-creator"`)
    // hands it its work; the main session, which starts every subagent, stays the one that directs it.
    for (const subagent of subagents) {
      const file = subagent === main ? undefined : group.find((each) => each.path === subagent.location.file && startsAgents.has(each.path));
      for (const target of file ? startedSubagentTypes(splitFrontMatter(file.text)?.body ?? '', names) : []) {
        if (target !== subagent.key) draft.addEdge(subagent.key, target, 'data', subagent.location, { coupling: 'medium' });
      }
    }
    // A subagent whose instructions assign steps to agents by a label (`**Agent**: qa-engineer`) that
    // no agent file defines: what those steps do is not read (and a subagent cannot start subagents).
    for (const subagent of subagents) {
      const file = subagent === main ? undefined : group.find((each) => each.path === subagent.location.file);
      const body = file ? (splitFrontMatter(file.text)?.body ?? '') : '';
      const offset = file ? file.text.split(/\r?\n/).length - body.split('\n').length : 0;
      for (const { name, location } of file ? unknownLabelledAgents(file.path, body, names) : []) {
        problems.push({ ruleId: 'extraction-gap', message: `'${subagent.name}' assigns steps to agent '${name}', which no agent file of this run defines: what those steps do and what they pass on are not read`, location: { ...location, line: location.line + offset } });
      }
    }
    /** Work passed on that a procedure already wrote down (`from>to`). */
    const linked = new Set<string>();
    const procedures = [...(instructions.get(root) ? [instructions.get(root) as SourceFile] : []), ...(workflows.get(root) ?? []), ...dispatching];
    for (const file of procedures) {
      const links = workflowLinks(file.path, file.text, names, dispatching.has(file) ? 'tables-and-arrows' : 'all');
      const said = new Set<string>();
      const unknown = [...unknownSubagentTypes(file.path, file.text, names), ...(agentFiles.has(file.path) ? [] : unknownLabelledAgents(file.path, file.text, names))].filter(
        ({ name, location }) => !said.has(`${name.toLowerCase()}:${location.line}`) && said.add(`${name.toLowerCase()}:${location.line}`) !== undefined,
      );
      for (const { name, location } of unknown) {
        // (An agent file of that name with no front matter is there, but Claude Code does not load it.)
        const unread = unloaded.get(name.toLowerCase());
        const why = unread !== undefined ? `whose file ${unread} has no front matter, so Claude Code does not load it as a subagent` : "which no agent file of this run defines (a plugin's or a user's own agent)";
        problems.push({ ruleId: 'extraction-gap', message: `starts subagent '${name}', ${why}: what it does and what it passes on are not read`, location });
      }
      if (unknown.length > 0 && links.length === 0) read.push({ file: file.path, extractor: 'claude-code' });
      for (const link of links) {
        linked.add(`${link.from}>${link.to}`);
        // Relayed by the user's own session, which holds each result and sees a step fail: no tight chain.
        draft.addEdge(link.from, link.to, 'data', link.location, { coupling: 'medium', steps: { from: `${file.path}:${link.steps.from}`, to: `${file.path}:${link.steps.to}` } });
        if (link.back && link.bound !== undefined) draft.addLoop([link.to, link.from], link.bound, link.location);
      }
      if (links.length > 0) read.push({ file: file.path, extractor: 'claude-code' });
    }
    // A subagent whose instructions say whom it delegates each part to (`delegate to \`api-builder\`
    // agent`), where no order of work read here links them: a subagent cannot start others, so the
    // session that runs it directs them all (as read); what the plan hands to whom is not read, and said.
    for (const subagent of subagents) {
      const own = subagent === main || /(^|\/)SKILL\.md$/i.test(subagent.location.file) ? undefined : group.find((each) => each.path === subagent.location.file);
      const unlinked = (own ? delegatedSubagents(splitFrontMatter(own.text)?.body ?? '', names) : []).filter((target) => target !== subagent.key && !linked.has(`${subagent.key}>${target}`));
      if (unlinked.length === 0) continue;
      const named = unlinked.map((key) => `'${subagents.find((each) => each.key === key)?.name ?? key}'`).join(', ');
      problems.push({ ruleId: 'extraction-gap', message: `'${subagent.name}' says it delegates to ${named}; a subagent cannot start others, so the main session's delegations are read instead: what '${subagent.name}' hands each is not read`, location: subagent.location });
    }
    // An order a subagent's description states ("Must be invoked AFTER tdd-test-writer", "Use before
    // the planner agent"): the one before hands its work on, relayed by the session that runs both.
    for (const subagent of subagents) {
      if (subagent === main) continue;
      for (const { other, after } of statedOrder(subagent.description ?? '', names)) {
        const [from, to] = after ? [other, subagent.key] : [subagent.key, other];
        if (other === subagent.key || linked.has(`${from}>${to}`)) continue;
        linked.add(`${from}>${to}`);
        draft.addEdge(from, to, 'data', subagent.location, { coupling: 'medium', steps: { from: `${from}:description-order`, to: `${to}:description-order` } });
      }
    }
  }
  const fragments = draft.toFragments('claude-code');
  const coverage = fileCoverage(read, fragments, problems);
  return { fragments, problems, gaps: coverage.reduce((sum, entry) => sum + entry.gaps, 0), coverage };
}

/**
 * A collection whose every subagent is also a live one in `.claude/agents` of this run (templates
 * an install script copies there) is the same set twice: it is read once, where it runs, and the
 * copy gets one gap.
 */
function dropInstalledCopies(byRoot: Map<string, SourceFile[]>, problems: Problem[]): void {
  const nameOf = (file: SourceFile): string => (/^name:\s*["']?([\w.-]+)/m.exec(splitFrontMatter(file.text)?.text ?? '')?.[1] ?? file.path.replace(/^.*\//, '').replace(/\.md$/, '')).toLowerCase();
  const live = new Map<string, string>();
  for (const group of byRoot.values()) for (const file of group) if (SUBAGENT_FILE.test(file.path)) live.set(nameOf(file), file.path.slice(0, file.path.indexOf('.claude/') + '.claude/agents'.length));
  for (const [root, group] of byRoot) {
    if (group.some((file) => SUBAGENT_FILE.test(file.path)) || group.length === 0) continue;
    const places = group.map((file) => live.get(nameOf(file)));
    if (places.some((place) => place === undefined)) continue;
    byRoot.delete(root);
    const first = group[0] as SourceFile;
    problems.push({ ruleId: 'extraction-gap', message: `subagents that are copies of those in ${places[0] as string} (the same names): read once, there`, location: { file: first.path, line: 1, column: 1 } });
  }
}

function readSubagent(file: SourceFile, settings: Settings | undefined, problems: Problem[]): Subagent | undefined {
  const front = splitFrontMatter(file.text);
  const at = (line: number, column = 1): Location => ({ file: file.path, line, column });
  if (!front) {
    // Claude Code loads only files with front matter: a note or a shared prompt beside the
    // subagents is no subagent (said as a gap); front matter that opens and never closes is broken.
    const opens = file.text.replace(/^\uFEFF/, '').trimStart().startsWith('---');
    problems.push(
      opens
        ? { ruleId: 'parse-error', message: 'a subagent file starts with YAML front matter between --- lines', location: at(1) }
        : { ruleId: 'extraction-gap', message: 'a Markdown file without front matter, which Claude Code does not load as a subagent', location: at(1) },
    );
    return undefined;
  }
  const parsed = parseYamlSource(file.path, front.text);
  const shift = (location: Location): Location => ({ ...location, line: location.line + front.firstLine - 1 });
  let data: unknown;
  if (parsed.ok) {
    data = parsed.source.value;
  } else {
    // Front matter in the wild is loose (unquoted descriptions full of ': ', <example> blocks):
    // read its top-level `key: value` lines, as Claude Code does, and say so; never drop the agent.
    const first = parsed.problems[0];
    const reason = first?.message.replace(/^invalid YAML: /, '') ?? 'invalid YAML';
    // Every line a `key: value` of its own (a one-line description holding `: ` or `\n` escapes,
    // as Claude Code's own generator writes them): read whole, nothing to say.
    const lines = front.text.split(/\r?\n/).filter((line) => line.trim() !== '' && !/^\s*#/.test(line));
    const pairs = lines.map((line) => /^([A-Za-z][\w-]*):[ \t]+(.*?)\s*$/.exec(line));
    const keys = pairs.map((pair) => pair?.[1]);
    // A value that opens a list, a map or a quote it never closes (`[Writes the report`) may be misread.
    const closed = (value: string): boolean => !/^[[{"']/.test(value) || (value.length > 1 && ({ '[': ']', '{': '}', '"': '"', "'": "'" } as Record<string, string>)[value[0] as string] === value.at(-1));
    const whole = pairs.every((pair) => pair !== null && closed(pair[2] ?? '')) && new Set(keys).size === keys.length;
    if (!whole) problems.push({ ruleId: 'extraction-gap', message: `front matter that is not valid YAML (${reason}); its top-level key: value lines are read`, location: first ? shift(first.location) : at(front.firstLine) });
    data = looseFrontMatter(front.text);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ ruleId: 'parse-error', message: 'the front matter is a YAML map (name, description, tools, model)', location: at(front.firstLine) });
    return undefined;
  }
  const fields = data as Record<string, unknown>;
  const fallbackName = (file.path.split('/').pop() ?? 'subagent').replace(/\.md$/, '');
  const name = typeof fields.name === 'string' && fields.name.trim() !== '' ? fields.name.trim() : undefined;
  // A document kept under the agents folder (a generated blog post, a page with a title and a
  // date) has front matter of its own: no subagent, and nothing broken.
  const documentKeys = Object.keys(fields).filter((key) => DOCUMENT_KEYS.has(key));
  if (name === undefined && documentKeys.length > 0 && !Object.keys(fields).some((key) => SUBAGENT_ONLY_KEYS.has(key))) {
    problems.push({ ruleId: 'extraction-gap', message: `front matter of a document (${documentKeys.join(', ')}), not of a subagent: not read as one`, location: at(front.firstLine) });
    return undefined;
  }
  // A file whose description says it is a reference for another agent, not an agent itself
  // ("Reference file for orchestrator direct modes … not a standalone agent"), is read by that agent.
  if (typeof fields.description === 'string' && /\bnot an? (?:standalone |real |invocable )?(?:sub-?)?agent\b|^\s*reference (?:file|document|doc|notes?)\b/i.test(fields.description)) {
    problems.push({ ruleId: 'extraction-gap', message: `'${name ?? fallbackName}' describes itself as a reference file, not an agent: not read as a subagent`, location: at(front.firstLine) });
    return undefined;
  }
  if (name === undefined) problems.push({ ruleId: 'parse-error', message: `a subagent needs a name in its front matter; using '${fallbackName}'`, location: at(front.firstLine) });
  // A skill run as a subagent is picked by whoever spawns it, not by its description (and may carry a `short-description`).
  const skill = /(^|\/)SKILL\.md$/i.test(file.path);
  if ((typeof fields.description !== 'string' || fields.description.trim() === '') && !skill) {
    problems.push({ ruleId: 'parse-error', message: `subagent '${name ?? fallbackName}' has no description: the main session cannot tell when to use it`, location: at(front.firstLine) });
  }
  // A subagent's own mode wins; otherwise it works under the project's default mode.
  const permission = typeof fields.permissionMode === 'string' ? fields.permissionMode : (settings?.defaultMode ?? 'default');
  // A tool denied as a whole in the settings is not there at all.
  const denied = new Set(settings?.deny ?? []);
  // Bash is a shell; an MCP tool is judged by its verb or its server (unguarded-irreversible-action).
  // A skill names its tools `allowed-tools`. A subagent that names none inherits the session's, MCP
  // tools included: those the settings let run unasked (`mcp__slack__send_message`) are among them.
  const written = fields.tools ?? fields['allowed-tools'];
  const inheritedMcp = written === undefined || written === null ? (settings?.allow ?? []).filter(({ rule }, index, all) => /^mcp__[\w-]+__[\w-]+$/.test(rule) && all.findIndex((each) => each.rule === rule) === index) : [];
  const listed = toolList(written, fields.disallowedTools);
  // `Agent(drafter, checker)` (`Task(…)` before the tool was renamed): the subagents it may start.
  const spawns = listed.flatMap((tool) => /^(?:Agent|Task)\((.*)\)$/.exec(tool)?.[1]?.split(/[,\s]+/).filter(Boolean) ?? []);
  const tools = listed
    .map((tool) => (/^(Agent|Task)\(/.test(tool) ? tool.slice(0, tool.indexOf('(')) : tool))
    .filter((tool) => !denied.has(tool))
    .map((tool): Tool => {
      // `Bash(gh release:*)`: a shell for those commands only, asking unless the settings let them through.
      const scope = bashCommandOf(tool);
      const shell = tool === 'Bash' || scope !== undefined;
      // The settings' default mode lets everything run unasked (`bypassPermissions`): that, not
      // any allow rule, is why the tool does not ask.
      const base = tool.replace(/\(.*\)$/, '');
      const byMode = typeof fields.permissionMode !== 'string' && settings?.modeLocation !== undefined && !asksPermission(base, permission) && asksPermission(base, 'default');
      // A subagent that bypasses permissions itself asks for nothing: its own mode, not any allow rule, is why.
      const bypasses = fields.permissionMode === 'bypassPermissions';
      const preApproved = bypasses ? [] : byMode && settings?.modeLocation ? [{ rule: `defaultMode ${permission}`, location: settings.modeLocation }] : shell ? preApprovedCommands(settings, scope) : [];
      // A scoped shell that nothing lets act unasked either asks or runs only commands that do not act.
      const guarded = scope !== undefined ? preApproved.length === 0 && (asksPermission('Bash', permission) || !actsUnasked(bashPattern(scope), heldCommands(settings), settings?.scripts)) : asksPermission(tool, permission) && preApproved.length === 0 && !allowsWhole(settings, tool);
      return {
        name: tool,
        irreversible: false,
        needsApproval: guarded,
        ...(shell && { kind: 'shell' as const }),
        ...(preApproved.length > 0 && { detail: `pre-approved in ${[...new Set(preApproved.map(({ location }) => location.file.slice(location.file.lastIndexOf('.claude/'))))].join(' and ')}: ${preApproved.map(({ rule }) => rule).join(', ')}` }),
        ...(bypasses && shell && { detail: 'run with permissionMode bypassPermissions: nothing asks' }),
        ...(COORDINATION_TOOLS.has(tool) && { kind: 'coordination' as const }),
        ...(tool.startsWith('mcp__') && { kind: 'mcp' as const, detail: tool.split('__')[1] ?? '' }),
        location: preApproved[0]?.location ?? at(front.firstLine),
      };
    });
  // The MCP tools it inherits because the settings pre-approve them: one grant, where the rule is written.
  for (const { rule, location } of inheritedMcp) {
    if (denied.has(rule)) continue;
    tools.push({ name: rule, irreversible: false, needsApproval: false, kind: 'mcp', detail: `${rule.split('__')[1] ?? ''} (pre-approved in ${location.file.slice(location.file.lastIndexOf('.claude/'))}: ${rule})`, location });
  }
  // A subagent that names no model runs on the main session's (Claude Code's default, `inherit`).
  const model = typeof fields.model === 'string' && fields.model.trim() !== '' ? fields.model : 'inherit';
  const description = typeof fields.description === 'string' ? fields.description : firstParagraph(front.body);
  const maxTurns = Number(fields.maxTurns);
  return {
    key: `claude:${file.path}`,
    name: name ?? fallbackName,
    tools,
    location: at(1),
    ...(model !== undefined && { model }),
    ...(description !== undefined && { description: description.slice(0, 200) }),
    ...(Number.isInteger(maxTurns) && maxTurns > 0 && { maxTurns }),
    ...(spawns.length > 0 && { spawns }),
  };
}

/** `.claude/settings.json`: its permission rules (each located), default mode and main-thread agent. */
function readSettings(file: SourceFile, problems: Problem[]): Settings | undefined {
  const parsed = parseYamlSource(file.path, file.text);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return undefined;
  }
  const { source } = parsed;
  const root = source.value;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const fields = root as Record<string, unknown>;
  const permissions = typeof fields.permissions === 'object' && fields.permissions !== null ? (fields.permissions as Record<string, unknown>) : {};
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const allow = Array.isArray(permissions.allow)
    ? permissions.allow.flatMap((rule, index) =>
        typeof rule === 'string' ? [{ rule, location: source.locate(nodeAt(source, source.doc.contents, ['permissions', 'allow', index])) }] : [],
      )
    : [];
  return {
    allow,
    ask: strings(permissions.ask),
    deny: strings(permissions.deny),
    ...(typeof permissions.defaultMode === 'string' && { defaultMode: permissions.defaultMode, modeLocation: source.locate(nodeAt(source, source.doc.contents, ['permissions', 'defaultMode'])) }),
    ...(typeof fields.agent === 'string' && { agent: fields.agent }),
  };
}

/**
 * The shared and the local settings together, as Claude Code applies them: permission rules of
 * both, and the local file's mode and main-thread agent over the shared one's.
 */
function mergeSettings(known: Settings, read: Settings, readIsLocal: boolean): Settings {
  const [shared, local] = readIsLocal ? [known, read] : [read, known];
  const defaultMode = local.defaultMode ?? shared.defaultMode;
  const modeLocation = local.defaultMode !== undefined ? local.modeLocation : shared.modeLocation;
  const agent = local.agent ?? shared.agent;
  return {
    allow: [...shared.allow, ...local.allow],
    ask: [...shared.ask, ...local.ask],
    deny: [...shared.deny, ...local.deny],
    ...(defaultMode !== undefined && { defaultMode }),
    ...(modeLocation !== undefined && { modeLocation }),
    ...(agent !== undefined && { agent }),
  };
}

/** The settings with the `scripts` of the project's package.json, when it has some. */
function withScripts(settings: Settings | undefined, packageJson: SourceFile | undefined): Settings | undefined {
  if (!settings || !packageJson) return settings;
  try {
    const parsed: unknown = JSON.parse(packageJson.text);
    const scripts = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).scripts : undefined;
    if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) return settings;
    return { ...settings, scripts: Object.fromEntries(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) };
  } catch {
    // A package.json that is no JSON tells nothing about its scripts (its own tools report it).
    return settings;
  }
}

/** True when the settings allow a tool as a whole (`"WebFetch"`, `"mcp__slack"`) and never ask for it. */
function allowsWhole(settings: Settings | undefined, tool: string): boolean {
  if (!settings || settings.ask.some((rule) => rule === tool || rule.startsWith(`${tool}(`))) return false;
  return settings.allow.some(({ rule }) => rule === '*' || rule === tool || rule === `${tool}(*)` || (tool.startsWith('mcp__') && (tool === rule || tool.startsWith(`${rule}__`))));
}

/** Programs that only read, list or print: pre-approving them lets nothing act. */
const READ_ONLY_PROGRAMS = new Set(['ls', 'cat', 'head', 'tail', 'grep', 'rg', 'find', 'echo', 'pwd', 'wc', 'tree', 'which', 'file', 'stat', 'du', 'df', 'date', 'env', 'printenv', 'sort', 'uniq', 'diff', 'jq', 'less', 'cd', 'mkdir', 'touch', 'test', 'true']);
/** Subcommands of git and the package managers that change nothing outside the working copy. */
const READ_ONLY_SUBCOMMANDS = new Set(['status', 'diff', 'log', 'show', 'branch', 'fetch', 'remote', 'blame', 'add', 'commit', 'stash', 'test', 'lint', 'typecheck', 'build', 'install', 'ci', 'list', 'ls', 'outdated', 'audit', 'view', 'info', 'why', 'version', '--version', 'help']);
const PACKAGE_RUNNERS = new Set(['git', 'npm', 'pnpm', 'yarn', 'bun']);
/** Runners of a package's binary (`npx tsc`): what they run is judged by the binary. */
const PACKAGE_EXECUTORS = new Set(['npx', 'pnpx', 'bunx']);
/** JavaScript compilers, linters, formatters and test runners: run on the project, they execute nothing the model writes. */
const JS_CHECKS: ReadonlySet<string> = new Set(['tsc', 'vue-tsc', 'svelte-check', 'eslint', 'prettier', 'biome', 'stylelint', 'jest', 'vitest', 'mocha', 'ava', 'oxlint', 'knip', 'depcheck']);
/**
 * Script names, and programs in a script's command, that act outside the project: a deploy, a
 * publish, a push, a migration (a `clean` that removes the build output stays in the project).
 */
const ACTING_SCRIPT_NAME = /(^|[:_-])(deploy|publish|release|push|upload|migrate|destroy|drop|reset|send|notify)([:_-]|$)/i;
const ACTING_SCRIPT_COMMAND = /(^|[\s;&|(])(vercel|netlify|firebase|wrangler|terraform|kubectl|helm|aws|gcloud|az|flyctl|fly|heroku|railway|ssh|scp|rsync|gh|(npm|pnpm|yarn)\s+publish|git\s+push|docker\s+push|prisma\s+(migrate\s+(deploy|reset)|db\s+push))\b/;

/** True when a package.json script acts outside the project, by its name or by what its command runs. */
function scriptActs(name: string, line: string): boolean {
  return ACTING_SCRIPT_NAME.test(name) || ACTING_SCRIPT_COMMAND.test(line);
}

/** Programs that run arbitrary code or packages, delete, send over the network or deploy. */
const ACTING_PROGRAMS = new Set([
  'npx', 'pnpx', 'bunx', 'node', 'deno', 'python', 'python3', 'sh', 'bash', 'zsh', 'sudo', 'eval',
  'rm', 'rmdir', 'kill', 'pkill', 'curl', 'wget', 'ssh', 'scp', 'rsync', 'gh', 'docker', 'kubectl', 'helm',
  'vercel', 'netlify', 'firebase', 'wrangler', 'terraform', 'aws', 'gcloud', 'az', 'fly', 'flyctl', 'heroku', 'railway',
  'psql', 'mysql', 'mongosh', 'redis-cli', 'pip', 'pip3',
  // Python's runners run any script or package (`uv run`, `uvx`, `poetry run`); an agent framework's CLI runs and deploys crews.
  'uv', 'uvx', 'pipx', 'poetry', 'crewai',
]);

/** Python's test, lint, format and type-check tools: run on the project, they execute nothing the model writes. */
const PYTHON_CHECKS: ReadonlySet<string> = new Set(['pytest', 'py.test', 'mypy', 'ruff', 'black', 'flake8', 'pylint', 'isort', 'unittest', 'coverage', 'pyright', 'bandit', 'pydocstyle', 'pycodestyle', 'tox', 'nox']);

/** pip's subcommands that only list or check what is installed. */
const PIP_LISTINGS: ReadonlySet<string> = new Set(['list', 'show', 'freeze', 'check']);

/** Programs whose one command, pre-approved as written, acts for good: it deletes, publishes or deploys. */
const HIGH_IMPACT_PROGRAMS = new Set(['rm', 'rmdir', 'vercel', 'netlify', 'firebase', 'wrangler', 'terraform', 'kubectl', 'helm', 'aws', 'gcloud', 'az', 'fly', 'flyctl', 'heroku', 'railway']);
const HIGH_IMPACT_SUBCOMMANDS = new Set(['push', 'publish', 'reset', 'deploy', 'release']);

/**
 * The `allow` rules that let Bash run commands that act outside the project without asking: all
 * of Bash (`"Bash"`, `Bash(*)`), a runner of arbitrary packages or scripts (`Bash(npx *)`,
 * `Bash(npm *)`, `Bash(node *)`, `Bash(python:*)`), or a program that deletes, sends or deploys
 * (`Bash(rm *)`, `Bash(curl *)`, `Bash(git *)`, `Bash(git push:*)`). Read-only programs
 * (`Bash(ls *)`), read or build subcommands (`Bash(git status)`, `Bash(npm test)`) and programs
 * not known to act (`Bash(pytest *)`) let nothing act. A rule for one exact command
 * (`Bash(pkill -f "capture-screenshots")`) lets only that command through: it counts only when
 * that command itself deletes, publishes or deploys (`Bash(git push origin main)`). An `ask` or
 * `deny` rule for all of Bash keeps everything asking; one for some commands (`Bash(git push:*)`)
 * keeps only those asking, and an allow rule it covers is no longer a way through.
 */
function preApprovedCommands(settings: Settings | undefined, scope?: string): Array<{ rule: string; location: Location }> {
  if (!settings) return [];
  const whole = (rule: string): boolean => rule === 'Bash' || rule === 'Bash(*)' || rule === 'Bash(:*)';
  if (settings.ask.some(whole) || settings.deny.some(whole)) return [];
  const held = heldCommands(settings);
  // A subagent's tool written for some commands (`Bash(git clean:*)`) runs only those: an allow
  // rule lets them through when it covers them (`Bash(git:*)`), and what they do is judged.
  const scoped = scope === undefined ? undefined : bashPattern(scope);
  return settings.allow.filter(({ rule }) => {
    // `"*"` allows every tool, Bash with all its commands.
    if (rule === 'Bash' || rule === '*') return scoped === undefined || actsUnasked(scoped, held, settings.scripts);
    const command = bashCommandOf(rule);
    if (command === undefined) return false;
    const allowed = bashPattern(command);
    if (scoped === undefined) return actsUnasked(allowed, held, settings.scripts);
    const covers = allowed.prefix === '' || (allowed.wildcard ? scoped.prefix === allowed.prefix || scoped.prefix.startsWith(`${allowed.prefix} `) : !scoped.wildcard && scoped.prefix === allowed.prefix);
    return covers && actsUnasked(scoped, held, settings.scripts);
  });
}

/** The commands `ask` and `deny` rules hold back. */
function heldCommands(settings: Settings | undefined): Array<{ prefix: string; wildcard: boolean }> {
  return [...(settings?.ask ?? []), ...(settings?.deny ?? [])].flatMap((rule) => {
    const command = bashCommandOf(rule);
    return command === undefined ? [] : [bashPattern(command)];
  });
}

/** The command of a `Bash(…)` permission rule or tool entry. */
function bashCommandOf(rule: string): string | undefined {
  return /^Bash\((.*)\)$/.exec(rule)?.[1];
}

/** What a rule's command covers: a prefix when it ends in a wildcard, else exactly itself. */
function bashPattern(command: string): { prefix: string; wildcard: boolean } {
  const wildcard = /(:\*|\s\*|\*)$/.test(command.trim());
  return { prefix: command.trim().replace(/(:\*|\s*\*)$/, '').trim(), wildcard };
}

/**
 * True when commands of this pattern, let through, act outside the project and no ask or deny
 * rule holds them back. With the project's package.json `scripts`, `npm run <script>` and `npm run *`
 * are judged by what the scripts run.
 */
function actsUnasked(allowed: { prefix: string; wildcard: boolean }, held: ReadonlyArray<{ prefix: string; wildcard: boolean }>, scripts?: Record<string, string>): boolean {
  // An ask or deny rule that covers all of this allow rule keeps it asking.
  if (held.some((each) => (each.wildcard ? allowed.prefix === each.prefix || allowed.prefix.startsWith(`${each.prefix} `) || each.prefix === '' : !allowed.wildcard && allowed.prefix === each.prefix))) return false;
  const words = allowed.prefix.split(/\s+/).filter((word) => word !== '');
  const [program = '', sub] = words;
  if (program === '') return true;
  // `allow: Bash(git *)` with `ask: Bash(git push:*)`: the project gated git's outward act. A rule
  // that holds back only some forms of a subcommand (`deny: Bash(git push --force*)`) leaves the rest running.
  if (PACKAGE_RUNNERS.has(program) && allowed.wildcard && words.length === 1 && held.some((each) => each.prefix.split(/\s+/)[0] === program && each.prefix.split(/\s+/).length <= 2)) return false;
  if (!allowed.wildcard) return HIGH_IMPACT_PROGRAMS.has(program) || (PACKAGE_RUNNERS.has(program) && sub !== undefined && HIGH_IMPACT_SUBCOMMANDS.has(sub));
  if (READ_ONLY_PROGRAMS.has(program)) return false;
  // Python's test, lint and type tools run through an interpreter or a runner (`python -m pytest:*`,
  // `uv run ruff:*`), and pip's listings (`pip list:*`): they run the project's own checks, nothing the model writes.
  const runnerTool = /^python3?$/.test(program) && sub === '-m' ? words[2] : ['uv', 'poetry', 'pipenv', 'hatch', 'pdm'].includes(program) && sub === 'run' ? words[2] : undefined;
  if (runnerTool !== undefined && PYTHON_CHECKS.has(runnerTool)) return false;
  // (`pip list`, or `python -m pip list`.)
  const [pip, pipSub] = runnerTool !== undefined ? [runnerTool, words[3]] : [program, sub];
  if (/^pip3?$/.test(pip) && pipSub !== undefined && PIP_LISTINGS.has(pipSub)) return false;
  // A JavaScript compiler, linter, formatter or test runner run through a package runner (`npx tsc *`).
  if (PACKAGE_EXECUTORS.has(program) && sub !== undefined && JS_CHECKS.has(sub)) return false;
  if (PACKAGE_RUNNERS.has(program)) {
    // `npm install *` installs whatever package is named, running its install scripts.
    if (allowed.wildcard && sub !== undefined && ['install', 'i', 'add'].includes(sub) && words.length === 2 && program !== 'git') return true;
    // `npm run test` names its script; `npm run *` runs any of them: judged by what the project's
    // scripts run when its package.json is read (deploy scripts act), else taken as acting.
    const named = sub === 'run' ? words[2] : sub;
    if (scripts !== undefined && program !== 'git' && sub === 'run') return named === undefined ? Object.entries(scripts).some(([name, line]) => scriptActs(name, line)) : scripts[named] !== undefined && scriptActs(named, scripts[named]);
    return named === undefined || !READ_ONLY_SUBCOMMANDS.has(named);
  }
  return ACTING_PROGRAMS.has(program);
}

function toolList(tools: unknown, disallowed: unknown): string[] {
  const split = (value: unknown): string[] =>
    Array.isArray(value)
      ? // A YAML flow list cuts `[Read, Agent(a, b)]` at the comma inside the parentheses: joined again.
        split(value.map(String).join(', '))
      : typeof value === 'string'
        ? // `Read, Grep`, or a flow list `["Read", "Grep"]` read from loose front matter as text;
          // a comma inside parentheses (`Agent(drafter, checker)`) belongs to its tool.
          (value.match(/[^,(]+(?:\([^)]*\))?[^,]*/g) ?? []).map((item) => item.trim().replace(/^\[?\s*["']?|["']?\s*\]?$/g, '')).filter(Boolean)
        : [];
  const listed = tools === undefined || tools === null ? INHERITED_TOOLS : split(tools);
  const removed = new Set(split(disallowed));
  return listed.filter((tool) => !removed.has(tool.replace(/\(.*\)$/, '')));
}

/** Whether Claude Code asks the user before this tool runs, under the subagent's permission mode. */
function asksPermission(tool: string, mode: string): boolean {
  if (mode === 'bypassPermissions' || mode === 'dontAsk') return false;
  if (mode === 'acceptEdits' && ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'].includes(tool)) return false;
  return IRREVERSIBLE_TOOLS.has(tool) || tool.startsWith('mcp__');
}

/** Top-level `key: value` lines of front matter that strict YAML refuses: each value as written. */
function looseFrontMatter(text: string): Record<string, string> {
  // No prototype: a key such as `__proto__` stays a plain key.
  const fields = Object.create(null) as Record<string, string>;
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z][\w-]*):[ \t]*(.*)$/.exec(line);
    if (!match || Object.hasOwn(fields, match[1] as string)) continue;
    fields[match[1] as string] = (match[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return fields;
}

function splitFrontMatter(text: string): FrontMatter | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  // Some files close their front matter with more dashes (`-----`).
  const end = lines.findIndex((line, index) => index > 0 && /^-{3,}$/.test(line.trim()));
  if (end < 0) return undefined;
  return { text: lines.slice(1, end).join('\n'), firstLine: 2, body: lines.slice(end + 1).join('\n') };
}

let markdownIt: typeof MarkdownIt | undefined;

/** True once markdown-it has been loaded to read a subagent (the lazy-loading tests check it). */
export function isMarkdownItLoaded(): boolean {
  return markdownIt !== undefined;
}

/** markdown-it, loaded when the first subagent body is read: runs without subagents never load it. */
function loadMarkdownIt(): typeof MarkdownIt {
  // Safe: markdown-it's CommonJS entry exports the constructor its type declarations describe.
  markdownIt ??= createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
  return markdownIt;
}

/** The first paragraph of the body, read with markdown-it (headings and code left out). */
function firstParagraph(body: string): string | undefined {
  const Markdown = loadMarkdownIt();
  const tokens = new Markdown().parse(body, {});
  const index = tokens.findIndex((token) => token.type === 'paragraph_open');
  return index >= 0 ? tokens[index + 1]?.content : undefined;
}
