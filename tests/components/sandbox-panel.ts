/** Test-only: renders one sandbox panel under an open console on its own database, and cleans up after. */
import { render, screen, waitFor } from '@testing-library/svelte';
import Dexie from 'dexie';
import type { Component } from 'svelte';
import { expect } from 'vitest';
import { VaultcardsDB } from '../../src/data/db.ts';
import type { SandboxConsole } from '../../src/state/sandbox.svelte.ts';
import SandboxHarness from './SandboxHarness.svelte';

let db: VaultcardsDB | undefined;
let current: SandboxConsole | undefined;

/** Renders `component` under an open console (workloads account, us-east-1) and returns the console. */
export async function openSandboxPanel(component: Component): Promise<SandboxConsole> {
  db = new VaultcardsDB(`sandbox-panel-${Math.random()}`);
  let ready: SandboxConsole | undefined;
  render(SandboxHarness, { props: { component, db, onready: (sc: SandboxConsole) => (ready = sc) } });
  await waitFor(() => expect(ready).toBeDefined());
  await screen.findByRole('heading', { level: 2 });
  current = ready;
  return ready as SandboxConsole;
}

/** For afterEach: waits for the console's saves, then closes and deletes its database. */
export async function closeSandboxPanel(): Promise<void> {
  await current?.flush();
  current = undefined;
  if (!db) return;
  db.close();
  await Dexie.delete(db.name);
  db = undefined;
}
