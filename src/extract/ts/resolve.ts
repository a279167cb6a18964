import type * as TsMorph from 'ts-morph';
import type { Node, TsProgram, TsSourceFile } from './project.js';
import { forEachDescendantOf, runPath, wrapCompilerNode } from './project.js';

/** Where an imported name comes from. */
export interface ImportBinding {
  module: string;
  /** The exported name, `default`, or `*` for a namespace import. */
  name: string;
}

const MAX_HOPS = 32;

/**
 * Static value resolution over the run's files: identifiers to their declarations in enclosing
 * scopes, imports to the exporting file (following re-exports), and the wrappers that do not
 * change a value (parentheses, `as`, `satisfies`, `!`, `await`). Never the type checker, never
 * execution. Undefined means "cannot tell statically"; callers report that as a gap.
 */
export class Resolver {
  private readonly importCache = new Map<TsSourceFile, Map<string, ImportBinding>>();

  constructor(readonly program: TsProgram) {}

  /** The imports of a file, by local name. */
  imports(source: TsSourceFile): Map<string, ImportBinding> {
    let bindings = this.importCache.get(source);
    if (bindings) return bindings;
    bindings = new Map();
    // Read off the compiler's import declarations (what ts-morph's getImportDeclarations lists),
    // without wrapping every statement of the file.
    const { ts } = this.program.morph;
    const file = source.compilerNode;
    for (const statement of file.statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const module = packageSpecifier(statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (!clause) continue;
      if (clause.name) bindings.set(clause.name.getText(file), { module, name: 'default' });
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) bindings.set(named.name.getText(file), { module, name: '*' });
      if (named && ts.isNamedImports(named)) {
        for (const element of named.elements) bindings.set(element.name.getText(file), { module, name: (element.propertyName ?? element.name).getText(file) });
      }
    }
    this.importCache.set(source, bindings);
    return bindings;
  }

  /** The binding an identifier (or `ns.member`) has when it is imported, in its own file. */
  importOf(node: Node): ImportBinding | undefined {
    const { Node: N } = this.program.morph;
    if (N.isIdentifier(node)) {
      // The import map first: most names are not imported, and the scope walk is the dear part.
      const binding = this.imports(node.getSourceFile()).get(node.getText());
      if (!binding || this.localDeclaration(node)) return undefined;
      return binding;
    }
    if (N.isPropertyAccessExpression(node)) {
      const object = node.getExpression();
      if (!N.isIdentifier(object)) return undefined;
      const binding = this.imports(node.getSourceFile()).get(object.getText());
      if (binding?.name === '*') return { module: binding.module, name: node.getName() };
    }
    return undefined;
  }

  /**
   * The value of `ns.member` of a namespace import (`import * as agents from './agents'`: that
   * module's export), or of `object.member` / `object['member']` of an object literal the run
   * can see (`AGENTS.billing` of `const AGENTS = { billing: new Agent(…) }`).
   */
  private memberValue(access: TsMorph.PropertyAccessExpression | TsMorph.ElementAccessExpression): Node | undefined {
    const { Node: N } = this.program.morph;
    const object = access.getExpression();
    const name = N.isPropertyAccessExpression(access) ? access.getName() : (access.getArgumentExpression() as TsMorph.StringLiteral).getLiteralValue();
    const binding = N.isIdentifier(object) && !this.localDeclaration(object) ? this.imports(access.getSourceFile()).get(object.getText()) : undefined;
    if (binding?.name === '*') {
      const target = this.program.resolveImport(pathOfSource(access.getSourceFile()), binding.module);
      return target ? this.exported(target, name, new Set()) : undefined;
    }
    if (object.getKind() === this.program.morph.SyntaxKind.ThisKeyword) return this.classMember(access, name);
    // `this.researcher.createNode()` where the constructor is given `private researcher: ResearcherService`.
    const injected = N.isPropertyAccessExpression(object) && object.getExpression().getKind() === this.program.morph.SyntaxKind.ThisKeyword ? this.injectedClass(object, object.getName()) : undefined;
    if (injected) return this.memberOfClass(injected, name);
    const literal = this.value(object);
    if (literal && N.isNewExpression(literal)) return this.instanceMember(literal, name);
    // A member of an enum (`enum Nodes { Plan = 'plan' }` … `Nodes.Plan`), here or imported: its value.
    if (literal && N.isEnumDeclaration(literal)) return literal.getMember(name)?.getInitializer();
    return literal && N.isObjectLiteralExpression(literal) ? this.property(literal, name) : undefined;
  }

  /** A member of an instance made with `new X()` of a class the run can see: its method, or its field's initializer. */
  private instanceMember(made: TsMorph.NewExpression, name: string): Node | undefined {
    const { Node: N } = this.program.morph;
    const cls = this.value(made.getExpression());
    if (!cls || !(N.isClassDeclaration(cls) || N.isClassExpression(cls))) return undefined;
    return this.memberOfClass(cls, name);
  }

  /**
   * The class of a service handed to the constructor (`constructor(private readonly researcher:
   * ResearcherService)`, dependency injection), when no field or assignment gives `this.x` a value.
   */
  private injectedClass(access: Node, name: string): TsMorph.ClassDeclaration | undefined {
    const { Node: N } = this.program.morph;
    if (this.classMember(access, name) !== undefined) return undefined;
    const cls = access.getFirstAncestor((ancestor) => N.isClassDeclaration(ancestor));
    if (!cls || !N.isClassDeclaration(cls)) return undefined;
    for (const constructor of cls.getConstructors()) {
      const parameter = constructor.getParameters().find((each) => each.getName() === name && each.isParameterProperty());
      const type = parameter?.getTypeNode();
      if (!type || !N.isTypeReference(type)) continue;
      const declared = this.value(type.getTypeName());
      if (declared && N.isClassDeclaration(declared)) return declared;
    }
    return undefined;
  }

  /** A class's instance method `name`, or its field's initializer. */
  private memberOfClass(cls: TsMorph.ClassDeclaration | TsMorph.ClassExpression, name: string): Node | undefined {
    const { Node: N } = this.program.morph;
    const method = cls.getInstanceMethod(name);
    if (method) return method;
    const field = cls.getInstanceProperty(name);
    return field && N.isPropertyDeclaration(field) ? field.getInitializer() : undefined;
  }

  /**
   * `this.x` in a class: the field's initializer (`private tools = new ToolNode(…)`), else the one
   * value the constructor, or a method it calls (`this.initialize()`), assigns it.
   */
  private classMember(access: Node, name: string): Node | undefined {
    const { Node: N } = this.program.morph;
    const cls = access.getFirstAncestor((ancestor) => N.isClassDeclaration(ancestor) || N.isClassExpression(ancestor));
    if (!cls || !(N.isClassDeclaration(cls) || N.isClassExpression(cls))) return undefined;
    const field = cls.getProperty(name);
    const initializer = field && N.isPropertyDeclaration(field) ? field.getInitializer() : undefined;
    if (initializer) return initializer;
    // `this.answer` of a class with a method `answer` (a graph node `this.answer.bind(this)`, `(s) => this.answer(s)`).
    const method = N.isClassDeclaration(cls) || N.isClassExpression(cls) ? cls.getInstanceMethod(name) : undefined;
    if (method && !field) return method;
    const assigned: Node[] = [];
    const { SyntaxKind: K } = this.program.morph;
    // The constructor, and the methods it calls on `this` (`this.initialize()`, which builds the agent).
    const setup: Node[] = [...cls.getConstructors()];
    for (const constructor of cls.getConstructors()) {
      forEachDescendantOf(constructor, [K.CallExpression], (call) => {
        const callee = N.isCallExpression(call) ? call.getExpression() : undefined;
        if (!callee || !N.isPropertyAccessExpression(callee) || callee.getExpression().getKind() !== K.ThisKeyword) return;
        const method = cls.getInstanceMethod(callee.getName());
        if (method && !setup.includes(method)) setup.push(method);
      });
    }
    for (const body of setup) {
      forEachDescendantOf(body, [K.BinaryExpression], (node) => {
        if (!N.isBinaryExpression(node) || node.getOperatorToken().getText() !== '=') return;
        const left = node.getLeft();
        if (N.isPropertyAccessExpression(left) && left.getName() === name && left.getExpression().getKind() === K.ThisKeyword) assigned.push(node.getRight());
      });
    }
    return assigned.length === 1 ? assigned[0] : undefined;
  }

  /**
   * The module a reference comes from when it is imported from one the run cannot follow (a
   * package, a file outside the run, a path alias no project configuration of the run maps):
   * `x`, `x()`, `ns.x`, `ns.makeX()` as written. Undefined for anything else.
   */
  unfollowedModule(node: Node): string | undefined {
    const { Node: N } = this.program.morph;
    let current = this.unwrap(node);
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      if (N.isCallExpression(current) || N.isNewExpression(current)) current = this.unwrap(current.getExpression());
      else if (N.isPropertyAccessExpression(current)) current = this.unwrap(current.getExpression());
      else break;
    }
    if (!N.isIdentifier(current) || this.localDeclaration(current)) return undefined;
    const binding = this.imports(current.getSourceFile()).get(current.getText());
    if (!binding) return undefined;
    return this.program.resolveImport(pathOfSource(current.getSourceFile()), binding.module) === undefined ? binding.module : undefined;
  }

  /** Why a reference is not a known agent: where it comes from when that is a module the run cannot follow. */
  whyUnknown(node: Node, otherwise: string): string {
    const module = this.unfollowedModule(node);
    return module === undefined ? otherwise : `imported from '${module}', a module outside the files read (a package, or a path alias no tsconfig of the run maps)`;
  }

  /** True when `node` names `exported` from one of `modules` (directly, aliased or through a namespace). */
  isImportFrom(node: Node, modules: readonly string[], exported: readonly string[]): boolean {
    const matches = (binding: ImportBinding | undefined): boolean =>
      binding !== undefined && modules.some((module) => binding.module === module || binding.module.startsWith(`${module}/`)) && exported.includes(binding.name);
    // An identifier's import is checked before the scope walk that rules out a local of the same
    // name: most imported names called in a file are not the ones asked for.
    if (this.program.morph.Node.isIdentifier(node) && !matches(this.imports(node.getSourceFile()).get(node.getText()))) {
      return this.hasDynamicImport(node.getSourceFile()) && matches(this.dynamicImportOf(node));
    }
    return matches(this.importOf(node));
  }

  private readonly dynamicImports = new Map<TsSourceFile, boolean>();

  private hasDynamicImport(source: TsSourceFile): boolean {
    let found = this.dynamicImports.get(source);
    if (found === undefined) {
      found = /\bimport\s*\(/.test(source.getFullText());
      this.dynamicImports.set(source, found);
    }
    return found;
  }

  /** `const { run } = await import('@openai/agents')`: `run` is that module's export. */
  private dynamicImportOf(identifier: Node): ImportBinding | undefined {
    const { Node: N } = this.program.morph;
    const declaration = this.localDeclaration(identifier);
    if (!declaration || !N.isBindingElement(declaration)) return undefined;
    const variable = declaration.getParent()?.getParent();
    if (!variable || !N.isVariableDeclaration(variable)) return undefined;
    const initializer = variable.getInitializer();
    const call = initializer ? this.unwrap(initializer) : undefined;
    if (!call || !N.isCallExpression(call) || call.getExpression().getKind() !== this.program.morph.SyntaxKind.ImportKeyword) return undefined;
    const specifier = call.getArguments()[0];
    if (!specifier || !N.isStringLiteral(specifier)) return undefined;
    return { module: packageSpecifier(specifier.getLiteralValue()), name: declaration.getPropertyNameNode()?.getText() ?? declaration.getName() };
  }

  /** Strips wrappers that keep the value: parentheses, `as`, `satisfies`, `!`, `await`, type arguments (`ship<string>`). */
  unwrap(node: Node): Node {
    const { Node: N } = this.program.morph;
    let current = node;
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      if (N.isParenthesizedExpression(current) || N.isAsExpression(current) || N.isSatisfiesExpression(current) || N.isNonNullExpression(current) || N.isAwaitExpression(current) || N.isTypeAssertion(current)) {
        current = current.getExpression();
      } else if (N.isExpressionWithTypeArguments(current)) {
        // An instantiation expression (`ship<string>`) is the function it instantiates.
        current = current.getExpression();
      } else {
        return current;
      }
    }
    return current;
  }

  /**
   * The expression that defines a value: follows identifiers to their initializers, across
   * imports and re-exports. Returns the last node reached (an expression, a function or class
   * declaration), or undefined when an identifier leads nowhere (a parameter, an external module).
   */
  value(node: Node): Node | undefined {
    const { Node: N } = this.program.morph;
    let current: Node | undefined = this.unwrap(node);
    for (let hops = 0; hops < MAX_HOPS && current; hops++) {
      if (N.isPropertyAccessExpression(current) || (N.isElementAccessExpression(current) && N.isStringLiteral(current.getArgumentExpression() ?? current))) {
        const member = this.memberValue(current);
        if (!member) return current;
        current = this.unwrap(member);
        continue;
      }
      // `fn.bind(this)`: the function it binds.
      if (N.isCallExpression(current)) {
        const callee = current.getExpression();
        const bound = N.isPropertyAccessExpression(callee) && callee.getName() === 'bind' ? this.value(callee.getExpression()) : undefined;
        if (bound && (N.isFunctionDeclaration(bound) || N.isArrowFunction(bound) || N.isFunctionExpression(bound) || N.isMethodDeclaration(bound))) return bound;
        return current;
      }
      if (!N.isIdentifier(current)) return current;
      const local = this.localDeclaration(current);
      if (local) {
        if (N.isVariableDeclaration(local)) {
          const initializer = local.getInitializer();
          if (!initializer) return undefined;
          current = this.unwrap(initializer);
          continue;
        }
        const item = this.arrayItem(local);
        if (item) {
          current = item;
          continue;
        }
        return local;
      }
      const binding = this.imports(current.getSourceFile()).get(current.getText());
      if (!binding || binding.name === '*') return undefined;
      const target = this.program.resolveImport(pathOfSource(current.getSourceFile()), binding.module);
      if (!target) return undefined;
      current = this.exported(target, binding.name, new Set());
      if (current) current = this.unwrap(current);
    }
    return current;
  }

  /**
   * The item an array destructuring takes (`const [planner, writer] = initAgents()`): its place in
   * the array written out, or in the one array the function called returns. Undefined otherwise.
   */
  /** Destructurings being followed: `const [a] = c; const [c] = a;` ends the search. */
  private readonly destructuring = new Set<Node>();

  private arrayItem(element: Node): Node | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isBindingElement(element) || element.getDotDotDotToken() || this.destructuring.has(element)) return undefined;
    this.destructuring.add(element);
    try {
      return this.arrayItemOf(element);
    } finally {
      this.destructuring.delete(element);
    }
  }

  private arrayItemOf(element: Node): Node | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isBindingElement(element)) return undefined;
    const pattern = element.getParent();
    const variable = pattern?.getParent();
    if (!pattern || !N.isArrayBindingPattern(pattern) || !variable || !N.isVariableDeclaration(variable)) return undefined;
    const initializer = variable.getInitializer();
    let whole = initializer ? this.value(initializer) : undefined;
    if (whole && N.isCallExpression(whole)) whole = this.factoryResult(whole);
    whole = whole ? this.unwrap(whole) : undefined;
    if (!whole || !N.isArrayLiteralExpression(whole)) return undefined;
    const item = whole.getElements()[pattern.getElements().indexOf(element)];
    return item && !N.isSpreadElement(item) && !N.isOmittedExpression(item) ? this.unwrap(item) : undefined;
  }

  /**
   * What a call of a local or imported function returns when the function returns one thing:
   * `makeTriage()` → the `new Agent(…)` of `function makeTriage() { return new Agent(…); }` or
   * of `const makeTriage = () => new Agent(…)`, or of a method of an object the code read makes
   * (`helpers.getAllTools()` → `[this.deleteOrderTool, …]`). Undefined for anything else (several
   * returns, a function the run does not have).
   */
  factoryResult(call: Node): Node | undefined {
    const { Node: N } = this.program.morph;
    const unwrapped = this.unwrap(call);
    if (!N.isCallExpression(unwrapped)) return undefined;
    const callee = this.value(unwrapped.getExpression());
    if (!callee || !(N.isFunctionDeclaration(callee) || N.isArrowFunction(callee) || N.isFunctionExpression(callee) || N.isMethodDeclaration(callee))) return undefined;
    const only = this.returnedExpression(callee);
    return only ? this.value(only) : undefined;
  }

  /**
   * The one expression a function returns: an arrow's expression body, or the value of its only
   * own `return` (returns of nested functions are theirs); undefined when it returns in several places.
   */
  returnedExpression(fn: Node): Node | undefined {
    const returned = this.returnsOf(fn);
    return returned.length === 1 ? returned[0] : undefined;
  }

  /**
   * What each way out of a function returns, in source order: an arrow's expression body, else the
   * expression of each `return` of its own (undefined for a bare `return;`), not of functions
   * nested in it. Empty for what is no function, or has no body.
   */
  returnsOf(fn: Node): Array<Node | undefined> {
    const { Node: N, SyntaxKind: K } = this.program.morph;
    if (!(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn) || N.isMethodDeclaration(fn))) return [];
    const body = fn.getBody();
    if (!body) return [];
    if (!N.isBlock(body)) return [body];
    const found: Array<Node | undefined> = [];
    forEachDescendantOf(body, [K.ReturnStatement, K.ArrowFunction, K.FunctionExpression, K.FunctionDeclaration, K.MethodDeclaration], (node) => {
      if (!N.isReturnStatement(node)) return 'skip';
      found.push(node.getExpression());
      return undefined;
    });
    return found;
  }

  /**
   * Where a value comes from when it is a parameter of a function: the function, the parameter's
   * position, and for a destructured parameter (`({ name }) => …`) the property read from it.
   */
  parameterOf(node: Node): { fn: Node; index: number; property?: string } | undefined {
    const { Node: N } = this.program.morph;
    const value = this.value(node);
    if (!value) return undefined;
    if (N.isParameterDeclaration(value)) {
      const fn = value.getParent();
      return fn && (N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn)) ? { fn, index: fn.getParameters().indexOf(value) } : undefined;
    }
    if (N.isBindingElement(value)) {
      const pattern = value.getParent();
      const parameter = pattern?.getParent();
      const fn = parameter?.getParent();
      if (!parameter || !N.isParameterDeclaration(parameter) || !fn || !(N.isFunctionDeclaration(fn) || N.isArrowFunction(fn) || N.isFunctionExpression(fn))) return undefined;
      return { fn, index: fn.getParameters().indexOf(parameter), property: value.getPropertyNameNode()?.getText() ?? value.getName() };
    }
    return undefined;
  }

  /**
   * Where a value inside a factory comes from in its caller: a parameter, a property of one
   * (destructured in the parameter list or from the parameter in the body: `const { name =
   * 'Expert' } = opts`), with the default written for it, if any.
   */
  factoryInput(node: Node): { fn: Node; index: number; property?: string; fallback?: string } | undefined {
    const { Node: N } = this.program.morph;
    const direct = this.parameterOf(node);
    const value = this.value(node);
    const fallbackOf = (declaration: Node | undefined): string | undefined => {
      const initializer = declaration && (N.isBindingElement(declaration) || N.isParameterDeclaration(declaration)) ? declaration.getInitializer() : undefined;
      return initializer ? this.stringValue(initializer) : undefined;
    };
    if (direct) {
      const fallback = fallbackOf(value);
      return { ...direct, ...(fallback !== undefined && { fallback }) };
    }
    // `options.name` where `options` is a parameter.
    const written = this.unwrap(node);
    if (N.isPropertyAccessExpression(written)) {
      const parameter = this.parameterOf(written.getExpression());
      if (parameter && parameter.property === undefined) return { fn: parameter.fn, index: parameter.index, property: written.getName() };
    }
    if (!value || !N.isBindingElement(value)) return undefined;
    const variable = value.getParent()?.getParent();
    const source = variable && N.isVariableDeclaration(variable) ? variable.getInitializer() : undefined;
    const parameter = source ? this.parameterOf(source) : undefined;
    if (!parameter || parameter.property !== undefined) return undefined;
    const fallback = fallbackOf(value);
    return { fn: parameter.fn, index: parameter.index, property: value.getPropertyNameNode()?.getText() ?? value.getName(), ...(fallback !== undefined && { fallback }) };
  }

  /** The string a factory call gives the input `factoryInput` found: what it passes, else the default when it passes nothing for it. */
  factoryArgument(call: Node, input: { index: number; property?: string; fallback?: string }): string | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isCallExpression(call)) return undefined;
    const argument = call.getArguments()[input.index];
    if (!argument) return input.fallback;
    if (input.property === undefined) return this.stringValue(argument);
    const object = this.value(argument);
    if (!object || !N.isObjectLiteralExpression(object)) return undefined;
    const given = this.property(object, input.property);
    if (given) return this.stringValue(given);
    // An object written out without that property (and nothing spread into it) takes the default.
    return object.getProperties().some((each) => N.isSpreadAssignment(each)) ? undefined : input.fallback;
  }

  /** The string a call passes for a parameter `parameterOf` found, when it is written out. */
  argumentString(call: Node, parameter: { index: number; property?: string }): string | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isCallExpression(call)) return undefined;
    const argument = call.getArguments()[parameter.index];
    if (!argument) return undefined;
    if (parameter.property === undefined) return this.stringValue(argument);
    const object = this.value(argument);
    return object ? this.stringValue(this.property(object, parameter.property)) : undefined;
  }

  /**
   * Every string an expression can stand for, when each way it can go is written out: literals,
   * `a || b`, `a ?? b`, `c ? a : b`, constants, a member of a constant object (`map.x.node`), and
   * a lookup with a computed key in a constant object (`intentToNode[intent].node`: every entry).
   * `undefined` and `null` add nothing; undefined when any way is unknown.
   */
  possibleStrings(node: Node, named: (node: Node) => string | undefined = () => undefined, depth = 0): string[] | undefined {
    if (depth > 8) return undefined;
    const { Node: N } = this.program.morph;
    const current = this.unwrap(node);
    // A name the caller knows (a framework constant such as LangGraph's END).
    const literal = named(current) ?? this.stringValue(current);
    if (literal !== undefined) return [literal];
    if (N.isConditionalExpression(current)) return this.union([current.getWhenTrue(), current.getWhenFalse()], named, depth);
    if (N.isBinaryExpression(current) && ['||', '??'].includes(current.getOperatorToken().getText())) return this.union([current.getLeft(), current.getRight()], named, depth);
    if (current.getKind() === this.program.morph.SyntaxKind.UndefinedKeyword || current.getKind() === this.program.morph.SyntaxKind.NullKeyword || (N.isIdentifier(current) && current.getText() === 'undefined')) return [];
    if (N.isIdentifier(current)) {
      const value = this.value(current);
      return value && value !== current ? this.possibleStrings(value, named, depth + 1) : undefined;
    }
    if (N.isPropertyAccessExpression(current)) {
      const objects = this.possibleObjects(current.getExpression(), depth + 1);
      if (!objects) return undefined;
      return this.union(objects.map((object) => this.property(object, current.getName())).filter((value): value is Node => value !== undefined), named, depth);
    }
    if (N.isElementAccessExpression(current)) {
      const values = this.lookupValues(current, depth);
      return values ? this.union(values, named, depth) : undefined;
    }
    return undefined;
  }

  private union(nodes: readonly Node[], named: (node: Node) => string | undefined, depth: number): string[] | undefined {
    const found = new Set<string>();
    for (const each of nodes) {
      const strings = this.possibleStrings(each, named, depth + 1);
      if (strings === undefined) return undefined;
      for (const string of strings) found.add(string);
    }
    return [...found];
  }

  /** The object literals an expression can stand for (through the same ways as `possibleStrings`). */
  private possibleObjects(node: Node, depth: number): Node[] | undefined {
    if (depth > 8) return undefined;
    const { Node: N } = this.program.morph;
    const current = this.unwrap(node);
    if (N.isObjectLiteralExpression(current)) return [current];
    if (N.isConditionalExpression(current)) return this.objectsOf([current.getWhenTrue(), current.getWhenFalse()], depth);
    if (N.isBinaryExpression(current) && ['||', '??'].includes(current.getOperatorToken().getText())) return this.objectsOf([current.getLeft(), current.getRight()], depth);
    if (current.getKind() === this.program.morph.SyntaxKind.UndefinedKeyword || current.getKind() === this.program.morph.SyntaxKind.NullKeyword || (N.isIdentifier(current) && current.getText() === 'undefined')) return [];
    if (N.isElementAccessExpression(current)) {
      const values = this.lookupValues(current, depth);
      return values ? this.objectsOf(values, depth) : undefined;
    }
    const value = this.value(current);
    return value && value !== current ? this.possibleObjects(value, depth + 1) : undefined;
  }

  private objectsOf(nodes: readonly Node[], depth: number): Node[] | undefined {
    const found: Node[] = [];
    for (const each of nodes) {
      const objects = this.possibleObjects(each, depth + 1);
      if (objects === undefined) return undefined;
      found.push(...objects);
    }
    return found;
  }

  /** `table[key]`: the entry a written key names, or every entry of a constant object for a computed key. */
  private lookupValues(access: TsMorph.ElementAccessExpression, depth: number): Node[] | undefined {
    const { Node: N } = this.program.morph;
    const table = this.value(access.getExpression());
    if (!table || !N.isObjectLiteralExpression(table) || depth > 8) return undefined;
    const key = this.stringValue(access.getArgumentExpression());
    if (key !== undefined) {
      const entry = this.property(table, key);
      return entry ? [entry] : undefined;
    }
    const values: Node[] = [];
    for (const element of table.getProperties()) {
      if (N.isPropertyAssignment(element)) values.push(element.getInitializer() as Node);
      else if (N.isShorthandPropertyAssignment(element)) values.push(element.getNameNode());
      else return undefined;
    }
    return values;
  }

  /** A string a node stands for: a literal, a template without substitutions, or a const holding one. */
  stringValue(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const { Node: N } = this.program.morph;
    const value = this.value(node);
    if (!value) return undefined;
    if (N.isStringLiteral(value) || N.isNoSubstitutionTemplateLiteral(value)) return value.getLiteralValue();
    if (N.isBinaryExpression(value) && value.getOperatorToken().getText() === '+') {
      const left = this.stringValue(value.getLeft());
      const right = this.stringValue(value.getRight());
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    // A setting with a default written out (`process.env.AGENT_ID || 'summarizer-01'`): the default.
    if (N.isBinaryExpression(value) && ['||', '??'].includes(value.getOperatorToken().getText()) && /^(process\.env|import\.meta\.env)\b/.test(this.unwrap(value.getLeft()).getText())) {
      return this.stringValue(value.getRight());
    }
    if (N.isPropertyAccessExpression(value)) {
      const owner = this.value(value.getExpression());
      if (owner && N.isObjectLiteralExpression(owner)) return this.stringValue(this.property(owner, value.getName()));
    }
    return undefined;
  }

  /** The value of `name` in an object literal (`name: x`, `name`, or a method), when written out. */
  property(object: Node, name: string): Node | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isObjectLiteralExpression(object)) return undefined;
    for (const element of object.getProperties()) {
      if (N.isPropertyAssignment(element) && propertyName(element.getNameNode()) === name) return element.getInitializer();
      if (N.isShorthandPropertyAssignment(element) && element.getName() === name) return element.getNameNode();
      if (N.isMethodDeclaration(element) && element.getName() === name) return element;
    }
    return undefined;
  }

  /**
   * The text an agent's instructions start with (`instructions: 'You are a compliance reviewer…'`, or
   * a template's text before its first substitution), as far as it is written out: what the agent is for.
   */
  leadingText(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const { Node: N } = this.program.morph;
    const written = this.stringValue(node);
    if (written !== undefined) return written;
    const value = this.value(node) ?? node;
    if (N.isTemplateExpression(value)) {
      const head = value.getHead().getLiteralText();
      return head.trim() === '' ? undefined : head;
    }
    return undefined;
  }

  /** The elements an array expression holds, spreads of resolvable arrays flattened; `unknown` counts what could not be seen. */
  elements(node: Node | undefined): { items: Node[]; unknown: Node[] } {
    const items: Node[] = [];
    const unknown: Node[] = [];
    if (!node) return { items, unknown };
    const { Node: N } = this.program.morph;
    const stack: Node[] = [node];
    const seen = new Set<Node>();
    while (stack.length > 0) {
      const current = stack.shift() as Node;
      const array = this.value(current);
      // `...(process.env.MCP_URL ? [ordersTool] : [])`: what either branch holds may be in it.
      if (array && N.isConditionalExpression(array) && !seen.has(array)) {
        seen.add(array);
        stack.push(array.getWhenTrue(), array.getWhenFalse());
        continue;
      }
      // `(() => { switch (mode) { case 'a': return [a]; default: return [a, b]; } })()`: what any
      // of its returns holds may be in it.
      const iife = array && N.isCallExpression(array) && array.getArguments().length === 0 ? this.unwrap(array.getExpression()) : undefined;
      if (iife && (N.isArrowFunction(iife) || N.isFunctionExpression(iife)) && !seen.has(array as Node)) {
        seen.add(array as Node);
        const returned = this.returnsOf(iife).filter((each): each is Node => each !== undefined);
        if (returned.length > 0) {
          stack.push(...returned);
          continue;
        }
      }
      // `Object.values(allTools)` of an object written out: its values.
      if (array && N.isCallExpression(array) && this.unwrap(array.getExpression()).getText().replace(/\s+/g, '') === 'Object.values' && !seen.has(array)) {
        seen.add(array);
        const record = array.getArguments()[0] ? this.objectValues(array.getArguments()[0] as Node) : undefined;
        if (record) {
          items.push(...record.values);
          unknown.push(...record.unknown);
          continue;
        }
      }
      // `names.filter(…).map((name) => allTools[name])` over an object written out: some of its values.
      const picked = array && N.isCallExpression(array) ? this.recordPicked(array) : undefined;
      if (picked && !seen.has(array as Node)) {
        seen.add(array as Node);
        items.push(...picked);
        continue;
      }
      // `getTools(options)`, a function of the code read whose returns are all lists written out
      // (`Object.values(allTools)`): what any of them holds may be in it. (One that returns what a
      // call of a package gives stays the call, for the readers of such calls.)
      const made = array && N.isCallExpression(array) ? this.value(array.getExpression()) : undefined;
      if (made && (N.isFunctionDeclaration(made) || N.isArrowFunction(made) || N.isFunctionExpression(made)) && !seen.has(array as Node) && !this.followedReturns.has(made)) {
        seen.add(array as Node);
        this.followedReturns.add(made);
        const returned = this.returnsOf(made).filter((each): each is Node => each !== undefined).map((each) => this.elements(each));
        this.followedReturns.delete(made);
        if (returned.length > 0 && returned.every((each) => each.unknown.length === 0)) {
          for (const each of returned) items.push(...each.items);
          continue;
        }
      }
      if (!array || !N.isArrayLiteralExpression(array) || seen.has(array)) {
        unknown.push(current);
        continue;
      }
      seen.add(array);
      for (const element of array.getElements()) {
        if (N.isSpreadElement(element)) stack.push(element.getExpression());
        else items.push(element);
      }
      // `const agents = []; agents.push(a); agents.push(...more)`: what is pushed onto it is in it.
      for (const pushed of this.pushedOnto(array)) {
        if (N.isSpreadElement(pushed)) stack.push(pushed.getExpression());
        else items.push(pushed);
      }
    }
    return { items, unknown };
  }

  /** The values of an object written out that `keys.map((key) => record[key])` picks from (all of them), or undefined. */
  private recordPicked(call: Node): Node[] | undefined {
    const { Node: N } = this.program.morph;
    if (!N.isCallExpression(call)) return undefined;
    const callee = call.getExpression();
    const mapper = call.getArguments()[0];
    if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'map' || !mapper || !N.isArrowFunction(mapper)) return undefined;
    const parameter = mapper.getParameters()[0]?.getName();
    const body = mapper.getBody();
    if (parameter === undefined || !N.isElementAccessExpression(body) || body.getArgumentExpression()?.getText() !== parameter) return undefined;
    const record = this.objectValues(body.getExpression());
    return record && record.unknown.length === 0 ? record.values : undefined;
  }

  /** The values of the object written out an expression holds (a spread or a method is unknown), or undefined when it is none. */
  private objectValues(expression: Node): { values: Node[]; unknown: Node[] } | undefined {
    const { Node: N } = this.program.morph;
    const record = this.value(expression);
    if (!record || !N.isObjectLiteralExpression(record)) return undefined;
    const values: Node[] = [];
    const unknown: Node[] = [];
    for (const property of record.getProperties()) {
      if (N.isPropertyAssignment(property)) values.push(property.getInitializerOrThrow());
      else if (N.isShorthandPropertyAssignment(property)) values.push(property.getNameNode());
      else unknown.push(property);
    }
    return { values, unknown };
  }

  /** Functions whose returns `elements` is following (a function that returns its own call ends there). */
  private readonly followedReturns = new Set<Node>();

  private readonly pushed = new Map<TsSourceFile, Set<string>>();

  /** The names a file calls `.push(…)` on, read once from its text. */
  private pushedNames(source: TsSourceFile): Set<string> {
    let names = this.pushed.get(source);
    if (!names) {
      names = new Set([...source.getFullText().matchAll(/([A-Za-z_$][\w$]*)\s*\.\s*push\s*\(/g)].map((match) => match[1] as string));
      this.pushed.set(source, names);
    }
    return names;
  }

  /** The arguments of `name.push(…)` calls on the variable an array literal initialises, in its scope. */
  private pushedOnto(array: Node): Node[] {
    const { Node: N } = this.program.morph;
    const declaration = array.getParent();
    if (!declaration || !N.isVariableDeclaration(declaration) || !N.isIdentifier(declaration.getNameNode())) return [];
    const name = declaration.getName();
    if (!this.pushedNames(declaration.getSourceFile()).has(name)) return [];
    const scope = declaration.getFirstAncestor((ancestor) => N.isBlock(ancestor) || N.isSourceFile(ancestor));
    if (!scope) return [];
    const pushed: Node[] = [];
    forEachDescendantOf(scope, [this.program.morph.SyntaxKind.CallExpression], (node) => {
      if (!N.isCallExpression(node)) return;
      const callee = node.getExpression();
      if (!N.isPropertyAccessExpression(callee) || callee.getName() !== 'push') return;
      const target = callee.getExpression();
      if (!N.isIdentifier(target) || target.getText() !== name || this.localDeclaration(target) !== declaration) return;
      pushed.push(...node.getArguments());
    });
    return pushed;
  }

  /** The declaration an identifier refers to in its own file's scopes (not imports). */
  localDeclaration(identifier: Node): Node | undefined {
    const found = this.localCompilerDeclaration(identifier);
    return found ? wrapCompilerNode(identifier, found) : undefined;
  }

  /**
   * `localDeclaration` over the compiler's nodes: called for most identifiers the readers meet, it
   * wraps only the declaration it finds, not every statement of every enclosing scope.
   */
  private localCompilerDeclaration(identifier: Node): TsMorph.ts.Node | undefined {
    const { ts } = this.program.morph;
    const K = ts.SyntaxKind;
    const name = identifier.getText();
    const file = identifier.getSourceFile().compilerNode;
    // An identifier's own text first (no slicing); a name with an escape in it is compared as written.
    const isNamed = (node: TsMorph.ts.Node): boolean => (ts.isIdentifier(node) && node.text !== name && !name.includes('\\') ? false : node.getText(file) === name);
    /** The declaration that names the identifier: itself, or an element of its destructuring (`const { run } = …`). */
    const declares = (declaration: TsMorph.ts.VariableDeclaration | TsMorph.ts.ParameterDeclaration): TsMorph.ts.Node | undefined => {
      if (!ts.isObjectBindingPattern(declaration.name) && !ts.isArrayBindingPattern(declaration.name)) return isNamed(declaration.name) ? declaration : undefined;
      const stack: TsMorph.ts.Node[] = [declaration.name];
      while (stack.length > 0) {
        const pattern = stack.pop() as TsMorph.ts.ObjectBindingPattern | TsMorph.ts.ArrayBindingPattern;
        for (const element of pattern.elements) {
          if (!ts.isBindingElement(element)) continue;
          if (ts.isIdentifier(element.name)) {
            if (isNamed(element.name)) return element;
          } else stack.push(element.name);
        }
      }
      return undefined;
    };
    for (let scope: TsMorph.ts.Node | undefined = identifier.compilerNode.parent; scope; scope = scope.parent) {
      if (ts.isForOfStatement(scope) || ts.isForInStatement(scope) || ts.isForStatement(scope)) {
        const initializer = scope.initializer;
        if (initializer && ts.isVariableDeclarationList(initializer)) {
          for (const declaration of initializer.declarations) {
            const found = declares(declaration);
            if (found) return found;
          }
        }
      }
      // The kinds ts-morph's isFunctionLikeDeclaration and isArrowFunction take (not function expressions).
      if (ts.isArrowFunction(scope) || ts.isConstructorDeclaration(scope) || ts.isFunctionDeclaration(scope) || ts.isGetAccessorDeclaration(scope) || ts.isMethodDeclaration(scope) || ts.isSetAccessorDeclaration(scope)) {
        for (const parameter of scope.parameters) {
          const found = declares(parameter);
          if (found) return found;
        }
      }
      const kind = scope.kind;
      if (!(kind === K.Block || kind === K.SourceFile || kind === K.ModuleBlock || kind === K.CaseClause || kind === K.DefaultClause)) continue;
      // Safe: the five kinds above all hold a `statements` list.
      for (const statement of (scope as TsMorph.ts.Block).statements) {
        if (ts.isVariableStatement(statement)) {
          for (const declaration of statement.declarationList.declarations) {
            const found = declares(declaration);
            if (found) return found;
          }
        } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name && isNamed(statement.name)) {
          return statement;
        }
      }
    }
    return undefined;
  }

  /** What a file exports under `name`, following `export … from` and `export *`. */
  exported(path: string, name: string, visited: Set<string>): Node | undefined {
    const key = `${path}#${name}`;
    if (visited.has(key) || visited.size > MAX_HOPS) return undefined;
    visited.add(key);
    const source = this.program.file(path);
    if (!source) return undefined;
    const { Node: N } = this.program.morph;
    if (name === 'default') {
      const assignment = source.getExportAssignments().find((each) => !each.isExportEquals());
      if (assignment) return assignment.getExpression();
    }
    for (const statement of source.getStatements()) {
      if (N.isVariableStatement(statement) && statement.hasExportKeyword()) {
        for (const declaration of statement.getDeclarations()) {
          if (declaration.getName() === name) return declaration.getInitializer();
        }
      } else if ((N.isFunctionDeclaration(statement) || N.isClassDeclaration(statement)) && statement.hasExportKeyword()) {
        if (statement.getName() === name || (name === 'default' && statement.isDefaultExport())) return statement;
      } else if (N.isEnumDeclaration(statement) && statement.hasExportKeyword() && statement.getName() === name) {
        return statement;
      }
    }
    for (const declaration of source.getExportDeclarations()) {
      const module = declaration.getModuleSpecifierValue();
      const named = declaration.getNamedExports();
      if (named.length === 0 && module) {
        const target = this.program.resolveImport(path, module);
        const found = target ? this.exported(target, name, visited) : undefined;
        if (found) return found;
        continue;
      }
      for (const specifier of named) {
        const exportedName = specifier.getAliasNode()?.getText() ?? specifier.getName();
        if (exportedName !== name) continue;
        if (module) {
          const target = this.program.resolveImport(path, module);
          return target ? this.exported(target, specifier.getName(), visited) : undefined;
        }
        const local = source.getVariableDeclaration(specifier.getName()) ?? source.getFunction(specifier.getName());
        if (local && N.isVariableDeclaration(local)) return local.getInitializer();
        if (local) return local;
        const imported = this.imports(source).get(specifier.getName());
        if (imported) {
          const target = this.program.resolveImport(path, imported.module);
          return target ? this.exported(target, imported.name, visited) : undefined;
        }
      }
    }
    return undefined;
  }
}

/**
 * The package a module specifier names, as Node would: Deno's and the browsers' ways of naming a
 * package (`npm:@openai/agents@0.3`, `jsr:@std/path`, `https://esm.sh/@openai/agents@0.3.2?target=deno`,
 * a jsDelivr, unpkg or Skypack URL) are the package itself, without its version. Relative paths
 * and other URLs stay as written.
 */
export function packageSpecifier(specifier: string): string {
  const bare = /^(?:npm:|jsr:|https?:\/\/(?:esm\.sh|esm\.run|cdn\.skypack\.dev|cdn\.jsdelivr\.net\/npm|unpkg\.com|ga\.jspm\.io\/npm:)\/?)(.+)$/.exec(specifier)?.[1];
  if (bare === undefined) return specifier;
  const match = /^((?:@[^/@?]+\/)?[^/@?]+)(?:@[^/?]*)?(\/[^?]*)?/.exec(bare.replace(/^v\d+\//, ''));
  return match ? `${match[1]}${match[2] ?? ''}` : specifier;
}

function pathOfSource(source: TsSourceFile): string {
  return runPath(source.getFilePath());
}

/** The text of a property name: `a`, `'a'`, `"a"`. */
export function propertyName(node: Node): string {
  const text = node.getText();
  return /^['"`].*['"`]$/.test(text) ? text.slice(1, -1) : text;
}
