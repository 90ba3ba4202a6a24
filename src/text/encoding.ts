/**
 * A text file's or a page's bytes as text, never with U+FFFD or "Ã©" in them: UTF-16 when a
 * byte-order mark says so; UTF-8 when the bytes are UTF-8; when they are not, each valid
 * UTF-8 sequence of Latin text stays UTF-8 and each other byte is read as windows-1252 (a
 * windows-1252 apostrophe pasted into UTF-8 text), and bytes with no such sequence at all are
 * windows-1252 throughout (a file saved by an older Windows editor, a legacy page).
 * Self-contained, without inner functions: the reading page's script carries it as source.
 *
 * @example decodeTextBytes(Uint8Array.of(0x63, 0xc3, 0xa9, 0x92, 0x73)) // 'cé’s'
 */
export function decodeTextBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    // Not UTF-8 throughout: read it sequence by sequence below.
  }
  const windows = new TextDecoder('windows-1252')
  const utf8 = new TextDecoder('utf-8')
  // Each position's valid UTF-8 sequence of two bytes or more (its length), or 0 for a stray byte.
  const lengths = new Uint8Array(bytes.length)
  let sequences = 0
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i] as number
    if (lead < 0x80) continue
    let length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0
    if (i + length > bytes.length) length = 0
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) length = 0
    const second = bytes[i + 1] as number
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((lead === 0xe0 && second < 0xa0) || (lead === 0xf0 && second < 0x90)) length = 0
    if ((lead === 0xed && second > 0x9f) || (lead === 0xf4 && second > 0x8f)) length = 0
    // A sequence counts as UTF-8 only if it writes what Latin text has: a letter or sign up to
    // U+024F, punctuation, currency and letterlike signs (U+2000–U+214F), or an emoji (four
    // bytes, past U+FFFF). windows-1252 bytes that happen to form UTF-8 ("é", a no-break space
    // and "»": E9 A0 BB, U+943B) would read as a CJK character otherwise.
    if (length > 0) {
      const point =
        length === 2
          ? ((lead & 0x1f) << 6) | (second & 0x3f)
          : length === 3
            ? ((lead & 0x0f) << 12) | ((second & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f)
            : 0x10000
      const latin = (point >= 0x80 && point <= 0x24f) || (point >= 0x2000 && point <= 0x214f) || point >= 0x10000
      if (!latin) length = 0
    }
    lengths[i] = length
    if (length > 0) {
      sequences++
      i += length - 1
    }
  }
  if (sequences === 0) return windows.decode(bytes)
  let text = ''
  let start = 0
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] as number) < 0x80) continue
    const length = lengths[i] as number
    if (length > 0) {
      i += length - 1
      continue
    }
    text += utf8.decode(bytes.subarray(start, i)) + windows.decode(bytes.subarray(i, i + 1))
    start = i + 1
  }
  return text + utf8.decode(bytes.subarray(start))
}
