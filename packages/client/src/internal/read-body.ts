/**
 * Reads at most `limit` bytes of an error body as text and cancels the rest, so that a 10 MB error
 * page costs 64 KiB of memory, not 10 MB. Rejects like `response.text()` when the body breaks off.
 */
export async function readBounded(response: Response, limit: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  // A body that says it fits is read the fast way.
  if (Number(response.headers.get('content-length') ?? NaN) <= limit)
    return { text: await response.text(), truncated: false };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: text + decoder.decode(), truncated: false };
    size += value.byteLength;
    if (size > limit) {
      text += decoder.decode(value.subarray(0, value.byteLength - (size - limit)));
      // Not awaited: cancelling may wait on the network, and we already have what we keep.
      reader.cancel().catch(() => {});
      return { text, truncated: true };
    }
    text += decoder.decode(value, { stream: true });
  }
}
