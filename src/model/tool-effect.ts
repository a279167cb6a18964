import type { Tool } from './agent.js';

/**
 * Deciding whether a tool acts on the world in a way that cannot be taken back, from what a
 * static reader can see: a declaration, the tool's type (a shell, code execution, computer use,
 * an MCP server for messaging or payments, a workflow node's operation), or the leading verb of
 * its name. A read or preparation verb never acts: `get_refund_policy`, `draft_refund` and
 * `escalate_to_supervisor` change nothing for good, whatever other words stand in the name.
 */

/** Verbs whose action cannot be undone once taken. */
export const ACTING_VERBS: readonly string[] = [
  'send', 'email', 'mail', 'notify', 'reply', 'post', 'tweet', 'publish', 'broadcast',
  'pay', 'charge', 'refund', 'transfer', 'wire', 'withdraw', 'purchase', 'checkout', 'buy', 'sell', 'trade', 'order', 'book', 'reserve',
  'delete', 'remove', 'destroy', 'drop', 'purge', 'truncate', 'wipe', 'cancel', 'terminate', 'revoke',
  'deploy', 'release', 'merge', 'push', 'execute', 'exec', 'submit',
  // uploading hands a file to a destination others see; emptying a trash or a bin deletes for good
  'upload', 'empty',
  // moving funds or tokens on a ledger: a signed transaction is not taken back
  'stake', 'unstake', 'lend', 'borrow', 'repay', 'swap', 'burn', 'mint',
];

/** Verbs that read, look up or prepare: a tool led by one never acts. */
export const READING_VERBS: readonly string[] = [
  'get', 'list', 'search', 'read', 'lookup', 'look', 'fetch', 'find', 'query', 'retrieve', 'view', 'show', 'describe',
  'draft', 'preview', 'check', 'validate', 'verify', 'escalate', 'calculate', 'compute', 'estimate', 'analyze', 'analyse',
  'summarize', 'summarise', 'plan', 'prepare', 'suggest', 'recommend', 'compose', 'format', 'parse', 'classify', 'extract',
  'count', 'explain', 'translate', 'review', 'inspect', 'scan', 'browse', 'load', 'download', 'monitor', 'track',
  'compare', 'evaluate', 'score', 'rank', 'simulate', 'diagnose', 'research', 'locate', 'detect', 'identify', 'generate',
  'think', 'ask', 'request', 'propose', 'recall', 'remember',
  // A browser's looking around: a page's snapshot or screenshot, going to a page, hovering, scrolling.
  'snapshot', 'screenshot', 'navigate', 'hover', 'scroll',
];

/**
 * Verbs that, with a booking, a reservation, a seat or an invitation as their object, commit
 * someone else's inventory or reach other people. A calendar entry (an event, a meeting, an
 * appointment) made or moved can be moved back or cancelled: that alone is no irreversible act
 * (cancelling or deleting one is, by its own verb).
 */
const PUSHED_THINGS = new Set(['git', 'repo', 'repository', 'branch', 'branches', 'commit', 'commits', 'changes', 'code', 'origin', 'remote', 'tag', 'tags', 'notification', 'notifications', 'message', 'messages', 'production', 'prod', 'live', 'release', 'image', 'package']);
const CALL_STARTERS = new Set(['initiate', 'make', 'place', 'start', 'trigger', 'launch']);
const CALL_THINGS = new Set(['call', 'calls', 'phone', 'voicemail', 'sms']);
const SOFTWARE_CALLS = new Set(['api', 'function', 'tool', 'http', 'webhook', 'rpc', 'method', 'service', 'llm', 'model']);

const SCHEDULING_VERBS = new Set(['create', 'schedule', 'make', 'add', 'reschedule', 'move', 'set', 'update', 'change']);
const SCHEDULED_THINGS = new Set(['booking', 'bookings', 'invite', 'invites', 'invitation', 'invitations', 'reservation', 'reservations', 'seat', 'seats']);

/** Verbs of writing text that, with a piece of text as their object, compose it and send nothing (`write_bull_post`). */
const WRITING_VERBS = new Set(['write', 'craft', 'author', 'rewrite', 'edit', 'polish']);
const TEXT_THINGS = new Set(['post', 'posts', 'tweet', 'tweets', 'thread', 'email', 'emails', 'mail', 'message', 'messages', 'reply', 'replies', 'caption', 'captions', 'article', 'blog', 'copy', 'text', 'content', 'newsletter', 'story', 'headline', 'headlines', 'comment']);

/** Acting words that are nouns as well: they act only when they lead the name (`email_customer`, not `response_email`). */
const NOUNS_TOO = new Set(['email', 'mail', 'message', 'reply', 'tweet']);
/** What a tool named for booking as a whole ends in: it is the one that books. */
const BOOKING_DOERS = new Set(['tool', 'agent', 'service', 'expert', 'specialist', 'assistant']);
/** Events `post_` comes after as a prefix (`post_sale`, `post_booking`, `post_call`): "after", not a post. */
const AFTER_EVENTS = new Set(['booking', 'sale', 'sales', 'call', 'meeting', 'purchase', 'visit', 'interview', 'mortem', 'launch', 'session', 'event', 'stay', 'treatment', 'surgery', 'op', 'operative', 'discharge', 'appointment', 'trip', 'checkout', 'delivery', 'install', 'installation', 'onboarding', 'processing', 'release', 'deploy', 'deployment', 'match', 'game', 'class', 'lecture', 'workout', 'shift']);

/** Parts of a document or a notebook being edited: removing one edits the document, and destroys nothing else. */
const EDITED_PARTS = new Set(['cell', 'cells', 'line', 'lines', 'paragraph', 'paragraphs', 'sentence', 'sentences', 'word', 'words', 'block', 'blocks', 'text', 'character', 'characters', 'highlight', 'highlights']);

/** Lists a user puts together before acting on them: what is taken out of one can be put back. */
const WORKING_SETS = new Set(['cart', 'basket', 'wishlist', 'watchlist', 'favorites', 'favourites', 'selection', 'shortlist', 'bag']);

/** Files and documents a tool makes: a name ending in one makes that file (`create_post_file`). */
const FILE_THINGS = new Set(['file', 'files', 'doc', 'docs', 'document', 'documents', 'markdown', 'md', 'pdf', 'json', 'csv', 'txt', 'draft', 'drafts', 'outline', 'template', 'templates', 'note', 'notes']);

/** Doers of a read or of a draft: after a thing-naming lead they name the thing they work on (`Email Parser Tool`). */
const READING_DOERS = new Set(['parser', 'reader', 'extractor', 'summarizer', 'summariser', 'analyzer', 'analyser', 'validator', 'classifier', 'formatter', 'generator', 'checker', 'writer', 'drafter', 'composer', 'scanner', 'monitor', 'tracker', 'fetcher', 'searcher', 'finder', 'viewer', 'builder', 'translator', 'converter', 'categorizer', 'categoriser', 'tagger', 'sorter', 'ranker', 'scorer', 'reviewer', 'inspector', 'detector', 'estimator', 'calculator', 'planner', 'researcher', 'assistant', 'agent', 'expert', 'specialist', 'manager', 'template', 'templates']);

/** Acting words that name a thing as well, read as that thing when a reading verb follows (`order_lookup`). */
const NOUN_LEADS = new Set([...NOUNS_TOO, 'order', 'orders', 'book', 'post', 'posts', 'transfer', 'charge', 'refund', 'payment', 'booking', 'reservation', 'invoice', 'trade']);

/** Nouns that, right after an acting word, make it a thing read about (`order_status`, `refund_policy`). */
const READ_NOUNS = new Set([
  'status', 'context', 'info', 'information', 'details', 'detail', 'history', 'policy', 'policies', 'faq', 'docs', 'documentation',
  'availability', 'price', 'prices', 'pricing', 'quote', 'balance', 'summary', 'options', 'rules', 'eligibility', 'template',
  // an acting word before a role names an agent consulted as a tool ('Refund Expert')
  'expert', 'advisor', 'agent', 'specialist', 'assistant', 'analyst', 'reviewer', 'manager', 'team', 'desk',
]);

const CODE_HOST = 'code host or issue tracker';

/** Services a tool's name may start with before its verb (`github_merge_pull_request`). */
const SERVICE_LEADS: ReadonlySet<string> = new Set(['slack', 'gmail', 'outlook', 'twilio', 'discord', 'telegram', 'whatsapp', 'github', 'gitlab', 'bitbucket', 'jira', 'linear', 'notion', 'trello', 'asana', 'stripe', 'paypal', 'shopify', 'twitter', 'linkedin', 'facebook', 'instagram', 'wordpress', 'hubspot', 'salesforce', 'zendesk', 'sendgrid', 'mailgun']);

/** MCP servers and workflow services whose default use sends, pays, sells, publishes or writes to a code host or issue tracker. */
const ACTING_SERVICES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['messaging', ['slack', 'gmail', 'email', 'mail', 'outlook', 'twilio', 'sms', 'discord', 'telegram', 'whatsapp', 'sendgrid', 'mailgun', 'teams', 'mattermost']],
  ['payments', ['stripe', 'paypal', 'payment', 'payments', 'square', 'braintree', 'adyen', 'plaid', 'billing']],
  ['commerce', ['shopify', 'commerce', 'ecommerce', 'woocommerce', 'orders', 'returns', 'checkout']],
  ['scheduling', ['calendar', 'calendly', 'calcom']],
  // Pushing files, merging pull requests and filing issues others are notified of.
  [CODE_HOST, ['github', 'githubcopilot', 'gitlab', 'bitbucket', 'jira', 'atlassian', 'linear']],
  ['browser automation', ['playwright', 'puppeteer', 'browserbase', 'stagehand']],
  ['publishing', ['wordpress', 'cms', 'ghost', 'contentful', 'sanity', 'twitter', 'linkedin', 'facebook', 'instagram', 'medium', 'publish', 'publishing', 'youtube', 'tiktok', 'mastodon', 'bluesky', 'x', 'blotato', 'ayrshare', 'publer', 'postiz']],
];

/** Why a tool is irreversible, or undefined when nothing says it is. */
export function irreversibleBecause(tool: Tool, actingVerbs: ReadonlySet<string>, readingVerbs: ReadonlySet<string>): string | undefined {
  if (tool.irreversible) return 'declared irreversible';
  if (tool.kind === 'coordination') return undefined;
  if (tool.inert === true) return undefined;
  // The detail says why nothing asks first (commands pre-approved in a settings file).
  if (tool.kind === 'shell' || tool.kind === 'code-execution' || tool.kind === 'computer-use') return `a ${tool.kind} tool${tool.detail ? `, ${tool.detail}` : ''}`;
  // A kind the framework stated wins over the name (a hosted code interpreter is no local shell).
  const typed = tool.kind === undefined ? typeFromName(tool.name) : undefined;
  if (typed) return `a ${typed} tool`;
  if (tool.kind === 'mcp') return mcpEffect(tool, actingVerbs, readingVerbs);
  if (tool.kind === 'node' || tool.kind === 'downstream') return nodeEffect(tool, actingVerbs, readingVerbs);
  // What its own code is seen to do outweighs a name that says nothing (`database-seeding`).
  if (tool.effect !== undefined) return tool.effect;
  const verb = actingVerbOf(nameWords(tool.name), actingVerbs, readingVerbs);
  return verb === undefined ? undefined : `verb '${verb}'`;
}

/**
 * The acting verb that decides a name, or undefined: a leading reading verb settles it at
 * once; a leading acting verb acts unless a read noun follows it; otherwise the first acting
 * word counts only when no reading verb stands anywhere in the name.
 */
export function actingVerbOf(words: readonly string[], actingVerbs: ReadonlySet<string>, readingVerbs: ReadonlySet<string>): string | undefined {
  const lead = words[0];
  if (lead === undefined || readingVerbs.has(lead)) return undefined;
  // A service named first (`github_post_review`, `slack_list_channels`): the rest says what is done there.
  if (SERVICE_LEADS.has(lead) && words.length > 1) return actingVerbOf(words.slice(1), actingVerbs, readingVerbs);
  // A leading noun-verb naming a kind of message, then the message word, then a list or a log names
  // the messages kept (`reply_mail_list`: the list of reply mails); `email_mailing_list` still sends.
  if (words.length >= 3 && NOUNS_TOO.has(lead) && /^(e?mails?|messages?)$/.test(words[1] as string) && /^(list|lists|log|logs|history)$/.test(words[words.length - 1] as string)) return undefined;
  // `transfer_to_<agent>` is the handoff tools' naming convention, not a money transfer.
  if (lead === 'transfer' && words[1] === 'to') return undefined;
  // Creating or moving a booking, a reservation or a seat commits it; an invitation reaches its guests.
  if (SCHEDULING_VERBS.has(lead) && words.some((word) => SCHEDULED_THINGS.has(word))) return lead;
  // A tool named for booking as a whole (`booking tool`, `BookingTool`, `hotel_booking_expert`) books.
  const bookingAt = words.indexOf('booking');
  const bookingDoer = bookingAt >= 0 && BOOKING_DOERS.has(words[bookingAt + 1] ?? '');
  if ((bookingAt === 0 && (words.length === 1 || bookingDoer)) || (bookingAt > 0 && bookingDoer && !words.some((word) => readingVerbs.has(word) || actingVerbs.has(word)))) return 'book';
  // Starting a phone call reaches a person at once (`initiate_retell_call`, `place_call`, `dial`);
  // a call of an API or a function is no phone call.
  if (lead === 'dial' || (CALL_STARTERS.has(lead) && words.some((word) => CALL_THINGS.has(word)) && !words.some((word) => SOFTWARE_CALLS.has(word)))) return lead;
  // Writing a post or an email composes its text; whoever sends it is another tool.
  // (Unless another acting verb follows: `write_and_send_email` sends.)
  if (WRITING_VERBS.has(lead) && words.some((word) => TEXT_THINGS.has(word)) && !words.some((word) => actingVerbs.has(word) && !TEXT_THINGS.has(word))) return undefined;
  // After another word, a word that is a noun too names a thing (`response_email_tool`, `draft_reply`), not an act.
  const acts = (index: number): boolean =>
    actingVerbs.has(words[index] as string) &&
    // (`order_status` is read; `send_status_mail` still sends the mail named after it.)
    (!READ_NOUNS.has(words[index + 1] ?? '') || words.slice(index + 2).some((word) => TEXT_THINGS.has(word))) &&
    !(index > 0 && NOUNS_TOO.has(words[index] as string)) &&
    // `push` acts on a repository or a person's device (`git_push`, `push_notification`), not on a
    // queue or a signal of the program's own (`shared_memory_push_signal`).
    !(words[index] === 'push' && words.length > 1 && !words.some((word) => PUSHED_THINGS.has(word)));
  // `post_` before an event is "after" (`post_booking_support`, `post_sale_faq`): no post is made.
  if (lead === 'post' && AFTER_EVENTS.has(words[1] ?? '')) return words.slice(2).find((word, index) => actingVerbs.has(word) && acts(index + 2));
  // Running a prompt template renders messages for a model (`execute_mcp_prompt`): nothing leaves the program.
  if ((lead === 'execute' || lead === 'run') && words.some((word) => word === 'prompt' || word === 'prompts')) return undefined;
  // A lead that names a thing too, then a reading verb (`orderRetrieve`, `order_lookup`, `refund_check`):
  // the thing is what is read. So is one before a doer of anything but an act (`Email Parser Tool`,
  // `email_summarizer`; an `email_sender` still sends).
  // (Posting a review or a request publishes it: `post_review`.)
  if (NOUN_LEADS.has(lead) && readingVerbs.has(words[1] ?? '') && !(lead === 'post' && /^(review|request)s?$/.test(words[1] ?? ''))) return undefined;
  if (NOUN_LEADS.has(lead) && READING_DOERS.has((words[1] ?? '').replace(/s$/, '')) && !words.slice(2).some((word) => actingVerbs.has(word))) return undefined;
  // Deleting a part of a document being edited (`delete_cell`, `remove_line`, `delete_paragraph`) edits it.
  const named = words.at(-1) === 'tool' ? words.slice(0, -1) : words;
  if ((lead === 'delete' || lead === 'remove') && named.length === 2 && EDITED_PARTS.has(named[1] as string)) return undefined;
  // Taking something out of a list the user is still putting together (`remove_from_cart`,
  // `remove_item_from_wishlist`) changes that list before anything is ordered: it can be put back.
  const fromAt = named.indexOf('from');
  if ((lead === 'delete' || lead === 'remove') && fromAt > 0 && WORKING_SETS.has(named[fromAt + 1] ?? '') && fromAt + 2 === named.length) return undefined;
  if (actingVerbs.has(lead)) return acts(0) ? lead : undefined;
  if (words.some((word) => readingVerbs.has(word))) return undefined;
  // A name that ends in a file or a document (`create_post_file`, `save_email_draft`) makes that file:
  // the acting word before it that names a thing too names what the file holds (`upload_files` still uploads).
  if (words.length > 1 && FILE_THINGS.has(words[words.length - 1] as string) && words.every((word) => !actingVerbs.has(word) || NOUN_LEADS.has(word))) return undefined;
  // An acting word that names a thing too, before another acting word, names what the act is done to
  // (`process_order_refund` refunds an order).
  for (let index = 1; index < words.length; index++) if (acts(index) && !(NOUN_LEADS.has(words[index] as string) && acts(index + 1))) return words[index];
  return undefined;
}

/** `sendEmail`, `send_email`, `send-email` → ['send', 'email']; an MCP name keeps its tool part. */
export function nameWords(name: string): string[] {
  const mcp = /^mcp__[^_]+(?:_[^_]+)*?__(.+)$/.exec(name);
  return (mcp?.[1] ?? name)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => THIRD_PERSON.get(word) ?? word);
}

/** Verbs toolkits write in the third person (`SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL`) or tool classes as a gerund, that are no nouns too. */
const THIRD_PERSON = new Map([
  ['sends', 'send'],
  ['deletes', 'delete'],
  ['removes', 'remove'],
  ['publishes', 'publish'],
  ['cancels', 'cancel'],
  ['uploads', 'upload'],
  ['executes', 'execute'],
  // Tool classes named by the gerund (`LinkedInPostingTool`, `EmailSendingTool`).
  ['sending', 'send'],
  ['posting', 'post'],
  ['publishing', 'publish'],
  ['tweeting', 'tweet'],
  ['emailing', 'email'],
  ['deleting', 'delete'],
  ['paying', 'pay'],
  ['refunding', 'refund'],
  ['purchasing', 'purchase'],
  ['transferring', 'transfer'],
  ['deploying', 'deploy'],
  ['uploading', 'upload'],
  ['reserving', 'reserve'],
  ['charging', 'charge'],
  ['cancelling', 'cancel'],
  ['canceling', 'cancel'],
]);

/** Tools whose name says what they are: a shell, a code interpreter, a computer. */
/** Words of a shell tool's name after its running verb: the shell and the command line it runs. */
const SHELL_WORDS = new Set(['bash', 'shell', 'terminal', 'powershell', 'zsh', 'sh', 'cmd', 'command', 'commands', 'cli']);

function typeFromName(name: string): string | undefined {
  const words = nameWords(name);
  const joined = words.join('_');
  if (['bash', 'shell', 'terminal', 'powershell', 'run_shell', 'run_shell_command', 'execute_command', 'run_command', 'shell_tool', 'local_shell', 'local_shell_tool'].includes(joined)) return 'shell';
  // Running a command line in a shell (`run_bash_command`, `run_cmd`, `exec_terminal_command`).
  if (['run', 'execute', 'exec'].includes(words[0] ?? '') && words.length > 1 && words.slice(1).every((word) => SHELL_WORDS.has(word))) return 'shell';
  // A terminal or shell of a machine (`linux_terminal`, `server_shell`, `ssh_terminal`).
  // (n8n numbers a copied node's name: `linux_terminal1`.)
  const [machine, program, ...rest] = words.map((word) => word.replace(/\d+$/, ''));
  if (rest.length === 0 && ['terminal', 'shell', 'bash', 'console'].includes(program ?? '') && ['linux', 'unix', 'windows', 'system', 'server', 'remote', 'ssh', 'os', 'host', 'vm', 'vps'].includes(machine ?? '')) return 'shell';
  if (['code_interpreter', 'python_repl', 'execute_code', 'run_code', 'exec_code', 'code_interpreter_tool', 'execute_python', 'run_python'].includes(joined)) return 'code-execution';
  // Running a notebook's cells runs the code in them (`run_cell`, `insert_and_run_cell`, `run_all_cells`).
  if (words.some((word) => word === 'run' || word === 'execute' || word === 'exec') && words.some((word) => word === 'cell' || word === 'cells' || word === 'notebook')) return 'code-execution';
  if (['computer', 'computer_use', 'computer_tool'].includes(joined)) return 'computer-use';
  // A SQL tool that runs the query it is given (`sql_db_query`, `run_sql`) runs what the model wrote.
  const sql = words.includes('sql');
  const runs = words[words.length - 1] === 'query' || words.some((word) => word === 'run' || word === 'execute' || word === 'exec');
  if (sql && runs && !words.some((word) => ['checker', 'check', 'schema', 'list', 'describe', 'validate', 'explain'].includes(word))) return 'SQL execution';
  return undefined;
}

/** The category of a service named in a server or node type, if it is one that acts by default. */
function actingService(text: string): string | undefined {
  // Both `linkedIn` → 'linkedin' and `gmailTool` → 'gmail', 'tool'.
  const words = new Set([...nameWords(text.replace(/[.:@/]/g, ' ')), ...text.toLowerCase().split(/[^a-z0-9]+/)]);
  for (const [category, names] of ACTING_SERVICES) if (names.some((name) => words.has(name))) return category;
  return undefined;
}

/** Hosts of MCP servers that answer questions about a repository's or a library's documentation. */
const DOCUMENTATION_MCP = /(^|[\s/.])(gitmcp\.io|mcp\.deepwiki\.com|mcp\.context7\.com)(\/|\s|$)|@upstash\/context7-mcp\b/;

/** An MCP tool: its own verb when it names one, else the server's kind of service. */
function mcpEffect(tool: Tool, actingVerbs: ReadonlySet<string>, readingVerbs: ReadonlySet<string>): string | undefined {
  const server = tool.detail ?? '';
  const label = server.split(' ')[0] ?? server;
  const toolPart = /^mcp__[^_]+(?:_[^_]+)*?__(.+)$/.exec(tool.name)?.[1];
  if (toolPart !== undefined) {
    const words = nameWords(toolPart);
    const verb = actingVerbOf(words, actingVerbs, readingVerbs);
    if (verb !== undefined) return `verb '${verb}' of MCP server '${label}'`;
    if (words.some((word) => readingVerbs.has(word))) return undefined;
    // One tool of a code host's or tracker's server named, with no acting verb (`save_issue`,
    // `update_issue`): it files or moves the team's own issues, as a workflow node of one does.
    if (actingService(server) === CODE_HOST) return undefined;
  }
  // A server that serves a repository's or a library's documentation (GitMCP, DeepWiki, Context7) only reads, whatever its name says.
  if (DOCUMENTATION_MCP.test(server)) return undefined;
  // A server started read-only (`@supabase/mcp-server-supabase --read-only`) changes nothing.
  if (/--read-only\b/.test(server)) return undefined;
  // A database platform's admin server runs SQL, migrations and deploys (a Supabase vector store node,
  // judged elsewhere, only stores and searches).
  if (/@supabase\/mcp-server-supabase|mcp\.supabase\.com/.test(server)) return `MCP server '${label}' (database administration)`;
  const category = actingService(server);
  // A hosted toolkit of one app (`composio github`) is named as what it is, not as an MCP server.
  const toolkit = /^composio\s+(\S+)/.exec(server);
  if (category !== undefined && toolkit) return `Composio toolkit '${toolkit[1]}' (${category})`;
  return category === undefined ? undefined : `MCP server '${label}' (${category})`;
}

/** Operations of a workflow node that act for good (narrower than a tool name's verbs: `push` to a list is no git push). */
const NODE_ACTING_OPERATIONS = new Set(['send', 'reply', 'post', 'tweet', 'publish', 'delete', 'remove', 'cancel', 'pay', 'charge', 'refund', 'transfer', 'book', 'order', 'purchase', 'execute', 'invite', 'forward', 'share']);

/**
 * Leading verbs of methods called in code that act outside the program (narrower than tool
 * names and node operations: `mergeNode` upserts, `removeItem` and `executeStep` stay local).
 */
export const CODE_ACTING_VERBS: ReadonlySet<string> = new Set(['send', 'post', 'tweet', 'publish', 'delete', 'cancel', 'pay', 'charge', 'refund', 'transfer', 'book', 'purchase', 'invite', 'drop', 'purge', 'truncate', 'deploy']);

/**
 * What a command line written out in code changes beyond the program, when its program and
 * subcommand say so: `aws ec2 run-instances` launches paid machines, `kubectl delete` removes
 * what runs, `git push` and `npm publish` publish, `terraform apply` changes infrastructure.
 * `words` are the command's leading words as written (an argument list's strings, or a command
 * string split at spaces, up to the first part filled in at run time). A reading subcommand
 * (`aws s3api get-bucket-versioning`, `kubectl get pods`, `git status`) changes nothing.
 */
export function changingCommand(words: readonly string[]): string | undefined {
  const [program = '', ...rest] = words.map((word) => word.trim()).filter((word) => word !== '' && !word.startsWith('-'));
  const name = program.split('/').pop()?.toLowerCase() ?? '';
  const sub = rest.map((word) => word.toLowerCase());
  const has = (pattern: RegExp): boolean => sub.some((word) => pattern.test(word));
  if (name === 'aws' && (/^(run-instances|create-|delete-|terminate-|put-|start-|stop-|reboot-|update-|modify-|invoke$|deploy|attach-|detach-|publish$|send-|register-|deregister-|revoke-|authorize-)/.test(sub[1] ?? '') || (sub[0] === 's3' && /^(rm|cp|mv|sync|rb|mb)$/.test(sub[1] ?? '')))) {
    return 'changes cloud resources';
  }
  if (/^(gcloud|az|doctl|flyctl|fly|heroku|vercel|netlify|railway|wrangler)$/.test(name) && has(/^(create|delete|deploy|destroy|update|start|stop|restart|scale|set|remove|rm|apply|add|publish|promote|--prod)$/)) return 'changes cloud resources';
  if (/^(kubectl|oc)$/.test(name) && (/^(apply|delete|create|scale|patch|replace|drain|cordon|taint|label|annotate|set|run|expose|edit)$/.test(sub[0] ?? '') || (sub[0] === 'rollout' && /^(restart|undo|pause|resume)$/.test(sub[1] ?? '')))) return 'changes what a cluster runs';
  if (name === 'helm' && /^(install|upgrade|uninstall|delete|rollback)$/.test(sub[0] ?? '')) return 'changes what a cluster runs';
  if (/^(terraform|tofu|pulumi|cdk|serverless|sls)$/.test(name) && /^(apply|destroy|up|deploy|import|taint)$/.test(sub[0] ?? '')) return 'changes infrastructure';
  if (name === 'git' && /^(push|send-email)$/.test(sub[0] ?? '')) return 'publishes commits';
  if (name === 'gh' && /^(create|merge|close|delete|edit|comment|review|upload|release)$/.test(sub[1] ?? sub[0] ?? '')) return 'writes to a code host';
  if ((/^(npm|pnpm|yarn|cargo|gem|poetry|flit|hatch)$/.test(name) && sub[0] === 'publish') || (name === 'twine' && sub[0] === 'upload') || (/^(docker|podman)$/.test(name) && sub[0] === 'push')) return 'publishes a package';
  if (/^(sendmail|mail|mailx|mutt|msmtp)$/.test(name)) return 'sends email';
  if (/^(shutdown|reboot|halt|poweroff)$/.test(name) || (name === 'systemctl' && /^(stop|restart|disable|kill|mask|poweroff|reboot)$/.test(sub[0] ?? ''))) return 'stops a machine or service';
  return undefined;
}

/** Workflow nodes that keep records in a sheet, a table or a database, and the operations that write a record. */
const RECORD_STORE = /googleSheets|airtable|postgres|mySql|supabase|notion|baserow|nocoDb|microsoftSql|mongoDb|microsoftExcel|seaTable|grist|dataTable/i;
const RECORD_WRITES: ReadonlySet<string> = new Set(['append', 'create', 'insert', 'update', 'upsert', 'add']);
/** Verbs whose record is itself the commitment: a booking, an order, a payment, a cancellation. */
const COMMITTING_VERBS: ReadonlySet<string> = new Set(['book', 'reserve', 'order', 'purchase', 'buy', 'pay', 'charge', 'refund', 'cancel']);

/** Node types that do whatever their name or method says (an HTTP call, code, a sub-workflow): judged by the node's name. */
const GENERIC_NODE = /httpRequest|toolHttpRequest|toolCode|toolWorkflow|\.code(Tool)?$|function/i;

/**
 * A workflow node used as a tool or placed after the agent (detail: `type|operation|resource|flags`):
 * its operation when it names one, else its service's default; a generic node by its name.
 */
function nodeEffect(tool: Tool, actingVerbs: ReadonlySet<string>, readingVerbs: ReadonlySet<string>): string | undefined {
  const [type = '', operation = '', resource = '', flags = ''] = (tool.detail ?? '').split('|');
  const downstream = tool.kind === 'downstream';
  // A node of a workflow the agent calls as a tool (flag `called`) is judged like one after it.
  const where = /\bcalled\b/.test(flags) ? ' in a workflow the agent calls as a tool' : downstream ? ' downstream of the agent, with nothing reviewing its output' : '';
  // Drafts, labels and read-only queries change nothing anyone else sees.
  if (/draft|label/i.test(resource) || /\b(draft|static-read)\b/.test(flags)) return undefined;
  // A chat node after the agent answers in the conversation the user started; a notice posted in
  // the team's own workspace (Slack, Teams, Mattermost) reaches nobody outside and can be taken down.
  if (downstream && (/\breply-to-trigger\b/.test(flags) || /slack|microsoftTeams|mattermost/i.test(type))) return undefined;
  // An email after the agent to an address written into the workflow, a chat message to a chat id
  // written into it or a post through a webhook set up for one channel reaches its owner, not the world.
  if (downstream && /\bfixed-recipient\b/.test(flags)) return undefined;
  // A tool that sends a message written into the workflow to an address written into it (a ping to
  // the owner) carries nothing the model wrote to no one the model chose.
  if (/\bfixed-recipient\b/.test(flags) && /\bfixed-content\b/.test(flags)) return undefined;
  // A statement or a message written into the workflow after the agent (a status update, a fixed
  // template email), or a delete keyed by what came before it, does not carry what the agent wrote.
  if (downstream && /\b(fixed-statement|fixed-content)\b/.test(flags)) return undefined;
  // A delete keyed by earlier data after the agent is the workflow's housekeeping; in a workflow
  // the agent calls as a tool, calling it is the model's choice of what to remove.
  if (downstream && /\bfixed-target\b/.test(flags) && !/\bcalled\b/.test(flags)) return undefined;
  // An MCP client tool: the tools picked from the server, each by its verb; else the server its endpoint names.
  if (/mcpClientTool$/.test(type)) {
    const picked = /\bmcp-tools:(\S*)/.exec(flags)?.[1];
    if (picked !== undefined) {
      for (const name of picked.split(',').filter(Boolean)) {
        const verb = actingVerbOf(nameWords(name), actingVerbs, readingVerbs);
        if (verb !== undefined) return `node '${tool.name}', MCP tool '${name}' (verb '${verb}')${where}`;
      }
      return undefined;
    }
    const server = /\bmcp-server:(\S+)/.exec(flags)?.[1];
    const category = server === undefined ? undefined : actingService(server.replace(/-/g, ' '));
    return category === undefined ? undefined : `node '${tool.name}', an MCP server for ${server?.replace(/-/g, ' ')} (${category})${where}`;
  }
  // A shell command on the n8n host or over SSH: the model's output chooses what runs, unless the command is written out.
  if (/\.(executeCommand|ssh)(Tool)?$/.test(type)) return downstream && /\bfixed-command\b/.test(flags) ? undefined : `node '${type}' running a shell command${where}`;
  if (GENERIC_NODE.test(type)) {
    // An HTTP request that writes to a service's API (a LinkedIn post, a Stripe charge, a DELETE).
    const written = /\bhttp-write:(.+)$/.exec(flags)?.[1];
    if (written !== undefined) return `node '${tool.name}' (${written})${where}`;
    if (/\bmodel-query\b/.test(flags)) return `node '${tool.name}' (${type}) running the query the model writes${where}`;
    if (downstream) return undefined;
    const verb = actingVerbOf(nameWords(tool.name), actingVerbs, readingVerbs);
    return verb === undefined ? undefined : `node '${tool.name}' (${type}), verb '${verb}'${where}`;
  }
  // A workflow node of a code host or tracker files an issue or a comment in the team's own
  // tracker by default: judged by its operation alone (delete acts), unlike an MCP server, whose
  // model picks among pushing, merging and filing.
  const service = actingService(type);
  const category = service === CODE_HOST ? undefined : service;
  // Google Chat's message resource and create operation are its defaults (left out of the saved
  // workflow): creating a message posts it in a space.
  if (/googleChat(Tool)?$/i.test(type) && /^(message)?$/.test(resource) && /^(create)?$/.test(operation)) return `node '${type}' creating a message in a space (messaging)${where}`;
  // Evolution API's messages resource sends a text by default (left out of the saved workflow): a WhatsApp message.
  if (/evolutionApi$/i.test(type) && resource === 'messages-api' && (operation === '' || /^send\b/.test(operation))) return `node '${type}' sending a WhatsApp message${operation ? ` (${operation})` : ''} (messaging)${where}`;
  // A row a tool writes to the business's own sheet or table is its record-keeping, unless the tool
  // is named for committing something (`book_appointment` appending to an "Appointments" sheet,
  // `place_order`): then the row is the booking or the order, made when the model calls the tool.
  if (!downstream && !/\bcalled\b/.test(flags) && RECORD_STORE.test(type) && RECORD_WRITES.has(nameWords(operation)[0] ?? '')) {
    const verb = actingVerbOf(nameWords(tool.name), actingVerbs, readingVerbs);
    if (verb !== undefined && COMMITTING_VERBS.has(verb)) return `node '${tool.name}' (${type.split('.').pop()} ${operation}), verb '${verb}': the record it writes is what it commits`;
  }
  if (operation !== '') {
    const words = nameWords(operation);
    if (words[0] === 'send' && words[1] === 'and' && words[2] === 'wait') return undefined;
    // Mailbox housekeeping (labels, tags, read marks) changes nothing anyone else sees.
    if (words.some((word) => /^(labels?|tags?|read|unread|star|unstar)$/.test(word))) return undefined;
    // A file the workflow shares after the agent (a link for the next service to fetch it): a
    // permission that can be taken back.
    if (downstream && words[0] === 'share' && /googleDrive|dropbox|oneDrive|box$/i.test(type)) return undefined;
    if (words[0] !== undefined && NODE_ACTING_OPERATIONS.has(words[0])) return `node '${type}' with operation '${operation}'${where}`;
    // Creating an event with attendees sends them invitations.
    if (words[0] === 'create' && category === 'scheduling' && /\binvites\b/.test(flags)) return `node '${type}' with operation '${operation}', inviting attendees${where}`;
    // Creating a post on a publishing service publishes it (WordPress only with status publish: its default is a draft).
    const published = !/wordpress/i.test(type) || /\bpublish\b/.test(flags);
    if (words[0] === 'create' && category === 'publishing' && published) return `node '${type}' with operation '${operation}' (${category})${where}`;
    return undefined;
  }
  // A calendar node with no operation creates an event: it acts when it invites attendees.
  if (category === 'scheduling') return /\binvites\b/.test(flags) ? `node '${type}', inviting attendees${where}` : undefined;
  // A community node named after a platform and what it reads from it (`youtubeTranscripter`,
  // `linkedinScraper`) reads there.
  if (category !== undefined && /transcri|scrap|search|fetch|reader|download|extract|lookup|analytic/i.test(type.split('.').pop() ?? '')) return undefined;
  // WordPress creates drafts unless told to publish.
  if (/wordpress/i.test(type) && !/\bpublish\b/.test(flags)) return undefined;
  return category === undefined ? undefined : `node '${type}' (${category})${where}`;
}
