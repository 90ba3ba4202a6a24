/**
 * Which addresses the worker may fetch a page from: http(s) on a public host. Loopback,
 * private, link-local, shared, multicast and reserved addresses are refused, written as
 * literal IPs (in any form the URL parser accepts) or as names that only resolve inside a
 * network (`localhost`, `*.local`, `*.internal`, single-label names). Local development
 * (`allowLocal`) opens loopback and private addresses only: the cloud's metadata address
 * (link-local 169.254.169.254) and the rest stay closed.
 */

export type AddressVerdict = { ok: true } | { ok: false; reason: string }

/** Why a host is refused, and whether local development may open it (loopback and private only). */
interface Closed {
  why: string
  local: boolean
}

/** Pure: decides from the URL alone (a Worker cannot resolve DNS itself; see docs/decisions.md). */
export function checkAddress(url: URL, options: { allowLocal?: boolean } = {}): AddressVerdict {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `only http and https links can be fetched, not ${url.protocol.replace(/:$/, '')}` }
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'a link with a user name or password cannot be fetched' }
  const host = url.hostname.toLowerCase().replace(/\.$/, '')
  const closed = closedHost(host)
  if (closed === undefined || (options.allowLocal && closed.local)) return { ok: true }
  const reason = `${host} is ${closed.why}`
  return {
    ok: false,
    reason: options.allowLocal ? `${reason} (ALLOW_LOCAL_PAGES opens only loopback and private addresses)` : reason,
  }
}

function closedHost(host: string): Closed | undefined {
  if (host.startsWith('[')) return internalIPv6(host.slice(1, -1))
  const v4 = parseIPv4(host)
  if (v4) return internalIPv4(v4)
  if (host === 'localhost' || host.endsWith('.localhost')) return { why: 'this machine (loopback)', local: true }
  if (!host.includes('.')) return { why: 'not a public host name (no domain)', local: false }
  const internalSuffix = INTERNAL_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`))
  // Such a name may lead anywhere inside a network (metadata.google.internal is the metadata address).
  if (internalSuffix) return { why: `an internal name (.${internalSuffix})`, local: false }
  return undefined
}

const INTERNAL_SUFFIXES = [
  'local',
  'internal',
  'intranet',
  'lan',
  'home',
  'corp',
  'localdomain',
  'home.arpa',
  'test',
  'invalid',
  'example',
  'onion',
]

function parseIPv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  return parts.every((p) => p <= 255) ? parts : undefined
}

function internalIPv4([a = 0, b = 0, c = 0]: number[]): Closed | undefined {
  const closed = (why: string, local = false): Closed => ({ why, local })
  if (a === 0) return closed('a "this network" address (0.0.0.0/8)')
  if (a === 127) return closed('a loopback address (127.0.0.0/8)', true)
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
    return closed('a private address', true)
  if (a === 169 && b === 254) return closed('a link-local address (169.254.0.0/16)')
  if (a === 100 && b >= 64 && b <= 127) return closed('a shared (carrier-grade NAT) address (100.64.0.0/10)')
  if (a === 192 && b === 0 && c === 0) return closed('an IETF protocol address (192.0.0.0/24)')
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113))
    return closed('a documentation address')
  if (a === 198 && (b === 18 || b === 19)) return closed('a benchmarking address (198.18.0.0/15)')
  if (a >= 224) return closed('a multicast or reserved address')
  return undefined
}

function internalIPv6(literal: string): Closed | undefined {
  const closed = (why: string, local = false): Closed => ({ why, local })
  const groups = expandIPv6(literal)
  if (!groups) return closed('not a valid IPv6 address')
  if (groups.every((g) => g === 0)) return closed('the unspecified address (::)')
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return closed('the loopback address (::1)', true)
  const [first = 0] = groups
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible: judged as the IPv4 address they carry.
  if (groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0)) {
    const v4 = [(groups[6] ?? 0) >> 8, (groups[6] ?? 0) & 255, (groups[7] ?? 0) >> 8, (groups[7] ?? 0) & 255]
    return internalIPv4(v4) ?? (groups[5] === 0 ? closed('an IPv4-compatible address') : undefined)
  }
  if ((first & 0xfe00) === 0xfc00) return closed('a unique local (private) address (fc00::/7)', true)
  if ((first & 0xffc0) === 0xfe80) return closed('a link-local address (fe80::/10)')
  if ((first & 0xffc0) === 0xfec0) return closed('a site-local address (fec0::/10)')
  if ((first & 0xff00) === 0xff00) return closed('a multicast address (ff00::/8)')
  if (first === 0x2001 && groups[1] === 0x0db8) return closed('a documentation address (2001:db8::/32)')
  if (first === 0x0064 && groups[1] === 0xff9b) return closed('a NAT64 address (64:ff9b::/96)')
  return undefined
}

/** Eight 16-bit groups; the URL parser has already normalised the literal (no embedded dotted quad). */
function expandIPv6(literal: string): number[] | undefined {
  const halves = literal.split('::')
  if (halves.length > 2) return undefined
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)))
  const head = parse(halves[0] ?? '')
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : []
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0
  const groups = [...head, ...Array<number>(Math.max(fill, 0)).fill(0), ...tail]
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined
}
