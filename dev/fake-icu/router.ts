/**
 * A tiny router over the spec's own path templates, e.g. "/api/v1/athlete/{id}/wellness{ext}". A `{name}` that
 * follows other characters in the same segment (`wellness{ext}`, `events{format}`) is a file extension: "" or ".csv".
 * Any other `{name}` is one path segment.
 */
import type { Reply, RequestContext } from './http';

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export function templateToRegExp(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/(.)?\{(\w+)\}/g, (_m, before, name) => {
    names.push(name);
    const prefix = before ?? '';
    if (prefix && prefix !== '/') return `${prefix}(\\.[A-Za-z0-9]+)?`;
    return `${prefix}([^/]+)`;
  });
  return { regex: new RegExp(`^${source}$`), names };
}

/** Literal characters of a template: the more, the more specific. */
export function specificity(template: string): number {
  return template.replace(/\{\w+\}/g, '').length;
}

export class Router {
  private routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const { regex, names } = templateToRegExp(template);
    this.routes.push({ method, template, regex, names, handler });
    this.routes.sort((a, b) => specificity(b.template) - specificity(a.template));
    return this;
  }

  /** The route for a request, `'method'` when only the method is wrong, or undefined. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string>; template: string } | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const raw = m[i + 1] ?? '';
        try {
          params[name] = decodeURIComponent(raw);
        } catch {
          params[name] = raw;
        }
      });
      return { handler: route.handler, params, template: route.template };
    }
    return pathMatched ? 'method' : undefined;
  }
}
