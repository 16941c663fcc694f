/**
 * Reads a body as UTF-8 text: every 2xx JSON body, and error bodies up to `maxErrorBodyBytes`. With
 * a reader and one shared decoder, not `response.text()`, which cost more (profiled, undici).
 */

// One decoder for every body (building one per body cost more than reading it, profiled): decoding
// without `stream` keeps no state from one call to the next. The bytes are decoded at once, so that
// a character split across chunks is whole, and one cut at the limit is U+FFFD.
const decoder = new TextDecoder();

/**
 * Reads at most `limit` bytes of a body as text and cancels the rest, so that a 10 MB error page
 * costs 64 KiB of memory, not 10 MB. Rejects like `response.text()` when the body breaks off.
 */
export async function readBounded(response: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let left = limit;
  let truncated = false;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    truncated = value.byteLength > left;
    chunks.push(truncated ? value.subarray(0, left) : value);
    if (truncated) {
      // Not awaited: cancelling may wait on the network, and we already have what we keep.
      reader.cancel().catch(() => {});
      break;
    }
    left -= value.byteLength;
  }
  // Most bodies come in one chunk; more are joined by a Blob.
  const bytes = chunks.length > 1 ? await new Blob(chunks as BlobPart[]).arrayBuffer() : chunks[0];
  return { text: decoder.decode(bytes), truncated };
}
