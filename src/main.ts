import './csp.ts';
import { mount, unmount } from 'svelte';
import index from 'virtual:vaultcards/notes-index';
import App from './App.svelte';
import './app.css';
import { hasOwnVaultsHint } from './data/own-vaults.ts';
import { combineVaults } from './lib/library/namespace.ts';
import { parseRoute } from './lib/routes.ts';
import { onNotesChanged } from './state/notes-host.ts';
import type { OwnVaultSummary } from './state/own-notes.ts';
import { registerServiceWorker } from './state/app-update.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

let app: ReturnType<typeof mount> | null = null;

/**
 * The whole shipped vault is a script of its own: the first screen (the topic list) is drawn from
 * the notes' summaries without waiting for it. On the topic list it is asked for once the list
 * has been painted (its evaluation would otherwise hold up the first frame); on any other
 * screen, at once.
 */
const afterFirstPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const shipped = (parseRoute(location.hash).name === 'home' ? afterFirstPaint() : Promise.resolve())
  .then(() => import('virtual:vaultcards/notes'))
  .then((m) => m.default);

/**
 * Mounts the app on the shipped notes plus the learner's own vaults. Own vaults
 * are read only when there are some, so a learner without them gets the first
 * screen without waiting for IndexedDB (or loading its code).
 */
async function start(withOwn: boolean): Promise<void> {
  if (!withOwn) {
    if (app) await unmount(app);
    app = mount(App, { target: target as HTMLElement, props: { vault: null, index, loading: shipped } });
    return;
  }
  let vault = await shipped;
  let own: OwnVaultSummary[] = [];
  let ownError = '';
  try {
    const { loadAppOwnVaults, summarize } = await import('./state/own-notes.ts');
    const vaults = await loadAppOwnVaults();
    vault = combineVaults(vault, vaults);
    own = vaults.map(summarize);
  } catch (error) {
    ownError = `Your own notes could not be read from this browser's storage (${(error as Error).message}); the shipped notes are shown.`;
  }
  if (app) await unmount(app);
  app = mount(App, { target: target as HTMLElement, props: { vault, own, ownError } });
}

onNotesChanged(() => start(true));
void start(hasOwnVaultsHint());

// The service worker (built by vite-plugin-pwa) makes the app work offline once it has been opened;
// a new version waits for the learner's word (the update banner) and for any review, quiz or exam to end.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
      // No offline copy this time (private mode, an old browser): the app still works online.
    });
  });
}
