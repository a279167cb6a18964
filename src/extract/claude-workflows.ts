// Workflows written for Claude Code's main session in CLAUDE.md, commands and skills: explicit
// sequences of known subagents, read as work the main session relays from one to the next.
import { escapeRegExp, type Location } from '../model/index.js';

/** One step of written work: the main session hands what `from` produced to `to`. */
export interface WorkflowLink {
  from: string;
  to: string;
  location: Location;
  /** A quality gate sending work back to an earlier agent. */
  back: boolean;
  /** The most rounds written for that loop (`at most 3 times`). */
  bound?: number;
  /** The steps of the written order it joins (a numbered step, a place in a line): a chain moves forward through them. */
  steps: { from: string; to: string };
}

/** A label or line that shows what not to do (`# BAD — …`, `❌ Wrong:`, `Don't: …`, `Anti-pattern:`). */
const COUNTER_EXAMPLE = /^[\s#>*_-]*(?:❌|✗|🚫|\b(?:BAD|WRONG|INCORRECT|DON'?T|AVOID|NEVER)\b|\bAnti-?pattern\b|\bBad example\b)/i;
/** The good example's label that ends a counter-example (`# GOOD — …`, `✅ Right:`). */
const GOOD_EXAMPLE = /^[\s#>*_-]*(?:✅|✓|\b(?:GOOD|RIGHT|CORRECT|DO)\b)/i;

const ARROW = /→|->|=>|⟶|⇒/;
/** A numbered step that starts an agent (`5. Spawn the specialist with …`). */
const STARTS_AGENT_STEP = /^\s*(?:#{1,6}\s*)?\d+[.)]\s*(?:\*\*[^*]{1,40}\*\*\s*[—–:-]?\s*)?(?:spawn|invoke|launch|dispatch|delegate to)\b/i;
const ARROWS = /→|->|=>|⟶|⇒/g;
/** Words just before a name that say it is not the one meant ("the builder (NOT the planner)", "instead of `writer`"). */
const NEGATED = /\b(?:not|never|instead of|rather than|except|avoid)\s+(?:(?:use|call|invoke|run)\s+)?(?:the\s+|an?\s+)?$/i;
const NUMBERED = /^\s*(?:\d+[.)]|#{1,6}\s*(?:(?:step|phase|stage)\s*\d+\b|\d+[.)]\s))/i;
const HEADING = /^\s*#{1,6}\s/;
/** Headings over a numbered list that make it an order of work, or a roster of who is there. */
const SEQUENCE_HEADING = /\b(workflow|process|pipeline|steps?|sequence|order|flow|procedure|how to|playbook|routine|phases?|stages?)\b/i;
const ROSTER_HEADING = /\b(agents|subagents|team|roster|available|members|specialists|who)\b/i;
/** Headings over a numbered list of advice: each item stands alone, whatever agents it names. */
const ADVICE_HEADING = /\b(tips?|best practices?|guidelines?|principles?|rules?|notes?|dos|don'?ts|faq|advice|conventions?|reminders?|pitfalls?|anti-?patterns?|troubleshooting)\b/i;
/** A line that only labels what follows (`**Flow**:`, `Sequential:`): it says what the list under it is, like a heading. */
const LABEL = /^\s*(?:\*\*[^*]{1,60}\*\*:?|[A-Z][\w ()/&-]{0,40}:)\s*$/;
/** A line that ends in a colon and says that what follows runs side by side. */
const PARALLEL_LEAD = /\b(in parallel|parallel|simultaneously|concurrently|at the same time|at once|in a single message|in one message)\b[^:]*:\s*$|\b(in parallel|simultaneously|concurrently|at the same time|in a single message|in one message)\b.*:\**\s*$/i;
/** Words before a name in a step that say the step runs that agent. */
const RUNS = /\b(use|uses|using|run|runs|invoke|call|delegate|launch|ask|have|spawn|dispatch|hand|pass|send|start|trigger|with)\b/i;
const THEN = /\b(then|after that|afterwards|followed by|next,?|once (?:that|it|this) (?:is done|completes|finishes))\b/i;
const AFTER = /\b(?:after|once|when)\s+(?:the\s+)?$/i;
const BACK = /\b(?:back to|return(?:s|ing)? (?:it|the work|the draft|the code)? ?to|re-?run|loop(?:s|ing)? back to)\s+(?:the\s+)?$/i;
/** Work sent back to an earlier numbered step ("feed the findings back to step 1 and repeat", "repeat from step 2"). */
const BACK_TO_STEP = /\b(?:back to|return to|repeat(?: from)?|restart (?:from|at)|loop back to)\s+(?:step|phase|stage)\s*(\d+)\b/i;
/** A name followed by "again": that agent works once more on what came after it ("use @task-planner again"). */
const AGAIN = /^[`*"'\]]*\s*(?:(?:sub-?)?agent\s+)?again\b/i;
const BOUND = /\b(?:max(?:imum)?(?: of)?|up to|at most|no more than|limit(?:ed)? to)\s+(\d+)\s*(?:times|iterations|rounds|attempts|cycles|loops|passes|revisions)?\b|\b(\d+)\s+(?:times|iterations|rounds|attempts|cycles|revisions)\s+at most\b/i;

/** The code fence a line leaves the text in: opened by ``` or ~~~, closed by the same mark (or a longer one). */
function fenceAfter(line: string, fence: string | undefined): string | undefined {
  const mark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
  if (mark === undefined || (fence !== undefined && !mark.startsWith(fence))) return fence;
  return fence === undefined ? mark : undefined;
}

/** A numbered step of a written order, with the agents it names. */
interface Step {
  id: string;
  number: number;
  keys: string[];
  location: Location;
  /** The `Parallel:` label it stands under (steps under one label run side by side). */
  group?: number;
  /** Agents of the step that hand on to a later one within it (`First: a` / `Then: b`). */
  feeds?: Set<string>;
  /** True when the step is numbered inside a code block (a sample of output, unless a heading says it is an order). */
  fenced?: boolean;
  /** Its agents named only as one choice of a table (`case → agent`). */
  choices?: Set<string>;
  /** Agents of the step that take from an earlier one within it. */
  fed?: Set<string>;
}

interface Mention {
  key: string;
  start: number;
  end: number;
}

/**
 * Finds the known subagents a line names. A name counts as written when it is set apart
 * (`code-reviewer`, **planner**, @planner), carries a hyphen or an underscore, or is followed by
 * "agent"/"subagent": a plain word such as "planner" in prose names nobody.
 */
function mentionsIn(line: string, names: ReadonlyMap<string, string>): Mention[] {
  const found: Mention[] = [];
  const lower = line.toLowerCase();
  // On a line with arrows, the words at either end of each arrow's segment (`planner → builder`,
  // `| checker → planner |`, `checker REJECT → return to builder`) stand apart as names.
  const segmentStarts = new Set<number>();
  const segmentEnds = new Set<number>();
  if (ARROW.test(lower)) {
    let from = 0;
    for (const arrow of [...lower.matchAll(ARROWS), { index: lower.length, 0: '' }]) {
      // What stands in parentheses (`forecaster (at most 2 times)`) is a note on the name, not the segment's end.
      const segment = lower.slice(from, arrow.index).replace(/\([^)]*\)/g, (note) => ' '.repeat(note.length));
      const words = [...segment.matchAll(/[a-z0-9][\w-]*/g)];
      const first = words[0];
      const last = words.at(-1);
      if (first) segmentStarts.add(from + first.index);
      if (last) segmentEnds.add(from + last.index + last[0].length);
      from = arrow.index + arrow[0].length;
    }
  }
  // A numbered step, and the agents it names as "the <name>" (`3. Then the planner writes the plan`).
  const numberedStep = /^\s*\d+[.)]\s/.test(lower);
  const theNames = numberedStep ? [...names.keys()].filter((name) => new RegExp(`\\bthe\\s+${escapeRegExp(name)}(?![\\w-])`).test(lower)) : [];
  for (const [name, key] of names) {
    const variants = [...new Set([name, name.replace(/[-_]/g, ' ')])];
    for (const variant of variants) {
      let from = 0;
      for (;;) {
        const index = lower.indexOf(variant, from);
        if (index < 0) break;
        from = index + variant.length;
        const before = lower[index - 1] ?? ' ';
        const after = lower[index + variant.length] ?? ' ';
        if (/[a-z0-9_-]/.test(before) || /[a-z0-9_-]/.test(after)) continue;
        // A part of a path or a file name (`orchestrator/dispatch.py`, `agents/planner.md`) names a file, not the agent.
        // (`code-reviewer/security-auditor` is two agents: no file name or folder follows.)
        if (/^[/\\][\w.-]*(\.[a-z0-9]+\b|[/\\])|^\.[a-z0-9]/.test(lower.slice(index + variant.length))) continue;
        const distinctive = /[-_]/.test(variant) && variant === name;
        // `1. designer` — a numbered step that is just the agent's name.
        const stepName = variant === name && /^\s*\d+[.)]\s*$/.test(lower.slice(0, index)) && /^\s*($|\(|[-—–:])/.test(lower.slice(index + variant.length));
        // `└─ planner`: an item of a drawn tree stands apart as a name.
        const treeItem = variant === name && /[└├]─+\s*$/.test(lower.slice(0, index));
        // `3. Then the planner produces a plan`: in a numbered step, the agent it is about, named as one.
        // (One such name only: "the orchestrator invokes the reviewer" is one agent at work on another.)
        const stepSubject = variant === name && numberedStep && theNames.length === 1 && /\bthe\s+$/.test(lower.slice(0, index));
        const setApart = stepName || treeItem || stepSubject || /[`*@"'[]/.test(before) || /[`*"'\]]/.test(after);
        const called = /^\s+(?:sub-?)?agents?\b/.test(lower.slice(index + variant.length));
        const arrowed = segmentStarts.has(index) || segmentEnds.has(index + variant.length);
        if (!distinctive && !setApart && !called && !arrowed) continue;
        found.push({ key, start: index, end: index + variant.length });
      }
    }
  }
  found.sort((a, b) => a.start - b.start);
  // A name inside a longer one (`reviewer` in `code-reviewer`) is that longer name.
  return found.filter((mention, index) => !found.some((other, at) => at !== index && other.start <= mention.start && other.end >= mention.end && other.end - other.start > mention.end - mention.start));
}

/**
 * The explicit chains of known subagents in one Markdown file: arrows (`a → b → c`), numbered
 * steps or `Step N` headings each naming agents, "X …, then Y", "after X …, Y", and a quality
 * gate that sends work "back to" an earlier agent (with the most rounds, when written). Only
 * sequences that name known agents; prose that merely lists them links nothing.
 */
export function workflowLinks(path: string, text: string, names: ReadonlyMap<string, string>, reading: 'all' | 'tables-and-arrows' = 'all'): WorkflowLink[] {
  const links: WorkflowLink[] = [];
  const seen = new Set<string>();
  /** Where each agent first works in the written order. */
  const firstStep = new Map<string, string>();
  const stepOf = (key: string, step: string): string => {
    if (!firstStep.has(key)) firstStep.set(key, step);
    return step;
  };
  const add = (from: string, to: string, line: number, column: number, steps: { from: string; to: string }, back = false, bound?: number): void => {
    if (from === to) return;
    const id = `${from}>${to}`;
    if (seen.has(id)) return;
    seen.add(id);
    links.push({ from, to, location: { file: path, line, column }, back, ...(bound !== undefined && { bound }), steps });
  };
  /** Arrows (and, in prose, "then") between consecutive names or groups of names on one line. */
  const chainLinks = (line: string, lineNumber: number, forward: readonly Mention[], prose: boolean): void => {
    // Names joined by `+` or `&` (`tester + qa + security`) work side by side: one link of a chain.
    const groups: Mention[][] = [];
    for (const mention of forward) {
      const last = groups.at(-1);
      const previous = last?.at(-1);
      if (last && previous && /^[\s`*]*[+&][\s`*]*$/.test(line.slice(previous.end, mention.start))) last.push(mention);
      else groups.push([mention]);
    }
    // Arrows and "then" between consecutive names (or groups of names) on one line.
    for (let at = 1; at < groups.length; at++) {
      const before = groups[at - 1] as Mention[];
      const after = groups[at] as Mention[];
      const a = before.at(-1) as Mention;
      const b = after[0] as Mention;
      const between = line.slice(a.end, b.start);
      // An arrow between the two names alone (`planner` → `coder`, `planner (plans) → coder`);
      // prose around it ("no backend → skip backend-dev, no UI → skip ui-designer") orders nothing.
      // (A bracketed note between two steps, `reviewer → [fix loop] → committer`, is no agent either.)
      const bare = between.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
      // An elided chain (`entrance → researcher → … → evaluator`) leaves out who stands between.
      const arrowOnly = ARROW.test(bare) && !/[A-Za-z]{2,}/.test(bare.replace(/\b(?:sub-?)?agents?\b/gi, '')) && !/\.\.\.|…/.test(bare);
      if (!arrowOnly && !(prose && THEN.test(between))) continue;
      for (const from of before) for (const to of after) add(from.key, to.key, lineNumber, to.start + 1, { from: stepOf(from.key, `L${lineNumber}:${before[0]?.start}`), to: stepOf(to.key, `L${lineNumber}:${after[0]?.start}`) });
    }
  };
  const lines = text.split(/\r?\n/);
  let inFrontMatter = lines[0]?.trim() === '---';
  /** Numbered steps, in lists: a heading that is no step, or numbering that starts again, ends a list. */
  const lists: Step[][] = [];
  let list: Step[] | undefined;
  let step: Step | undefined;
  /** The last agent named on the line before, for an order written one line at a time. */
  let previousMention: (Mention & { line: number }) | undefined;
  /** The line of a `Parallel:` label the numbered steps now stand under. */
  let parallelLabel: number | undefined;
  let heading = '';
  /**
   * `### Step N` headings and the numbered steps under each (`1. Take the report`, `2. Invoke the
   * tester`): the last agents of one heading's steps feed the first agents of the next heading's.
   */
  const sections: Array<{ head: Step; inner: Step[] }> = [];
  let section: { head: Step; inner: Step[] } | undefined;
  /**
   * Commands and skills are procedures: their numbered lists are orders of work. A skill is its
   * SKILL.md; the other files of its folder are reference material (a handbook's index of roles).
   */
  const procedure = /(^|\/)commands\//.test(path) || /(^|\/)skills\/[^/]+\/SKILL\.md$/.test(path);
  /** The fence of the code block the line is in (a sample of output, a template), if any. */
  let fence: string | undefined;
  /** Inside a counter-example: what not to do. */
  let counterExample = false;
  /** The Markdown table the line is in: the column naming who does each row's step, when its rows are ordered phases. */
  let table: { agentColumn: number; orderColumn: number; steps: Step[]; lastOrder?: string } | undefined;
  /** In an agent's own instructions: the numbered steps led by an agent, read so far. */
  let led: { steps: Step[]; last: number } | undefined;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    if (inFrontMatter) {
      if (index > 0 && line.trim() === '---') inFrontMatter = false;
      return;
    }
    fence = fenceAfter(line, fence);
    // A table of phases and who does each (`| Phase | Agent | Input | Output |`): its rows, in order,
    // are steps; agents in one cell (`tester + qa + security`) work side by side. A table whose rows
    // are no order (a case and the agent for it) links nothing.
    const cells = fence === undefined && /^\s*\|.*\|\s*$/.test(line) ? line.trim().slice(1, -1).split('|').map((cell) => cell.trim()) : undefined;
    if (cells) {
      if (table === undefined) {
        const plain = cells.map((cell) => cell.replace(/[`*_]/g, '').trim().toLowerCase());
        const agentColumn = plain.findIndex((cell) => /^(?:sub-?)?agents?$|^who$/.test(cell));
        // Rows keyed by their phase (the phase column before the agent's); a table keyed by agent
        // (`| Agent | Phase | Expected artifact |`) is a roster.
        const orderColumn = plain.findIndex((cell) => /^(?:#|no\.?|phase|step|stage|order|seq(?:uence)?)$/.test(cell));
        const ordered = orderColumn >= 0 && orderColumn < agentColumn && !counterExample;
        table = { agentColumn: ordered ? agentColumn : -1, orderColumn, steps: [] };
        if (ordered) lists.push(table.steps);
      } else if (table.agentColumn >= 0 && !/^[\s|:-]+$/.test(line)) {
        const keys = cellAgents(cells[table.agentColumn] ?? '', names);
        const order = (cells[table.orderColumn] ?? '').replace(/[`*_]/g, '').trim().toLowerCase();
        const previous = table.steps.at(-1);
        if (keys.length > 0 && previous && order !== '' && order === table.lastOrder) {
          // Rows of the same phase (`| 3 | tester |`, `| 3 | qa |`) work side by side: one step.
          for (const key of keys) if (!previous.keys.includes(key)) previous.keys.push(key);
          for (const key of keys) stepOf(key, previous.id);
        } else if (keys.length > 0) {
          const row: Step = { id: `T${lineNumber}`, number: table.steps.length + 1, keys, location: { file: path, line: lineNumber, column: 1 } };
          for (const key of keys) stepOf(key, row.id);
          table.steps.push(row);
        }
        if (keys.length > 0) table.lastOrder = order;
      }
      // Other tables' cells are read like lines (`| reviewer → data-collector |` routes work back).
      if (table.agentColumn >= 0) return;
    } else table = undefined;
    // A counter-example (`# BAD — spawn a, wait, then spawn b`, `❌ Don't …`) orders nothing, nor do
    // the lines under its label up to a blank line or the good example.
    if (COUNTER_EXAMPLE.test(line)) counterExample = true;
    else if (line.trim() === '' || GOOD_EXAMPLE.test(line)) counterExample = false;
    if (counterExample) return;
    const mentions = mentionsIn(line, names).filter((mention) => !NEGATED.test(line.slice(0, mention.start).replace(/[`*@"'[(]+$/, '')));
    // An agent's own instructions are read for their tables and arrow chains only: their numbered
    // lists and prose are the agent's own procedure, full of conditions that name agents.
    if (reading === 'tables-and-arrows') {
      // (A pipeline drawn in a code block is read for its arrows between names alone.)
      chainLinks(line, lineNumber, mentions, false);
      if (fence !== undefined) return;
      // A numbered step led by the agent that does it (`2. **Draft** — \`writer\`: …`) orders the work;
      // a step that names agents further on (in a condition, an aside) does not.
      const stepNumber = NUMBERED.exec(line);
      const lead = mentions[0];
      if (HEADING.test(line) && !stepNumber) led = undefined;
      // A step that starts an agent no file defines (`5. Spawn the specialist …`) stands between the
      // steps around it: the order does not pass work from the one before it to the one after.
      if (stepNumber && !lead && STARTS_AGENT_STEP.test(line)) led = undefined;
      // (Also one that says it starts the agent: `4. Spawn \`tester\` with the criteria`.)
      if (!stepNumber || !lead || !/^\s*(?:#{1,6}\s*)?(?:(?:step|phase|stage|krok)\s*)?\d+[.)]?\s*(?:\*\*[^*]{1,40}\*\*\s*[—–:-]?\s*)?(?:(?:spawn|invoke|launch|dispatch|run|start|call|use)\s+(?:the\s+)?)?[`*@"']*$/i.test(line.slice(0, lead.start))) return;
      const number = Number(/\d+/.exec(stepNumber[0])?.[0] ?? 0);
      if (!led || led.last >= number) {
        led = { steps: [], last: number };
        lists.push(led.steps);
      }
      led.last = number;
      const row: Step = { id: `N${lineNumber}`, number, keys: [lead.key], location: { file: path, line: lineNumber, column: lead.start + 1 } };
      stepOf(lead.key, row.id);
      led.steps.push(row);
      return;
    }
    // Numbered steps: what a step and the lines under it name feed the next step's agents.
    // A numbered heading is a step only when it names an agent (`### 1. **qa-tester**`): a document's
    // numbered sections (`### 1. Role`, `### 7. Handoff protocol`) are no order of work.
    const numbered = /^\s*#{1,6}\s*\d+[.)]\s/.test(line) && mentions.length === 0 ? null : NUMBERED.exec(line);
    if (numbered) {
      const number = Number(/\d+/.exec(numbered[0])?.[0] ?? 0);
      if (!list || (list.at(-1)?.number ?? 0) >= number) {
        list = [];
        lists.push(list);
      }
      const previous = list.at(-1);
      if (parallelLabel !== undefined && previous?.group === parallelLabel) {
        // Steps under a `Parallel:` label run side by side: one step of the order.
        previous.number = number;
        step = previous;
      } else {
        step = { id: `S${lists.length}.${list.length + 1}`, number, keys: [], location: { file: path, line: lineNumber, column: 1 }, ...(parallelLabel !== undefined && { group: parallelLabel }), ...(fence !== undefined && { fenced: true }) };
        list.push(step);
      }
      if (/^\s*#{1,6}\s*(step|phase|stage)\s*\d+\b/i.test(line)) {
        section = { head: step, inner: [] };
        sections.push(section);
      } else if (section && !section.inner.includes(step)) {
        section.inner.push(step);
      }
    } else if (HEADING.test(line)) {
      heading = line;
      list = undefined;
      step = undefined;
      section = undefined;
    } else if (LABEL.test(line)) {
      // A label keeps the list going (`Sequential:` 1–2, `Parallel:` 3–5): numbering that starts again ends it.
      heading = line;
      parallelLabel = /\bparallel\b/i.test(line) ? lineNumber : undefined;
    } else if (PARALLEL_LEAD.test(line) && !/\b(not|never|avoid|don'?t|rather than|instead of)\b[^:]*\b(parallel|simultaneous|concurrent|at the same time|at once|single message|one message)/i.test(line)) {
      // "Launch these agents simultaneously in a single message:": the steps under it run side by side.
      parallelLabel = lineNumber;
    }
    if (HEADING.test(line)) parallelLabel = undefined;
    const bound = BOUND.exec(line);
    const limit = bound ? Number(bound[1] ?? bound[2]) : undefined;
    // A quality gate: "… send it back to `writer`".
    const backTargets = new Set<string>();
    for (const mention of mentions) {
      if (!BACK.test(line.slice(0, mention.start).replace(/[`*@"'[]+$/, ''))) continue;
      const source = mentions.filter((other) => other.start < mention.start && other.key !== mention.key).at(-1) ?? (step?.keys.length === 1 ? { key: step.keys[0] as string, start: 0 } : undefined);
      if (source) {
        // From where the source works now back to where the target first worked.
        const here = step ? step.id : `L${lineNumber}:${source.start}`;
        add(source.key, mention.key, lineNumber, mention.start + 1, { from: stepOf(source.key, here), to: firstStep.get(mention.key) ?? `L${lineNumber}:${mention.start}` }, true, limit);
        backTargets.add(mention.key);
      }
    }
    // "Use @planner again": back from the agents of the step before to that agent.
    const earlier = list?.filter((each) => each !== step && each.keys.length > 0).at(-1);
    for (const mention of mentions) {
      if (backTargets.has(mention.key) || !AGAIN.test(line.slice(mention.end)) || !firstStep.has(mention.key)) continue;
      // From the agent named before it on the line ("use @fixer, then use @reviewer again"), else from the step before.
      const before = mentions.filter((other) => other.start < mention.start && other.key !== mention.key).at(-1);
      const sources = before ? [{ key: before.key, step: step?.id ?? `L${lineNumber}:${before.start}` }] : (earlier?.keys ?? []).map((key) => ({ key, step: earlier?.id ?? `L${lineNumber}` }));
      for (const source of sources) add(source.key, mention.key, lineNumber, mention.start + 1, { from: stepOf(source.key, source.step), to: firstStep.get(mention.key) as string }, true, limit);
      backTargets.add(mention.key);
    }
    // "feed the findings back to step 1 and repeat": from the agents of this step (or the last
    // step before it that names any) back to the agents of step 1.
    const backToStep = BACK_TO_STEP.exec(line);
    const target = backToStep && list ? list.find((each) => each.number === Number(backToStep[1]) && each !== step) : undefined;
    if (target) {
      const from = step && step.keys.length > 0 ? step : earlier;
      for (const source of from?.keys ?? []) {
        for (const key of target.keys) add(source, key, lineNumber, (backToStep?.index ?? 0) + 1, { from: from?.id ?? `L${lineNumber}`, to: target.id }, true, limit);
      }
    }
    const forward = mentions.filter((mention) => !backTargets.has(mention.key));
    chainLinks(line, lineNumber, forward, true);
    // Lines that continue an order written one per line (`First: a` / `Then: b` / `Finally: c`).
    // (Lettered sub-steps of a numbered step, `a. Call the implementor` / `b. Call the tester`, are one such order.)
    const continues = /^[\s│├└─>*+•-]*(then|next|finally|after that|afterwards)\b/i.test(line) || (step !== undefined && /^\s+[a-h][.)]\s/.test(line));
    if (continues && forward[0] && previousMention && previousMention.key !== forward[0].key) {
      const first = forward[0];
      add(previousMention.key, first.key, lineNumber, first.start + 1, { from: stepOf(previousMention.key, `L${previousMention.line}:${previousMention.start}`), to: stepOf(first.key, `L${lineNumber}:${first.start}`) });
      // Within a numbered step, only the first of its order takes the step before, and only the last feeds the next.
      if (step) {
        (step.feeds ??= new Set()).add(previousMention.key);
        (step.fed ??= new Set()).add(first.key);
      }
    }
    if (forward.length > 0) previousMention = { ...(forward.at(-1) as Mention), line: lineNumber };
    else if (line.trim() !== '' && !/^[\s│├└─>*+•-]*$/.test(line)) previousMention = continues ? previousMention : undefined;
    // "after `planner` finishes, run `coder`".
    for (let at = 1; at < forward.length; at++) {
      const a = forward[at - 1] as Mention;
      const b = forward[at] as Mention;
      if (AFTER.test(line.slice(0, a.start).replace(/[`*@"'[]+$/, ''))) add(a.key, b.key, lineNumber, b.start + 1, { from: stepOf(a.key, `L${lineNumber}:${a.start}`), to: stepOf(b.key, `L${lineNumber}:${b.start}`) });
    }
    if (step) {
      // A numbered roster of agents ("1. `planner` — plans the work") orders nothing: a step counts
      // under a heading that says it is an order of work, in a command or skill, or when it runs the
      // agent. A list numbered in a command's code block is a sample of what it shows ("1. qa-e2e: High
      // demand during release cycles"), no order of its own: there a heading or label must say it is one.
      const advice = ADVICE_HEADING.test(heading);
      const ordered = !advice && !ROSTER_HEADING.test(heading) && ((procedure && step.fenced !== true) || SEQUENCE_HEADING.test(heading) || /^\s*(sequential|parallel)\b/i.test(heading));
      // A line that maps a case to an agent (`- \`swift\` → Swift (swift-executor)`, `test failure → tester`):
      // its agents are choices of a table. (An arrow before the line's first agent; `planner` →
      // `coder` is an order, not a table.)
      const choice = forward[0] !== undefined && ARROW.test(line.slice(0, forward[0].start));
      for (const mention of forward) {
        const runs = !advice && (ordered || RUNS.test(line.slice(0, mention.start)));
        if (runs && choice && !step.keys.includes(mention.key)) (step.choices ??= new Set()).add(mention.key);
        if (runs && !choice) step.choices?.delete(mention.key);
        if (runs && !step.keys.includes(mention.key)) step.keys.push(mention.key);
        if (runs) stepOf(mention.key, step.id);
      }
    }
  });
  treeLinks(lines, names, add);
  // Two tables of choices one after the other (pick the executor by language, then by file type)
  // are two ways of choosing one agent, not work passed from one to the next.
  const choosing = (each: Step): boolean => each.keys.every((key) => each.choices?.has(key) === true);
  // From the last agents at work under one step heading to the first under the next.
  for (let at = 1; at < sections.length; at++) {
    const before = sections[at - 1] as (typeof sections)[number];
    const after = sections[at] as (typeof sections)[number];
    if (after.head.number <= before.head.number) continue;
    const working = (each: Step): boolean => each.keys.length > 0 && !choosing(each);
    const from = [...before.inner].reverse().find(working) ?? (working(before.head) ? before.head : undefined);
    const to = (working(after.head) ? after.head : undefined) ?? after.inner.find(working);
    if (!from || !to || from === to) continue;
    for (const source of from.keys) for (const target of to.keys) if (source !== target) add(source, target, to.location.line, to.location.column, { from: from.id, to: to.id });
  }
  for (const steps of lists) {
    const named = steps.filter((each) => each.keys.length > 0);
    for (let at = 1; at < named.length; at++) {
      const previous = named[at - 1] as (typeof named)[number];
      const next = named[at] as (typeof named)[number];
      if (choosing(previous) && choosing(next)) continue;
      for (const from of previous.keys.filter((key) => !previous.feeds?.has(key))) {
        for (const to of next.keys.filter((key) => !next.fed?.has(key))) add(from, to, next.location.line, next.location.column, { from: previous.id, to: next.id });
      }
    }
  }
  return links;
}

/**
 * The known subagents a table cell names: the cell as a list (`tester + qa + security*`,
 * `architect, qa`), each item a name once its marks are taken off, else the names written apart in it.
 */
function cellAgents(cell: string, names: ReadonlyMap<string, string>): string[] {
  // Marks around a name (`qa`, **qa**, _qa_, a footnote's `*`), not the underscores inside one (`qa_lead`).
  const items = cell.split(/\s*(?:[+,&/]|\band\b)\s*/).map((item) => item.trim().replace(/^[`*@_"']+|[`*@_"']+$/g, '').toLowerCase());
  const keys = items.map((item) => names.get(item)).filter((key): key is string => key !== undefined);
  const found = keys.length > 0 ? keys : mentionsIn(cell, names).map((mention) => mention.key);
  return [...new Set(found)];
}

/**
 * An order drawn as a tree in a code block under a heading that says it is one (`## Pipeline`):
 * each item (`├─ api-dev`, `└─ web-dev`) takes the work of the nearest item above it, less
 * indented, that names an agent (`└─ approved` names none: its items take the reviewer's); `← after
 * api-dev` on an item adds that agent's work too.
 */
function treeLinks(lines: readonly string[], names: ReadonlyMap<string, string>, add: (from: string, to: string, line: number, column: number, steps: { from: string; to: string }) => void): void {
  let fence: string | undefined;
  let heading = '';
  let ordered = false;
  let stack: Array<{ column: number; keys: string[]; step: string }> = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const next = fenceAfter(line, fence);
    if (next !== fence) {
      fence = next;
      ordered = fence !== undefined && SEQUENCE_HEADING.test(heading) && !ADVICE_HEADING.test(heading);
      stack = [];
      return;
    }
    if (fence === undefined) {
      if (HEADING.test(line) || LABEL.test(line)) heading = line;
      return;
    }
    if (!ordered || line.trim() === '') return;
    const glyph = /[└├]─/.exec(line);
    const column = glyph ? glyph.index : line.length - line.trimStart().length;
    const after = line.indexOf('←');
    const mentions = mentionsIn(line, names);
    const keys = [...new Set(mentions.filter((mention) => after < 0 || mention.start < after).map((mention) => mention.key))];
    const step = `T${lineNumber}`;
    while (stack.length > 0 && (stack[stack.length - 1] as { column: number }).column >= column) stack.pop();
    const parent = [...stack].reverse().find((entry) => entry.keys.length > 0);
    if (glyph && parent) for (const from of parent.keys) for (const to of keys) add(from, to, lineNumber, (mentions.find((mention) => mention.key === to)?.start ?? 0) + 1, { from: parent.step, to: step });
    // `← after api-dev`: that agent's work comes first too.
    if (after >= 0) for (const mention of mentions.filter((each) => each.start > after)) for (const to of keys) add(mention.key, to, lineNumber, mention.start + 1, { from: `${step}:after`, to: step });
    stack.push({ column, keys, step });
  });
}

/** Subagent types Claude Code has built in. */
const BUILT_IN_AGENTS = new Set(['general-purpose', 'explore', 'plan', 'statusline-setup', 'output-style-setup']);

/** Every `subagent_type` a text names (`subagent_type="aca:planner"`, `subagent_type: "writer"`), as written, with where. */
function subagentTypesIn(text: string): Array<{ written: string; line: number; column: number }> {
  const found: Array<{ written: string; line: number; column: number }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const match of line.matchAll(/\bsubagent_type\s*[=:]\s*[`"']?([\w.-]+(?::[\w.-]+)?)/g)) found.push({ written: match[1] as string, line: index + 1, column: (match.index ?? 0) + 1 });
  });
  return found;
}

/**
 * Agents a text assigns steps to by a label (`**Agent**: qa-engineer`, `- Delegate to: \`test-runner\``):
 * hyphenated names only, so that prose after a label is never taken for one.
 */
function labelledAgentsIn(text: string): Array<{ written: string; line: number; column: number }> {
  const found: Array<{ written: string; line: number; column: number }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^[ \t>*-]*\**(?:Agent|Subagent|Sub-agent|Delegate(?:s)? to|Assigned to|Handled by)\**[ \t]*:[ \t]*\**[ \t]*`?([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`?/i.exec(line);
    if (match) found.push({ written: match[1] as string, line: index + 1, column: line.indexOf(match[1] as string) + 1 });
    // "Use the `product-strategist` subagent", "invoke the code-checker agent".
    for (const named of line.matchAll(/\b(?:use|invoke|run|call|launch|spawn|start|deploy|dispatch|delegate to|hand (?:it|this|the \w+) to)\s+(?:an?\s+|the\s+)?`?([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`?\s+(?:sub-?agent|agent)\b/gi)) {
      if (named[1] !== match?.[1]) found.push({ written: named[1] as string, line: index + 1, column: (named.index ?? 0) + named[0].indexOf(named[1] as string) + 1 });
    }
  });
  return found;
}

/** The agents a text assigns steps to by a label that no agent file of the run defines (built-in agents aside). */
export function unknownLabelledAgents(path: string, text: string, names: ReadonlyMap<string, string>): Array<{ name: string; location: Location }> {
  const seen = new Set<string>();
  return labelledAgentsIn(text)
    .filter(({ written }) => subagentKeyOf(written, names) === undefined && !BUILT_IN_AGENTS.has(written.toLowerCase()) && !seen.has(written.toLowerCase()) && seen.add(written.toLowerCase()) !== undefined)
    .map(({ written, line, column }) => ({ name: written, location: { file: path, line, column } }));
}

/** The key of the subagent a written type names: by its name, or by the agent part of `plugin:agent`. */
function subagentKeyOf(written: string, names: ReadonlyMap<string, string>): string | undefined {
  const lower = written.toLowerCase();
  return names.get(lower) ?? names.get(lower.replace(/^[\w.-]+:/, ''));
}

/**
 * The known subagents a subagent's instructions hand parts of its work to by name (`delegate to
 * \`api-builder\` agent`, `**Agent**: qa-engineer`, "use the code-checker subagent"), once each.
 */
export function delegatedSubagents(text: string, names: ReadonlyMap<string, string>): string[] {
  return [...new Set(labelledAgentsIn(text).flatMap(({ written }) => subagentKeyOf(written, names) ?? []))];
}

/** The known subagents a text starts by their type (`subagent_type="example-creator"`), once each. */
export function startedSubagentTypes(text: string, names: ReadonlyMap<string, string>): string[] {
  return [...new Set(subagentTypesIn(text).flatMap(({ written }) => subagentKeyOf(written, names) ?? []))];
}

/**
 * The subagent types a file starts that no agent file of the run defines (a plugin's, a user's
 * own): Claude Code's built-in agents (general-purpose, Explore, Plan) are known.
 */
export function unknownSubagentTypes(path: string, text: string, names: ReadonlyMap<string, string>): Array<{ name: string; location: Location }> {
  return subagentTypesIn(text)
    .filter(({ written }) => subagentKeyOf(written, names) === undefined && !BUILT_IN_AGENTS.has(written.toLowerCase()))
    .map(({ written, line, column }) => ({ name: written, location: { file: path, line, column } }));
}
