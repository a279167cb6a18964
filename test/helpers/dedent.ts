/** Removes the common indentation of a template literal, and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return `${lines.map((line) => line.slice(indent)).join('\n')}\n`;
}
