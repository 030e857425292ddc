/** Shared by the stand-in's own tests: start a server, call it like a client would. */
import { afterAll, beforeAll } from 'vitest';
import { createFakeIcu, type FakeIcu, type FakeIcuOptions } from './server';

export const KEY = 'test-key-0123456789abcdef';
/** A fixed clock so every run sees the same dates. */
export const NOW = new Date('2026-03-15T09:30:00Z');

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export const AUTH = basic('API_KEY', KEY);

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
}

export async function call(fake: FakeIcu, path: string, init: RequestInit = {}): Promise<ApiResponse> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization') && !headers.has('x-no-auth')) headers.set('authorization', AUTH);
  headers.delete('x-no-auth');
  const res = await fetch(fake.url + path, { ...init, headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export function putJson(fake: FakeIcu, path: string, body: unknown): Promise<ApiResponse> {
  return call(fake, path, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

/** Starts one stand-in for the surrounding describe/file and closes it afterwards. */
export function useFakeIcu(options: Partial<FakeIcuOptions> = {}): { readonly fake: FakeIcu } {
  const holder = {} as { fake: FakeIcu };
  beforeAll(async () => {
    holder.fake = await createFakeIcu({ key: KEY, now: NOW, rateLimit: false, ...options });
  });
  afterAll(async () => {
    await holder.fake?.close();
  });
  return holder;
}
