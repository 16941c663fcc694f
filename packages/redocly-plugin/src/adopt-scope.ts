// Adopting Errata operation by operation: the operation-level marker `x-errata-adopt` scopes the
// rules that are about operations and their responses. No operation marked: every operation is in
// scope. Any operation marked `true`: only those are (a large API adopts a few at a time). `false`:
// never. Shared components (the catalog, codes' metadata) are always checked. The conformance suite
// reads the same marker.
import type { Location, Rule } from './redocly-types.js';

/** The operation-level extension that scopes Errata's lint and conformance. */
const ADOPT_MARKER = 'x-errata-adopt';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Node = Record<string, unknown>;
type Resolve = (node: unknown, from?: string) => { node: unknown; location: Location | undefined };

const keyOf = (location: Location) => `${location.source.absoluteRef}::${location.pointer}`;
const isRef = (node: unknown) => Boolean(node && typeof node === 'object' && '$ref' in node);

/** Where `node` (found at `at`) really is: its target when it is a `$ref`. */
function whereIs(node: unknown, at: Location, resolve: Resolve): { node: unknown; location: Location } {
  if (!isRef(node)) return { node, location: at };
  const resolved = resolve(node, at.source.absoluteRef);
  return { node: resolved.node, location: resolved.location ?? at };
}

/** Whether an operation is in scope, given whether any operation of the document opts in. */
function inScope(operation: Node | undefined, optIn: boolean): boolean {
  const marker = operation?.[ADOPT_MARKER];
  return optIn ? marker === true : marker !== false;
}

/** The responses only out-of-scope operations use (by their resolved location), and whether any operation opts in. */
function scopeOf(root: Node, rootLocation: Location, resolve: Resolve): { optIn: boolean; skipped: Set<string> } {
  const operations: { node: Node; location: Location }[] = [];
  for (const [path, item] of Object.entries((root.paths as Node | undefined) ?? {})) {
    const { node: itemNode, location: itemLocation } = whereIs(item, rootLocation.child(['paths', path]), resolve) as {
      node: Node | undefined;
      location: Location;
    };
    for (const method of METHODS) {
      const node = itemNode?.[method] as Node | undefined;
      if (node) operations.push({ node, location: itemLocation.child(method) });
    }
  }
  const optIn = operations.some(({ node }) => node[ADOPT_MARKER] === true);
  const used = new Set<string>();
  const skipped = new Set<string>();
  for (const { node, location } of operations) {
    for (const [status, response] of Object.entries((node.responses as Node | undefined) ?? {})) {
      const key = keyOf(whereIs(response, location.child(['responses', status]), resolve).location);
      (inScope(node, optIn) ? used : skipped).add(key);
    }
  }
  for (const key of used) skipped.delete(key);
  return { optIn, skipped };
}

/**
 * The rule, limited to the operations in scope: its `Operation` visitor skips the others, and its
 * `Response` visitor skips the responses only they use.
 *
 * @example
 * const rules = { 'operation-5xx-response': scoped(operation5xxResponse) };
 */
export function scoped<Options extends object>(rule: Rule<Options>): Rule<Options> {
  return (options) => {
    const visitor = rule(options) as Record<string, unknown>;
    let scope = { optIn: false, skipped: new Set<string>() };
    const root = visitor.Root as { enter?: (...args: unknown[]) => void } | undefined;
    const wrapped: Record<string, unknown> = {
      ...visitor,
      Root: {
        ...root,
        enter(node: Node, ctx: { location: Location; resolve: Resolve }, ...rest: unknown[]) {
          scope = scopeOf(node, ctx.location, ctx.resolve);
          root?.enter?.(node, ctx, ...rest);
        },
      },
    };
    if (visitor.Operation)
      wrapped.Operation = {
        ...(typeof visitor.Operation === 'function' ? { enter: visitor.Operation } : visitor.Operation),
        skip: (operation: Node) => !inScope(operation, scope.optIn),
      };
    if (visitor.Response)
      wrapped.Response = {
        ...(typeof visitor.Response === 'function' ? { enter: visitor.Response } : visitor.Response),
        // Called where the response is met (a $ref under an operation, or the component itself):
        // skipped when only out-of-scope operations use what it points at.
        skip: (_response: unknown, _key: unknown, ctx: { location: Location; rawNode: unknown; resolve: Resolve }) =>
          scope.skipped.has(keyOf(whereIs(ctx.rawNode, ctx.location, ctx.resolve).location)),
      };
    return wrapped as ReturnType<Rule<Options>>;
  };
}
