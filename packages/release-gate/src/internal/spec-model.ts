// Reading a bundled spec as Errata sees it: the error codes with their metadata, and which codes
// each operation can answer with (through its responses' `oneOf`, refs resolved).
export type Doc = Record<string, any>;

export interface ErrorMeta {
  status: number;
  internal_code: number;
  category: string;
  retry: string;
  message?: string;
  remedy?: string;
  crosswalk?: Record<string, Record<string, unknown>[]>;
  mid_stream?: { retry_safe: boolean; note?: string };
}

export interface ErrorDefinition {
  meta: ErrorMeta;
  title?: string;
  description?: string;
  examples?: unknown[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function resolve(doc: Doc, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 32; hops++) {
    const pointer = current.$ref.replace(/^#\//, '').split('/').map((part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce((at: any, key: string) => at?.[key], doc);
  }
  return current;
}

/** Every error code in the spec, by code (component name = code). */
export function errorDefinitions(doc: Doc): Map<string, ErrorDefinition> {
  const out = new Map<string, ErrorDefinition>();
  for (const [name, schema] of Object.entries<any>(doc.components?.schemas ?? {})) {
    if (schema?.['x-error']) out.set(name, { meta: schema['x-error'], title: schema.title, description: schema.description, examples: schema.examples });
  }
  return out;
}

/** `METHOD /path` → status → codes, for every operation. */
export function operationCodes(doc: Doc): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const byStatus = new Map<string, Set<string>>();
      for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        const schema = resolve(doc, resolve(doc, response)?.content?.['application/json']?.schema);
        const codes = new Set<string>();
        for (const member of schema?.oneOf ?? []) {
          const code = typeof member.$ref === 'string' ? member.$ref.split('/').pop() : undefined;
          if (code) codes.add(code);
        }
        byStatus.set(status, codes);
      }
      out.set(`${method.toUpperCase()} ${path}${operation.operationId ? ` (${operation.operationId})` : ''}`, byStatus);
    }
  }
  return out;
}
