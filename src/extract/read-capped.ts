/** Reading a body whole, but never past a byte limit: a request's, or a fetched page's. */

/**
 * The bytes of `body`, refusing with `tooLarge()` a declared length over `maxBytes` before
 * reading, and any body that grows past it while reading (the rest is not read).
 */
export async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const declared = Number(declaredLength ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel()
    throw tooLarge()
  }
  if (body === null) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw tooLarge()
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
