declare module 'virtual:vaultcards/notes' {
  const vault: import('./lib/content/types.ts').Vault;
  export default vault;
}
declare module 'virtual:vaultcards/notes-index' {
  const index: import('./lib/content/summary.ts').NoteSummary[];
  export default index;
}
