import type { Node } from './project.js';
import type { Resolver } from './resolve.js';
import { propertyName } from './resolve.js';

const MAX_HOPS = 32;

/**
 * The expression a value stands for, also through members of object literals: `slackTools.post`
 * where `slackTools = { post: postTool }` (imported or not) is `postTool`'s initializer. Stops at
 * the first node it cannot see through, like `Resolver.value`.
 */
export function memberValue(resolver: Resolver, node: Node): Node | undefined {
  const { Node: N } = resolver.program.morph;
  let current: Node | undefined = node;
  for (let hops = 0; hops < MAX_HOPS && current; hops++) {
    const value = resolver.value(current);
    if (!value) return undefined;
    const member = N.isPropertyAccessExpression(value)
      ? value.getName()
      : N.isElementAccessExpression(value)
        ? resolver.stringValue(value.getArgumentExpression())
        : undefined;
    if (member === undefined || !(N.isPropertyAccessExpression(value) || N.isElementAccessExpression(value))) return value;
    const owner = memberValue(resolver, value.getExpression());
    const found = owner && N.isObjectLiteralExpression(owner) ? propertyOf(resolver, owner, member) : undefined;
    if (!found) return value;
    current = found;
  }
  return current;
}

/** One entry of an object literal reached through spreads: its key, its value and where it is written. */
export interface ObjectEntry {
  name: string;
  value: Node;
  at: Node;
}

/**
 * The entries an object expression holds, spreads of object literals flattened (imported ones,
 * and members of other objects, too). A later key replaces an earlier one, as at run time.
 * `unknown` lists the spreads whose object cannot be seen; `computed` the keys that are not
 * written out.
 */
export function objectEntries(resolver: Resolver, node: Node): { entries: ObjectEntry[]; unknown: Node[]; computed: Node[] } {
  const { Node: N } = resolver.program.morph;
  const entries = new Map<string, ObjectEntry>();
  const unknown: Node[] = [];
  const computed: Node[] = [];
  const seen = new Set<Node>();
  const visit = (expression: Node, spreadAt: Node | undefined, depth: number): void => {
    const object = memberValue(resolver, expression);
    if (!object || !N.isObjectLiteralExpression(object) || seen.has(object) || depth > MAX_HOPS) {
      if (spreadAt) unknown.push(spreadAt);
      return;
    }
    seen.add(object);
    for (const property of object.getProperties()) {
      if (N.isSpreadAssignment(property)) {
        visit(property.getExpression(), property, depth + 1);
      } else if (N.isPropertyAssignment(property) || N.isShorthandPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        if (N.isComputedPropertyName(nameNode)) {
          const key = resolver.stringValue(nameNode.getExpression());
          const initializer = N.isPropertyAssignment(property) ? property.getInitializer() : undefined;
          if (key === undefined || !initializer) computed.push(property);
          else entries.set(key, { name: key, value: initializer, at: property });
          continue;
        }
        const value = N.isPropertyAssignment(property) ? property.getInitializer() : nameNode;
        if (value) entries.set(propertyName(nameNode), { name: propertyName(nameNode), value, at: property });
      } else if (N.isMethodDeclaration(property)) {
        entries.set(property.getName(), { name: property.getName(), value: property, at: property });
      }
    }
  };
  visit(node, undefined, 0);
  return { entries: [...entries.values()], unknown, computed };
}

/** The value of `name` in an object literal, also when it comes from a spread inside it. */
function propertyOf(resolver: Resolver, object: Node, name: string): Node | undefined {
  return objectEntries(resolver, object).entries.find((entry) => entry.name === name)?.value;
}
