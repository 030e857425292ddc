// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '~/components/common/lazy';

afterEach(cleanup);

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyComponent', () => {
  it('shows the placeholder with the same props until the chunk is in, then the component; loads once', async () => {
    const load = vi.fn(async () => Greeting);
    const Lazy = lazyComponent(load, ({ name, failed }) => <p>{failed ? 'failed' : `Loading ${name}`}</p>);
    render(<Lazy name="Ada" />);
    expect(screen.getByText('Loading Ada')).toBeTruthy();
    expect(await screen.findByText('Hello Ada')).toBeTruthy();
    cleanup();
    render(<Lazy name="Bo" />);
    expect(screen.getByText('Hello Bo')).toBeTruthy(); // already loaded: no placeholder at all
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says when the chunk failed to load, and tries again on the next mount', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('gone')).mockResolvedValueOnce(Greeting);
    const Lazy = lazyComponent<{ name: string }>(load, ({ failed }) => (
      <p>{failed ? 'Could not be loaded' : 'Loading'}</p>
    ));
    render(<Lazy name="Ada" />);
    expect(await screen.findByText('Could not be loaded')).toBeTruthy();
    cleanup();
    render(<Lazy name="Ada" />);
    expect(await screen.findByText('Hello Ada')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
