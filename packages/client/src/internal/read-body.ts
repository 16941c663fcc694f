/**
 * Reads at most `limit` bytes of an error body as text and cancels the rest, so that a 10 MB error
 * page costs 64 KiB of memory, not 10 MB. Rejects like `response.text()` when the body breaks off.
 * `length` is the response's Content-Length, as the caller read it.
 */
export async function readBounded(
  response: Response,
  limit: number,
  length: string | undefined,
): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  // A body that says it fits is read the fast way.
  if (Number(length ?? NaN) <= limit) return { text: await response.text(), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: decode(chunks, size), truncated: false };
    size += value.byteLength;
    if (size > limit) {
      chunks.push(value.subarray(0, value.byteLength - (size - limit)));
      // Not awaited: cancelling may wait on the network, and we already have what we keep.
      reader.cancel().catch(() => {});
      return { text: decode(chunks, limit), truncated: true };
    }
    chunks.push(value);
  }
}

// One decoder for every body (building one per error answer cost more than reading the body,
// profiled): decoding without `stream` keeps no state from one call to the next. The bytes are
// decoded at once, so that a character split across chunks is whole, and one cut at the limit is
// U+FFFD.
const decoder = new TextDecoder();

function decode(chunks: Uint8Array[], size: number): string {
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return decoder.decode(bytes);
}
