#!/usr/bin/env node
// Renders resources/icons/icon.svg to the PNGs electron-builder uses (icon.png, 1024 px, for
// macOS/Windows conversion; linux/<N>x<N>.png for the Linux icon set) with headless Chromium.
// Run by hand after changing the SVG: node scripts/render-icons.mjs  (CHROMIUM_PATH overrides).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'resources', 'icons');
const svg = readFileSync(join(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless'] });
try {
  const page = await browser.newPage();
  const targets = [[1024, join(dir, 'icon.png')], ...[512, 256, 128, 64, 32, 16].map((n) => [n, join(dir, 'linux', `${n}x${n}.png`)])];
  mkdirSync(join(dir, 'linux'), { recursive: true });
  for (const [size, file] of targets) {
    await page.setViewportSize({ width: size, height: size });
    const body = svg.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
    await page.locator('svg').screenshot({ path: file, omitBackground: true });
    console.log(`${file} (${size}px)`);
  }
} finally {
  await browser.close();
}
