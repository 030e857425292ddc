// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InPageFeature } from '../../components/in-page/feature';
import { createFeatureManager as createManager, type FeatureManager } from '../../components/in-page/feature-manager';
import { HOST_TAG } from '../../components/in-page/toolbar-host';

const ACTIVITY = 'https://intervals.icu/activities/i1001';

// Every manager made by a test is destroyed after it, as the content script does when the extension goes away.
const live: FeatureManager[] = [];
const createFeatureManager = (options: Parameters<typeof createManager>[0]) => {
  const manager = createManager(options);
  live.push(manager);
  return manager;
};

function headerPage() {
  document.body.innerHTML = `
    <div class="gutter8">
      <div class="left">left</div>
      <div class="right"><div class="a"></div><div class="actions"><a>~ Manual Entry</a></div></div>
    </div>`;
}

function fakeFeature(id: string, routes: InPageFeature['routes']) {
  const calls = { mounts: 0, unmounts: 0, aborted: 0 };
  const feature: InPageFeature = {
    id,
    description: id,
    routes,
    mount(slot, { signal }) {
      calls.mounts++;
      slot.textContent = id;
      signal.addEventListener('abort', () => calls.aborted++);
      return () => calls.unmounts++;
    },
  };
  return { feature, calls };
}

describe('feature manager', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });
  afterEach(() => {
    for (const manager of live.splice(0)) manager.destroy();
    vi.useRealTimers();
  });

  it('mounts activity features into the header actions and nowhere else', async () => {
    headerPage();
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document });
    await manager.update(ACTIVITY);
    const host = document.querySelector(`.actions > ${HOST_TAG}`);
    expect(host).not.toBeNull();
    expect(manager.placement).toBe('header');
    expect(host?.shadowRoot?.querySelector('[data-feature="a"]')?.textContent).toBe('a');

    await manager.update('https://intervals.icu/calendar');
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(a.calls).toEqual({ mounts: 1, unmounts: 1, aborted: 1 });
  });

  it('keeps one mount across tabs of the same activity and remounts for another activity', async () => {
    headerPage();
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document });
    await manager.update(ACTIVITY);
    await manager.update(`${ACTIVITY}/data`);
    await manager.update(`${ACTIVITY}/data`);
    expect(a.calls.mounts).toBe(1);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    await manager.update('https://intervals.icu/activities/i1002');
    expect(a.calls).toEqual({ mounts: 2, unmounts: 1, aborted: 1 });
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('falls back to a floating toolbar when the header never appears', async () => {
    vi.useFakeTimers();
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document, anchorTimeoutMs: 3000 });
    const done = manager.update(ACTIVITY);
    await vi.advanceTimersByTimeAsync(3001);
    await done;
    expect(manager.placement).toBe('floating');
    expect(document.body.lastElementChild?.tagName.toLowerCase()).toBe(HOST_TAG);
  });

  it('uses the header when it appears late', async () => {
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document, anchorTimeoutMs: 2000 });
    const done = manager.update(ACTIVITY);
    setTimeout(headerPage, 20);
    await done;
    expect(manager.placement).toBe('header');
  });

  it('does nothing on routes no feature serves', async () => {
    const spy = vi.spyOn(document, 'querySelector');
    const manager = createFeatureManager({ features: [fakeFeature('a', ['activity']).feature], document });
    await manager.update('https://intervals.icu/fitness');
    expect(spy).not.toHaveBeenCalled();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('remounts when the site re-rendered its header and dropped the toolbar', async () => {
    headerPage();
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document });
    await manager.update(ACTIVITY);
    headerPage(); // the site replaced the header; the manager notices without a navigation
    await vi.waitFor(() => expect(a.calls.mounts).toBe(2));
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
  });

  it('an abandoned navigation mounts nothing', async () => {
    vi.useFakeTimers();
    const a = fakeFeature('a', ['activity']);
    const manager = createFeatureManager({ features: [a.feature], document, anchorTimeoutMs: 3000 });
    const first = manager.update(ACTIVITY);
    await manager.update('https://intervals.icu/wellness');
    await vi.advanceTimersByTimeAsync(3001);
    await first;
    expect(a.calls.mounts).toBe(0);
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('keeps key presses inside the toolbar from reaching the site', async () => {
    headerPage();
    const manager = createFeatureManager({ features: [fakeFeature('a', ['activity']).feature], document });
    await manager.update(ACTIVITY);
    const siteShortcut = vi.fn();
    document.addEventListener('keydown', siteShortcut);
    const slot = document.querySelector(HOST_TAG)?.shadowRoot?.querySelector('[data-feature="a"]');
    slot?.dispatchEvent(new KeyboardEvent('keydown', { key: 'e', bubbles: true, composed: true }));
    expect(siteShortcut).not.toHaveBeenCalled();
  });
});
