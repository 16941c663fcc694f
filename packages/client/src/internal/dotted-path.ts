/**
 * Reads a dotted path (`error.code`, `errors.0.code`, `error.details.*.reason`) from a parsed body.
 * The providers' field paths in the catalog are written this way; numeric segments index arrays,
 * and `*` tries every element of an array in order (Gemini's `google.rpc` details are a list whose
 * ErrorInfo may sit at any position).
 */
export type CompiledPath = readonly string[];

export function compilePath(path: string): CompiledPath {
  return path.split('.');
}

export function readPath(value: unknown, path: CompiledPath, from = 0): unknown {
  // Most paths are one or two plain members (`message`, `error.code`): read without the loop.
  if (from === 0 && path.length <= 2 && path[0] !== '*' && path[1] !== '*') {
    if (value === null || typeof value !== 'object') return undefined;
    const first = (value as Record<string, unknown>)[path[0]!];
    if (path.length === 1) return first;
    return first === null || typeof first !== 'object' ? undefined : (first as Record<string, unknown>)[path[1]!];
  }
  let current = value;
  for (let i = from; i < path.length; i++) {
    if (current === null || typeof current !== 'object') return undefined;
    if (path[i] === '*') {
      if (!Array.isArray(current)) return undefined;
      for (const item of current) {
        const found = readPath(item, path, i + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    current = (current as Record<string, unknown>)[path[i]!];
  }
  return current;
}
