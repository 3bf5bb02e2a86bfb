declare module 'virtual:vaultcards/notes' {
  const vault: import('./lib/content/types.ts').Vault;
  export default vault;
}
