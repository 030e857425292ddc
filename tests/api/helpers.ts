import { vi } from 'vitest';
import { createIcuClient, type IcuClientOptions } from '../../entrypoints/background/api/client';
import { createRateLimiter } from '../../entrypoints/background/api/limiter';

export const KEY = 'k3yABCDEFGHIJKLMNOPqrstuv0123';

export type Route = (request: Request, call: number) => Response | Promise<Response>;

/** A fetch stand-in that records every request it sees (method, url, headers, time). */
export function fakeFetch(route: Route) {
  const calls: { request: Request; at: number }[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push({ request, at: Date.now() });
    return route(request, calls.length);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function status(code: number, body = '', headers: Record<string, string> = {}): Response {
  return new Response(body, { status: code, headers });
}

/** A client with short backoff so retry tests take milliseconds, and its own limiter. */
export function testClient(fetch: typeof globalThis.fetch, overrides: Partial<IcuClientOptions> = {}) {
  return createIcuClient({
    getApiKey: async () => KEY,
    fetch,
    limiter: createRateLimiter(),
    retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 3_000 },
    ...overrides,
  });
}

export async function caught(promise: Promise<unknown>): Promise<{ kind?: string; message: string } & object> {
  try {
    await promise;
  } catch (error) {
    return error as { kind?: string; message: string };
  }
  throw new Error('expected the call to fail');
}

/** `items[index]`, failing the test when it is missing (instead of a non-null assertion). */
export function nth<T>(items: readonly T[], index: number): T {
  const item = items.at(index);
  if (item === undefined) throw new Error(`expected an item at ${index} of ${items.length}`);
  return item;
}
