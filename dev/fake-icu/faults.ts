/**
 * Faults a test switches on for matching requests, programmatically (`fake.faults.add({...})`) or over HTTP
 * (`POST /__fake/faults` with the same JSON, `DELETE /__fake/faults`).
 *
 * Kinds:
 * - `status`: answer `status` (default 503) with `body` (default the usual JSON error) and optional `retryAfter`
 *   (seconds, or an HTTP date string) as `Retry-After`; the request is not processed;
 * - `delay`: wait `ms` milliseconds, then process the request normally;
 * - `drop`: destroy the connection without an answer; the request is not processed;
 * - `malformed`: process the request, then answer 200 with the JSON body cut in half.
 *
 * Matching: `method` (default any) and a path, either `path` — a glob over the pathname where `*` stays within one
 * segment and `**` crosses segments; a glob not starting with "/api/" or "/__" is matched against the part after
 * "/api/v1" as well — or `pathRegex` (a RegExp, or its source string over HTTP). No path = every API request.
 * `times` limits how many requests the fault affects (default: until cleared). The first matching fault wins.
 */
export type FaultKind = 'status' | 'delay' | 'drop' | 'malformed';

export interface FaultSpec {
  kind: FaultKind;
  method?: string;
  path?: string;
  pathRegex?: string | RegExp;
  times?: number;
  status?: number;
  body?: unknown;
  retryAfter?: number | string;
  headers?: Record<string, string>;
  ms?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  /** Requests it has affected so far. */
  hits: number;
}

const KINDS: FaultKind[] = ['status', 'delay', 'drop', 'malformed'];

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function pathMatcher(spec: FaultSpec): (path: string) => boolean {
  if (spec.pathRegex !== undefined) {
    const re = spec.pathRegex instanceof RegExp ? spec.pathRegex : new RegExp(spec.pathRegex);
    return (path) => re.test(path);
  }
  if (spec.path === undefined || spec.path === '') return (path) => path.startsWith('/api/');
  const re = globToRegExp(spec.path);
  const anchored = spec.path.startsWith('/api/') || spec.path.startsWith('/__');
  return (path) => re.test(path) || (!anchored && path.startsWith('/api/v1') && re.test(path.slice('/api/v1'.length)));
}

/** Throws a readable error for a spec that cannot work (used to answer 400 over HTTP). */
export function checkFaultSpec(spec: unknown): FaultSpec {
  if (!spec || typeof spec !== 'object') throw new Error('a fault is a JSON object');
  const s = spec as FaultSpec;
  if (!KINDS.includes(s.kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (s.times !== undefined && !(Number.isInteger(s.times) && s.times > 0)) throw new Error('times must be >= 1');
  if (s.kind === 'status' && s.status !== undefined && !(s.status >= 100 && s.status <= 599)) {
    throw new Error('status must be an HTTP status code');
  }
  if (s.kind === 'delay' && !(typeof s.ms === 'number' && s.ms >= 0)) throw new Error('delay needs ms >= 0');
  if (typeof s.pathRegex === 'string') new RegExp(s.pathRegex);
  return s;
}

export class Faults {
  private faults: (Fault & { matches: (path: string) => boolean })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault;
  add(specs: FaultSpec[]): Fault[];
  add(specs: FaultSpec | FaultSpec[]): Fault | Fault[] {
    const list = (Array.isArray(specs) ? specs : [specs]).map((spec) => {
      checkFaultSpec(spec);
      const fault = { ...spec, id: this.nextId++, hits: 0, matches: pathMatcher(spec) };
      this.faults.push(fault);
      return fault;
    });
    return Array.isArray(specs) ? list.map(publicFault) : publicFault(list[0] as Fault);
  }

  remove(id: number): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map(publicFault);
  }

  /** The fault to apply to this request, counting it; exhausted faults are removed. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find(
      (f) => (!f.method || f.method === '*' || f.method.toUpperCase() === method) && f.matches(path),
    );
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
    return publicFault(fault);
  }
}

function publicFault(f: Fault): Fault {
  const { matches: _m, ...rest } = f as Fault & { matches?: unknown };
  const out: Fault = { ...rest };
  if (out.pathRegex instanceof RegExp) out.pathRegex = out.pathRegex.source;
  return out;
}
