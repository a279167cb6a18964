/** A text to match literally inside a regular expression (`code-reviewer`, `$json.user_id`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The first sentence of a description: up to `.`, `!` or `?` and a space, or a line break (also
 * one written as `\n` in a front matter value).
 */
export function firstSentence(description: string): string {
  return description.split(/(?<=[.!?])\s|(?<=[。！？])|\n|\\n/)[0] ?? '';
}
