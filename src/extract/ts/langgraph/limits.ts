// Recursion limits (`recursionLimit` in withConfig or an invoke's config) bound every loop of
// the graph they are given to.
import { forEachDescendantOf, locationOf } from '../project.js';
import type { LangGraphScope } from './scope.js';

export function readRecursionLimits(scope: LangGraphScope): void {
  const { program, draft, N } = scope;
  for (const source of scope.files) {
    forEachDescendantOf(source, [program.morph.SyntaxKind.PropertyAssignment], (node) => {
      if (!N.isPropertyAssignment(node) || node.getName() !== 'recursionLimit') return;
      const limit = Number(node.getInitializer()?.getText());
      if (Number.isInteger(limit) && limit > 0) draft.addLoop([], limit, locationOf(node));
    });
  }
}
