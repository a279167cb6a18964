// Where a graph's routers send the run: path maps, what a router function returns (names,
// `Send` fan-outs, lookups among written names), and `Command({ goto })` in a node's body.
import type { Node, TsProgram } from '../project.js';
import { forEachDescendantOf } from '../project.js';
import type { Resolver } from '../resolve.js';
import type { NodeNamer, RouteTarget } from './model.js';

/** True when a node is imported from LangGraph under one of these names. */
export type LangGraphTest = (node: Node, names: string[]) => boolean;

/** Targets of addConditionalEdges: the path map, else what the router function can return. */
export function conditionalTargets(
  program: TsProgram,
  resolver: Resolver,
  router: Node | undefined,
  pathMap: Node | undefined,
  nodeName: NodeNamer,
  isLg: LangGraphTest,
): RouteTarget[] | undefined {
  const { Node: N } = program.morph;
  const targets: RouteTarget[] = [];
  if (pathMap) {
    const fanOut = router ? sendTargets(program, resolver, router, nodeName, isLg) : new Set<string>();
    const value = resolver.value(pathMap);
    if (value && N.isArrayLiteralExpression(value)) {
      // Also spreads of lists written elsewhere (`[...WORKERS, END]` of an imported `as const` tuple).
      const { items, unknown } = resolver.elements(pathMap);
      if (unknown.length > 0) return undefined;
      for (const element of items) {
        const name = nodeName(element);
        if (name === undefined) return undefined;
        // A name written in another module is routed to here, at the path map.
        targets.push({ name, parallel: fanOut.has(name), at: element.getSourceFile() === pathMap.getSourceFile() ? element : pathMap });
      }
      return targets;
    }
    if (value && N.isObjectLiteralExpression(value)) {
      for (const property of value.getProperties()) {
        if (!N.isPropertyAssignment(property)) continue;
        const name = nodeName(property.getInitializer());
        if (name === undefined) return undefined;
        targets.push({ name, parallel: fanOut.has(name), at: property });
      }
      return targets;
    }
    return undefined;
  }
  const fn = router ? resolver.value(router) : undefined;
  if (!fn || !(N.isArrowFunction(fn) || N.isFunctionExpression(fn) || N.isFunctionDeclaration(fn))) return undefined;
  if (!fn.getBody()) return undefined;
  const returned = resolver.returnsOf(fn).filter((each): each is Node => each !== undefined);
  for (const expression of returned) {
    const value = resolver.unwrap(expression);
    if (N.isConditionalExpression(value)) {
      returned.push(value.getWhenTrue(), value.getWhenFalse());
      continue;
    }
    if (N.isNewExpression(value) && isLg(value.getExpression(), ['Send'])) {
      const name = nodeName(value.getArguments()[0]);
      if (name === undefined) return undefined;
      targets.push({ name, parallel: false, at: value });
      continue;
    }
    if (N.isCallExpression(value) && /\.map$/.test(value.getExpression().getText())) {
      const mapper = value.getArguments()[0];
      const sends: Array<{ node: Node; target: Node | undefined }> = [];
      if (mapper) forEachDescendantOf(mapper, [program.morph.SyntaxKind.NewExpression], (node) => {
        if (N.isNewExpression(node) && isLg(node.getExpression(), ['Send'])) sends.push({ node, target: node.getArguments()[0] });
      });
      if (sends.length === 0) return undefined;
      for (const { node: send, target } of sends) {
        const name = nodeName(target);
        if (name === undefined) return undefined;
        targets.push({ name, parallel: true, at: send });
      }
      continue;
    }
    if (N.isArrayLiteralExpression(value)) {
      for (const element of value.getElements()) {
        const inner = resolver.unwrap(element);
        const name = N.isNewExpression(inner) && isLg(inner.getExpression(), ['Send']) ? nodeName(inner.getArguments()[0]) : nodeName(inner);
        if (name === undefined) return undefined;
        targets.push({ name, parallel: true, at: element });
      }
      continue;
    }
    const name = nodeName(value);
    if (name !== undefined) {
      targets.push({ name, parallel: false, at: value });
      continue;
    }
    // A name looked up or chosen among written ones (`map[intent]?.node || 'final'`): each of them.
    const names = resolver.possibleStrings(value, nodeName);
    if (names === undefined || names.length === 0) return undefined;
    for (const each of names) targets.push({ name: each, parallel: false, at: value });
  }
  const unique = new Map<string, RouteTarget>();
  for (const target of targets) if (!unique.has(target.name)) unique.set(target.name, target);
  return [...unique.values()];
}

/** Nodes a router fans out to with `Send` inside a `.map(…)` (one run per item, in parallel). */
function sendTargets(
  program: TsProgram,
  resolver: Resolver,
  router: Node,
  nodeName: NodeNamer,
  isLg: LangGraphTest,
): Set<string> {
  const { Node: N } = program.morph;
  const fn = resolver.value(router);
  const found = new Set<string>();
  if (fn) forEachDescendantOf(fn, [program.morph.SyntaxKind.NewExpression], (node) => {
    if (!N.isNewExpression(node) || !isLg(node.getExpression(), ['Send'])) return;
    const inMap = node.getAncestors().some((ancestor) => N.isCallExpression(ancestor) && /\.(map|flatMap)$/.test(ancestor.getExpression().getText()));
    // `[new Send('a', s), new Send('b', s)]`: several Sends returned together run side by side.
    const inList = N.isArrayLiteralExpression(node.getParent());
    const name = nodeName(node.getArguments()[0]);
    if ((inMap || inList) && name !== undefined) found.add(name);
  });
  return found;
}

/** `new Command({ goto: … })` in a node's body: its targets. */
export function commandTargets(
  program: TsProgram,
  resolver: Resolver,
  fn: Node,
  nodeName: NodeNamer,
  isLg: LangGraphTest,
): Array<{ name: string; at: Node }> {
  return commandGotos(program, resolver, fn, nodeName, isLg).found;
}

/**
 * The targets of the `new Command({ goto })` in a node's body, and whether every one of them is
 * known (`all`: at least one Command, each goto a node name written out): then the node goes
 * nowhere else, whatever its `ends` list says.
 */
export function commandGotos(
  program: TsProgram,
  resolver: Resolver,
  fn: Node,
  nodeName: NodeNamer,
  isLg: LangGraphTest,
): { found: Array<{ name: string; at: Node }>; all: boolean } {
  const { Node: N } = program.morph;
  const found: Array<{ name: string; at: Node }> = [];
  let commands = 0;
  let unknown = 0;
  forEachDescendantOf(fn, [program.morph.SyntaxKind.NewExpression], (node) => {
    if (!N.isNewExpression(node) || !isLg(node.getExpression(), ['Command'])) return;
    commands++;
    const options = resolver.value(node.getArguments()[0] ?? node);
    const goto = options ? resolver.property(options, 'goto') : undefined;
    if (!goto) return;
    const value = resolver.value(goto);
    const items = value && N.isArrayLiteralExpression(value) ? value.getElements() : [goto];
    for (const item of items) {
      const name = nodeName(item);
      if (name !== undefined) found.push({ name, at: item });
      else unknown++;
    }
  });
  // Every way out of the function must be one of these Commands (`return new Command(…)`, or an
  // arrow's body): a return of anything else (a helper's Command, a plain update) may go elsewhere.
  const isCommand = (expression: Node | undefined): boolean => {
    const value = expression ? resolver.unwrap(expression) : undefined;
    if (!value) return false;
    if (N.isConditionalExpression(value)) return isCommand(value.getWhenTrue()) && isCommand(value.getWhenFalse());
    if (N.isAwaitExpression(value)) return isCommand(value.getExpression());
    return N.isNewExpression(value) && isLg(value.getExpression(), ['Command']);
  };
  const exits = resolver.returnsOf(fn);
  return { found, all: exits.length > 0 && exits.every(isCommand) && commands > 0 && unknown === 0 && found.length > 0 };
}

