import type * as TsMorph from 'ts-morph';
import { ACTING_VERBS, CODE_ACTING_VERBS, READING_VERBS, actingVerbOf, changingCommand, nameWords } from '../../model/index.js';
import type { Node } from './project.js';
import { forEachDescendantOf } from './project.js';
import type { Resolver } from './resolve.js';

/**
 * Octokit methods that change a repository for everyone: commit a file (to whatever branch, the
 * default one included), delete one, merge, open or review a pull request, file or comment on an
 * issue (its watchers are notified), move a branch, publish a release, create, fork or delete a repository.
 */
const CODE_HOST_WRITE = /\b((?:repos\.(?:createOrUpdateFileContents|deleteFile|createRelease|merge|createForAuthenticatedUser|createInOrg|createFork|delete))|(?:pulls\.(?:merge|create|createReview|submitReview|update))|(?:issues\.(?:create|createComment|update))|(?:git\.(?:updateRef|deleteRef)))$/;

/** `octokit.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', …)`: a route that changes what others see. */
const CODE_HOST_ROUTE = /^['"`](POST|PUT|PATCH|DELETE)\s+\/(repos|user\/repos|orgs|gists)\b/;

/** Node's child_process functions that run a command line. */
const SHELL_CALLS = ['exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync'];

/** Programs that run, or delete, whatever they are given as arguments. */
const GIVEN_CODE_RUNNERS: ReadonlySet<string> = new Set(['npx', 'pnpx', 'bunx', 'node', 'deno', 'python', 'python3', 'bash', 'sh', 'zsh', 'uvx', 'pipx', 'rm']);
/** Package managers, and their subcommands that fetch and run a package (install scripts, a binary). */
const INSTALLERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv']);
const INSTALLING: ReadonlySet<string> = new Set(['install', 'i', 'add', 'exec', 'dlx', 'x']);

/**
 * A command line whose program is written out and whose every filled-in part stands quoted as one
 * argument (a template `xdg-open "${fileUrl}"`): the program runs on what it is given, it does not
 * run what it is given. Not so for a program that runs or deletes its arguments (`bash -c "${…}"`).
 */
function quotedArgumentOfFixedProgram(N: typeof TsMorph.Node, command: Node): boolean {
  if (!N.isTemplateExpression(command)) return false;
  const head = command.getHead().getLiteralText();
  const program = /^\s*([\w./-]+)\s/.exec(head)?.[1]?.split('/').pop();
  if (program === undefined || GIVEN_CODE_RUNNERS.has(program) || INSTALLERS.has(program) || /^(sudo|env|xargs|eval|exec|ssh|sql|psql|mysql|sqlite3|cmd|powershell|pwsh)$/.test(program)) return false;
  const literals = [head, ...command.getTemplateSpans().map((span) => span.getLiteral().getLiteralText())];
  // (Not a line that goes on to another command: a pipe, a `;`, an `&&`, a substitution.)
  if (literals.some((literal) => /[|;&\x60]|\$\(/.test(literal))) return false;
  // Each filled-in part sits between a pair of the same quote: `"${a}"`, `'${b}'`.
  return command.getTemplateSpans().every((_, index) => {
    const before = (literals[index] ?? '').slice(-1);
    const after = (literals[index + 1] ?? '').charAt(0);
    return (before === '"' || before === "'") && after === before;
  });
}

/** How many functions of the module, the execute included, are read for SQL. */
const MAX_FUNCTIONS = 8;

/**
 * SQL statements that destroy data for good: a dropped table, database or schema, a truncated
 * table, deleted rows, a column dropped from a table.
 */
const DESTRUCTIVE_SQL = /\b(drop\s+(?:table|database|schema|view)|truncate\s+(?:table\s+)?[\w"`.]+|delete\s+from|alter\s+table\b[^;]*?\bdrop)\b/i;

/**
 * What a tool's own `execute` function does that cannot be undone: destructive SQL written out
 * in its string literals (`'DROP TABLE IF EXISTS staff CASCADE'`: "its execute runs 'DROP
 * TABLE' written in its code"), or a GitHub client call that writes to a repository. Only
 * literals inside the function, or inside functions of the same module it calls, count: SQL the
 * model writes, or that another module builds, is judged by the tool's name instead.
 */
export function bodyEffectOf(resolver: Resolver, options: Node | undefined): string | undefined {
  return functionEffectOf(resolver, executeOf(resolver, options)) ?? chosenActionOf(resolver, options) ?? chosenServiceOf(resolver, options);
}

/**
 * Messaging services' API calls that send or forward a message to people whose channels are often
 * public (Telegram, Discord). (A fixed Slack channel is the workspace's own: a note to the team.)
 */
const MESSAGING_API: ReadonlyArray<readonly [RegExp, string]> = [
  [/api\.telegram\.org\/bot[^/]*\/(send\w+|forward\w+|copyMessage|copyMessages)\b/, "Telegram's Bot API"],
  [/discord(app)?\.com\/api\/(v\d+\/)?(webhooks\/|channels\/[^/]+\/messages)/, "Discord's API"],
];

/**
 * An HTTP request a call makes that changes something: `fetch(address, { method: 'POST' })`, or a
 * client's `.post`/`.put`/`.patch`/`.delete` (axios, got, ky); the method, the address as written
 * (followed to its value) and the options object, if any.
 */
function writeRequestOf(resolver: Resolver, call: TsMorph.CallExpression): { method: string; address: Node | undefined; options: Node | undefined } | undefined {
  const { Node: N } = resolver.program.morph;
  const callee = call.getExpression().getText().replace(/\s+/g, '');
  const verb = /^(?:axios|got|ky|http|client|api)\.(post|put|patch|delete)$/i.exec(callee)?.[1];
  if (callee !== 'fetch' && verb === undefined) return undefined;
  const init = call.getArguments()[1];
  const options = init ? (resolver.value(init) ?? init) : undefined;
  const method = verb ?? (options && N.isObjectLiteralExpression(options) ? resolver.stringValue(resolver.property(options, 'method')) : undefined);
  if (method === undefined || !/^(post|put|patch|delete)$/i.test(method)) return undefined;
  const address = call.getArguments()[0];
  return { method: method.toUpperCase(), address: address ? (resolver.value(address) ?? address) : undefined, options };
}

/** The messaging service a request writes to (a POST to one of MESSAGING_API) at a channel fixed in the code, or undefined. */
function messagingApiOf(resolver: Resolver, call: TsMorph.CallExpression): string | undefined {
  const { Node: N } = resolver.program.morph;
  const request = writeRequestOf(resolver, call);
  if (request?.method !== 'POST') return undefined;
  const { address: written, options } = request;
  // (Also an address a helper builds from the method it is given: `api('sendMessage')`.)
  const built = written && N.isCallExpression(written) ? resolver.factoryResult(written) : undefined;
  const text = built && written && N.isCallExpression(written) ? `${built.getText()} ${written.getArguments().map((each) => resolver.stringValue(each) ?? '').join(' ')}`.replace(/\$\{\s*\w+\s*\}[`'"]?\s+(\w+)\s*$/, '$1') : written ? written.getText() : '';
  const service = MESSAGING_API.find(([pattern]) => pattern.test(text))?.[1];
  if (service === undefined) return undefined;
  // To whom: a chat or channel fixed in the code or the settings (`chat_id: process.env.TARGET_CHANNEL_ID`) is
  // a broadcast the model sets off; one taken from the tool's input is as often the chat the user writes in
  // (a reply), judged by the tool's name instead. A webhook's address is its channel.
  if (/\/webhooks\//.test(text)) return service;
  const recipients: Node[] = [];
  options?.forEachDescendant((node) => {
    if (N.isPropertyAssignment(node) && /^['"]?(chat_id|chatId|channel|channel_id)['"]?$/.test(node.getNameNode().getText())) {
      const value = node.getInitializer();
      if (value) recipients.push(value);
    }
  });
  // (A channel kept for the team itself, `REVIEW_CHANNEL_ID`, `ADMIN_CHAT_ID`, takes a notice, as an n8n
  // message to the owner does: no one outside hears of it.)
  const internal = (each: Node): boolean => /review|admin|owner|log|alert|ops|internal|debug|moderat|staff|team/i.test(each.getText());
  return recipients.length > 0 && recipients.every((each) => fixedInCode(resolver, each)) && !recipients.every(internal) ? service : undefined;
}

/** True when a value is written in the code or read from the process's settings, not given to the tool. */
function fixedInCode(resolver: Resolver, node: Node, depth = 0): boolean {
  const { Node: N } = resolver.program.morph;
  const text = node.getText();
  if (/^(process\.env|import\.meta\.env)\b/.test(text) || N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node) || N.isNumericLiteral(node)) return true;
  if (N.isBinaryExpression(node) && ['||', '??'].includes(node.getOperatorToken().getText())) return fixedInCode(resolver, node.getLeft(), depth + 1) && fixedInCode(resolver, node.getRight(), depth + 1);
  if (depth > 3 || !N.isIdentifier(node) || resolver.parameterOf(node)) return false;
  const value = resolver.value(node);
  return value !== undefined && value !== node && fixedInCode(resolver, value, depth + 1);
}

/** Parameter names that name what a service is asked to do (`service`, `action`, `operation`). */
const ACT_PARAMETERS = /^(service|action|operation|command|endpoint|verb|op)$/i;

/**
 * A tool whose code sends a request that changes something (POST, PUT, PATCH, DELETE) to an address
 * naming the service or action a parameter of the model gives (``fetch(`${HA}/api/services/${domain}/${service}`, { method: 'POST' })``):
 * it does whatever the model names, unlocking a door as well as switching on a light.
 */
export function chosenServiceOf(resolver: Resolver, options: Node | undefined): string | undefined {
  const { Node: N } = resolver.program.morph;
  const execute = executeOf(resolver, options);
  if (!execute || !options || !N.isObjectLiteralExpression(options)) return undefined;
  const schema = resolver.property(options, 'parameters') ?? resolver.property(options, 'inputSchema') ?? resolver.property(options, 'schema');
  const schemaText = schema ? (resolver.value(schema) ?? schema).getText() : '';
  let found: { method: string; name: string } | undefined;
  forEachDescendantOf(execute, [resolver.program.morph.SyntaxKind.CallExpression], (node) => {
    if (found || !N.isCallExpression(node)) return;
    const request = writeRequestOf(resolver, node);
    const written = request?.address;
    if (!request || !written || !N.isTemplateExpression(written)) return;
    for (const span of written.getTemplateSpans()) {
      const name = span.getExpression().getText().split('.').pop() ?? '';
      if (ACT_PARAMETERS.test(name) && new RegExp(`\\b${name}\\s*:`).test(schemaText)) found = { method: request.method, name };
    }
  });
  return found ? `its code sends a ${found.method} to the ${found.name} the model names in the address` : undefined;
}

/** Enum choices that name an act outright (not a noun too: `order`, `email`, `post` may name a thing or a method). */
const CHOSEN_ACTS: ReadonlySet<string> = new Set(ACTING_VERBS.filter((verb) => !['order', 'email', 'mail', 'reply', 'post', 'tweet', 'empty', 'push', 'release', 'merge', 'book', 'drop', 'execute', 'exec', 'submit'].includes(verb)));

/**
 * A tool whose parameters let the model pick the act (`action: z.enum(['view', 'modify', 'cancel',
 * 'refund'])`): it does what the model picks, whatever its name says. Its options' `parameters`
 * (OpenAI Agents), `inputSchema` (Mastra) or `schema` (LangChain).
 */
export function chosenActionOf(resolver: Resolver, options: Node | undefined): string | undefined {
  const { Node: N } = resolver.program.morph;
  if (!options || !N.isObjectLiteralExpression(options)) return undefined;
  const schema = resolver.property(options, 'parameters') ?? resolver.property(options, 'inputSchema') ?? resolver.property(options, 'schema');
  const written = schema ? (resolver.value(schema) ?? schema) : undefined;
  if (!written) return undefined;
  const picked = new Set<string>();
  forEachDescendantOf(written, [resolver.program.morph.SyntaxKind.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const callee = node.getExpression();
    if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'enum') return;
    const list = resolver.value(node.getArguments()[0] ?? node);
    if (!list || !N.isArrayLiteralExpression(list)) return;
    for (const element of list.getElements()) {
      const choice = resolver.stringValue(element)?.toLowerCase();
      if (choice !== undefined && CHOSEN_ACTS.has(choice)) picked.add(choice);
    }
  });
  return picked.size > 0 ? `its parameters let the model choose to ${[...picked].map((each) => `'${each}'`).join(', ')}` : undefined;
}

/** A tool's options' `execute` function (a method, or a function it names), if written out. */
function executeOf(resolver: Resolver, options: Node | undefined): Node | undefined {
  const { Node: N } = resolver.program.morph;
  if (!options || !N.isObjectLiteralExpression(options)) return undefined;
  const execute = resolver.property(options, 'execute');
  return execute ? (resolver.value(execute) ?? execute) : undefined;
}

/**
 * True when a tool's own function, read in full, calls nothing (no call, `new`, `await`, tagged
 * template, `yield` or `delete` in it) and its text either asks the person to confirm
 * (`(input) => \`Please confirm that you want to purchase ${input.quantity} shares\``), handing
 * the model a question for the person while the acting is done, if at all, by other code once they
 * answer, or says the tool is retired (`'This tool is deprecated; the workspace runs commands now'`,
 * `'not implemented'`): whatever its name says, it cannot act. A stub that only claims success
 * (`'Flight booked'`) is not one: it stands for the real tool.
 */
export function cannotAct(resolver: Resolver, body: Node | undefined): boolean {
  const { Node: N, SyntaxKind: K } = resolver.program.morph;
  const fn = body ? (resolver.value(body) ?? body) : undefined;
  if (!fn || !(N.isArrowFunction(fn) || N.isFunctionExpression(fn) || N.isFunctionDeclaration(fn) || N.isMethodDeclaration(fn))) return false;
  let acts = false;
  forEachDescendantOf(fn, [K.CallExpression, K.NewExpression, K.AwaitExpression, K.TaggedTemplateExpression, K.YieldExpression, K.DeleteExpression], () => {
    acts = true;
    return 'stop';
  });
  if (acts) return false;
  let says = false;
  forEachDescendantOf(fn, [K.StringLiteral, K.NoSubstitutionTemplateLiteral, K.TemplateHead, K.TemplateMiddle, K.TemplateTail], (literal) => {
    if (/\b(please\s+)?confirm\b|\bapprov(e|al)\b|\b(is|now|been)\s+(deprecated|disabled|retired|removed)\b|\bdeprecated\b|\bnot\s+(yet\s+)?implemented\b|\bno\s+longer\s+(available|supported|used)\b/i.test(literal.getText())) says = true;
    return says ? 'stop' : undefined;
  });
  return says;
}

/** `cannotAct` of a tool's options' `execute`, or true when the execute is seen only to read (`onlyReads`). */
export function executeCannotAct(resolver: Resolver, options: Node | undefined): boolean {
  const execute = executeOf(resolver, options);
  return cannotAct(resolver, execute) || onlyReads(resolver, execute);
}

const READING = new Set(READING_VERBS);
const ACTING = new Set(ACTING_VERBS);

/** Calls that only shape values or log: they neither read from nor act on anything outside. */
const PLAIN_CALL = /^(?:console\.\w+|JSON\.\w+|Math\.\w+|Object\.\w+|Array\.\w+|String|Number|Boolean|Date(?:\.now)?|parseInt|parseFloat|encodeURIComponent|decodeURIComponent|Promise\.(?:all|allSettled|resolve)|.*\.(?:map|filter|reduce|find|some|every|slice|join|split|trim|toLowerCase|toUpperCase|toString|toISOString|includes|push|replace|forEach|flat|flatMap|sort|keys|values|entries|json|text))$/;

/**
 * True when a tool's function, read in full, calls only functions named for reading
 * (`mcpLookupRows(…)`, `db.getOrder(…)`) besides plain value shaping and logging, and calls at
 * least one: whatever its name or the message it returns say ("Customer deletion request sent"),
 * it looks something up. `fetch`, a method named for no verb, or a `new` of anything are not known
 * to read; nor is a call passed a function (a callback may act).
 */
function onlyReads(resolver: Resolver, body: Node | undefined): boolean {
  const { Node: N, SyntaxKind: K } = resolver.program.morph;
  const fn = body ? (resolver.value(body) ?? body) : undefined;
  if (!fn || !(N.isArrowFunction(fn) || N.isFunctionExpression(fn) || N.isFunctionDeclaration(fn) || N.isMethodDeclaration(fn))) return false;
  let reads = 0;
  let unknown = false;
  forEachDescendantOf(fn, [K.CallExpression, K.NewExpression, K.TaggedTemplateExpression, K.DeleteExpression], (node) => {
    if (!N.isCallExpression(node)) {
      // `new Error(…)` is a value; any other construction or a tagged template may do anything.
      if (N.isNewExpression(node) && /^(?:\w*Error|Date|Map|Set|URL|URLSearchParams)$/.test(node.getExpression().getText())) return undefined;
      unknown = true;
      return 'stop';
    }
    const callee = node.getExpression().getText().replace(/\s+/g, '');
    if (PLAIN_CALL.test(callee)) return undefined;
    const last = callee.split('.').pop() ?? callee;
    const words = nameWords(last);
    // A query method runs whatever statement it is given (`db.query('TRUNCATE sessions')`), and `fetch` any method.
    const readsByName = words.some((word) => READING.has(word)) && !words.some((word) => ACTING.has(word)) && !/^(?:fetch|query|queries|request)$/i.test(last);
    const passesFunction = node.getArguments().some((argument) => N.isArrowFunction(argument) || N.isFunctionExpression(argument));
    // Whatever the function is called (`fetchFn(url, { method: 'DELETE' })`), a request with a method other than GET may act.
    const sendsMethod = (call: TsMorph.CallExpression): boolean => call.getArguments().some((argument) => {
      const options = resolver.value(argument) ?? argument;
      const method = N.isObjectLiteralExpression(options) ? resolver.property(options, 'method') : undefined;
      return method !== undefined && !/^['"`](GET|HEAD|OPTIONS)['"`]$/i.test(method.getText());
    });
    // A helper of the code read named for reading (`slackFetch('chat.postMessage', …)`) is judged by
    // what it sends: one that POSTs whatever it is given may act.
    const helper = readsByName ? resolver.value(node.getExpression()) : undefined;
    const helperWrites = helper !== undefined && (N.isFunctionDeclaration(helper) || N.isArrowFunction(helper) || N.isFunctionExpression(helper) || N.isMethodDeclaration(helper)) && helper.getDescendantsOfKind(K.CallExpression).some(sendsMethod);
    if (!readsByName || passesFunction || sendsMethod(node) || helperWrites) {
      unknown = true;
      return 'stop';
    }
    reads++;
    return undefined;
  });
  return !unknown && reads > 0;
}

/** The same for a tool's function given directly (LangChain's `tool(async (input) => …, { name })`). */
export function functionEffectOf(resolver: Resolver, body: Node | undefined): string | undefined {
  const { Node: N } = resolver.program.morph;
  if (!body) return undefined;
  const start = N.isMethodDeclaration(body) || N.isFunctionDeclaration(body) || N.isArrowFunction(body) || N.isFunctionExpression(body) ? body : undefined;
  if (!start) return undefined;
  // The execute function and the functions of the same module it calls (`createTables(db)`), a few hops deep.
  const file = start.getSourceFile();
  /**
   * True when an expression carries the tool's input (`context.command`, a variable set from it):
   * a command line the code builds from its own values (`${packageManager} test`) is no command it is given.
   */
  const readsInput = (expression: Node, depth = 0): boolean => {
    if (depth > 3) return true;
    // A value picked by a test (`hasYarnLock ? 'yarn' : 'npm run'`) is one of its branches, whatever the test reads.
    if (N.isConditionalExpression(expression)) return readsInput(expression.getWhenTrue(), depth + 1) || readsInput(expression.getWhenFalse(), depth + 1);
    // The names read (`context` in `context.command`, not `command`); the process's own settings are code.
    const names = (N.isIdentifier(expression) ? [expression] : expression.getDescendants()).filter((each) => {
      if (!N.isIdentifier(each) || each.getText() === 'process') return false;
      const parent = each.getParent();
      return !(parent && N.isPropertyAccessExpression(parent) && parent.getNameNode() === each);
    });
    return names.some((name) => {
      const parameter = resolver.parameterOf(name);
      if (parameter) return true;
      const value = resolver.value(name);
      // Unknown (an import, a global) counts as given: only code values are let through.
      if (!value) return true;
      if (value === name || N.isFunctionDeclaration(value) || N.isArrowFunction(value) || N.isFunctionExpression(value)) return false;
      return N.isLiteralExpression(value) || N.isNoSubstitutionTemplateLiteral(value) ? false : readsInput(value, depth + 1);
    });
  };
  const queue: Node[] = [start];
  const seen = new Set<Node>(queue);
  for (let head = 0; head < queue.length && head < MAX_FUNCTIONS; head++) {
    let found: string | undefined;
    (queue[head] as Node).forEachDescendant((node, traversal) => {
      if (found !== undefined) return traversal.stop();
      if (N.isCallExpression(node) && N.isIdentifier(node.getExpression())) {
        const callee = resolver.value(node.getExpression());
        if (callee && callee.getSourceFile() === file && (N.isFunctionDeclaration(callee) || N.isArrowFunction(callee) || N.isFunctionExpression(callee)) && !seen.has(callee)) {
          seen.add(callee);
          queue.push(callee);
        }
      }
      // A GitHub client call that commits, merges, releases or deletes (`octokit.repos.createOrUpdateFileContents`).
      if (N.isCallExpression(node) && N.isPropertyAccessExpression(node.getExpression())) {
        const write = CODE_HOST_WRITE.exec(node.getExpression().getText().replace(/\s+/g, ''));
        if (write?.[1]) {
          found = `its execute calls '${write[1]}' (writes to a code host)`;
          return traversal.stop();
        }
        const route = /\.request$/.test(node.getExpression().getText()) ? node.getArguments()[0]?.getText() : undefined;
        const routed = route === undefined ? undefined : CODE_HOST_ROUTE.exec(route);
        if (routed) {
          found = `its execute calls '${route?.slice(1, -1).split(/\s+/).slice(0, 2).join(' ')}' (writes to a code host)`;
          return traversal.stop();
        }
      }
      // A message sent through a messaging service's API (`fetch('https://api.telegram.org/bot…/sendMessage', { method: 'POST' })`).
      if (N.isCallExpression(node)) {
        const service = messagingApiOf(resolver, node);
        if (service) {
          found = `its execute sends through ${service}`;
          return traversal.stop();
        }
      }
      // A calendar event created or changed with invitations sent (`calendar.events.insert({ …, sendUpdates: 'all' })`):
      // its attendees are emailed at once.
      if (N.isCallExpression(node) && /\bevents\.(insert|patch|update|move|quickAdd)$/.test(node.getExpression().getText().replace(/\s+/g, ''))) {
        const options = node.getArguments().map((argument) => resolver.value(argument) ?? argument).find((argument) => N.isObjectLiteralExpression(argument));
        const sends = options ? resolver.property(options, 'sendUpdates') : undefined;
        const notifies = options ? resolver.property(options, 'sendNotifications') : undefined;
        // (Also one the model may pick: `sendUpdates: context.notify ? 'all' : 'none'`.)
        if ((sends && /['"`](all|externalOnly)['"`]/.test(sends.getText())) || (notifies && notifies.getText() !== 'false')) {
          found = `its execute calls '${node.getExpression().getText().replace(/\s+/g, '')}' sending invitations to the attendees`;
          return traversal.stop();
        }
      }
      // A shell command it is given (`execSync(context.command)`): the model writes what runs.
      // (Also through `promisify(execFile)` kept in a constant.)
      const callee = N.isCallExpression(node) ? node.getExpression() : undefined;
      const made = callee ? resolver.value(callee) : undefined;
      const promisified = made && N.isCallExpression(made) && /(^|\.)promisify$/.test(made.getExpression().getText()) ? made.getArguments()[0] : undefined;
      if (N.isCallExpression(node) && [callee, promisified].some((each) => each !== undefined && resolver.isImportFrom(each, ['child_process', 'node:child_process'], SHELL_CALLS))) {
        const command = node.getArguments()[0];
        if (command && resolver.stringValue(command) === undefined && !quotedArgumentOfFixedProgram(N, command) && readsInput(command)) {
          found = `its execute runs a shell command it is given ('${node.getExpression().getText()}')`;
          return traversal.stop();
        }
        // A program written out with arguments it is given (`execFile('npm', ['install', ...input.packages])`):
        // an installer fetches and runs what the model names, an interpreter runs what it writes, rm deletes it.
        const program = command ? resolver.stringValue(command) : undefined;
        const args = node.getArguments()[1];
        const listed = args ? resolver.value(args) ?? args : undefined;
        const words = listed && N.isArrayLiteralExpression(listed) ? listed.getElements() : [];
        const sub = words[0] ? resolver.stringValue(words[0]) : undefined;
        const runsGiven = program !== undefined && (GIVEN_CODE_RUNNERS.has(program) || (INSTALLERS.has(program) && sub !== undefined && INSTALLING.has(sub)));
        if (runsGiven && words.some((word) => readsInput(N.isSpreadElement(word) ? word.getExpression() : word))) {
          found = `its execute runs '${[program, sub].filter(Boolean).join(' ')}' with arguments it is given ('${node.getExpression().getText()}')`;
          return traversal.stop();
        }
        // A command written out that changes things whatever the model says (`execSync('aws ec2
        // run-instances …')`, `execFile('kubectl', ['delete', 'pod', name])`).
        const head = command && N.isTemplateExpression(command) ? command.getHead().getLiteralText() : undefined;
        const written: string[] = [];
        if (program !== undefined && words.length > 0) {
          written.push(program);
          for (const word of words) {
            const value = resolver.stringValue(word);
            if (value === undefined) break;
            written.push(value);
          }
        } else written.push(...(program ?? head ?? '').split(/\s+/));
        const changes = changingCommand(written);
        if (changes !== undefined) {
          found = `its execute runs '${written.filter(Boolean).slice(0, 3).join(' ')}' (${changes})`;
          return traversal.stop();
        }
      }
      // An HTTP request whose method the model picks (`fetch(url, { method: context.method, body })`,
      // `axios({ method, url })` with a method from the input): it may POST, PUT or DELETE anything.
      // (In the execute itself: a helper's own `method` parameter, `callApi(endpoint, method = 'GET')`,
      // is whatever the code passes it, not the model.)
      if (head === 0 && N.isCallExpression(node) && /^(fetch|axios|axios\.request|got|ky|request)$/.test(node.getExpression().getText())) {
        for (const argument of node.getArguments()) {
          const options = resolver.value(argument) ?? argument;
          const method = N.isObjectLiteralExpression(options) ? resolver.property(options, 'method') : undefined;
          if (method && resolver.stringValue(method) === undefined && readsInput(method)) {
            found = `its execute sends HTTP requests with the method it is given ('${node.getExpression().getText()}'), POST, PUT and DELETE included`;
            return traversal.stop();
          }
        }
      }
      const text = N.isStringLiteral(node) || N.isNoSubstitutionTemplateLiteral(node) ? node.getLiteralText() : N.isTemplateExpression(node) ? node.getText() : undefined;
      const match = text === undefined ? undefined : DESTRUCTIVE_SQL.exec(text);
      const words = match?.[1]?.toUpperCase().split(/\s+/) ?? [];
      if (words[0] !== undefined) {
        const statement = ['TABLE', 'DATABASE', 'SCHEMA', 'VIEW', 'FROM'].includes(words[1] ?? '') ? `${words[0]} ${words[1]}` : words[0];
        found = `its execute runs '${statement}' written in its code (destructive SQL)`;
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Model APIs a tool may call over HTTP: OpenAI's responses and chat completions, Anthropic's
 * messages, Gemini's generateContent, or an application's own proxy of them (`/api/responses`).
 * Not any path that ends in `responses` (a survey's answers) nor Slack's `chat.postMessage`.
 */
const MODEL_ENDPOINT = /\/(v1|api)\/responses(?![\w/.-])|\/chat\/completions\b|api\.anthropic\.com\/v1\/messages\b|:generateContent\b/;

/** SDK methods that ask a model for an answer (`openai.responses.create`, `anthropic.messages.create`). */
const MODEL_SDK_CALL = /\.(responses|chat\.completions|completions|messages)\.(create|stream|parse)$/;

/**
 * A call that asks a model through the model's own SDK: one that names the model it asks
 * (`openai.chat.completions.create({ model, … })`; `twilio.messages.create({ to, body })` sends an
 * SMS), or Gemini's `generateContent`.
 */
/** The Vercel AI SDK's functions that ask a model. */
const AI_SDK_CALLS = ['generateText', 'generateObject', 'streamText', 'streamObject'];

/** A call of the Vercel AI SDK that asks a model (`generateObject({ model: openai('gpt-4o'), … })` from 'ai'). */
export function asksAiSdk(resolver: Resolver, call: TsMorph.CallExpression): boolean {
  const callee = call.getExpression();
  return resolver.program.morph.Node.isIdentifier(callee) && AI_SDK_CALLS.includes(callee.getText()) && resolver.isImportFrom(callee, ['ai'], AI_SDK_CALLS);
}

export function sdkAsksModel(call: TsMorph.CallExpression): boolean {
  const callee = call.getExpression().getText().replace(/\s+/g, '');
  if (/\.generateContent(Stream)?$/.test(callee)) return true;
  return MODEL_SDK_CALL.test(callee) && /\bmodel\s*[:,}]/.test(call.getArguments().map((argument) => argument.getText()).join(' '));
}

/** A call that fetches a model API over HTTP (`fetch('https://api.openai.com/v1/chat/completions', …)`). */
export function fetchesModelApi(resolver: Resolver, call: TsMorph.CallExpression): boolean {
  const { Node: N } = resolver.program.morph;
  if (!/^(fetch|axios\.post|got\.post|ky\.post)$/.test(call.getExpression().getText().replace(/\s+/g, ''))) return false;
  const first = call.getArguments()[0];
  const written = first ? resolver.unwrap(first) : undefined;
  const url = first ? (resolver.stringValue(first) ?? (written && (N.isTemplateExpression(written) || N.isNoSubstitutionTemplateLiteral(written)) ? written.getText() : undefined)) : undefined;
  return url !== undefined && MODEL_ENDPOINT.test(url);
}

/**
 * A model a tool's own `execute` asks directly, where the code read shows it: a `fetch` of a
 * model API (`fetch('/api/responses', { body: JSON.stringify({ model: 'gpt-4.1', … }) })`), or an
 * SDK call (`openai.responses.create({ model })`). Returns where, and the model when written out.
 */
export function directModelCallOf(resolver: Resolver, options: Node | undefined): { at: Node; model?: string } | undefined {
  const { Node: N, SyntaxKind: K } = resolver.program.morph;
  const fn = executeOf(resolver, options);
  if (!fn) return undefined;
  // The execute and the functions of the code read it calls (`fetchResponsesMessage(body)`), three levels deep.
  const functions: Node[] = [fn];
  let found: { at: Node; model?: string } | undefined;
  for (let index = 0; index < functions.length && index < MAX_FUNCTIONS && !found; index++) {
    forEachDescendantOf(functions[index] as Node, [K.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      // A model API, asked for a model (`model: 'gpt-4.1'` in the request, or in a function on the way that builds it).
      const fetched = fetchesModelApi(resolver, node) && [node, ...functions].some((each) => /\bmodel\s*[:,}]/.test(each.getText()));
      const asked = sdkAsksModel(node);
      if (!fetched && !asked) {
        const target = N.isIdentifier(node.getExpression()) ? resolver.value(node.getExpression()) : undefined;
        if (target && (N.isFunctionDeclaration(target) || N.isArrowFunction(target) || N.isFunctionExpression(target)) && !functions.includes(target)) functions.push(target);
        return;
      }
      // The model named in the request: `model: 'gpt-4.1'` among the call's arguments, else in the execute.
      const model = /\bmodel\s*:\s*['"`]([\w.:/-]+)['"`]/.exec([node, ...functions].map((each) => each.getText()).join(' '))?.[1];
      found = { at: node, ...(model !== undefined && { model }) };
      return 'stop';
    });
  }
  return found;
}

/**
 * Mail, SMS and payment clients whose method name alone says nothing (`send`, `create`): Resend's
 * `resend.emails.send`, SendGrid's `sgMail.send`, Twilio's `client.messages.create({ to, body })`,
 * Stripe's `stripe.refunds.create`, `charges.create`, `paymentIntents.confirm`.
 */
const SENDING_SDK_CALL = /(^|\.)(emails\.send|sgMail\.send|messages\.create|(refunds|charges|transfers|payouts|paymentIntents)\.(create|confirm|capture))$/;

/**
 * Calls in plain code that act outside the program: by the leading verb of a name of two words
 * or more (`sendEmail`, `transporter.sendMail`, `publishPost`; one-word methods such as
 * `map.delete` are usually local data), or a mail or SMS client's send. With `functions`, plain
 * function calls (`sendEmail(…)`) count too, not only methods, and a function of the code read is
 * not judged by its name (a `deleteOldMessages(state)` that trims the state): the caller reads its
 * code instead.
 */
export function namedActingCalls(resolver: Resolver, body: Node, functions = false): Array<{ name: string; node: TsMorph.CallExpression }> {
  const { Node: N, SyntaxKind: K } = resolver.program.morph;
  const found: Array<{ name: string; node: TsMorph.CallExpression }> = [];
  forEachDescendantOf(body, [K.CallExpression], (node) => {
    if (!N.isCallExpression(node)) return;
    const callee = resolver.unwrap(node.getExpression());
    const name = N.isPropertyAccessExpression(callee) ? callee.getName() : functions && N.isIdentifier(callee) ? callee.getText() : undefined;
    if (name === undefined) return;
    const path = callee.getText().replace(/\s+/g, '');
    // (Twilio's `messages.create` sends to someone; Anthropic's asks a model.)
    if (N.isPropertyAccessExpression(callee) && SENDING_SDK_CALL.test(path) && !sdkAsksModel(node) && !/\bmodel\s*[:,}]/.test(node.getText())) {
      if (!found.some((each) => each.name === path)) found.push({ name: path, node });
      return;
    }
    const words = nameWords(name);
    if (words.length < 2 || !CODE_ACTING_VERBS.has(words[0] as string)) return;
    if (functions) {
      const target = resolver.value(callee);
      if (target && (N.isFunctionDeclaration(target) || N.isArrowFunction(target) || N.isFunctionExpression(target) || N.isMethodDeclaration(target))) return;
    }
    if (actingVerbOf(words, ACTING, READING) === undefined) return;
    if (!found.some((each) => each.name === name)) found.push({ name, node });
  });
  return found;
}
