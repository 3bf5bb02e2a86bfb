/** Light, dark, or follow the system; remembered in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'vaultcards.theme';

export class ThemeState {
  choice = $state<ThemeChoice>('system');

  constructor() {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.choice = saved;
    this.apply();
  }

  cycle(): void {
    this.choice = this.choice === 'system' ? 'light' : this.choice === 'light' ? 'dark' : 'system';
    globalThis.localStorage?.setItem(STORAGE_KEY, this.choice);
    this.apply();
  }

  apply(): void {
    const root = globalThis.document?.documentElement;
    if (!root) return;
    if (this.choice === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', this.choice);
  }
}
