/** The little of `chrome.*` the tests evaluate inside the extension's service worker. */
declare const chrome: {
  storage: Record<'local' | 'session', { get(keys: null): Promise<Record<string, unknown>> }>;
};
