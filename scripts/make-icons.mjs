#!/usr/bin/env node
/**
 * Draws the app's PNG icons from public/favicon.svg with Playwright's Chromium
 * (Debian's, at CHROMIUM_PATH or /usr/bin/chromium): no image library needed.
 *
 *   node scripts/make-icons.mjs
 *
 * Writes into public/:
 *   icon-192.png, icon-512.png   purpose "any": the mark as drawn, its rounded corners transparent
 *   icon-maskable-512.png        purpose "maskable": a solid square, the mark shrunk into the
 *                                80% safe zone so any mask shape (circle, squircle) keeps all of it
 *   apple-touch-icon.png         180 x 180, solid (iOS shows transparency as black and rounds the corners itself)
 *
 * Run it again after changing favicon.svg, and commit the PNGs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
/** The mark's own background, and the manifest's theme colour. */
const BRAND = '#1d4ed8';

/**
 * `scale` is the mark's share of the square; `background` fills the rest
 * (null: transparent). For the maskable icon, 0.8 puts the whole mark inside
 * the safe zone's circle (its white card reaches 0.42 of the side from the
 * centre at full size, 0.34 at 0.8, under the 0.4 limit).
 */
const ICONS = [
  { file: 'icon-192.png', size: 192, scale: 1, background: null },
  { file: 'icon-512.png', size: 512, scale: 1, background: null },
  { file: 'icon-maskable-512.png', size: 512, scale: 0.8, background: BRAND },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.9, background: BRAND },
];

/** The width and height a PNG's header gives. */
function pngSize(buffer) {
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

const svg = readFileSync(`${publicDir}favicon.svg`, 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  for (const { file, size, scale, background } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const side = Math.round(size * scale);
    await page.setContent(
      `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;background:${background ?? 'transparent'}">` +
        `<img src="${dataUrl}" width="${side}" height="${side}" alt=""></body></html>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    const png = await page.screenshot({ omitBackground: background === null, clip: { x: 0, y: 0, width: size, height: size } });
    const { width, height } = pngSize(png);
    if (width !== size || height !== size) throw new Error(`${file}: drew ${width} x ${height}, expected ${size} x ${size}`);
    writeFileSync(`${publicDir}${file}`, png);
    console.log(`public/${file}: ${size} x ${size}, ${png.length} bytes`);
    await page.close();
  }
} finally {
  await browser.close();
}
