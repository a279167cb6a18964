export * from './location.js';
export * from './agent.js';
export * from './edge.js';
export * from './system.js';
export * from './finding.js';
export * from './metrics.js';
export * from './lint-result.js';
