// The layers of coordlint (STYLE.md §2, DESIGN.md "Pipeline") as dependency-cruiser rules.
// Work flows one way: discover → extract → link → graph → metrics → rules → report, with
// model/ underneath everything and cli.ts on top. test/architecture-cruiser.test.ts runs these
// rules on the sources, and on a copy with injected violations to prove each rule catches them.
// Run by hand: npx depcruise src rules

/** A path pattern for a layer: a folder under src/, or a top-level file of src/. */
const layer = {
  model: '^src/model/',
  errors: '^src/errors\\.ts$',
  discover: '^src/discover/',
  extract: '^src/extract/',
  link: '^src/link/',
  graph: '^src/graph/',
  metrics: '^src/metrics/',
  engine: '^src/engine/',
  rules: '^rules/',
  report: '^src/report/',
  config: '^src/config/',
  lint: '^src/lint\\.ts$',
  cli: '^src/cli\\.ts$',
  main: '^src/main\\.ts$',
  outputFile: '^src/output-file\\.ts$',
  codeCache: '^src/code-cache\\.ts$',
  advise: '^src/advise/',
  init: '^src/init/',
};

/** Every layer but the ones named. */
const allBut = (...allowed) =>
  Object.entries(layer)
    .filter(([name]) => !allowed.includes(name))
    .map(([, path]) => path);

/** A rule: modules of `from` may import only the layers in `allowed` (and their own). */
const onlyImports = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: layer[from] },
  to: { path: allBut(from, ...allowed) },
});

/** Node modules that reach the network, start processes or run code. */
const EXECUTING_OR_NETWORK = ['child_process', 'cluster', 'dgram', 'dns', 'http', 'http2', 'https', 'inspector', 'net', 'tls', 'vm', 'worker_threads'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties layers together; every step must be usable without the ones after it.',
      severity: 'error',
      from: { path: '^(src|rules)/' },
      to: { circular: true },
    },
    onlyImports('model-imports-nothing', 'model', [], 'model/ is the shared vocabulary: it imports only zod.'),
    onlyImports('errors-import-model-only', 'errors', ['model'], 'errors.ts describes failures with model locations only.'),
    onlyImports('extract-not-downstream', 'extract', ['model', 'errors', 'codeCache'], 'An extractor turns file text into fragments; it knows nothing of linking, graphs, rules, reports or the CLI (the code readers load ts-morph through the code cache).'),
    onlyImports('code-cache-imports-nothing', 'codeCache', [], 'The code cache loads coordlint\'s own libraries; it knows nothing of the pipeline.'),
    onlyImports('discover-not-downstream', 'discover', ['model', 'errors', 'extract'], 'discover finds and reads files; it asks extractors which names they read, nothing more.'),
    onlyImports('link-not-downstream', 'link', ['model', 'extract'], 'link merges fragments into systems; graphs, metrics, rules and output come after it.'),
    onlyImports('graph-not-downstream', 'graph', ['model'], 'A graph is built from a system model alone; metrics are computed from graphs, not the other way.'),
    onlyImports('metrics-not-downstream', 'metrics', ['model', 'graph'], 'Metrics are pure functions of the graph; rules read metrics, metrics never read rules.'),
    onlyImports('engine-not-downstream', 'engine', ['model', 'graph', 'metrics', 'extract'], 'The engine runs rules, applies suppressions, overrides and the baseline, and caches extraction results; reports, configuration loading and the CLI sit above it.'),
    onlyImports('config-not-downstream', 'config', ['model', 'errors', 'engine', 'extract', 'discover'], 'Configuration is read and checked against the rules it is given (with discovery\'s glob matcher for paths); it never runs the pipeline or reports.'),
    onlyImports('advise-after-rules', 'advise', ['model', 'graph', 'metrics', 'engine'], 'The advisor restructures a system model and judges it with the same graph, metrics and rules; it never reads files or formats output.'),
    onlyImports('init-only-model', 'init', ['model'], 'init proposes starter files from a LintResult; the CLI writes them.'),
    onlyImports('report-only-model', 'report', ['model', 'metrics'], 'A reporter is a pure function of a LintResult.'),
    onlyImports('lint-not-cli-or-report', 'lint', ['model', 'discover', 'extract', 'link', 'graph', 'metrics', 'engine', 'config'], 'lint.ts is the pipeline and the programmatic API; output and the CLI are above it.'),
    onlyImports('output-file-only-errors', 'outputFile', ['errors'], 'The output writer writes one file; it knows nothing of the pipeline.'),
    onlyImports('cli-not-main', 'cli', Object.keys(layer).filter((name) => name !== 'main'), 'main.ts is the entry point that runs the CLI; the CLI never imports it.'),
    {
      name: 'rules-use-model-graph-metrics-and-define-rule',
      comment: 'A rule is a pure check of one system: it imports model, graph, metrics and engine/define-rule only.',
      severity: 'error',
      from: { path: layer.rules },
      to: { path: '^src/', pathNot: ['^src/(model|graph|metrics)/', '^src/engine/define-rule\\.ts$'] },
    },
    {
      name: 'report-uses-only-the-regime-helpers-of-metrics',
      comment: 'Reporters may name regimes and bands, never compute metrics themselves.',
      severity: 'error',
      from: { path: layer.report },
      to: { path: '^src/metrics/', pathNot: '^src/metrics/regime\\.ts$' },
    },
    {
      name: 'never-executes-or-reaches-the-network',
      comment: 'coordlint never runs the code it reads and never reaches the network (SECURITY.md); the code cache compiles its own libraries with vm, and nothing else may.',
      severity: 'error',
      from: { path: '^(src|rules)/', pathNot: '^src/code-cache\\.ts$' },
      to: { dependencyTypes: ['core'], path: `^(node:)?(${EXECUTING_OR_NETWORK.join('|')})(/|$)` },
    },
    {
      name: 'only-io-modules-touch-the-disk',
      comment: 'Only discover/, config/, cli.ts, the output writer and the code cache (its own cache files) read or write files (STYLE.md §2).',
      severity: 'error',
      from: { path: '^(src|rules)/', pathNot: ['^src/(discover|config)/', '^src/cli\\.ts$', '^src/output-file\\.ts$', '^src/code-cache\\.ts$'] },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
    {
      name: 'rules-use-no-node-or-parsers',
      comment: 'Rules stay pure: no Node modules, no parsers.',
      severity: 'error',
      from: { path: layer.rules },
      to: { path: '(^|/)node_modules/(ts-morph|yaml|web-tree-sitter)/|^(node:)?[a-z_]+$', dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a later layer couples the layers just as much.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
