import type { SystemModel, Tool } from '../model/index.js';

/**
 * Credentials written into the files coordlint reads (a bearer token in a pre-approved `curl`
 * rule, an API key in a URL's query) are masked in what coordlint reports: a finding names
 * the rule or the node it is about, never the secret in it, so reports and CI logs can be shared.
 */

/** Shapes of secrets, each with what to keep: the words before the secret stay, the secret goes. */
const SECRET_SHAPES: ReadonlyArray<[RegExp, string]> = [
  // `Authorization: Bearer eyJ…`, `Basic dXNlcjpwYXNz`.
  [/\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g, '$1$2***'],
  // `api_key=…`, `"apiKey": "…"`, `X-Api-Key: …`, `password=…`, `?access_token=…` (eight characters or more).
  [/\b((?:x-)?(?:api[_-]?key|apikey|access[_-]?token|auth[_-]?token|refresh[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd))(\x22?\s*[:=]\s*\x22?)(?!\*\*\*)[^\s\x22\x27&,;)}\]]{8,}/gi, '$1$2***'],
  // Tokens known by their prefix: OpenAI, Anthropic, GitHub, Slack, AWS, Google, Stripe; JSON web tokens.
  [/\b(sk-(?:ant-|proj-)?|ghp_|gho_|ghs_|github_pat_|xox[abprs]-|AKIA|AIza|sk_live_|rk_live_)[A-Za-z0-9_-]{12,}/g, '$1***'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, 'eyJ***'],
];

/** The text with every secret it holds masked (`Bearer ***`, `api_key=***`, `sk-***`). */
export function maskSecrets(text: string): string {
  let masked = text;
  for (const [shape, keep] of SECRET_SHAPES) masked = masked.replace(shape, keep);
  return masked;
}

/** The system with the details of its agents' tools masked (the settings rule or the node a tool comes from). */
export function systemWithoutSecrets(model: SystemModel): SystemModel {
  const masked = (tool: Tool): Tool => (tool.detail === undefined || maskSecrets(tool.detail) === tool.detail ? tool : { ...tool, detail: maskSecrets(tool.detail) });
  if (!model.agents.some((agent) => agent.tools.some((tool) => masked(tool) !== tool))) return model;
  return { ...model, agents: model.agents.map((agent) => ({ ...agent, tools: agent.tools.map(masked) })) };
}
