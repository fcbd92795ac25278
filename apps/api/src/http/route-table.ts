/**
 * Every route the server has, by method, as Fastify registers them (its `onRoute` hook): so that a
 * path that exists under other methods answers 405 with `Allow` instead of 404.
 */
export class RouteTable {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(methods: string | readonly string[], url: string): void {
    const entry = this.routes.get(url) ?? { pattern: patternOf(url), methods: new Set<string>() };
    for (const method of typeof methods === 'string' ? [methods] : methods) entry.methods.add(method.toUpperCase());
    this.routes.set(url, entry);
  }

  /** The methods some route serves at this path (without query string), sorted; none for an unknown path. */
  methodsAt(path: string): string[] {
    const methods = new Set<string>();
    for (const { pattern, methods: served } of this.routes.values()) {
      if (pattern.test(path)) served.forEach((method) => methods.add(method));
    }
    return [...methods].sort();
  }
}

/** `/stories/:id/live` → `^/stories/[^/]+/live$`; `*` matches the rest of the path. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}
