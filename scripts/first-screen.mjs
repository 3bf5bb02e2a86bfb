/**
 * What the first screen downloads: the scripts and stylesheets `index.html`
 * names, and every module they import statically (dynamic `import()` is what
 * loads later, so it is left out). Sizes are of the built files, gzip level 9:
 * deterministic, so a budget on them can fail a test. Used by the bundle test
 * (`tests/e2e/bundle.spec.ts`) and by `npm run bench`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The first screen's JavaScript and CSS may be at most this many kilobytes gzipped (issue 9). */
export const FIRST_SCREEN_BUDGET_KB = 80;

const ATTRIBUTE = (tag, attr) => new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]+)"[^>]*>`, 'g');
/** `import x from"./a.js"`, `import"./a.js"`, `export{x}from"./a.js"` in minified output; not `import("./a.js")`. */
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.\.?\/[^"']+)["']/g;

function localPath(url) {
  return url.replace(/^\.?\//, '').replace(/^[a-z]+:\/\/[^/]+\//i, '');
}

/**
 * @param {string} dist the build folder
 * @returns {{ files: { path: string, kind: 'js' | 'css', bytes: number, gzip: number }[], gzip: number, bytes: number }}
 */
export function firstScreenAssets(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const roots = [];
  for (const match of html.matchAll(ATTRIBUTE('script', 'src'))) if (/type="module"/.test(match[0])) roots.push(localPath(match[1]));
  for (const match of html.matchAll(ATTRIBUTE('link', 'href'))) {
    if (/rel="(modulepreload|stylesheet)"/.test(match[0])) roots.push(localPath(match[1]));
  }
  const seen = new Set();
  const files = [];
  const visit = (path) => {
    if (seen.has(path)) return;
    seen.add(path);
    const buffer = readFileSync(join(dist, path));
    const kind = path.endsWith('.css') ? 'css' : 'js';
    files.push({ path, kind, bytes: buffer.length, gzip: gzipSync(buffer, { level: 9 }).length });
    if (kind !== 'js') return;
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    for (const m of buffer.toString('utf8').matchAll(STATIC_IMPORT)) {
      const target = new URL(m[1], `file:///${folder}`).pathname.slice(1);
      visit(target);
    }
  };
  for (const root of roots) visit(root);
  return { files, gzip: files.reduce((n, f) => n + f.gzip, 0), bytes: files.reduce((n, f) => n + f.bytes, 0) };
}
