// What every TypeScript framework reader works with on one run: the program, the resolver, the
// draft it writes to, where it reports gaps, and the files that import its framework.
import type { GraphDraft } from '../fragment-builder.js';
import type { GapSink } from './gaps.js';
import type { TsProgram, TsSourceFile } from './project.js';
import type { Resolver } from './resolve.js';

export class ReaderScope {
  /** ts-morph's node guards (`N.isCallExpression`) and syntax kinds. */
  readonly N: TsProgram['morph']['Node'];
  readonly K: TsProgram['morph']['SyntaxKind'];

  constructor(
    readonly program: TsProgram,
    readonly resolver: Resolver,
    readonly draft: GraphDraft,
    readonly gaps: GapSink,
    readonly files: TsSourceFile[],
  ) {
    this.N = program.morph.Node;
    this.K = program.morph.SyntaxKind;
  }
}
