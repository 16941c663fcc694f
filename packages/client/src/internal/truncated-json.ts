/**
 * What a JSON error body cut off at the error-body limit still says: its `code`, `message` and
 * `request_id` (the first of each, wherever it sits, e.g. `error.message`), so that a 10 MB error
 * whose message is near the start keeps it. `undefined` when none is there.
 */
export function salvageJson(text: string): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  for (const field of ['code', 'message', 'request_id']) {
    const match = new RegExp(`"${field}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`).exec(text);
    if (!match) continue;
    found ??= {};
    found[field] = JSON.parse(match[1]!) as string;
  }
  return found;
}
