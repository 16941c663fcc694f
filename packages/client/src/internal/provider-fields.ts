/**
 * Where each provider keeps the parts of its errors (`providers[p].fields` in the catalog): dotted
 * paths into the body, or `header:<name>` for a fact that travels in a header (Bedrock's
 * `x-amzn-ErrorType`). Compiled once per provider, or per group of providers when a body's sender
 * is one of several (their paths merged, in order).
 */
import { type ProviderId, providers } from '@errata/types';
import { type HeaderSource, headerOf } from '../retry-policy.js';
import { type CompiledPath, compilePath, readPath } from './dotted-path.js';
import { isObject, isString } from './envelope.js';

type Field =
  | 'code'
  | 'internal_code'
  | 'type'
  | 'reason'
  | 'status'
  | 'message'
  | 'request_id'
  | 'retry_after'
  | 'issues'
  | 'validation_errors'
  | 'field'
  | 'issue'
  | 'upstream'
  | 'details';

// Every source has every member (one hidden class, so that telling a header from a path stays cheap).
interface Source {
  readonly header: string | undefined;
  readonly path: CompiledPath;
  /** A path of one plain member (`message`), the most common: read without a call. */
  member: string | undefined;
  /** The bit of the path's top member in `Paths.tops` (0: always read — a header, `*`, past 30 names). */
  bit: number;
}
export type Paths = Partial<Record<Field, Source[]>> & {
  /** The top-level member each path starts at, with its bit: for the members a body has (`present`). */
  tops: Map<string, number>;
};
type FieldLists = Partial<Record<Field, readonly string[]>>;

// The envelope's own fields come first; for Errata, every seed provider's paths follow, so that a
// proxy's or a legacy endpoint's body still yields its message and request id.
const envelopeFields: FieldLists = {
  code: ['code'],
  message: ['message'],
  request_id: ['request_id'],
  retry_after: ['retry_after'],
  details: ['details'],
};

const fieldsOf = (id: ProviderId): FieldLists => (providers[id] as { fields: FieldLists }).fields;

const compiled = new Map<string, Paths>();
// The same list of providers comes back as the same array (detection and providerNormalizer cache
// theirs), so most calls find their paths without building a key.
const byList = new WeakMap<readonly ProviderId[], Paths>();

/** The paths for Errata's own bodies (`errata`) or for one or several providers' (merged in order). */
export function pathsFor(among: 'errata' | readonly ProviderId[]): Paths {
  if (among !== 'errata') {
    let paths = byList.get(among);
    if (!paths) {
      paths = pathsByKey(among);
      byList.set(among, paths);
    }
    return paths;
  }
  return pathsByKey(among);
}

function pathsByKey(among: 'errata' | readonly ProviderId[]): Paths {
  const key = among === 'errata' ? 'errata' : among.join(' ');
  let paths = compiled.get(key);
  if (!paths) {
    const sources: FieldLists[] =
      among === 'errata'
        ? [envelopeFields, ...(Object.keys(providers) as ProviderId[]).map((id) => ({ ...fieldsOf(id), status: [] }))]
        : among.map(fieldsOf);
    const merged: Partial<Record<Field, string[]>> = {};
    for (const source of sources) {
      for (const [field, list] of Object.entries(source) as [Field, readonly string[]][]) {
        const paths = merged[field] ?? [];
        merged[field] = paths;
        for (const path of list) if (!paths.includes(path)) paths.push(path);
      }
    }
    const tops = new Map<string, number>();
    const bitOf = (top: string | undefined): number => {
      if (top === undefined || top === '*') return 0;
      if (!tops.has(top)) tops.set(top, tops.size < 30 ? 1 << tops.size : 0);
      return tops.get(top)!;
    };
    const read = Object.fromEntries(
      Object.entries(merged).map(([field, list]) => [
        field,
        list.map((path): Source => {
          const header = path.startsWith('header:') ? path.slice(7) : undefined;
          const compiled = header === undefined ? compilePath(path) : [];
          const member = compiled.length === 1 && compiled[0] !== '*' ? compiled[0] : undefined;
          return { header, path: compiled, member, bit: bitOf(compiled[0]) };
        }),
      ]),
    );
    paths = { ...read, tops };
    compiled.set(key, paths);
  }
  return paths;
}

/**
 * The bits (`Paths.tops`) of the top-level members a body parsed from JSON has, or -1 (read every
 * path): a path whose top member the body lacks holds nothing, and is passed over without a read (a
 * group of candidates' paths, merged, are mostly other providers' members).
 */
export function present(body: unknown, paths: Paths): number {
  if (body === null || typeof body !== 'object' || Object.getPrototypeOf(body) !== Object.prototype) return -1;
  const { tops } = paths;
  let mask = 0;
  for (const name in body) mask |= tops.get(name) ?? 0;
  return mask;
}

/** The first value the paths hold that `accept` takes (of the paths whose top member is `has`, as `present`). */
export function pick<T>(
  body: unknown,
  headers: HeaderSource,
  paths: Source[] | undefined,
  accept: (v: unknown) => v is T,
  has = -1,
): T | undefined {
  if (paths)
    for (let i = 0; i < paths.length; i++) {
      const { header, path, member, bit } = paths[i]!;
      if (bit !== 0 && (has & bit) === 0) continue;
      const value =
        member !== undefined
          ? body !== null && typeof body === 'object'
            ? (body as Record<string, unknown>)[member]
            : undefined
          : header === undefined
            ? readPath(body, path)
            : headerOf(headers, header);
      if (accept(value)) return value;
    }
  return undefined;
}

export const isNumber = (v: unknown): v is number => typeof v === 'number';
export const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * An AWS exception name as it travels — `ValidationException:http://internal.amazon.com/…` in the
 * header, `aws#X` in a body, `throttlingException` as an event stream's `:exception-type` — as `X`.
 */
export function exceptionName(code: string): string {
  const name = code.includes(':') || code.includes('#') ? code.replace(/^[\w.]*#/, '').replace(/:.*$/s, '') : code;
  return /^[a-z]\w*Exception$/.test(name) ? name[0]!.toUpperCase() + name.slice(1) : name;
}

/** One validation issue as the envelope's ValidationIssue: `{ path, message, code }`. */
export interface Issue {
  path: string;
  message: string;
  code: string;
}

// A Zod-style issue ({ path: ['input', 0], message, code }) or a FastAPI/pydantic one ({ loc: ['body',
// 'messages', 0], msg, type }) as the envelope's ValidationIssue.
export function toIssue(raw: unknown): Issue {
  const issue = isObject(raw) ? raw : { message: raw };
  const loc = isArray(issue.loc) ? (issue.loc[0] === 'body' ? issue.loc.slice(1) : issue.loc) : undefined;
  const path = loc ?? issue.path;
  return {
    path: isArray(path) ? path.map((p) => `/${p}`).join('') : isString(path) ? path : '',
    message: String(issue.message ?? issue.msg ?? ''),
    code: String(issue.code ?? issue.type ?? ''),
  };
}

/** FastAPI's `detail` array sent as the text of a message (`"{\"detail\":[…]}"`), else `undefined`. */
export function detailInText(text: string | undefined): unknown[] | undefined {
  if (!text?.startsWith('{"detail"')) return undefined;
  try {
    const parsed = JSON.parse(text) as { detail?: unknown };
    return isArray(parsed.detail) ? parsed.detail : undefined;
  } catch {
    return undefined;
  }
}
