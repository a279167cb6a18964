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

// Code extraction: the cost of reading TypeScript agent code, and that a repository of code files
// that mention no framework is only text-scanned (ts-morph is never loaded for it).
const { isTsMorphLoaded } = await import('../dist/src/extract/ts/project.js');

function plainFiles(count) {
  return Array.from({ length: count }, (_, index) => ({ path: `src/util${index}.ts`, text: `export const value${index} = ${index};\nexport function twice${index}(x: number) { return x * 2; }\n` }));
}

function openAiFiles(count) {
  const files = [];
  for (let index = 0; index < count; index++) {
    const next = index + 1 < count ? `handoffs: [agent${index + 1}],` : '';
    const imports = index + 1 < count ? `import { agent${index + 1} } from './agent${index + 1}.js';\n` : '';
    files.push({ path: `src/agent${index}.ts`, text: `import { Agent } from '@openai/agents';\n${imports}export const agent${index} = new Agent({ name: 'agent${index}', ${next} instructions: 'Step ${index}.' });\n` });
  }
  return files;
}

function time(files, repeats) {
  lintSources(files, config);
  const start = performance.now();
  for (let run = 0; run < repeats; run++) lintSources(files, config);
  return (performance.now() - start) / repeats;
}

console.log('');
const plainMs = time(plainFiles(2_000), 3);
console.log(`2,000 code files with no framework: ${plainMs.toFixed(1)} ms, ts-morph loaded: ${isTsMorphLoaded()}`);
const small = time(openAiFiles(50), 3) / 50;
const large = time(openAiFiles(500), 1) / 500;
console.log(`OpenAI Agents code, 50 vs 500 files (a handoff chain across files): ${(small * 1000).toFixed(0)} vs ${(large * 1000).toFixed(0)} µs/file`);
console.log(`growth ratio, code 500 vs 50 files (per-file cost):              ${(large / small).toFixed(2)} (1.00 = linear)`);
