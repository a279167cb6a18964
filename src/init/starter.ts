import { ACTING_VERBS, READING_VERBS, irreversibleBecause, type LintResult, type SystemResult } from '../model/index.js';

/** A file `coordlint init` proposes to write, relative to the folder it runs in. */
export interface StarterFile {
  path: string;
  text: string;
}

/** Which systems get a starter overlay: those with findings (default), every multi-agent one, or none. */
export type OverlayChoice = 'findings' | 'all' | 'none';

const FRAMEWORK_TITLES: Record<string, string> = {
  manifest: 'coordlint manifests',
  'openai-agents': 'OpenAI Agents SDK',
  langgraph: 'LangGraph.js',
  mastra: 'Mastra',
  crewai: 'CrewAI',
  autogen: 'AutoGen',
  n8n: 'n8n',
  'claude-code': 'Claude Code subagents',
};

/**
 * The files `coordlint init` writes for a repository it has just read: a commented configuration
 * naming the frameworks it found, and for each chosen system a starter overlay whose keys (all
 * commented out) ask what code cannot say: who an agent escalates to, which domain it belongs
 * to, which tools cannot be undone and who approves them. Until a key is filled in, an overlay
 * changes nothing.
 */
export function starterFiles(result: LintResult, choice: OverlayChoice, schemaPath: string): StarterFile[] {
  const files: StarterFile[] = [{ path: '.coordlintrc.yaml', text: configText(result, schemaPath) }];
  if (choice === 'none') return files;
  const flagged = new Set(result.findings.filter((finding) => finding.severity !== 'info').flatMap((finding) => (finding.system === undefined ? [] : [finding.system])));
  const used = new Set<string>();
  for (const system of result.systems) {
    if (system.model.framework === 'manifest' || system.model.agents.length < 2) continue;
    if (choice === 'findings' && !flagged.has(system.model.id)) continue;
    let slug = slugOf(system.model.name);
    for (let count = 2; used.has(slug); count++) slug = `${slugOf(system.model.name)}-${count}`;
    used.add(slug);
    files.push({ path: `coordlint/${slug}.coordlint.yaml`, text: overlayText(system) });
  }
  return files;
}

function configText(result: LintResult, schemaPath: string): string {
  const counts = new Map<string, number>();
  for (const { model } of result.systems) counts.set(model.framework, (counts.get(model.framework) ?? 0) + 1);
  const found = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([framework, count]) => `${FRAMEWORK_TITLES[framework] ?? framework} (${count} ${count === 1 ? 'system' : 'systems'})`);
  return [
    `# yaml-language-server: $schema=${schemaPath}`,
    '# coordlint configuration. Run `coordlint rules` for the rule list, `coordlint rules <id>` for one rule.',
    `# Found here: ${found.length > 0 ? found.join(', ') : 'no agent system yet'}.`,
    '',
    '# recommended: the rules that hold for most systems; strict adds missing-contract and concern-filtering.',
    'extends: recommended',
    '',
    '# Severities (off, info, warning, error) and options per rule:',
    '# rules:',
    '#   span-of-control: [warning, {max: 8}]',
    '#   cascade-chain: "off"',
    '',
    '# Paths to leave out, besides .gitignore, node_modules and build output:',
    '# ignore:',
    '#   - examples/**',
    '',
    '# Agents built in test files, and archived folders (_archive/, archived/, deprecated/), are left out unless these are true:',
    '# includeTests: false',
    '# includeArchived: false',
    '',
    '# Per-file severities, for files that cannot hold a suppression comment (n8n and AutoGen JSON):',
    '# overrides:',
    '#   - files: ["workflows/*.json"]',
    '#     rules:',
    '#       unguarded-irreversible-action: error',
    '',
  ].join('\n');
}

function overlayText(system: SystemResult): string {
  const { model } = system;
  const acting = new Set(ACTING_VERBS);
  const reading = new Set(READING_VERBS);
  const lines = [
    `# Starter overlay for the system '${model.name}' (${model.framework}), read from ${model.sources.slice(0, 3).join(', ')}${model.sources.length > 3 ? ', …' : ''}.`,
    '# It adds what the code cannot say. Uncomment and fill in what applies; delete the rest.',
    '# Until a key is filled in, this file changes nothing.',
    'version: 1',
    `name: ${yamlString(model.name)}`,
    'overlay: true',
    '',
    '# People in the loop: who approves risky actions, who takes escalations.',
    '# humans:',
    '#   on-call: {description: Takes escalations from the agents}',
    '',
    'agents:',
  ];
  for (const agent of model.agents) {
    lines.push(`  # ${yamlKey(agent.id)}:`);
    lines.push(`${'  #   escalatesTo: [on-call]'.padEnd(34)} # who it raises a concern with, besides whoever directs it`);
    lines.push(`${`  #   domain: ${agent.domain ?? 'support'}`.padEnd(34)} # the domain it belongs to, for grouping`);
    if (agent.tools.length > 0) {
      lines.push(`${'  #   tools:'.padEnd(34)} # say which tools cannot be undone, and which wait for a human`);
      for (const tool of agent.tools) {
        const because = irreversibleBecause(tool, acting, reading);
        const note = because ? `read as irreversible: ${because}` : 'read as reversible';
        lines.push(`  #     - {name: ${yamlString(tool.name)}, irreversible: ${because !== undefined}, needsApproval: ${tool.needsApproval}}   # ${note}`);
      }
    }
  }
  lines.push('');
  return lines.join('\n');
}

function slugOf(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug === '' ? 'system' : slug.slice(0, 60);
}

/** A YAML scalar that reads back as this string. */
function yamlString(text: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_ ./-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) && !text.endsWith(' ') ? text : JSON.stringify(text);
}

function yamlKey(text: string): string {
  return yamlString(text);
}
