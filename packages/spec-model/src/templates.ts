/**
 * Message templates (`x-error.message`: `Model {model} does not exist.`): their `{name}` parameters
 * and filling them. The one reader of the template syntax, for the lint rules, the server kit and
 * the generated types; read once per template, since the server's error path is hot.
 */

const PARAM = /\{(\w+)\}/g;

const paramsOf = new Map<string, readonly string[]>();

/**
 * The parameters of a message template, in order (none for a value that is not a string).
 *
 * @example
 * templateParams('Field {field} is invalid: {issue}.'); // ['field', 'issue']
 */
export function templateParams(template: unknown): readonly string[] {
  if (typeof template !== 'string') return [];
  let names = paramsOf.get(template);
  if (!names) {
    names = [...template.matchAll(PARAM)].map((m) => m[1]!);
    paramsOf.set(template, names);
  }
  return names;
}

/**
 * Fills a template; a parameter that is not given stays `{name}`, so a message is never silently wrong.
 *
 * @example
 * fillTemplate('Model {model} does not exist.', { model: 'x' }); // 'Model x does not exist.'
 */
export function fillTemplate(template: string, params: Record<string, string | number> = {}): string {
  if (templateParams(template).length === 0) return template;
  return template.replace(PARAM, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
