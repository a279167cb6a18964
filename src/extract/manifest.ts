// The native coordlint manifest, version 1: see MANIFEST.md in the project docs.
import type { Node } from 'yaml';
import {
  DEFAULT_COUPLING,
  effectiveCoupling,
  type Agent,
  type Coupling,
  type EdgeKind,
  type Human,
  type Location,
  type Problem,
} from '../model/index.js';
import type { ExtractResult, Extractor, FragmentEdge, SourceFile, SystemFragment } from './types.js';
import {
  agentKeysAt,
  manifestAgentSchema,
  manifestHumanSchema,
  manifestKeysAt,
  manifestSchema,
  type ManifestAgent,
} from './manifest-schema.js';
import { isMap, isScalar, isSeq, mapPairs, nodeAt, parseYamlSource, zodProblems, type YamlSource } from './yaml-source.js';
import { isRecord } from './values.js';

const MANIFEST_NAME = /(^|\/)(coordlint|[^/]+\.coordlint)\.(ya?ml|json)$/;

export const manifestExtractor: Extractor = {
  id: 'manifest',
  title: 'coordlint manifest',
  matches: (path) => MANIFEST_NAME.test(path),
  prefilter: () => true,
  extract: extractManifest,
};

interface EdgeSpec {
  coupling?: Coupling | undefined;
  fallback?: boolean | undefined;
  contract?: string | boolean | undefined;
  parallel?: boolean | undefined;
  mode?: 'sync' | 'async' | undefined;
}

function extractManifest(file: SourceFile): ExtractResult {
  const parsed = parseYamlSource(file.path, file.text);
  if (!parsed.ok) return { fragments: [], problems: parsed.problems, gaps: 0 };
  const source = parsed.source;
  const root = source.doc.contents;
  const fail = (problems: Problem[]): ExtractResult => ({ fragments: [], problems, gaps: 0 });

  if (!isMap(root)) {
    return fail([problem(source.locate(root), 'a manifest is a YAML map with version, name and agents')]);
  }
  const duplicates = duplicateKeyProblems(source, root);
  if (duplicates.length > 0) return fail(duplicates);

  const top = manifestSchema.safeParse(source.value);
  if (!top.success) return fail(zodProblems(source, root, [], top.error, manifestKeysAt));
  const manifest = top.data;

  const problems: Problem[] = [];
  const keyOf = (key: string): Location => source.locate(keyNode(root, key) ?? root);
  const fragment: SystemFragment = {
    name: manifest.name,
    framework: 'manifest',
    ...(manifest.description !== undefined && { description: manifest.description }),
    overlay: manifest.overlay ?? false,
    file: file.path,
    location: keyOf('name'),
    agents: [],
    humans: [],
    edges: [],
    references: [],
    syncPoints: [],
    loops: [],
  };

  // Entries as plain data, from the document already converted once (duplicate keys are errors above,
  // so each key names one entry; `__proto__` is an own property, never the prototype).
  const raw = isRecord(source.value) ? source.value : {};
  const entryOf = (section: 'agents' | 'humans', key: string): unknown => {
    const map = raw[section];
    return isRecord(map) && Object.hasOwn(map, key) ? (map[key] ?? null) : null;
  };
  const humanIds = new Map<string, Location>();
  for (const { key, keyText, value } of mapPairs(source, nodeAt(source, root, ['humans']))) {
    const location = source.locate(key);
    if (keyText === undefined) {
      problems.push(problem(location, 'a human id must be a string'));
      continue;
    }
    const parsedHuman = manifestHumanSchema.safeParse(entryOf('humans', keyText) ?? {});
    if (!parsedHuman.success) {
      problems.push(...zodProblems(source, value, ['humans', keyText], parsedHuman.error, () => ['description']));
      continue;
    }
    humanIds.set(keyText, location);
    const human: Human = { id: keyText, name: keyText, location };
    if (parsedHuman.data.description !== undefined) human.description = parsedHuman.data.description;
    fragment.humans.push(human);
  }

  const reportsTo = new Map<string, { target: string; location: Location }>();
  for (const { key, keyText, value } of mapPairs(source, nodeAt(source, root, ['agents']))) {
    const location = source.locate(key);
    if (keyText === undefined) {
      problems.push(problem(location, 'an agent id must be a string'));
      continue;
    }
    if (humanIds.has(keyText)) {
      problems.push(problem(location, `'${keyText}' is defined both as a human and as an agent`));
      continue;
    }
    const parsedAgent = manifestAgentSchema.safeParse(entryOf('agents', keyText) ?? {});
    if (!parsedAgent.success) {
      problems.push(...zodProblems(source, value, ['agents', keyText], parsedAgent.error, agentKeysAt));
      continue;
    }
    const spec = parsedAgent.data;
    const at = (path: PropertyKey[]): Location => source.locate(nodeAt(source, value, path) ?? key);
    fragment.agents.push(toAgent(keyText, spec, location, manifest.defaults?.model, at));
    addAgentEdges(fragment.edges, keyText, spec, at);
    if (spec.reportsTo !== undefined) reportsTo.set(keyText, { target: spec.reportsTo, location: at(['reportsTo']) });
  }
  problems.push(...reportsToProblems(reportsTo));

  manifest.edges?.forEach((edge, index) => {
    const at = (key: string): Location => source.locate(nodeAt(source, root, ['edges', index, key]));
    fragment.edges.push({
      ...makeEdge(edge.from, edge.to, edge.kind, edge, source.locate(nodeAt(source, root, ['edges', index]))),
      fromLocation: at('from'),
      toLocation: at('to'),
    });
  });
  manifest.syncPoints?.forEach((syncPoint, index) => {
    fragment.syncPoints.push({
      name: syncPoint.name,
      members: syncPoint.members,
      location: source.locate(nodeAt(source, root, ['syncPoints', index])),
    });
    syncPoint.members.forEach((member, position) => {
      const location = source.locate(nodeAt(source, root, ['syncPoints', index, 'members', position]));
      fragment.references.push({ name: member, field: 'syncPoints.members', location });
    });
  });
  manifest.loops?.forEach((loop, index) => {
    fragment.loops.push({
      agents: loop.agents,
      maxIterations: loop.maxIterations,
      location: source.locate(nodeAt(source, root, ['loops', index])),
    });
    loop.agents.forEach((member, position) => {
      const location = source.locate(nodeAt(source, root, ['loops', index, 'agents', position]));
      fragment.references.push({ name: member, field: 'loops.agents', location });
    });
  });

  // A file with a broken part yields no system: rules would judge a model that is not the one written.
  if (problems.length > 0) return fail(problems);
  return { fragments: [fragment], problems: [], gaps: 0 };
}

function toAgent(
  id: string,
  spec: ManifestAgent,
  location: Location,
  defaultModel: string | undefined,
  at: (path: PropertyKey[]) => Location,
): Agent {
  const agent: Agent = {
    id,
    name: id,
    role: spec.role ?? 'worker',
    tools: (spec.tools ?? []).map((tool, index) =>
      typeof tool === 'string'
        ? { name: tool, irreversible: false, needsApproval: false, location: at(['tools', index]) }
        : {
            name: tool.name,
            irreversible: tool.irreversible ?? false,
            needsApproval: tool.needsApproval ?? false,
            location: at(['tools', index]),
          },
    ),
    location,
  };
  const model = spec.model ?? defaultModel;
  if (spec.description !== undefined) agent.description = spec.description;
  if (model !== undefined) agent.model = model;
  if (spec.domain !== undefined) agent.domain = spec.domain;
  if (spec.visibility !== undefined) agent.visibility = spec.visibility;
  if (spec.integrates !== undefined) agent.integrates = spec.integrates;
  if (spec.redundant !== undefined) agent.redundant = spec.redundant;
  if (spec.escalation !== undefined) agent.escalation = spec.escalation;
  return agent;
}

/** The edges an agent entry declares, each located at the reference that makes it. */
function addAgentEdges(
  edges: FragmentEdge[],
  id: string,
  spec: ManifestAgent,
  at: (path: PropertyKey[]) => Location,
): void {
  const reference = (from: string, to: string, kind: EdgeKind, options: EdgeSpec, path: PropertyKey[]): void => {
    const location = at(path);
    const edge: FragmentEdge = makeEdge(from, to, kind, options, location);
    if (from === id) edge.toLocation = location;
    else edge.fromLocation = location;
    edges.push(edge);
  };
  if (spec.reportsTo !== undefined) reference(spec.reportsTo, id, 'delegate', {}, ['reportsTo']);
  if (spec.approval !== undefined) {
    const edge = makeEdge(id, spec.approval.by, 'approval', {}, at(['approval', 'by']));
    edge.approvalMode = spec.approval.mode ?? 'every-action';
    edge.toLocation = edge.location;
    edges.push(edge);
  }
  const listPath = (field: string, index: number, scalar: boolean): PropertyKey[] =>
    scalar ? [field, index] : [field, index, field === 'handoffs' ? 'to' : 'agent'];
  spec.escalatesTo?.forEach((target, index) =>
    reference(id, target, 'escalation', {}, Array.isArray(spec.escalatesTo) ? ['escalatesTo', index] : ['escalatesTo']),
  );
  spec.handoffs?.forEach((item, index) => {
    if (typeof item === 'string') reference(id, item, 'handoff', {}, listPath('handoffs', index, true));
    else reference(id, item.to, 'handoff', item, listPath('handoffs', index, false));
  });
  spec.dependsOn?.forEach((item, index) => {
    if (typeof item === 'string') reference(item, id, 'data', {}, listPath('dependsOn', index, true));
    else reference(item.agent, id, 'data', item, listPath('dependsOn', index, false));
  });
  spec.peers?.forEach((target, index) =>
    reference(id, target, 'peer', {}, Array.isArray(spec.peers) ? ['peers', index] : ['peers']),
  );
}

function makeEdge(from: string, to: string, kind: EdgeKind, options: EdgeSpec, location: Location): FragmentEdge {
  const fallback = options.fallback ?? false;
  const mode = options.mode ?? 'sync';
  const edge: FragmentEdge = {
    from,
    to,
    kind,
    coupling: effectiveCoupling(options.coupling ?? DEFAULT_COUPLING[kind], fallback, mode),
    fallback,
    parallel: options.parallel ?? false,
    mode,
    location,
  };
  if (options.contract !== undefined) edge.contract = options.contract;
  return edge;
}

/** An agent that reports to itself, or a chain of `reportsTo` that comes back to where it started. */
function reportsToProblems(reportsTo: Map<string, { target: string; location: Location }>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of reportsTo.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !state.has(current)) {
      state.set(current, 'visiting');
      path.push(current);
      current = reportsTo.get(current)?.target;
    }
    if (current !== undefined && state.get(current) === 'visiting') {
      const cycle = path.slice(path.indexOf(current));
      const first = cycle[0] ?? current;
      const location = reportsTo.get(first)?.location;
      if (location) {
        problems.push(
          problem(
            location,
            cycle.length === 1
              ? `'${first}' reports to itself`
              : `reportsTo cycle: ${[...cycle, first].map((id) => `'${id}'`).join(' → ')}`,
          ),
        );
      }
    }
    for (const id of path) state.set(id, 'done');
  }
  return problems;
}

/** Duplicate keys in any map; in `agents` and `humans` they are duplicate ids. */
function duplicateKeyProblems(source: YamlSource, root: Node): Problem[] {
  const problems: Problem[] = [];
  const stack: Array<{ node: unknown; path: string }> = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() ?? { node: undefined, path: '' };
    if (isMap(node)) {
      const seen = new Map<string, Node>();
      for (const pair of node.items) {
        const keyNode = pair.key as Node;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          const first = seen.get(key);
          if (first) {
            const what = path === 'agents' ? 'agent id' : path === 'humans' ? 'human id' : 'key';
            const line = source.locate(first).line;
            problems.push(problem(source.locate(keyNode), `duplicate ${what} '${key}' (first defined at line ${line})`));
          } else {
            seen.set(key, keyNode);
          }
        }
        stack.push({ node: pair.value, path: path ? `${path}.${key ?? '?'}` : key ?? '?' });
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push({ node: item, path: `${path}[]` });
    }
  }
  return problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

function keyNode(map: Node, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  return pair?.key as Node | undefined;
}

function problem(location: Location, message: string): Problem {
  return { ruleId: 'parse-error', message, location };
}
