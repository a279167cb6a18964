// n8n workflows: https://docs.n8n.io/advanced-ai/
import { escapeRegExp, type Location, type Problem } from '../model/index.js';
import { APPROVER_KEY, GraphDraft } from './fragment-builder.js';
import type { ExtractResult, Extractor, SourceFile } from './types.js';
import { nodeAt, parseYamlSource } from './yaml-source.js';
import { isRecord } from './values.js';
import { fileCoverage } from './coverage.js';

type Json = Record<string, unknown>;

/** Node types that do an agent's work: the AI Agent, an agent used as a tool, LLM nodes used as agents. */
const AGENT_TYPES = new Set([
  '@n8n/n8n-nodes-langchain.agent',
  '@n8n/n8n-nodes-langchain.agentTool',
  '@n8n/n8n-nodes-langchain.openAi',
  // The Gemini and Anthropic nodes message a model the same way.
  '@n8n/n8n-nodes-langchain.googleGemini',
  '@n8n/n8n-nodes-langchain.anthropic',
  // So does the Ollama node (a local model's chat, with its own system message).
  '@n8n/n8n-nodes-langchain.ollama',
  '@n8n/n8n-nodes-langchain.chainLlm',
  '@n8n/n8n-nodes-langchain.chainSummarization',
  '@n8n/n8n-nodes-langchain.informationExtractor',
  '@n8n/n8n-nodes-langchain.textClassifier',
  'n8n-nodes-base.openAIAssistant',
  // The older OpenAI node (chat, text completion): a model call on the main path, like the langchain one.
  'n8n-nodes-base.openAi',
]);
const IGNORED_TYPES = new Set(['n8n-nodes-base.stickyNote']);

/**
 * A model node (OpenAI, Gemini) that turns speech into text, text into speech or a prompt into a
 * picture or a video (`resource: audio`, `video`, image `generate`/`edit`): a media conversion
 * step, no actor that reasons; it is passed through like any plain node. Analysing an image or a
 * chat completion is an agent's work.
 */
function isMediaModelCall(node: Json): boolean {
  if (!/(openAi|googleGemini)$/i.test(String(node.type))) return false;
  const parameters = (typeof node.parameters === 'object' && node.parameters !== null ? node.parameters : {}) as Record<string, unknown>;
  const resource = String(parameters.resource ?? '');
  const operation = String(parameters.operation ?? '');
  return resource === 'audio' || resource === 'video' || (resource === 'image' && (operation === '' || operation === 'generate' || operation === 'edit'));
}
/** A file name with no extension, other than the usual project files. */
const EXTENSIONLESS = /(^|\/)(?!(?:LICEN[CS]E|COPYING|NOTICE|AUTHORS|CHANGELOG|README|Makefile|Dockerfile|Procfile|Gemfile|Rakefile|Vagrantfile|Jenkinsfile|CODEOWNERS)(?:\/|$))[^/.]+$/;

export const n8nExtractor: Extractor = {
  id: 'n8n',
  title: 'n8n workflows',
  // Workflows are exported as `.json`, and sometimes saved under the workflow's bare name or as
  // `.txt` (copied out of the editor); only a text that is a JSON document is taken, so notes
  // that quote a workflow are left alone.
  matches: (path) => path.endsWith('.json') || path.endsWith('.txt') || EXTENSIONLESS.test(path),
  prefilter: (text) => /^\uFEFF?\s*[[{]/.test(text) && text.includes('"connections"') && text.includes('"nodes"') && /n8n-nodes-(base|langchain)/.test(text),
  extract: (file) => extractN8n([file]),
  extractAll: (files) => extractN8n(files),
};


interface Workflow {
  file: string;
  /** Its place in a file that holds several (a CLI export or a backup array): keeps same-named nodes of two workflows apart. */
  part?: number;
  name: string;
  id?: string;
  nodes: Map<string, { node: Json; location: Location; index: number }>;
  /** main connections: source name → [target name, output index] */
  main: Array<{ from: string; to: string; output: number; location: Location }>;
  /** ai_* connections: sub-node → root node */
  ai: Array<{ from: string; to: string; type: string; location: Location }>;
  /**
   * Inputs its callers fill from the message that started them (`chatID: {{ $('Telegram
   * Trigger').item.json.message.chat.id }}`): a node sending to one answers the person who asked.
   */
  requesterFields?: Set<string>;
  /** Fields its own Set nodes fill from the incoming message (`chat_id = {{ $json.body.data.key.remoteJid }}`). */
  senderFields?: Set<string>;
  /** Main connections by node, each way, built once on first use (see `mainReach`). */
  adjacency?: Record<'forward' | 'backward', Map<string, Array<{ name: string; location: Location; output: number }>>>;
  /** The body of each Loop Over Items node, found on first use (see `batchLoopBody`). */
  batchLoops?: Map<string, Set<string> | undefined>;
}

/**
 * Agent nodes become agents; `ai_tool` connections from agent tools and workflow tools are
 * delegation (to another workflow of the repository by id or cached name), `main` connections
 * are data flow through the plain nodes between agents (one output into several nodes is a
 * parallel fan-out; a Merge node joins), Wait and send-and-wait nodes are approval by a human.
 * Disabled nodes and sticky notes are left out.
 */
function extractN8n(files: readonly SourceFile[]): ExtractResult {
  const problems: Problem[] = [];
  const workflows: Workflow[] = [];
  /** Model nodes used as steps of the main path. */
  const modelSteps = new Set<Json>();
  /** What each workflow does (its nodes and connections, as text), and where it starts: a copy is read once. */
  const fingerprints = new Map<Workflow, { text: string; location: Location }>();
  for (const file of files) {
    const text = file.path.endsWith('.txt') ? workflowText(file, problems) : file.text;
    if (text === undefined) continue;
    const parsed = parseYamlSource(file.path, text);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const source = parsed.source;
    // A CLI export (`n8n export:workflow --all`) is an array of workflows.
    const roots = Array.isArray(source.value) ? source.value.map((value, index) => ({ value, path: [index] })) : [{ value: source.value, path: [] as number[] }];
    for (const { value: root, path: rootPath } of roots) {
      if (!isRecord(root) || !Array.isArray(root.nodes) || !isRecord(root.connections)) continue;
      const at = (path: Array<string | number>): Location => source.locate(nodeAt(source, source.doc.contents, [...rootPath, ...path]));
      const workflow: Workflow = {
        file: file.path,
        ...(roots.length > 1 && rootPath[0] !== undefined && rootPath[0] > 0 && { part: rootPath[0] }),
        name: typeof root.name === 'string' ? root.name : file.path.split('/').pop()?.replace(/\.json$/, '') ?? 'workflow',
        ...(typeof root.id === 'string' && { id: root.id }),
        nodes: new Map(),
        main: [],
        ai: [],
      };
      /** Nodes left out on purpose: their connections are not dangling. */
      const leftOut = new Set<string>();
      root.nodes.forEach((node, index) => {
        if (!isRecord(node) || typeof node.name !== 'string') return;
        if (node.disabled === true || IGNORED_TYPES.has(String(node.type))) {
          leftOut.add(node.name);
          return;
        }
        if (workflow.nodes.has(node.name)) {
          problems.push({ ruleId: 'extraction-gap', message: `a second node named '${node.name}': connections by that name cannot tell the two apart`, location: at(['nodes', index]) });
          return;
        }
        workflow.nodes.set(node.name, { node, location: at(['nodes', index]), index });
      });
      for (const [sourceName, byType] of Object.entries(root.connections)) {
        if (!isRecord(byType) || leftOut.has(sourceName)) continue;
        for (const [type, outputs] of Object.entries(byType)) {
          if (!Array.isArray(outputs)) continue;
          outputs.forEach((targets, output) => {
            if (!Array.isArray(targets)) return;
            targets.forEach((target, position) => {
              if (!isRecord(target) || typeof target.node !== 'string' || leftOut.has(target.node)) return;
              const location = at(['connections', sourceName, type, output, position]);
              const missing = [sourceName, target.node].find((name) => !workflow.nodes.has(name));
              if (missing !== undefined) {
                problems.push({ ruleId: 'extraction-gap', message: `a connection to or from '${missing}', which is no node of the workflow`, location });
                return;
              }
              if (type === 'main') workflow.main.push({ from: sourceName, to: target.node, output, location });
              else workflow.ai.push({ from: sourceName, to: target.node, type, location });
            });
          });
        }
      }
      // A chat model wired on the main path, or an HTTP call to a chat endpoint, does an agent's work.
      for (const [name, { node }] of workflow.nodes) {
        if (isModelStep(node) && workflow.main.some((edge) => edge.from === name || edge.to === name)) modelSteps.add(node);
        // Any node given a chat model that sits on the main path is a model step (a chain type not
        // listed here, a community node, a type scrubbed from an export); a sub-node (a vector
        // store tool, an output parser) hands its work to its root node instead.
        const given = workflow.ai.some((link) => link.to === name && link.type === 'ai_languageModel');
        const subNode = workflow.ai.some((link) => link.from === name);
        if (given && !subNode && workflow.main.some((edge) => edge.from === name || edge.to === name)) modelSteps.add(node);
      }
      workflows.push(workflow);
      fingerprints.set(workflow, { text: workflowFingerprint(root), location: at([]) });
    }
  }

  /**
   * The workflow a reference names (by id, cached name or name). Exports copied into two folders
   * keep their ids: the copy in the caller's folder is the one it calls; several copies elsewhere
   * are a gap naming them (the first is used).
   */
  const findWorkflow = (reference: unknown, from?: Workflow, at?: Location): Workflow | undefined => {
    const written = isRecord(reference) ? reference.value : reference;
    // `={{ $workflow.id }}`: the workflow calls itself (its sub-workflow trigger's branch).
    if (from && typeof written === 'string' && /^=.*\$workflow\.id\b/.test(written)) return from;
    // An id written as an expression of itself (`=DGFmV2Dc`, `={{ 'DGFmV2Dc' }}`) is that id.
    const literal = typeof written === 'string' ? /^=(?:\s*\{\{\s*([\x27\x22\x60])([\w-]+)\1\s*\}\}|([\w-]+))\s*$/.exec(written) : null;
    const value = literal ? (literal[2] ?? literal[3]) : written;
    const cached = isRecord(reference) ? reference.cachedResultName : undefined;
    const matches = workflows.filter((each) => (each.id !== undefined && each.id === String(value)) || each.name === cached || each.name === String(value));
    if (matches.length <= 1 || !from) return matches[0];
    const folder = (file: string): string => file.replace(/[^/]*$/, '');
    const near = matches.filter((each) => folder(each.file) === folder(from.file));
    if (near.length === 1) return near[0];
    if (at) problems.push({ ruleId: 'extraction-gap', message: `the called workflow matches ${matches.length} files (${matches.map((each) => each.file).join(', ')}); the first is read`, location: at });
    return matches[0];
  };

  // A collection that holds the same workflow twice (a template exported again under another
  // name) runs it once: a second copy would be a second coordinator of its sub-workflows. A copy
  // is the same nodes and connections calling the same workflows (copies in two folders that each
  // call their own folder's sub-workflows are two workflows).
  const signatureOf = (workflow: Workflow): string => {
    const called = [...workflow.nodes.values()].flatMap(({ node }) => {
      const reference = isRecord(node.parameters) ? node.parameters.workflowId : undefined;
      if (reference === undefined) return [];
      const target = findWorkflow(reference, workflow);
      return [target ? (target === workflow ? 'itself' : (fingerprints.get(target)?.text ?? target.file)) : JSON.stringify(reference)];
    });
    return JSON.stringify([fingerprints.get(workflow)?.text, called]);
  };
  const readAt = new Map<string, Workflow>();
  const copies = new Set<Workflow>();
  for (const workflow of workflows) {
    const signature = signatureOf(workflow);
    const original = readAt.get(signature);
    if (original === undefined) readAt.set(signature, workflow);
    else {
      copies.add(workflow);
      problems.push({ ruleId: 'extraction-gap', message: `a copy of the workflow in ${original.file} (the same nodes and connections, calling the same workflows): read once, there`, location: fingerprints.get(workflow)?.location ?? { file: workflow.file, line: 1, column: 1 } });
    }
  }
  for (let index = workflows.length - 1; index >= 0; index--) if (copies.has(workflows[index] as Workflow)) workflows.splice(index, 1);

  const draft = new GraphDraft();
  // Each workflow with a trigger starts runs of its own: two workflows that call the same
  // sub-workflow are two uses of it, not two coordinators of one run.
  draft.separateRuns = true;
  const keyOf = (workflow: Workflow, name: string): string => `n8n:${workflow.file}${workflow.part !== undefined ? `#${workflow.part}` : ''}:${name}`;
  const isAgentNode = (node: Json): boolean => (AGENT_TYPES.has(String(node.type)) && !isMediaModelCall(node)) || modelSteps.has(node);
  const systemNameOf = new Map<string, string>();

  for (const workflow of workflows) {
    // Model nodes of a workflow of several nodes that nothing connects to anything (connections
    // lost in an export or an edit): no trigger reaches them, so they never run. Said, never a system each.
    const linked = new Set([...workflow.main, ...workflow.ai].flatMap((connection) => [connection.from, connection.to]));
    const unconnected = [...workflow.nodes].filter(([name, { node }]) => isAgentNode(node) && !linked.has(name)).map(([name]) => name);
    if (unconnected.length > 0 && workflow.nodes.size > 1) {
      problems.push({ ruleId: 'extraction-gap', message: `${unconnected.length === 1 ? 'model node' : `${unconnected.length} model nodes`} ${unconnected.map((name) => `'${name}'`).join(', ')} ${unconnected.length === 1 ? 'is' : 'are'} connected to nothing in this workflow: no trigger reaches ${unconnected.length === 1 ? 'it' : 'them'}, so ${unconnected.length === 1 ? 'it never runs' : 'they never run'} as written (connections lost in an export or an edit?)`, location: workflow.nodes.get(unconnected[0] as string)?.location ?? { file: workflow.file, line: 1, column: 1 } });
    }
    for (const [name, { node, location }] of workflow.nodes) {
      if (!isAgentNode(node)) continue;
      const model = modelFor(workflow, name);
      draft.addAgent({ key: keyOf(workflow, name), name, role: 'worker', tools: [], location, terminates: true, ...(model !== undefined && { model }) });
      systemNameOf.set(keyOf(workflow, name), workflow.name);
    }
  }

  /**
   * Agents a workflow starts with: agent nodes reached first from its trigger, through plain nodes.
   * Called by another workflow (or by itself), it starts at its sub-workflow trigger when it has one.
   */
  const entryAgents = (workflow: Workflow, called = false): string[] => {
    const starts = called ? calledStarts(workflow) : rootsOf(workflow);
    return [...new Set(starts.flatMap((start) => (isAgentNode(workflow.nodes.get(start)?.node ?? {}) ? [start] : reachAgents(workflow, start).map((hit) => hit.name))))].map((name) => keyOf(workflow, name));
  };

  /**
   * The entry agents of a called workflow that an IF or a Switch on its way in picks one of per
   * item (each reached from one output of it alone: a tone variant per lead): exclusive alternatives
   * of whoever calls it. A Switch set to send items to every matching output picks none.
   */
  const pickedEntries = (workflow: Workflow): Set<string> => {
    const picked = new Set<string>();
    for (const start of calledStarts(workflow)) {
      const seen = new Set([start]);
      for (let current = start; ; ) {
        const node = workflow.nodes.get(current)?.node ?? {};
        const next = adjacencyOf(workflow).forward.get(current) ?? [];
        if (current !== start && isAgentNode(node)) break;
        if (/^n8n-nodes-base\.(if|switch)$/.test(String(node.type)) && !/"allMatchingOutputs"\s*:\s*true/.test(JSON.stringify(node.parameters ?? {}))) {
          const outputs = new Map<string, Set<number>>();
          for (const step of next) {
            const agents = isAgentNode(workflow.nodes.get(step.name)?.node ?? {}) ? [step.name] : reachAgents(workflow, step.name).map((hit) => hit.name);
            for (const agent of agents) outputs.set(agent, (outputs.get(agent) ?? new Set()).add(step.output));
          }
          if (new Set(next.map((step) => step.output)).size > 1) for (const [agent, from] of outputs) if (from.size === 1) picked.add(keyOf(workflow, agent));
          break;
        }
        const only = next.length === 1 ? next[0]?.name : undefined;
        if (only === undefined || seen.has(only)) break;
        seen.add(only);
        current = only;
      }
    }
    return picked;
  };

  /** The nodes of a called workflow's own run: from its sub-workflow trigger along main connections. */
  const calledPath = (workflow: Workflow): Set<string> => new Set(calledStarts(workflow).flatMap((start) => [start, ...mainReach(workflow, start, 'forward').map(({ name }) => name)]));
  /** The workflows a called workflow runs on that path (Execute Workflow nodes), itself left out. */
  const runsOnCall = (workflow: Workflow): Workflow[] =>
    [...calledPath(workflow)].flatMap((name) => {
      const node = workflow.nodes.get(name)?.node ?? {};
      if (String(node.type) !== 'n8n-nodes-base.executeWorkflow') return [];
      const sub = findWorkflow((isRecord(node.parameters) ? node.parameters : {}).workflowId, workflow);
      return sub && sub !== workflow ? [sub] : [];
    });
  /**
   * Agents a called workflow with no agent of its own reaches by running other workflows (an
   * Execute Workflow node on its main path): the caller's work goes on to them. Three hops at most.
   */
  const relayedEntries = (workflow: Workflow, depth = 0, seen = new Set<Workflow>()): string[] => {
    if (depth > 3 || seen.has(workflow)) return [];
    seen.add(workflow);
    const found = runsOnCall(workflow).flatMap((sub) => {
      const entries = entryAgents(sub, true);
      return entries.length > 0 ? entries : relayedEntries(sub, depth + 1, seen);
    });
    return [...new Set(found)];
  };
  /** Agent-less workflows an agent calls as a tool, and those they run in turn: they pass the agent's work on. */
  const relayed = new Set<Workflow>();
  const markRelayed = (workflow: Workflow, depth = 0): void => {
    if (depth > 3 || relayed.has(workflow) || entryAgents(workflow, true).length > 0) return;
    relayed.add(workflow);
    for (const sub of runsOnCall(workflow)) markRelayed(sub, depth + 1);
  };
  for (const workflow of workflows) {
    for (const link of workflow.ai) {
      const tool = workflow.nodes.get(link.from)?.node ?? {};
      if (link.type !== 'ai_tool' || !String(tool.type).endsWith('.toolWorkflow') || !isAgentNode(workflow.nodes.get(link.to)?.node ?? {})) continue;
      const target = findWorkflow((isRecord(tool.parameters) ? tool.parameters : {}).workflowId, workflow);
      if (target && target !== workflow) markRelayed(target);
    }
  }

  function reachAgents(workflow: Workflow, start: string): Array<{ name: string; parallel: boolean; location: Location; through: string[] }> {
    const found: Array<{ name: string; parallel: boolean; location: Location; through: string[] }> = [];
    const seen = new Set([start]);
    const queue: Array<{ name: string; parallel?: boolean; location?: Location; through: string[] }> = [{ name: start, through: [] }];
    for (let head = 0; head < queue.length; head++) {
      const current = queue[head] as { name: string; parallel?: boolean; location?: Location; through: string[] };
      // Items a Loop Over Items node gets back from its body leave by its done output only.
      const body = current.name === start ? undefined : batchLoopBody(workflow, current.name);
      const via = current.through[current.through.length - 2] ?? start;
      const outgoing = (adjacencyOf(workflow).forward.get(current.name) ?? [])
        .filter((step) => !body || batchLoopPasses(body, 'forward', { via }, step))
        .map((step) => ({ to: step.name, output: step.output, location: step.location }));
      const perOutput = new Map<number, number>();
      for (const edge of outgoing) perOutput.set(edge.output, (perOutput.get(edge.output) ?? 0) + 1);
      for (const edge of outgoing) {
        const parallel = current.parallel ?? (perOutput.get(edge.output) ?? 0) > 1;
        const location = current.location ?? edge.location;
        // Back at the start through plain nodes: the agent's own output returns to it.
        if (edge.to === start && current.name !== start) {
          if (!found.some((hit) => hit.name === start)) found.push({ name: start, parallel: false, location: edge.location, through: current.through });
          continue;
        }
        if (seen.has(edge.to)) continue;
        seen.add(edge.to);
        const target = workflow.nodes.get(edge.to)?.node ?? {};
        if (isAgentNode(target)) found.push({ name: edge.to, parallel, location, through: current.through });
        else queue.push({ name: edge.to, parallel, location, through: [...current.through, edge.to] });
      }
    }
    return found;
  }

  markRequesterFields(workflows, findWorkflow);

  for (const workflow of workflows) {
    // Data flow between agents, through plain nodes.
    for (const [name, { node }] of workflow.nodes) {
      if (!isAgentNode(node)) continue;
      const hits = reachAgents(workflow, name);
      // Parallel branches that all end in one Merge node are joined there, agent or not.
      const joined = mergeJoiningAll(workflow, hits.filter((hit) => hit.parallel && hit.name !== name).map((hit) => hit.name));
      for (const hit of hits) {
        if (hit.name === name) {
          // A loop over items runs the agent once per item, and a chat loop is the user's next
          // turn: neither feeds the agent its own output.
          const perItem = hit.through.some((passed) => String(workflow.nodes.get(passed)?.node.type) === 'n8n-nodes-base.splitInBatches');
          const nextTurn = hit.through.some((passed) => String(workflow.nodes.get(passed)?.node.type) === '@n8n/n8n-nodes-langchain.chat');
          if (perItem || nextTurn) continue;
          // The agent's output comes back to it (regenerate until an IF is satisfied): a loop of one.
          draft.addEdge(keyOf(workflow, name), keyOf(workflow, name), 'data', hit.location);
          const bounding = loopBound(workflow, hit.through);
          if (bounding !== undefined) draft.addLoop([keyOf(workflow, name)], undefined, workflow.nodes.get(bounding)?.location ?? hit.location);
          // A person in the loop (a form, a send-and-wait) decides each round.
          for (const passed of hit.through) if (pausesForHuman(workflow.nodes.get(passed)?.node ?? {})) draft.addHumanApproval(keyOf(workflow, name), workflow.nodes.get(passed)?.location ?? hit.location, 'every-action');
          continue;
        }
        // A person between the two agents (a form, a send-and-wait) decides when work goes on: no cascade.
        const waitsForPerson = hit.through.some((passed) => pausesForHuman(workflow.nodes.get(passed)?.node ?? {}));
        // An agent node set to go on when it fails (`onError: continueRegularOutput`, `continueOnFail`)
        // hands on an empty or error item rather than stopping the run: its failure stops nobody behind it.
        const goesOn = continuesOnError(node);
        draft.addEdge(keyOf(workflow, name), keyOf(workflow, hit.name), 'data', hit.location, { parallel: hit.parallel, ...(waitsForPerson && { mode: 'async' as const }), ...(hit.parallel && joined && { joined: true }), ...(goesOn && { fallback: true }) });
        // A loop over a list of items, or an IF on an iteration counter, bounds the way round.
        const bounding = loopBound(workflow, hit.through);
        if (bounding !== undefined) draft.addLoop([keyOf(workflow, name), keyOf(workflow, hit.name)], undefined, workflow.nodes.get(bounding)?.location ?? hit.location);
        for (const passed of hit.through) if (pausesForHuman(workflow.nodes.get(passed)?.node ?? {})) draft.addHumanApproval(keyOf(workflow, name), workflow.nodes.get(passed)?.location ?? hit.location, 'every-action');
      }
      // Earlier output the agent's prompt reads by name (`$('Parse Idea').item.json`, `$node["Writer"]`),
      // over the nodes between: the agents whose output that node holds feed this one too.
      for (const referenced of referencedNodes(node)) {
        if (referenced === name || !workflow.nodes.has(referenced) || !reachesNode(workflow, referenced, name)) continue;
        for (const source of agentsBehind(workflow, referenced, isAgentNode)) {
          if (source !== name) draft.addEdge(keyOf(workflow, source), keyOf(workflow, name), 'data', workflow.nodes.get(name)?.location ?? { file: workflow.file, line: 1, column: 1 });
        }
      }
      // Nodes after the agent that send its output on before anyone reviews it act for the agent.
      const owner = draft.agent(keyOf(workflow, name));
      const senders = downstreamNodes(workflow, name, isAgentNode);
      for (const sender of senders) {
        if (owner && !owner.tools.some((tool) => tool.name === sender.name)) {
          owner.tools.push({ name: sender.name, irreversible: false, needsApproval: false, kind: 'downstream', detail: sender.detail, location: sender.location });
        }
      }
      // A called workflow whose agent's output goes to the person who asked (a chat message sent
      // right after it, or one that quotes it, through the chat id the caller passed on) talks to
      // that person without its caller in between: a channel around it.
      if (owner && workflow.requesterFields) {
        const quoted = [`$('${name}')`, `$("${name}")`, `$node["${name}"]`];
        const answer = [...senders, ...[...workflow.nodes].filter(([, each]) => quoted.some((text) => JSON.stringify(each.node.parameters ?? {}).includes(JSON.stringify(text).slice(1, -1)))).map(([each, { node, location }]) => ({ name: each, location, detail: nodeDetail(node, [], name, workflow.requesterFields) }))]
          .find((sender) => /^n8n-nodes-base\.(telegram|slack|discord|whatsApp|mattermost|microsoftTeams)/.test(sender.detail) && /\breply-to-trigger\b/.test(sender.detail));
        if (answer) {
          draft.addHuman(APPROVER_KEY, 'user', answer.location);
          draft.addEdge(owner.key, APPROVER_KEY, 'escalation', answer.location);
        }
      }
      // An agent entered only from a person's answer to a send-and-wait (→ classifier → send or
      // revise): the sends wired after it carry what the person approved. Its own tools are still
      // the model's choice. A chat turn or a form is the person's input, not an approval.
      const pausedBefore = firstNodesBefore(workflow, name);
      const asksApproval = (before: string): boolean => {
        const parameters = workflow.nodes.get(before)?.node.parameters;
        return isRecord(parameters) && parameters.operation === 'sendAndWait';
      };
      if (owner && pausedBefore.length > 0 && pausedBefore.every(asksApproval)) {
        for (const tool of owner.tools) if (tool.kind === 'downstream') tool.needsApproval = true;
      }
      // A pause for a human after the agent (Wait, send-and-wait) with no agent behind it: right
      // after it, or behind nodes that only shape or route its output (a Set, an IF, a Switch).
      const plainOrPause = (next: string): boolean => {
        const node = workflow.nodes.get(next)?.node ?? {};
        return !isAgentNode(node) && (PLAIN_NODE.test(String(node.type)) || pausesForHuman(node));
      };
      for (const { name: next, location } of mainReach(workflow, name, 'forward', (each) => !plainOrPause(each))) {
        const node = workflow.nodes.get(next)?.node ?? {};
        // A chat reply is the user's turn in a conversation, not an approval of what the agent did.
        const chatTurn = String(node.type) === '@n8n/n8n-nodes-langchain.chat';
        if (pausesForHuman(node) && !chatTurn) draft.addHumanApproval(keyOf(workflow, name), workflow.nodes.get(next)?.location ?? location, 'every-action');
      }
    }
    // Sub-nodes: tools (agents as tools, workflows as tools), models.
    for (const link of workflow.ai) {
      if (link.type !== 'ai_tool') continue;
      const owner = keyOf(workflow, link.to);
      const tool = workflow.nodes.get(link.from)?.node ?? {};
      const toolType = String(tool.type);
      if (!draft.hasAgent(owner)) continue;
      if (isAgentNode(tool)) {
        draft.addEdge(owner, keyOf(workflow, link.from), 'delegate', link.location);
        continue;
      }
      if (toolType.endsWith('.toolWorkflow')) {
        const parameters = isRecord(tool.parameters) ? tool.parameters : {};
        const target = findWorkflow(parameters.workflowId, workflow, link.location);
        const agent = draft.agent(owner);
        if (!target) {
          problems.push({ ruleId: 'extraction-gap', message: `the workflow called by tool '${link.from}', which is not a workflow file of this repository${maybeUnnamed(workflow)}`, location: link.location });
          // What it does is unseen: judged by the name the model calls it by (`send_sms` sends), as a
          // code tool is, unless its description says it only tells the person the agent works for.
          const name = typeof parameters.name === 'string' && parameters.name.trim() !== '' ? parameters.name : link.from;
          const description = typeof parameters.description === 'string' ? parameters.description : '';
          if (!TELLS_OWN_USER.test(description)) agent?.tools.push({ name, irreversible: false, needsApproval: false, location: workflow.nodes.get(link.from)?.location ?? link.location });
          continue;
        }
        const entries = entryAgents(target, true);
        for (const entry of entries) draft.addEdge(owner, entry, 'delegate', link.location);
        // A workflow with no agent that runs workflows that have one passes the work on to them.
        if (entries.length === 0) for (const entry of relayedEntries(target)) draft.addEdge(owner, entry, 'delegate', link.location);
        // A called workflow with no agent is the tool's body: the service nodes it runs, the agent
        // runs, judged as nodes after an agent are (what the workflow itself fixes, a recipient, a
        // statement, a notice in the team's own workspace, is not the model's doing).
        if (entries.length === 0 && agent) {
          for (const start of calledStarts(target)) {
            for (const acting of downstreamNodes(target, start, isAgentNode)) {
              const detail = `${acting.detail}${acting.detail.endsWith('|') ? '' : ' '}called`;
              if (!agent.tools.some((tool) => tool.name === acting.name)) agent.tools.push({ name: acting.name, irreversible: false, needsApproval: false, kind: 'downstream', detail, location: acting.location });
            }
          }
        }
        continue;
      }
      const agent = draft.agent(owner);
      const approval = toolType.endsWith('HitlTool') || (isRecord(tool.parameters) && tool.parameters.operation === 'sendAndWait');
      // Judged by the node's type and operation, never its display name ('Get Email' reads mail).
      agent?.tools.push({ name: link.from, irreversible: false, needsApproval: approval, kind: 'node', detail: nodeDetail(tool, [], undefined, senderFieldsOf(workflow)), location: workflow.nodes.get(link.from)?.location ?? link.location });
      if (approval) draft.addHumanApproval(owner, link.location, 'irreversible-only', link.from);
    }
    // Execute Workflow nodes on the main path: the workflow hands what the agents before them wrote
    // on to the called workflow's agents (main connections carry data; the workflow that only
    // sequences them directs nobody).
    for (const [name, { node, location }] of workflow.nodes) {
      if (String(node.type) !== 'n8n-nodes-base.executeWorkflow') continue;
      const parameters = isRecord(node.parameters) ? node.parameters : {};
      const target = findWorkflow(parameters.workflowId, workflow, location);
      if (!target) {
        problems.push({ ruleId: 'extraction-gap', message: `the workflow run by '${name}', which is not a workflow file of this repository${maybeUnnamed(workflow)}`, location });
        continue;
      }
      // A workflow that calls itself from its own sub-workflow branch (a research loop going one
      // level deeper, or another mode of the same branch) is no second coordinator of that branch.
      if (target === workflow && calledStarts(workflow).some((start) => start === name || reachesNode(workflow, start, name))) {
        problems.push({ ruleId: 'extraction-gap', message: `'${name}' runs this workflow again from its own sub-workflow branch: which part that call runs, and how deep it goes, is not read`, location });
        continue;
      }
      // The agents whose output reaches the call through plain nodes: an agent earlier in the run
      // hands its work to the next agent, which makes the call.
      const plain = (each: string): boolean => !isAgentNode(workflow.nodes.get(each)?.node ?? {});
      const callers = [...workflow.nodes.keys()].filter((candidate) => !plain(candidate) && reachesNode(workflow, candidate, name, plain));
      const entries = entryAgents(target, true);
      const picked = pickedEntries(target);
      // `options.waitForSubWorkflow: false`: the call starts the workflow and goes on without its result.
      const fireAndForget = isRecord(parameters.options) && parameters.options.waitForSubWorkflow === false;
      const pick = (entry: string) => ({
        ...(picked.has(entry) && entries.filter((each) => picked.has(each)).length > 1 && { exclusive: true, choice: `${target.file}:${target.name}` }),
        ...(fireAndForget && { mode: 'async' as const }),
      });
      for (const caller of callers) for (const entry of entries) draft.addEdge(keyOf(workflow, caller), entry, 'data', location, pick(entry));
      // A workflow with no agent before the call (a router): the workflow itself directs the called
      // agents, unless an agent calls it as a tool (then that agent directs them, read above).
      if (callers.length === 0 && entries.length > 0 && !(relayed.has(workflow) && calledPath(workflow).has(name))) {
        const coordinator = `n8n-workflow:${workflow.file}:${workflow.name}`;
        if (!draft.agent(coordinator)) {
          const label = workflow.name || workflow.file.replace(/^.*\//, '').replace(/\.json$/, '');
          draft.addAgent({ key: coordinator, name: `workflow:${label}`, role: 'orchestrator', tools: [], location: { file: workflow.file, line: 1, column: 1 }, terminates: true, deterministic: true });
          draft.markEntry(coordinator);
        }
        for (const entry of entries) draft.addEdge(coordinator, entry, 'delegate', location, pick(entry));
      }
    }
    // An HTTP request to another workflow's webhook (`https://host/webhook/specialist/comms`, or a
    // path the run computes, `'…/specialist/' + $json.lane`): that workflow takes the output of the
    // agents before the request, as an Execute Workflow node would; several possible targets are
    // alternatives, one per request.
    for (const [name, { node, location }] of workflow.nodes) {
      if (!/\.httpRequest$/.test(String(node.type))) continue;
      const url = isRecord(node.parameters) && typeof node.parameters.url === 'string' ? node.parameters.url.replace(/^=/, '') : '';
      const targets = webhookTargets(url, workflow);
      if (targets.length === 0 && !N8N_WEBHOOK.test(url)) continue;
      const plain = (each: string): boolean => !isAgentNode(workflow.nodes.get(each)?.node ?? {});
      const callers = [...workflow.nodes.keys()].filter((candidate) => !plain(candidate) && reachesNode(workflow, candidate, name, plain));
      // An n8n webhook of a workflow that is not among the files read: whose agents take the work on is not known.
      if (targets.length === 0) {
        if (callers.length > 0) problems.push({ ruleId: 'extraction-gap', message: `'${name}' passes the agents' output to an n8n webhook (${url.replace(/^https?:\/\/[^/]+/, '').slice(0, 60)}) of a workflow that is not a file of this repository: what runs there is not read`, location });
        continue;
      }
      for (const target of targets) {
        for (const caller of callers) {
          for (const entry of entryAgents(target)) draft.addEdge(keyOf(workflow, caller), entry, 'data', location, targets.length > 1 ? { exclusive: true, choice: `${workflow.file}:${name}` } : {});
        }
      }
    }
    chainCalledWorkflows(workflow);
  }

  /** The workflows of the run whose webhook an HTTP request node's address (`written`) calls, by the path it ends in. */
  function webhookTargets(written: string, from: Workflow): Workflow[] {
    // The address as far as it is written out: up to the first part computed when the request runs.
    const expression = /^\s*\{\{\s*([\x27\x22\x60])([^\x27\x22\x60]*)\1\s*\+/.exec(written);
    const computed = expression !== null || written.includes('{{');
    const fixed = expression ? (expression[2] ?? '') : written.split('{{')[0] ?? '';
    const path = fixed.replace(/^https?:\/\/[^/]+\/?/, '').replace(/^(webhook|webhook-test)\//, '').replace(/\?.*$/, '');
    if (path === '' || (!computed && path.includes('{{'))) return [];
    const found: Workflow[] = [];
    for (const workflow of workflows) {
      if (workflow === from) continue;
      for (const { node: trigger } of workflow.nodes.values()) {
        if (String(trigger.type) !== 'n8n-nodes-base.webhook') continue;
        const hook = isRecord(trigger.parameters) && typeof trigger.parameters.path === 'string' ? trigger.parameters.path.replace(/^\//, '') : '';
        if (hook !== '' && (computed ? hook.startsWith(path) : hook === path.replace(/\/$/, ''))) found.push(workflow);
      }
    }
    return [...new Set(found)];
  }

  /**
   * A workflow of plain steps that runs sub-workflows one after another (architect, then writer,
   * then editor): what the agents of one call returned is what the next call hands on, so the last
   * agents of the one feed the first agents of the next, round the workflow's loops too (bounded
   * when a loop over items or a counted decision lies on the way).
   */
  function chainCalledWorkflows(workflow: Workflow): void {
    if ([...workflow.nodes.values()].some(({ node }) => isAgentNode(node))) return;
    const calls = new Map<string, { entries: string[]; exits: string[]; location: Location }>();
    for (const [name, { node, location }] of workflow.nodes) {
      if (String(node.type) !== 'n8n-nodes-base.executeWorkflow') continue;
      const parameters = isRecord(node.parameters) ? node.parameters : {};
      const target = findWorkflow(parameters.workflowId, workflow, location);
      if (!target || target === workflow) continue;
      const entries = entryAgents(target, true);
      // A workflow that picks one of several agents per run (a Switch over tone variants): which
      // variant's output the next call gets is not read, and every pairing would be counted.
      if (entries.length === 0 || entries.filter((entry) => pickedEntries(target).has(entry)).length > 1) continue;
      const agents = [...target.nodes].filter(([, each]) => isAgentNode(each.node)).map(([each]) => each);
      const last = agents.filter((each) => reachAgents(target, each).length === 0);
      calls.set(name, { entries, exits: (last.length > 0 ? last : agents).map((each) => keyOf(target, each)), location });
    }
    if (calls.size < 2) return;
    for (const [from, call] of calls) {
      const seen = new Set([from]);
      const queue: Array<{ name: string; through: string[] }> = [{ name: from, through: [] }];
      for (let head = 0; head < queue.length; head++) {
        const current = queue[head] as { name: string; through: string[] };
        for (const step of adjacencyOf(workflow).forward.get(current.name) ?? []) {
          const next = calls.get(step.name);
          if (next) {
            for (const exit of call.exits) for (const entry of next.entries) if (exit !== entry && draft.hasAgent(exit) && draft.hasAgent(entry)) draft.addEdge(exit, entry, 'data', next.location);
            const bounding = loopBound(workflow, current.through);
            if (bounding !== undefined && calls.has(step.name) && (reachesNode(workflow, step.name, from) || step.name === from)) draft.addLoop([...call.exits, ...next.entries], undefined, workflow.nodes.get(bounding)?.location ?? next.location);
            continue;
          }
          if (seen.has(step.name)) continue;
          seen.add(step.name);
          queue.push({ name: step.name, through: [...current.through, step.name] });
        }
      }
    }
  }

  const fragments = draft.toFragments('n8n', (root) => systemNameOf.get(root.key) ?? root.name);

  /**
   * Sub-workflows of the caller's folder exported with neither an id nor a name: a call by id may be
   * to one of them, which nothing in the files says (said in the gap, never guessed).
   */
  function maybeUnnamed(caller: Workflow): string {
    const folder = caller.file.replace(/[^/]*$/, '');
    const unnamed = workflows.filter((each) => each !== caller && each.id === undefined && (each.name === '' || each.name === each.file.split('/').pop()?.replace(/\.json$/, '')) && each.file.startsWith(folder) && calledStarts(each).some((start) => String(each.nodes.get(start)?.node.type) === 'n8n-nodes-base.executeWorkflowTrigger'));
    if (unnamed.length === 0) return '';
    const shown = unnamed.slice(0, 3).map((each) => each.file).join(', ');
    return ` (exported without an id or a name, ${shown}${unnamed.length > 3 ? ` and ${unnamed.length - 3} more` : ''} may be it)`;
  }
  const coverage = fileCoverage(workflows.map((workflow) => ({ file: workflow.file, extractor: 'n8n' })), fragments, problems);
  return { fragments, problems, gaps: problems.filter((problem) => problem.ruleId === 'extraction-gap').length, coverage };

  function modelFor(workflow: Workflow, agentName: string): string | undefined {
    const link = workflow.ai.find((each) => each.to === agentName && each.type === 'ai_languageModel');
    const model = link ? workflow.nodes.get(link.from)?.node : undefined;
    const parameters = model && isRecord(model.parameters) ? model.parameters : {};
    const value = parameters.model ?? parameters.modelName;
    if (typeof value === 'string') return value;
    if (isRecord(value) && typeof value.value === 'string') return value.value;
    const own = workflow.nodes.get(agentName)?.node;
    const ownParameters = own && isRecord(own.parameters) ? own.parameters : {};
    const ownModel = ownParameters.modelId ?? ownParameters.model;
    if (isRecord(ownModel) && typeof ownModel.value === 'string') return ownModel.value;
    if (typeof ownModel === 'string') return ownModel;
    // An HTTP request to a model API names the model in its body (`model: 'gpt-4o'`).
    const body = [ownParameters.jsonBody, ownParameters.body].find((each): each is string => typeof each === 'string');
    return body === undefined ? undefined : /[\x22\x27]?\bmodel[\x22\x27]?\s*:\s*[\x22\x27]([\w.:/-]+)[\x22\x27]/.exec(body)?.[1];
  }
}

/** What a workflow does, as text: its nodes (without their place on the canvas or their ids) and connections. */
function workflowFingerprint(root: Record<string, unknown>): string {
  const nodes = (root.nodes as unknown[]).map((node) => {
    if (!isRecord(node)) return node;
    const { position: _position, id: _id, webhookId: _webhookId, ...rest } = node;
    return rest;
  });
  return JSON.stringify([nodes, root.connections]);
}

/** True when a node's parameters give attendees (a non-empty value under any `attendees` key). */
function hasAttendees(value: unknown, depth = 0): boolean {
  if (depth > 6 || !isRecord(value)) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'attendees' && ((typeof inner === 'string' && inner.trim() !== '') || (Array.isArray(inner) && inner.length > 0))) return true;
    if (isRecord(inner) && hasAttendees(inner, depth + 1)) return true;
  }
  return false;
}

/** True when a node's parameters tell the calendar to email the attendees (`sendUpdates` all or externalOnly, or chosen by an expression). */
function sendsUpdates(value: unknown, depth = 0): boolean {
  if (depth > 6 || !isRecord(value)) return false;
  for (const [key, inner] of Object.entries(value)) {
    if (/^send_?updates$/i.test(key) && typeof inner === 'string' && /^(all|externalOnly)$|^=/.test(inner.trim())) return true;
    if (isRecord(inner) && sendsUpdates(inner, depth + 1)) return true;
  }
  return false;
}

/** An expression that reads the message a workflow was started by: its chat, sender or channel. */
const INCOMING_MESSAGE = /\$\(['"][^'"]*(trigger|webhook)[^'"]*['"]\)|\bchat\.id\b|\bmessage\.(chat|from)\b|\bbody\.|\bchannel_id\b|\buser_id\b|\bevent\.(channel|user)\b|\bfrom\.id\b|\bcontacts\b/i;

/** An expression that reads who sent the message a run answers: its `from`, `sender`, WhatsApp id or chat id. */
const SENDER_FIELD = /\$json(\.|\[['"])(from|sender(_?(id|phone|number))?|wa_?id|remote_?jid|chat_?id)\b/i;

/** True when every expression of a value reads only the workflow's own settings (`$env.OPS_CHAT_ID`, `$vars.owner`). */
function ownerSetting(value: string): boolean {
  const expressions = [...value.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => (match[1] ?? '').trim());
  return expressions.length > 0 && expressions.every((expression) => /^\$(env|vars)(\.\w+|\[['"][^'"]+['"]\])$/.test(expression));
}

/**
 * True when a text's expressions read only named nodes the agent's output never reaches (`{{
 * $('Grab Idea').first().json.title }}` when the sheet row was read before the agent): what it
 * sends does not carry what the agent wrote. Undefined `laterNodes`, `$json`, `$input` or an
 * expression with no named node: false.
 */
function readsOnlyEarlierNodes(value: string, laterNodes: ReadonlySet<string> | undefined): boolean {
  if (!laterNodes) return false;
  const expressions = [...value.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
  if (expressions.length === 0) return false;
  return expressions.every((expression) => {
    if (/\$(json|input|node\b|fromAI|item\b|binary)/.test(expression.replace(/\$\(['"][^'"]*['"]\)/g, ''))) return false;
    const named = [...expression.matchAll(/\$\(['"]([^'"]+)['"]\)/g)].map((match) => match[1] ?? '');
    return named.length > 0 && named.every((name) => !laterNodes.has(name));
  });
}

/** True when an expression reads one of these input fields of the item (`….item.json.chatID`, `$json["chatID"]`). */
function readsField(expression: string, fields: ReadonlySet<string>): boolean {
  for (const field of fields) {
    const escaped = escapeRegExp(field);
    if (new RegExp(`\\.json(\\.${escaped}\\b|\\[['"]${escaped}['"]\\])`).test(expression)) return true;
  }
  return false;
}

/** Every field that carries who wrote in: inputs its callers fill from the message, and fields its own Set nodes read from it. */
function senderFieldsOf(workflow: Workflow): ReadonlySet<string> {
  return new Set([...(workflow.requesterFields ?? []), ...(workflow.senderFields ?? [])]);
}

/**
 * The inputs of each called workflow that its callers fill from the message that started them,
 * directly or through their own such inputs (a chain of sub-workflows): `workflowInputs.value`
 * of a tool workflow or an Execute Workflow node (and the older `fields.values` list).
 * Also the fields each workflow's own Set nodes fill from the incoming message.
 */
function markRequesterFields(workflows: readonly Workflow[], findWorkflow: (reference: unknown, from?: Workflow) => Workflow | undefined): void {
  // Fields a Set node fills from the incoming message (`chat_id = {{ $json.body.data.key.remoteJid }}`) carry the sender too.
  for (const workflow of workflows) {
    for (const { node } of workflow.nodes.values()) {
      if (String(node.type) !== 'n8n-nodes-base.set') continue;
      const parameters = isRecord(node.parameters) ? node.parameters : {};
      const assignments = isRecord(parameters.assignments) && Array.isArray(parameters.assignments.assignments) ? parameters.assignments.assignments : [];
      const older = isRecord(parameters.values) && Array.isArray(parameters.values.string) ? parameters.values.string : [];
      for (const each of [...assignments, ...older].filter(isRecord)) {
        if (typeof each.name === 'string' && typeof each.value === 'string' && each.value.startsWith('=') && INCOMING_MESSAGE.test(each.value)) (workflow.senderFields ??= new Set()).add(each.name);
      }
    }
  }
  // …and so do names a Code node sets from the incoming message's sender (`const message_from =
  // msg.from`, `chat_id: update.message.chat.id`), when it reads the incoming payload.
  for (const workflow of workflows) {
    for (const { node } of workflow.nodes.values()) {
      if (String(node.type) !== 'n8n-nodes-base.code') continue;
      const code = isRecord(node.parameters) && typeof node.parameters.jsCode === 'string' ? node.parameters.jsCode : '';
      if (!/\$input|\$json|\bbody\b|\$\x28[\x27\x22][^\x27\x22]*(trigger|webhook)/i.test(code)) continue;
      for (const match of code.matchAll(/\b(?:const|let|var)?\s*([A-Za-z_]\w*)\s*[:=]\s*[\w$.?\[\]\x27\x22]*?\.(?:from|wa_id|remoteJid|sender|chat\??\.id|from\??\.id)\b(?!\s*\x28)/g)) {
        if (match[1]) (workflow.senderFields ??= new Set()).add(match[1]);
      }
    }
  }
  for (let pass = 0; pass < 5; pass++) {
    let changed = false;
    for (const workflow of workflows) {
      for (const { node } of workflow.nodes.values()) {
        const type = String(node.type);
        if (!type.endsWith('.toolWorkflow') && type !== 'n8n-nodes-base.executeWorkflow') continue;
        const parameters = isRecord(node.parameters) ? node.parameters : {};
        const target = findWorkflow(parameters.workflowId, workflow);
        if (!target || target === workflow) continue;
        const inputs = isRecord(parameters.workflowInputs) && isRecord(parameters.workflowInputs.value) ? parameters.workflowInputs.value : {};
        const listed = isRecord(parameters.fields) && Array.isArray(parameters.fields.values) ? parameters.fields.values : [];
        const pairs: Array<[string, unknown]> = [...Object.entries(inputs), ...listed.filter(isRecord).map((each): [string, unknown] => [String(each.name), each.stringValue ?? each.value])];
        for (const [field, value] of pairs) {
          if (typeof value !== 'string' || !value.startsWith('=')) continue;
          if (!INCOMING_MESSAGE.test(value) && !readsField(value, senderFieldsOf(workflow))) continue;
          target.requesterFields ??= new Set();
          if (target.requesterFields.has(field)) continue;
          target.requesterFields.add(field);
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

/**
 * What `unguarded-irreversible-action` needs to judge a node: `type|operation|resource|flags`,
 * flags saying it only drafts (`status: draft`) or runs a query written out as a read.
 */
function nodeDetail(node: Json, triggers: readonly string[] = [], agentName?: string, requesterFields: ReadonlySet<string> = new Set(), laterNodes?: ReadonlySet<string>, itemOrigin: ItemOrigin = 'agent', keyFromEarlierData?: (value: string) => boolean, forms: readonly string[] = []): string {
  const parameters = isRecord(node.parameters) ? node.parameters : {};
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const operation = text(parameters.operation);
  const resource = text(parameters.resource);
  const flags: string[] = [];
  const fields = isRecord(parameters.additionalFields) ? parameters.additionalFields : {};
  const status = text(parameters.status) || text(fields.status);
  if (status === 'draft') flags.push('draft');
  if (status === 'publish') flags.push('publish');
  // Google Calendar emails the attendees only when told to (`sendUpdates`: all, or outside the domain).
  if (hasAttendees(parameters) && sendsUpdates(parameters)) flags.push('invites');
  // A chat node in a workflow started by the same service's chat trigger answers the person who wrote.
  const service = /^n8n-nodes-base\.(telegram|slack|discord|whatsApp|mattermost|microsoftTeams)/.exec(String(node.type))?.[1];
  const sameServiceTrigger = service !== undefined && triggers.some((trigger) => trigger.toLowerCase().startsWith(`n8n-nodes-base.${service.toLowerCase()}trigger`));
  // …or whose recipient is read from the incoming message (a bot behind a webhook answering the chat it came from).
  const recipient = ['chatId', 'channelId', 'channel', 'to', 'sendTo', 'recipientPhoneNumber', 'user', 'recipient', 'remoteJid']
    .map((key) => parameters[key])
    .map((value) => (isRecord(value) ? value.value : value))
    .filter((value): value is string => typeof value === 'string');
  const answersSender = recipient.some((value) => value.startsWith('=') && (INCOMING_MESSAGE.test(value) || readsField(value, requesterFields)));
  // An email to an address written into the workflow goes to its owner (a digest, a notice).
  const options = isRecord(parameters.options) ? parameters.options : {};
  const emailTo = ['sendTo', 'toEmail', 'toRecipients', 'to', 'email'].flatMap((key) => [parameters[key], options[key]]).filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  const emailNode = /gmail|microsoftOutlook|emailSend|sendGrid|mailgun|mailjet/i.test(String(node.type));
  if (emailNode && emailTo.length > 0 && emailTo.every((value) => !value.includes('{{') || ownerSetting(value))) flags.push('fixed-recipient');
  // An email to the address the person typed into the form that started the run delivers what they asked for.
  else if (emailNode && emailTo.length > 0 && forms.length > 0 && emailTo.every((value) => forms.some((form) => value.includes(`$('${form}')`) || value.includes(`$("${form}")`)))) flags.push('reply-to-trigger');
  // Evolution API (a community node for WhatsApp) answers a chat whose JID it reads from the incoming message.
  const evolution = /\.evolutionApi$/i.test(String(node.type));
  if ((service !== undefined && (sameServiceTrigger || answersSender)) || (evolution && answersSender)) flags.push('reply-to-trigger');
  // A Twilio message in a workflow Twilio's own trigger starts, or to the number that wrote in
  // (`{{ $json.From }}`), answers it; a lead's phone from a web form is no sender.
  const twilio = /^n8n-nodes-base\.twilio$/.test(String(node.type));
  if (twilio && (triggers.some((trigger) => /\.twilioTrigger$/i.test(trigger)) || recipient.some((value) => /\$json(\.|\[['"])From\b/.test(value) || SENDER_FIELD.test(value)))) flags.push('reply-to-trigger');
  // A post through a webhook written into the workflow goes to the one channel its owner set up, like a fixed recipient;
  // so does a Discord post through a webhook credential (the channel is chosen where the webhook was made).
  if (typeof parameters.webhookUri === 'string' && parameters.webhookUri !== '' && !parameters.webhookUri.includes('{{')) flags.push('fixed-recipient');
  if (/\.discord$/.test(String(node.type)) && parameters.authentication === 'webhook') flags.push('fixed-recipient');
  // A chat message to a person's chat or a workspace space written into the node goes where the
  // workflow's owner decided (their own Telegram chat: a positive id; their team's Google Chat
  // space; a WhatsApp number); a placeholder left in it ('Your chat id') is still no recipient the
  // model picks. An id from an expression may come from whoever wrote in; a Telegram group or
  // channel (a negative id, an '@handle') and a Discord server channel reach all their members.
  const chatService = /^n8n-nodes-base\.(telegram|googleChat|microsoftTeams|mattermost|whatsApp)$/.test(String(node.type)) || evolution || twilio;
  const chatTargets = ['chatId', 'channelId', 'spaceId', 'recipientPhoneNumber', 'remoteJid', ...(twilio ? ['to'] : [])]
    .map((key) => parameters[key])
    .map((value) => (isRecord(value) ? value.value : value))
    .filter((value) => value !== undefined);
  // An expression with nothing to evaluate (`=1234567891`) is the literal after its `=`.
  const isFixedTarget = (value: unknown): boolean => typeof value === 'string' && !value.includes('{{') && value.replace(/^\s*=/, '').trim() !== '' && !/^\s*[@-]/.test(value.replace(/^\s*=/, ''));
  if (chatService && chatTargets.length > 0 && chatTargets.every((value) => isFixedTarget(value) || (typeof value === 'string' && ownerSetting(value)))) flags.push('fixed-recipient');
  // A message whose text is written into the workflow (a fixed nurture email) does not carry what
  // the model wrote: every text of the node but its recipients (the subject, an Outlook
  // `bodyContent`, an option) is written out or reads only what came before the agent, and no
  // attachment carries the item it is made from.
  // (Outlook keeps a reply's body among its additional fields.)
  const CONTENT_KEYS = ['message', 'text', 'body', 'html', 'emailBody', 'bodyContent', 'content', 'messageText', 'subject'];
  const content = CONTENT_KEYS.flatMap((key) => [parameters[key], fields[key], options[key]]).filter((value) => value !== undefined);
  const attaches = JSON.stringify(options).includes('attachments') || JSON.stringify(fields).includes('attachments') || parameters.attachments !== undefined;
  const texts = stringsOf(parameters, RECIPIENT_KEYS);
  if (content.length > 0 && !attaches && texts.every((value) => writtenOut(value, laterNodes))) flags.push('fixed-content');
  // Answering the webhook call or the chat that started the run replies to whoever made it.
  if (String(node.type).endsWith('.respondToWebhook') || String(node.type) === '@n8n/n8n-nodes-langchain.chat') flags.push('reply-to-trigger');
  // A query written out as a read stays a read, even when the model fills in a filter value.
  // (Its comments first: `-- Dentists` above the SELECT.)
  const query = text(parameters.query).replace(/^=/, '').replace(/--[^\n]*(\n|$)/g, '\n').replace(/\/\*[\s\S]*?\*\//g, ' ');
  if (/^\s*(select|with|show|explain)\b/i.test(query) && !/;\s*\S/.test(query)) flags.push('static-read');
  // A statement written out whose expressions fill in only keys (`WHERE id = {{ $json.id }}`) is the
  // workflow's own bookkeeping: the model's text is not in it.
  if (operation === 'executeQuery' && query.trim() !== '' && !takesModelOutput(text(parameters.query), agentName, itemOrigin)) flags.push('fixed-statement');
  // A delete whose every expression reads only keys (`{"user_id": "{{ $('Parse Body').item.json.id }}"}`:
  // the sender's buffered messages, a lead moved to another table) is the workflow's own
  // housekeeping: what it removes does not depend on what the model wrote.
  if (/^(delete|remove)/i.test(operation)) {
    const written = stringsOf(parameters, new Set(['operation', 'resource'])).filter((value) => value.includes('{{'));
    if (written.every((value) => readsOnlyEarlierNodes(value, laterNodes) || (!takesModelOutput(value, agentName, itemOrigin) && keyFromEarlierData?.(value) === true))) flags.push('fixed-target');
  }
  // A shell command written out in full (no `={{ … }}` expression in it) runs the same whatever the model wrote.
  const command = text(parameters.command);
  if (/\.(executeCommand|ssh)$/.test(String(node.type)) && command.trim() !== '' && !(command.startsWith('=') && command.includes('{{'))) flags.push('fixed-command');
  // An HTTP request that writes to a service's API sends, posts, pays or deletes there.
  const written = httpWrite(node);
  if (written) {
    flags.push(`http-write:${written}`);
    // A message sent through a messaging API is judged like a chat node's: by whom its body sends
    // it to (`"to": "27820000000"` written out, or the number that wrote in) and what it says.
    if (/messaging/.test(written)) {
      const body = httpBodyTexts(parameters);
      const recipients = body.flatMap(({ key, value }) => (/^(to|chat_?id|recipient|phone(_?number)?|number)$/i.test(key) ? [value] : []));
      if (recipients.length > 0 && recipients.every((value) => !value.includes('{{') && value.trim() !== '')) flags.push('fixed-recipient');
      // …and a message to the number that wrote in, in a workflow a chat message starts, answers it (a lead from a web form is no conversation).
      else if (recipients.length > 0 && triggers.some((trigger) => /(whatsApp|telegram|chat)Trigger$/i.test(trigger)) && recipients.every((value) => INCOMING_MESSAGE.test(value) || readsField(value, requesterFields))) flags.push('reply-to-trigger');
      // …and so does one to the sender of the message a webhook received (`"to": "{{ $json.from }}"`, WhatsApp's
      // webhook parsed by a Code node): the bot's reply in the chat the customer opened. (A lead's `phone` from a
      // web form is no sender: that message starts a conversation.)
      else if (recipients.length > 0 && triggers.some((trigger) => /\.webhook$|(whatsApp|telegram|chat)Trigger$/i.test(trigger)) && recipients.every((value) => SENDER_FIELD.test(value))) flags.push('reply-to-trigger');
      const said = body.filter(({ key }) => !/^(to|chat_?id|recipient|phone(_?number)?|number|messaging_product|type|recipient_type)$/i.test(key));
      if (said.length > 0 && said.every(({ value, literal }) => literal || writtenOut(value, laterNodes))) flags.push('fixed-content');
    }
  }
  // A WhatsApp template message (`template: 'hello_world|en_US'`, no parameter filled in by an
  // expression) says what its approved template says, not what a model wrote.
  if (/\.whatsApp(Tool)?$/.test(String(node.type)) && text(parameters.template) !== '' && !text(parameters.template).includes('{{') && !JSON.stringify(parameters.components ?? {}).includes('{{')) flags.push('fixed-content');
  // A Code tool whose code runs the query it is given (`pool.query(query)`): the model writes the SQL that runs.
  if (/\.toolCode$/.test(String(node.type)) && /\.(query|execute|exec|raw|unsafe)\s*\(\s*query\s*[,)]/.test(text(parameters.jsCode))) flags.push('model-query');
  // An MCP client tool: the server its endpoint names (`…/gmail/sse`), and the tools picked from it.
  if (/mcpClientTool$/.test(String(node.type))) {
    const endpoint = text(parameters.sseEndpoint) || text(parameters.endpointUrl);
    const path = endpoint.replace(/^=/, '').replace(/^https?:\/\/[^/]*/, '').toLowerCase();
    const words = path.split(/[^a-z]+/).filter((word) => word.length > 2 && !['mcp', 'sse', 'tool', 'tools', 'api', 'http', 'https', 'stream'].includes(word));
    if (words.length > 0) flags.push(`mcp-server:${[...new Set(words)].join('-')}`);
    const picked = parameters.include === 'selected' && Array.isArray(parameters.includeTools) ? parameters.includeTools.filter((each): each is string => typeof each === 'string') : undefined;
    if (picked) flags.push(`mcp-tools:${picked.join(',')}`);
  }
  return `${String(node.type)}|${operation}|${resource}|${flags.join(' ')}`;
}

/** Services whose API an HTTP request writes to, by host (and path where the host serves reads too). */
const HTTP_SERVICES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|\.)linkedin\.com\/.*\b(posts|ugcPosts|shares|socialActions)\b/, 'LinkedIn (publishing)'],
  [/(^|\.)(twitter|x)\.com\/.*\b(tweets|statuses\/update)\b/, 'X (publishing)'],
  [/graph\.facebook\.com\/.*\/(messages|feed|photos|media_publish|replies|comments)\b/, 'Meta (publishing or messaging)'],
  [/gmail\.googleapis\.com\/.*\/send\b/, 'Gmail (messaging)'],
  [/graph\.microsoft\.com\/.*\/sendMail\b/, 'Outlook (messaging)'],
  [/api\.(sendgrid\.com|mailgun\.net|brevo\.com|sendinblue\.com|postmarkapp\.com|resend\.com)\//, 'an email service (messaging)'],
  [/api\.twilio\.com\//, 'Twilio (messaging)'],
  [/(api\.wassenger\.com|waba(-v2)?\.360dialog\.io|api\.ultramsg\.com|api\.green-api\.com|api\.z-api\.io)\//, 'a WhatsApp API (messaging)'],
  // Stripe: what moves money or bills someone (a payment link, a product or a customer record charges nobody).
  [/api\.stripe\.com\/v\d+\/(charges|payment_intents|refunds|transfers|payouts|subscriptions|invoices\/[^/?]+\/(pay|send|finalize)|credit_notes|checkout\/sessions\/[^/?]+\/expire|customers\/[^/?]+\/balance_transactions)\b/, 'Stripe (payments)'],
  [/\/wp-json\/wp\/v2\/(posts|pages)\b/, 'WordPress (publishing)'],
  // Services that post to several social networks at once.
  [/(^|\.)(blotato\.com\/v\d+\/posts|ayrshare\.com\/api\/post|upload-post\.com\/api\/upload|getlate\.dev\/api\/v\d+\/posts|publer\.io\/api\/v\d+\/posts|api\.bufferapp\.com\/\d+\/updates\/create)/, 'a social media service (publishing)'],
  [/open\.tiktokapis\.com\/.*\/publish\b|graph\.instagram\.com\/.*\/media_publish\b/, 'TikTok or Instagram (publishing)'],
  [/graph\.threads\.net\/.*\/threads_publish\b/, 'Threads (publishing)'],
];

/** The service an HTTP request node writes to (POST, PUT or PATCH to a known API; DELETE anywhere), or undefined. */
function httpWrite(node: Json): string | undefined {
  if (!/httpRequest$/i.test(String(node.type))) return undefined;
  const parameters = isRecord(node.parameters) ? node.parameters : {};
  const method = String(parameters.method ?? parameters.requestMethod ?? 'GET').toUpperCase();
  const url = String(parameters.url ?? '').replace(/^=/, '').replace(/^https?:\/\//, '');
  // A DELETE to a service beside the workflow (`http://selenium:4444/session/…`, localhost) tidies
  // up its own resources; one to a service on the internet deletes something there.
  const host = /^([^/:?]+)/.exec(url)?.[1] ?? '';
  const beside = host !== '' && !host.includes('{{') && (!host.includes('.') || /^(localhost|127\.|0\.0\.0\.0|host\.docker\.internal$)/.test(host));
  if (method === 'DELETE') return beside ? undefined : 'a DELETE request';
  if (!['POST', 'PUT', 'PATCH'].includes(method)) return undefined;
  const service = HTTP_SERVICES.find(([pattern]) => pattern.test(url))?.[1];
  // WordPress's REST API makes a post a draft unless told to publish it: an update that sets a
  // featured image, or a post whose status is written out as a draft, publishes nothing. A status
  // the workflow computes (`{{ $json.status }}`) may be `publish`.
  const body = JSON.stringify([url, parameters.jsonBody, parameters.body, parameters.bodyParameters, parameters.queryParameters]);
  if (service === 'WordPress (publishing)' && !/\b(publish|future)\b/.test(body)) {
    const status = /\\?"status\\?"\s*:\s*\\?"([^"\\]*)|"name":"=?status","value":"([^"]*)"/.exec(body);
    const written = status?.[1] ?? status?.[2];
    // A status written out as a draft, pending review or private publishes nothing; one computed may be `publish`.
    if (written !== undefined) return /^(draft|pending|private|auto-draft)$/.test(written.trim()) ? undefined : service;
    // No status: a new post is a draft; an edit of an existing post (`/posts/{id}`) changes it where
    // it stands, unless its fields are written out and only set its image or metadata.
    if (!/\/wp\/v2\/(posts|pages)\/[^/?\s]+/.test(url)) return undefined;
    const fields = [...body.matchAll(/"name":"=?(\w+)"|\\?"(\w+)\\?"\s*:/g)].map((match) => match[1] ?? match[2] ?? '').filter((field) => !['name', 'value', 'parameters'].includes(field));
    if (fields.length > 0 && !fields.some((field) => /^(content|title|excerpt|slug)$/.test(field))) return undefined;
  }
  return service;
}

/** Fields in which model nodes return what they wrote (agent `output`, chain `text`, OpenAI `message.content` …), or a query for the node to run. */
const MODEL_OUTPUT_FIELD = /\$(json|input\.(item|first\(\)|last\(\))\.json)\s*(\.|\[['"])\s*(output|text|message|content|choices|candidates|response|completion|answer|reply|generated\w*|query|sql|statement)\b/;

/**
 * True when a query's expressions read what the model wrote: a model-output field of the incoming
 * item, or the agent node itself (`$('Writer')`, `$node["Writer"]`); a whole-expression query
 * (`={{ $json.sql }}` with no statement around it) is the model's own when the item it reads comes
 * from the model (a Code node in between builds its own statements: `$json.log_end_sql`).
 */
function takesModelOutput(query: string, agentName: string | undefined, origin: ItemOrigin = 'agent'): boolean {
  const expressions = [...query.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
  if (origin === 'agent' && query.startsWith('=') && query.replace(/\{\{[\s\S]*?\}\}/g, '').replace(/^=/, '').trim() === '') return true;
  const names = agentName === undefined ? [] : [agentName];
  // After a service node the item is that node's answer (`$json.query` built by a sub-workflow from the request): only the agent named reads what it wrote.
  return expressions.some(
    (expression) => (origin !== 'service' && MODEL_OUTPUT_FIELD.test(expression)) || names.some((name) => expression.includes(`$('${name}')`) || expression.includes(`$("${name}")`) || expression.includes(`$node["${name}"]`)),
  );
}

/**
 * The node that bounds a loop through these plain nodes, if any: Loop Over Items, or an IF/Switch
 * deciding on an iteration counter (named as one, or kept by a Code/Set node of the loop that
 * counts up or down by one).
 */
function loopBound(workflow: Workflow, through: readonly string[]): string | undefined {
  const nodes = through.map((name) => ({ name, node: workflow.nodes.get(name)?.node ?? {} }));
  const typeOf = (node: Json): string => String(node.type);
  const text = (node: Json): string => JSON.stringify(node.parameters ?? {});
  const items = nodes.find(({ node }) => typeOf(node) === 'n8n-nodes-base.splitInBatches');
  if (items) return items.name;
  const decisions = nodes.filter(({ node }) => typeOf(node) === 'n8n-nodes-base.if' || typeOf(node) === 'n8n-nodes-base.switch');
  const named = decisions.find(({ node }) => /runIndex|iteration|attempt|retr(y|ies)|counter|loopCount/i.test(text(node)));
  if (named) return named.name;
  const counts = nodes.some(({ node }) => /\.(code|set|function)$/.test(typeOf(node)) && /[+-]\s*1\b|\+\+|--|runIndex|counter|attempt/.test(text(node)));
  if (counts && decisions[0]) return decisions[0].name;
  // A queue drained row by row: the loop fetches from a table and updates (or deletes) rows of the
  // same table, so each round marks its row done and the rows bound the rounds.
  const storeOf = (node: Json): string | undefined => {
    const parameters = isRecord(node.parameters) ? node.parameters : {};
    const written = ['dataTableId', 'documentId', 'tableId', 'table', 'base', 'databaseId'].map((key) => parameters[key]).find((value) => value !== undefined && value !== '');
    const id = isRecord(written) ? written.value : written;
    return typeof id === 'string' && id !== '' && !id.includes('{{') ? `${typeOf(node).replace(/Tool$/, '')}:${id}` : undefined;
  };
  const operationOf = (node: Json): string => String(isRecord(node.parameters) ? (node.parameters.operation ?? '') : '');
  const fetches = nodes.filter(({ node }) => storeOf(node) !== undefined && /^(get|getAll|read|search|lookup|select|list)/i.test(operationOf(node)));
  const drained = fetches.find((fetch) => nodes.some(({ node }) => storeOf(node) === storeOf(fetch.node) && /^(update|upsert|delete|remove|appendOrUpdate)/i.test(operationOf(node))));
  return drained?.name;
}

/**
 * The service nodes an agent's output reaches on the main path through plain nodes, before any
 * agent or human pause: each with its type and operation (`unguarded-irreversible-action` judges them).
 */
function downstreamNodes(workflow: Workflow, start: string, isAgentNode: (node: Json) => boolean): Array<{ name: string; detail: string; location: Location }> {
  // The triggers that start the agent (a webhook too): only their service's conversation is a reply.
  const reaching = mainReach(workflow, start, 'backward');
  const triggers = reaching.map(({ name }) => String(workflow.nodes.get(name)?.node.type)).filter((type) => /trigger$/i.test(type) || /\.webhook$/.test(type));
  // The forms that start it: an email to the address typed into one answers the person who filled it in.
  const forms = reaching.filter(({ name }) => /\.formTrigger$/.test(String(workflow.nodes.get(name)?.node.type))).map(({ name }) => name);
  const stops = (name: string): boolean => {
    const node = workflow.nodes.get(name)?.node ?? {};
    return isAgentNode(node) || pausesForHuman(node) || joinsApproved(workflow, name, isAgentNode, laterNodes) || approvalGate(workflow, name, isAgentNode);
  };
  // The agent and every node its output can reach: a text that reads none of them carries nothing it wrote.
  const laterNodes = new Set([start, ...mainReach(workflow, start, 'forward').map(({ name }) => name)]);
  return mainReach(workflow, start, 'forward', stops)
    .filter(({ name }) => !PLAIN_NODE.test(String(workflow.nodes.get(name)?.node.type)))
    .map(({ name, location }) => ({ name, detail: nodeDetail(workflow.nodes.get(name)?.node ?? {}, triggers, start, senderFieldsOf(workflow), laterNodes, itemFrom(workflow, name, start), (value) => keyFromEarlierData(workflow, name, value, laterNodes), forms), location: workflow.nodes.get(name)?.location ?? location }));
}

/**
 * True when `name` is an IF, a Switch or a filter that lets items on by an approval another party
 * gave: its condition reads an `approved`/`approval` field of a node that is no model (an HTTP call
 * to a reviewing service, a form, a webhook's answer), by name (`$('Agent Approval').item.json.approved`)
 * or as the item it gets from such a node. A model's own `approved` field approves nothing.
 */
function approvalGate(workflow: Workflow, name: string, isAgentNode: (node: Json) => boolean): boolean {
  const node = workflow.nodes.get(name)?.node ?? {};
  if (!/^n8n-nodes-base\.(if|switch|filter)$/.test(String(node.type))) return false;
  const conditions = JSON.stringify(node.parameters ?? {});
  const FIELD = String.raw`(?:\.|\[\\?['"])(?:is_?)?approv(?:ed|al|e)\b`;
  const reviewer = (each: Json): boolean => !isAgentNode(each) && !PLAIN_NODE.test(String(each.type)) && !/langchain|openAi/i.test(String(each.type));
  const named = [...conditions.matchAll(new RegExp(String.raw`\$\(\\?['"]([^'"\\]+)\\?['"]\)\.(?:item|first\(\)|last\(\)|all\(\)\[\d+\])\.json${FIELD}`, 'g'))].map((match) => match[1] ?? '');
  if (named.length > 0) return named.every((each) => reviewer(workflow.nodes.get(each)?.node ?? {}));
  if (!new RegExp(String.raw`\$json${FIELD}`).test(conditions)) return false;
  const feeders = (adjacencyOf(workflow).backward.get(name) ?? []).map((step) => workflow.nodes.get(step.name)?.node ?? {});
  return feeders.length > 0 && feeders.every(reviewer);
}

/**
 * True when the item fields an expression reads (`{{ $json.user_id }}`) come from data, not from a
 * model: every node feeding `name` is a service node (a database row, an API's answer), or a Set
 * node that fills each such field from nodes before the agent or with text written out. A Code
 * node in between may have parsed the model's answer: not known, so not data.
 */
function keyFromEarlierData(workflow: Workflow, name: string, value: string, laterNodes: ReadonlySet<string>): boolean {
  // The run's own keys (`doc_text_{{ $execution.id }}`), the clock and settings are no model's choice.
  const expressions = [...value.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
  if (expressions.length > 0 && expressions.every((expression) => /\$(execution|workflow|now|today|env|vars)\b/.test(expression) && !/\$(json|input|fromAI|node\b|\()/.test(expression))) return true;
  const fields = [...value.matchAll(/\$json(?:\.(\w+)|\[['"](\w+)['"]\])/g)].map((match) => match[1] ?? match[2] ?? '');
  if (fields.length === 0 || /\$(input|fromAI|node\b)/.test(value)) return false;
  /** A service node's own data (a row it found, an API's answer; not code, not a model), also through an IF, a Switch or a filter. */
  const isData = (node: Json, depth = 0): boolean => {
    const type = String(node.type);
    if (PASS_THROUGH_NODE.test(type)) {
      if (depth > 2) return false;
      const before = (adjacencyOf(workflow).backward.get(String(node.name)) ?? []).map((step) => workflow.nodes.get(step.name)?.node ?? {});
      return before.length > 0 && before.every((each) => isData(each, depth + 1));
    }
    return !PLAIN_NODE.test(type) && !/langchain|openAi|\.(code|function|functionItem)$/i.test(type);
  };
  /** A Set node's value: written out, read from nodes before the agent, or read from service data by name (`$('Find User').item.json.id`). */
  const fromData = (text: string): boolean => {
    if (!text.includes('{{') || readsOnlyEarlierNodes(text, laterNodes)) return true;
    if (/\$(json|input|fromAI|node\b)/.test(text.replace(/\$\(['"][^'"]*['"]\)/g, ''))) return false;
    const named = [...text.matchAll(/\$\(['"]([^'"]+)['"]\)/g)].map((match) => match[1] ?? '');
    return named.length > 0 && named.every((each) => isData(workflow.nodes.get(each)?.node ?? {}));
  };
  const feeders = (adjacencyOf(workflow).backward.get(name) ?? []).map((step) => workflow.nodes.get(step.name)?.node ?? {});
  return (
    feeders.length > 0 &&
    feeders.every((feeder) => {
      if (String(feeder.type) !== 'n8n-nodes-base.set') return isData(feeder);
      const assignments = isRecord(feeder.parameters) && isRecord(feeder.parameters.assignments) && Array.isArray(feeder.parameters.assignments.assignments) ? feeder.parameters.assignments.assignments : [];
      return fields.every((field) => {
        const assigned = assignments.find((each) => isRecord(each) && each.name === field);
        return isRecord(assigned) && typeof assigned.value === 'string' && fromData(assigned.value);
      });
    })
  );
}

/**
 * True when two or more parallel branches (agent nodes) all lead, along main connections, into
 * one Merge node: n8n runs a Merge once its inputs are in, so it joins what the branches made.
 */
function mergeJoiningAll(workflow: Workflow, branches: readonly string[]): boolean {
  if (new Set(branches).size < 2) return false;
  let common: Set<string> | undefined;
  for (const branch of new Set(branches)) {
    const merges = mainReach(workflow, branch, 'forward')
      .map((each) => each.name)
      .filter((each) => String(workflow.nodes.get(each)?.node.type) === 'n8n-nodes-base.merge');
    common = common === undefined ? new Set(merges) : new Set(merges.filter((each) => common?.has(each)));
    if (common.size === 0) return false;
  }
  return true;
}

/**
 * True for a Merge node that waits for every input (combine modes, choose branch) where one of
 * its inputs comes through a pause for a person (a send-and-wait, a form) that the agent's output
 * reaches: what leaves it waits for that person, whatever the other inputs carry.
 */
function joinsApproved(workflow: Workflow, name: string, isAgentNode: (node: Json) => boolean, afterAgent: ReadonlySet<string>): boolean {
  const node = workflow.nodes.get(name)?.node ?? {};
  if (String(node.type) !== 'n8n-nodes-base.merge') return false;
  const parameters = isRecord(node.parameters) ? node.parameters : {};
  const mode = String(parameters.mode ?? '');
  if (!/^(combine|chooseBranch|multiplex|mergeByIndex|mergeByKey)/.test(mode)) return false;
  // Items left unpaired go on by themselves: the join does not wait for the other input.
  const options = isRecord(parameters.options) ? parameters.options : {};
  if (options.includeUnpaired === true || /^(keepEverything|enrichInput)/.test(String(parameters.joinMode ?? '')) || /^(outer|left)$/.test(String(parameters.join ?? ''))) return false;
  let paused = false;
  mainReach(workflow, name, 'backward', (each) => {
    const before = workflow.nodes.get(each)?.node ?? {};
    // A pause the agent's output goes through (a form before the agent asks something else).
    if (pausesForHuman(before) && afterAgent.has(each)) paused = true;
    return paused || isAgentNode(before);
  });
  return paused;
}

/**
 * The workflow a `.txt` file holds: its JSON, without anything pasted after it (a title, a second
 * copy); a text that is no JSON document is a note, left out with a gap rather than an error.
 */
function workflowText(file: SourceFile, problems: Problem[]): string | undefined {
  try {
    JSON.parse(file.text);
    return file.text;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const end = /after JSON at position (\d+)/.exec(message)?.[1];
    if (end !== undefined) {
      const head = file.text.slice(0, Number(end));
      try {
        JSON.parse(head);
        return head;
      } catch {
        // Not a document followed by text: fall through.
      }
    }
    problems.push({ ruleId: 'extraction-gap', message: 'a .txt file that starts like an n8n workflow but is not valid JSON: not read', location: { file: file.path, line: 1, column: 1 } });
    return undefined;
  }
}

/** A workflow tool's description that says it only reports to the person the agent works for ("Send a notification to the user"). */
const TELLS_OWN_USER = /\b(to|notify|notifies|inform|informs|tell|tells|alert|alerts|update|updates)\s+(the\s+)?(user|requester|owner|operator|admin)\b/i;

/** The nodes a node's parameters read by name: `$('Name')`, `$("Name")`, `$node["Name"]`. */
function referencedNodes(node: Json): string[] {
  const text = JSON.stringify(node.parameters ?? {});
  const names = [...text.matchAll(/\$\(\\?["']([^"'\\]+)\\?["']\)|\$node\[\\?["']([^"'\\]+)\\?["']\]/g)].map((match) => match[1] ?? match[2] ?? '');
  return [...new Set(names.filter((name) => name !== ''))];
}

/** The agent a node is, or the nearest agents whose output reaches it through plain nodes. */
function agentsBehind(workflow: Workflow, name: string, isAgentNode: (node: Json) => boolean): string[] {
  const isAgent = (each: string): boolean => isAgentNode(workflow.nodes.get(each)?.node ?? {});
  if (isAgent(name)) return [name];
  // Met going back, an agent is collected and not passed through.
  const found: string[] = [];
  mainReach(workflow, name, 'backward', (each) => {
    if (!isAgent(each)) return false;
    found.push(each);
    return true;
  });
  return found;
}

/**
 * True when a text sends nothing the model wrote: n8n evaluates a parameter only when it starts
 * with `=` (`Hi {{ $json.name }}` without it is sent as written; a text that is one `{{ … }}` and
 * nothing else is an expression that lost its `=`); an evaluated text whose expressions read only
 * nodes before the agent, or only fill a greeting in a written-out template (`Hi {{
 * $json.sender_name }},` and a fixed thank-you), says what the workflow's author wrote.
 */
function writtenOut(value: string, laterNodes: ReadonlySet<string> | undefined): boolean {
  const evaluated = /^\s*=/.test(value) || /^\s*\{\{[\s\S]*\}\}\s*$/.test(value);
  return !evaluated || !value.includes('{{') || readsOnlyEarlierNodes(value, laterNodes) || fillsInNamesOnly(value);
}

/** Fields that name who a message is for or about (a greeting's name, a company, an order or ticket reference), never prose. */
const NAME_FIELD = /^((first|last|full|display|sender|customer|client|contact|user|company|recipient|lead|guest|clinic|business)_?name|name|company|(order|ticket|invoice|booking|reference|quote|case)_?(number|id|no|ref))$/i;

/**
 * True when a text around its expressions is written out (at least a few words of its own) and
 * every expression only reads name-like fields of the item (`{{ $json.sender_name }}`, `{{
 * $json.firstName || 'there' }}`): a template that greets, not a message the model wrote.
 */
function fillsInNamesOnly(value: string): boolean {
  const expressions = [...value.matchAll(/\{\{([\s\S]*?)\}\}/g)].map((match) => match[1] ?? '');
  // The words written out: around the expressions, and in the strings they join (`{{ "Alert: " + $json.clinic_name }}`).
  const quoted = expressions.flatMap((expression) => expression.match(/'[^']*'|"[^"]*"/g) ?? []).join(' ');
  const around = `${value.replace(/^\s*=/, '').replace(/\{\{[\s\S]*?\}\}/g, ' ')} ${quoted}`.replace(/<[^>]*>/g, ' ');
  if (expressions.length === 0 || (around.match(/[\p{L}]{2,}/gu) ?? []).length < 4) return false;
  return expressions.every((expression) => {
    // Quoted fallbacks (`|| 'there'`) and text joined on (`"Alert: " + …`) say nothing the model wrote.
    const code = expression.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, "''");
    const fields = [...code.matchAll(/\$json(?:\.(\w+)|\[''\])/g)];
    const rest = code.replace(/\$json(?:\.\w+|\[''\])/g, '').replace(/''|\|\||\?\?|[\s()+]|\.(trim|toUpperCase|toLowerCase)\(\)/g, '');
    return fields.length > 0 && rest === '' && fields.every((field) => field[1] !== undefined && NAME_FIELD.test(field[1]));
  });
}

/**
 * The fields of an HTTP request's body with their text: a JSON body written out (`{"to": "…",
 * "text": {"body": "…"}}`, read as JSON when it parses and by its `"key": "value"` pairs when it
 * holds expressions), and body parameters by name.
 */
function httpBodyTexts(parameters: Record<string, unknown>): Array<{ key: string; value: string; literal: boolean }> {
  const found: Array<{ key: string; value: string; literal: boolean }> = [];
  const raw = typeof parameters.jsonBody === 'string' ? parameters.jsonBody : typeof parameters.body === 'string' ? parameters.body : '';
  // The `=` that marks the whole body as an expression applies to each of its fields.
  const evaluated = /^\s*=/.test(raw);
  // A body that is not an expression is sent as written, `{{ … }}` and all: its fields say nothing the model wrote.
  const pair = /"(\w+)"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (const match of raw.replace(/^\s*=/, '').matchAll(pair)) found.push({ key: match[1] ?? '', value: `${evaluated ? '=' : ''}${match[2] ?? ''}`, literal: !evaluated });
  // An expression outside any quoted field (`"body": {{ JSON.stringify($json.output) }}`) fills a field of its own: kept, under no key.
  const loose = [...raw.replace(pair, '').matchAll(/\{\{[\s\S]*?\}\}/g)].map((match) => match[0]);
  if (evaluated && loose.length > 0) found.push({ key: '', value: `=${loose.join(' ')}`, literal: false });
  const listed = isRecord(parameters.bodyParameters) && Array.isArray(parameters.bodyParameters.parameters) ? parameters.bodyParameters.parameters : [];
  for (const each of listed.filter(isRecord)) if (typeof each.name === 'string' && typeof each.value === 'string') found.push({ key: each.name, value: each.value, literal: false });
  return found;
}

/** Parameters that name who a message goes to, not what it says. */
const RECIPIENT_KEYS: ReadonlySet<string> = new Set(['sendTo', 'toEmail', 'toRecipients', 'to', 'email', 'cc', 'bcc', 'ccList', 'bccList', 'chatId', 'channelId', 'channel', 'spaceId', 'recipientPhoneNumber', 'user', 'recipient', 'messageId', 'threadId', 'fromEmail', 'from', 'operation', 'resource']);

/** Every string under a parameter object, leaving out the keys given (at any depth). */
function stringsOf(value: unknown, skipped: ReadonlySet<string>, depth = 0): string[] {
  if (depth > 12) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((each) => stringsOf(each, skipped, depth + 1));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, each]) => (skipped.has(key) ? [] : stringsOf(each, skipped, depth + 1)));
}

/** The nodes no main connection leads to: its triggers, and nodes that hang off none. */
function rootsOf(workflow: Workflow): string[] {
  const targets = new Set(workflow.main.map((edge) => edge.to));
  return [...workflow.nodes.keys()].filter((name) => !targets.has(name));
}

/** Where a called workflow starts: its sub-workflow triggers, else every node nothing leads to. */
function calledStarts(workflow: Workflow): string[] {
  const roots = rootsOf(workflow);
  const triggers = roots.filter((name) => String(workflow.nodes.get(name)?.node.type) === 'n8n-nodes-base.executeWorkflowTrigger');
  return triggers.length > 0 ? triggers : roots;
}

/** Nodes that hand on the items they get unchanged (they only route, filter or wait). */
const PASS_THROUGH_NODE = /^n8n-nodes-base\.(if|switch|filter|merge|noOp|wait|limit|sort|removeDuplicates|splitInBatches)$/;

/**
 * Where the items `name` gets come from, seen from the agent `start`: `agent`, its own items
 * (straight, or through nodes that pass items on unchanged); `reshaped`, through Code or Set nodes
 * (or a service node that hands back the row it wrote) that may carry what it wrote; `service`,
 * only through a service node after it (an executed sub-workflow, an API call, a query), whose
 * answer is the item.
 */
function itemFrom(workflow: Workflow, name: string, start: string): ItemOrigin {
  const typeOf = (each: string): string => String(workflow.nodes.get(each)?.node.type);
  const reaches = (passes: (each: string) => boolean): boolean => mainReach(workflow, name, 'backward', (each) => each !== start && !passes(each)).some((each) => each.name === start);
  if (reaches((each) => PASS_THROUGH_NODE.test(typeOf(each)))) return 'agent';
  // A service node that writes a row hands back the row it wrote (a Sheets append, an Airtable
  // create, a database insert through its own operation): what the agent wrote is still in the item.
  const writesBack = (each: string): boolean => {
    const parameters = workflow.nodes.get(each)?.node.parameters;
    return isRecord(parameters) && /^(append|appendOrUpdate|create|insert|upsert|update)$/i.test(String(parameters.operation ?? ''));
  };
  return reaches((each) => PLAIN_NODE.test(typeOf(each)) || writesBack(each)) ? 'reshaped' : 'service';
}

type ItemOrigin = 'agent' | 'reshaped' | 'service';

/** Nodes that only shape or route data: never an effect of their own. */
const PLAIN_NODE = /^n8n-nodes-base\.(if|switch|set|code|function|functionItem|merge|noOp|splitInBatches|filter|itemLists|splitOut|aggregate|sort|limit|removeDuplicates|dateTime|wait|stickyNote|respondToWebhook|executeWorkflowTrigger|html|markdown|xml|crypto|compareDatasets|renameKeys)$/;

/**
 * The nodes reached from `start` along main connections (forward, or backward to what starts it),
 * breadth-first; a node `stops` refuses is neither listed nor passed through. Each with the
 * location of the connection that reached it.
 */
function mainReach(workflow: Workflow, start: string, direction: 'forward' | 'backward', stops: (name: string) => boolean = () => false): Array<{ name: string; location: Location }> {
  const next = adjacencyOf(workflow)[direction];
  const seen = new Set([start]);
  const reached: Array<{ name: string; location: Location }> = [];
  // Going back from a Loop Over Items node itself (a body node reads `$('Loop').item`): its items are what entered from outside.
  const queue: Array<{ name: string; via?: string; output?: number }> = [direction === 'backward' && batchLoopBody(workflow, start) ? { name: start, via: start, output: 1 } : { name: start }];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as { name: string; via?: string; output?: number };
    const body = current.via === undefined ? undefined : batchLoopBody(workflow, current.name);
    for (const step of next.get(current.name) ?? []) {
      if (body && !batchLoopPasses(body, direction, current, step)) continue;
      if (seen.has(step.name)) continue;
      seen.add(step.name);
      if (stops(step.name)) continue;
      reached.push({ name: step.name, location: step.location });
      queue.push({ name: step.name, via: current.name, output: step.output });
    }
  }
  return reached;
}

/** A workflow's main connections by node, each way (the node at the other end, the output index, where it is written), built once. */
function adjacencyOf(workflow: Workflow): NonNullable<Workflow['adjacency']> {
  if (!workflow.adjacency) {
    const forward = new Map<string, Array<{ name: string; location: Location; output: number }>>();
    const backward = new Map<string, Array<{ name: string; location: Location; output: number }>>();
    const add = (map: typeof forward, key: string, step: { name: string; location: Location; output: number }): void => {
      const list = map.get(key);
      if (list) list.push(step);
      else map.set(key, [step]);
    };
    for (const edge of workflow.main) {
      add(forward, edge.from, { name: edge.to, location: edge.location, output: edge.output });
      add(backward, edge.to, { name: edge.from, location: edge.location, output: edge.output });
    }
    workflow.adjacency = { forward, backward };
  }
  return workflow.adjacency;
}

/**
 * The nodes of a Loop Over Items node's body (what its loop output, output 1, reaches before
 * coming back to it); undefined for other nodes, and for the older single-output form.
 */
function batchLoopBody(workflow: Workflow, name: string): ReadonlySet<string> | undefined {
  if (String(workflow.nodes.get(name)?.node.type) !== 'n8n-nodes-base.splitInBatches') return undefined;
  workflow.batchLoops ??= new Map();
  if (!workflow.batchLoops.has(name)) {
    const { forward } = adjacencyOf(workflow);
    const starts = (forward.get(name) ?? []).filter((step) => step.output === 1).map((step) => step.name);
    let body: Set<string> | undefined;
    if (starts.length > 0) {
      body = new Set(starts);
      const queue = [...starts];
      for (let head = 0; head < queue.length; head++) {
        for (const step of forward.get(queue[head] as string) ?? []) {
          if (step.name === name || body.has(step.name)) continue;
          body.add(step.name);
          queue.push(step.name);
        }
      }
    }
    workflow.batchLoops.set(name, body);
  }
  return workflow.batchLoops.get(name);
}

/**
 * Whether data goes on through a Loop Over Items node along this step: items handed back by the
 * loop's body leave by its done output (0), never into the body again (the next round is the next
 * item, not what the body made of this one); going back from the body, only what enters from
 * outside feeds it.
 */
function batchLoopPasses(body: ReadonlySet<string>, direction: 'forward' | 'backward', current: { via?: string; output?: number }, step: { name: string; output: number }): boolean {
  if (direction === 'forward') return !(current.via !== undefined && body.has(current.via) && step.output !== 0);
  return !(current.output === 1 && body.has(step.name));
}

/** A chat model node, or an HTTP request to a chat endpoint: a model call of its own. */
function isModelStep(node: Json): boolean {
  const type = String(node.type);
  if (/^@n8n\/n8n-nodes-langchain\.lmChat/.test(type)) return true;
  if (!/httpRequest$/.test(type)) return false;
  const parameters = isRecord(node.parameters) ? node.parameters : {};
  const url = String(parameters.url ?? '');
  // A model is called by a POST (n8n's default is GET): polling a batch's status or reading a
  // stored response (`GET /v1/messages/batches/{id}`) asks no model anything.
  const method = String(parameters.method ?? parameters.requestMethod ?? 'GET').toUpperCase();
  if (method !== 'POST') return false;
  if (/chat\/completions|:generateContent|\/v1\/responses\b/.test(url)) return true;
  // Anthropic's Messages API: `/v1/messages` is also the path of WhatsApp and SMS APIs
  // (`api.wassenger.com/v1/messages`), so its host or a request naming a model must say it is a model.
  const body = parameters.jsonBody ?? parameters.body ?? parameters.bodyParameters ?? '';
  const bodyText = typeof body === 'string' ? body : JSON.stringify(body);
  return /\/v1\/messages\b(?!\/batches)/.test(url) && (/anthropic/i.test(url) || /\bmodel["']?\s*[:=]|"name":"model"/.test(bodyText));
}

/** True when a node's settings let the run go on after it fails (n8n's "On Error: Continue", either output). */
function continuesOnError(node: Json): boolean {
  return node.continueOnFail === true || (typeof node.onError === 'string' && /^continue/.test(node.onError));
}

/** An address on an n8n instance's webhook path (`https://host/webhook/chat`, `…/webhook-test/…`): another workflow's trigger. */
const N8N_WEBHOOK = /^\s*(\{\{\s*[\x27\x22\x60])?https?:\/\/[^/\s]+\/(webhook|webhook-test)\/[^\s]/;

/** A node that stops the flow until a person answers: a Wait on a webhook or form, a send-and-wait, a form, a chat turn. */
function pausesForHuman(node: Json): boolean {
  const parameters = isRecord(node.parameters) ? node.parameters : {};
  // A Wait node waits for a person only when it resumes on a webhook or a form; a timed wait waits for the clock.
  const waitsForPerson = String(node.type) === 'n8n-nodes-base.wait' && (parameters.resume === 'webhook' || parameters.resume === 'form');
  // A "Respond to Chat" node that the flow goes on from waits for the user's answer.
  return waitsForPerson || parameters.operation === 'sendAndWait' || String(node.type).endsWith('.form') || String(node.type) === '@n8n/n8n-nodes-langchain.chat';
}

/** The first nodes met going back from a node through plain nodes (Set, IF, Merge …): what feeds it. */
function firstNodesBefore(workflow: Workflow, name: string): string[] {
  const found: string[] = [];
  mainReach(workflow, name, 'backward', (each) => {
    const plain = PLAIN_NODE.test(String(workflow.nodes.get(each)?.node.type)) && !pausesForHuman(workflow.nodes.get(each)?.node ?? {});
    if (!plain) found.push(each);
    return !plain;
  });
  return found;
}

function reachesNode(workflow: Workflow, from: string, target: string, passes: (name: string) => boolean = () => true): boolean {
  return mainReach(workflow, from, 'forward', (name) => name !== target && !passes(name)).some((step) => step.name === target);
}
