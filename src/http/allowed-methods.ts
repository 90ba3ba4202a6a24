/** Which methods a path takes, from the app's own routes: a known path asked with another method is a 405. */

interface Route {
  method: string
  path: string
}

/**
 * A lookup of the methods each route answers, built from `app.routes` once every route is
 * registered (middleware, method `ALL`, is left out). A GET route answers HEAD too, and
 * every path answers OPTIONS (the CORS preflight). Returns `undefined` for a path no
 * route takes.
 *
 * @example allowedMethods(app.routes)('/v1/translations') // ['POST', 'OPTIONS']
 */
export function allowedMethods(routes: readonly Route[]): (path: string) => string[] | undefined {
  const table = new Map<string, { pattern: RegExp; methods: Set<string> }>()
  for (const { method, path } of routes) {
    if (method === 'ALL' || path.includes('*')) continue
    const entry = table.get(path) ?? { pattern: patternOf(path), methods: new Set<string>() }
    entry.methods.add(method)
    if (method === 'GET') entry.methods.add('HEAD')
    table.set(path, entry)
  }
  return (path) => {
    const methods = new Set<string>()
    for (const entry of table.values()) if (entry.pattern.test(path)) for (const m of entry.methods) methods.add(m)
    return methods.size > 0 ? [...methods, 'OPTIONS'] : undefined
  }
}

/** `/v1/translations/:id` as a regular expression: a parameter is one path segment. */
function patternOf(path: string): RegExp {
  const segments = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  return new RegExp(`^${segments.join('/')}/?$`)
}
