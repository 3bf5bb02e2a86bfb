/** Types of `first-screen.mjs` (plain JavaScript so `npm run bench` runs it with node). */
export declare const FIRST_SCREEN_BUDGET_KB: number;
export interface FirstScreenFile {
  path: string;
  kind: 'js' | 'css';
  bytes: number;
  gzip: number;
}
export declare function firstScreenAssets(dist: string): { files: FirstScreenFile[]; gzip: number; bytes: number };
