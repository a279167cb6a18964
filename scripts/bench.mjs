// Benchmark: how coordlint's cost grows with system size. Prints ratios measured in this one run
// (per-agent cost at the largest size over the smallest), so a noisy shared machine still gives a
// meaningful answer: a ratio near 1 means linear growth.
import { performance } from 'node:perf_hooks';
import { RULES } from '../dist/rules/index.js';
import { resolveConfig } from '../dist/src/config/resolve-config.js';
import { lintSources } from '../dist/src/lint.js';

const config = resolveConfig({ raw: {}, locate: () => undefined }, RULES);

/** A hierarchy with span 7 and escalations to one auditor: every rule has work to do. */
function hierarchy(count) {
  const lines = ['version: 1', `name: bench-${count}`, 'humans:', '  owner: {}', 'agents:', '  root: {role: orchestrator, escalatesTo: [owner]}', '  audit: {role: auditor, escalatesTo: [owner]}'];
  for (let index = 1; index < count - 1; index++) {
    const parent = index <= 7 ? 'root' : `a${Math.floor((index - 1) / 7)}`;
    lines.push(`  a${index}: {reportsTo: ${parent}, escalatesTo: [audit]${index % 3 === 0 ? `, handoffs: [a${index - 1}]` : ''}}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A reportsTo chain: the deepest possible hierarchy. */
function chain(count) {
  const lines = ['version: 1', `name: chain-${count}`, 'agents:', '  a0: {}'];
  for (let index = 1; index < count; index++) lines.push(`  a${index}: {reportsTo: a${index - 1}}`);
  return `${lines.join('\n')}\n`;
}

function measure(label, text, repeats) {
  lintSources([{ path: 'coordlint.yaml', text }], config); // warm-up
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  let result;
  for (let run = 0; run < repeats; run++) result = lintSources([{ path: 'coordlint.yaml', text }], config);
  const ms = (performance.now() - start) / repeats;
  const agents = result.systems[0]?.metrics.agents ?? 0;
  const heapMb = Math.max(0, process.memoryUsage().heapUsed - before) / 1024 / 1024;
  console.log(`${label.padEnd(16)} ${String(agents).padStart(6)} agents  ${ms.toFixed(1).padStart(8)} ms  ${(ms / agents * 1000).toFixed(1).padStart(7)} µs/agent  heap +${heapMb.toFixed(1)} MB`);
  return ms / agents;
}

const sizes = [1_000, 5_000, 25_000];
const perAgent = sizes.map((size) => measure('hierarchy', hierarchy(size), size >= 25_000 ? 1 : 3));
const chainSmall = measure('chain', chain(5_000), 3);
const chainLarge = measure('chain', chain(50_000), 1);

console.log('');
console.log(`growth ratio, hierarchy 25,000 vs 1,000 agents (per-agent cost): ${(perAgent[2] / perAgent[0]).toFixed(2)} (1.00 = linear)`);
console.log(`growth ratio, chain 50,000 vs 5,000 agents (per-agent cost):     ${(chainLarge / chainSmall).toFixed(2)} (1.00 = linear)`);
