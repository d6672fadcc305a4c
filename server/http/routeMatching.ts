import { routes, type RouteId, type RouteSpec } from '../../shared/api/routes.ts';
import { ApiError } from '../domain/apiError.ts';
import { errorResult } from './httpResults.ts';
import type { HandlerResult } from './handlers.ts';

/** Which route of the shared route table a request is for, with its path parameters decoded. */

export interface CompiledRoute {
  readonly id: RouteId;
  readonly spec: RouteSpec;
  readonly pattern: RegExp;
  readonly params: string[];
}

export type RouteMatch =
  | { readonly route: CompiledRoute; readonly params: Record<string, string> }
  /** The path exists, with other methods. */
  | { readonly allowed: string[] }
  /** A path parameter's percent-encoding is broken. */
  | { readonly malformed: string }
  | { readonly missing: true };

function compile(): CompiledRoute[] {
  return (Object.entries(routes) as Array<[RouteId, RouteSpec]>).map(([id, spec]) => {
    const params: string[] = [];
    const source = spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
    return { id, spec, pattern: new RegExp(`^${source}$`), params };
  });
}

const compiledRoutes = compile();

/** A path segment's text, or null when its percent-encoding is broken (`%E0%A4%A`, a lone `%`). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(method: string, pathname: string): RouteMatch {
  const allowed: string[] = [];
  for (const route of compiledRoutes) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    if (route.spec.method !== method) {
      allowed.push(route.spec.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [i, name] of route.params.entries()) {
      const value = decodeSegment(m[i + 1]!);
      if (value === null) return { malformed: name };
      params[name] = value;
    }
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : { missing: true };
}

/** The answer to a request no route takes: 404, 405 with `Allow`, or 400 for a broken path. */
export function unmatchedResult(method: string, pathname: string, match: Exclude<RouteMatch, { route: CompiledRoute }>): HandlerResult {
  if ('allowed' in match) {
    return errorResult(new ApiError('method_not_allowed', `${method} is not allowed here; use ${match.allowed.join(', ')}.`), { Allow: match.allowed.join(', ') });
  }
  if ('malformed' in match) {
    return errorResult(new ApiError('invalid_request', `The path's ${match.malformed} is not valid percent-encoded text.`, [{ path: match.malformed, message: 'malformed percent-encoding' }]));
  }
  return errorResult(new ApiError('not_found', `No such endpoint: ${method} ${pathname}.`));
}
