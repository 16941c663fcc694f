// An answer must never show a stack trace: the checks of plain responses and of streams ask the
// same question, here.

// Node's and V8's stack frame shape: "    at fn (file.js:12:34)".
const STACK_FRAME = /\n\s*at\s+\S.*(?::\d+:\d+\)?)/;

/**
 * Whether a body shows a stack frame, as text or inside a JSON string (where a newline is the two
 * characters `\n`).
 *
 * @example
 * containsStackTrace('{"message":"boom\\n    at run (/app/server.js:12:34)"}'); // true
 */
export function containsStackTrace(text: string): boolean {
  return STACK_FRAME.test(text) || STACK_FRAME.test(text.replace(/\\n/g, '\n'));
}
