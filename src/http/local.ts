/** Requests made to this machine: local development, where some defaults may be laxer. */

const LOCAL_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Whether `hostname` (as in a URL: `[::1]` for IPv6) is this machine. */
export function isLocalHostname(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname)
}

/** Whether a request was made to this machine. */
export function isLocalRequest(url: string): boolean {
  return isLocalHostname(new URL(url).hostname)
}
