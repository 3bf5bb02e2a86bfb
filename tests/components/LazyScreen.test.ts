import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import LazyScreen from '../../src/ui/shared/LazyScreen.svelte';
import userEvent from '@testing-library/user-event';
import Echo from './Echo.svelte';
import LazyHarness from './LazyHarness.svelte';

describe('LazyScreen', () => {
  it('shows a loading line, then the screen; new props reach it without loading again', async () => {
    const load = vi.fn(() => Promise.resolve({ default: Echo }));
    render(LazyHarness, { props: { load } });
    expect(screen.getByText('Loading review…')).toBeInTheDocument();
    expect(await screen.findByTestId('echo')).toHaveTextContent('first');
    await userEvent.click(screen.getByRole('button', { name: 'change' }));
    expect(await screen.findByTestId('echo')).toHaveTextContent('second');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('says which screen failed to load and why', async () => {
    const load = () => Promise.reject(new Error('network is off'));
    render(LazyScreen, { props: { name: 'stats', load, props: {} } });
    expect(await screen.findByRole('alert')).toHaveTextContent('The stats screen could not load: network is off');
  });
});
