/** Escapes text for XML and HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** Escapes a Markdown table cell. */
export function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** A percentage with no decimals: 0.153 → "15%". */
export function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "1 agent", "2 agents". */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The rules that judge each measure of a system: a measure is within its target while none of them fires. */
export const MEASURE_RULES = {
  depth: ['regime-mismatch', 'premature-hierarchy'],
  span: ['span-of-control'],
  pairs: ['pair-explosion'],
  coupling: ['cascade-chain'],
  ratio: ['coordination-ratio'],
} as const satisfies Record<string, readonly string[]>;

/**
 * Whether a measure is within its target, given which rules fire on the system. A system nobody
 * directs has no span to judge: past 8 agents it is judged by its depth (someone must coordinate).
 */
export function withinTarget(measure: keyof typeof MEASURE_RULES, fires: (rule: string) => boolean, metrics: { maxSpan: number; agents: number }): boolean {
  const rules: readonly string[] = measure === 'span' && metrics.maxSpan === 0 && metrics.agents > 8 ? ['regime-mismatch'] : MEASURE_RULES[measure];
  return !rules.some(fires);
}

/** What to say of a system where nobody directs the others, at its size. */
export function nobodyDirects(agents: number): string {
  return agents <= 8 ? `fine at ${plural(agents, 'agent')} (one coordinator tracks up to 8)` : 'past 8 agents someone has to coordinate';
}
