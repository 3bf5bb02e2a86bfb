import { mount } from 'svelte';
import vault from 'virtual:vaultcards/notes';
import App from './App.svelte';
import './app.css';
import { registerServiceWorker } from './state/app-update.svelte.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, props: { vault } });

// The service worker (built by vite-plugin-pwa) makes the app work offline once it has been opened;
// a new version waits for the learner's word (the update banner) and for any review, quiz or exam to end.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    void registerServiceWorker(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
      // No offline copy this time (private mode, an old browser): the app still works online.
    });
  });
}
