/**
 * Reading a request body within a size limit: the declared Content-Length is checked first, and the
 * stream is cut off as soon as it passes the limit (a chunked body, or one whose length lies), so a
 * client can never make the server hold more than the limit in memory.
 */
export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; bytes: number };

export async function readBodyWithin(request: Request, maxBytes: number): Promise<BodyRead> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, bytes: declared };
  }
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, bytes: size };
      }
      chunks.push(value);
    }
  }
  return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) };
}

/** Megabytes with one decimal, for messages. */
export const megabytes = (bytes: number) => (bytes / 1048576).toFixed(1);
