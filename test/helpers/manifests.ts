/**
 * Builders for inline manifests in rule tests. Each returns YAML whose agent lines are
 * predictable: the header takes lines 1–3 (`version`, `name`, `agents:`), so the n-th agent
 * entry written by `entries` starts on line 3 + n.
 */
export function manifest(name: string, agentLines: string[], extra = ''): string {
  return [`version: 1`, `name: ${name}`, `agents:`, ...agentLines.map((line) => `  ${line}`), extra].join('\n');
}

/** `count` one-line worker entries reporting to `coordinator`, named `<prefix>1…<prefix>count`. */
export function reports(coordinator: string, count: number, prefix = 'w', more = ''): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index + 1}: {reportsTo: ${coordinator}${more}}`);
}

/**
 * Line and column (1-based) of the n-th occurrence of `needle` in the dedented text, so tests
 * can name the place of a reference by what is written there.
 */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let count = 0; count < occurrence; count++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}
