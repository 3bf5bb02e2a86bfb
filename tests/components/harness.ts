/** Test-only helpers: a vault from inline markdown and a render of a topics component inside TopicsHarness. */
import type { Component } from 'svelte';
import { render } from '@testing-library/svelte';
import { buildVault, type Note, type Vault } from '../../src/lib/content/index.ts';
import { TopicsState } from '../../src/state/topics.svelte.ts';
import TopicsHarness from './TopicsHarness.svelte';

/** Builds a vault with the real pipeline from `{ 'file.md': text }`. */
export function vaultOf(files: Record<string, string>): Vault {
  return buildVault(Object.entries(files).map(([path, text]) => ({ path, text })));
}

export function noteOf(vault: Vault, id: string): Note {
  const note = vault.notes.find((n) => n.id === id);
  if (!note) throw new Error(`no note ${id} in the test vault (have: ${vault.notes.map((n) => n.id).join(', ')})`);
  return note;
}

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
  /** The state in context: call `navigate` on it to change the route. */
  topics: TopicsState;
}

/** Renders `component` with `props` under a TopicsState for `vault` (or the given state). */
export function renderWithTopics<P extends Record<string, unknown>>(
  topicsOrVault: TopicsState | Vault,
  component: Component<P>,
  props: P,
): Rendered {
  const topics = topicsOrVault instanceof TopicsState ? topicsOrVault : new TopicsState(topicsOrVault);
  const result = render(TopicsHarness, { props: { topics, component: component as Component<Record<string, unknown>>, props } });
  return { container: result.container, unmount: result.unmount, topics };
}
