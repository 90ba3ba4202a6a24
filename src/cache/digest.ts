/** Hashes for content addresses and ids (Web Crypto, available in every Worker). */

const encoder = new TextEncoder()

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)))
}

/** HMAC-SHA-256 of `text` under `secret`, as URL-safe base64 without padding. */
export async function hmacBase64Url(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)))
  return btoa(String.fromCharCode(...mac))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

// Each byte's two hex digits, looked up rather than formatted: every key is hashed.
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))

function toHex(buffer: ArrayBuffer): string {
  let hex = ''
  const bytes = new Uint8Array(buffer)
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i] as number]
  return hex
}
