/**
 * Keystroke-to-preview latency of the live test panel, measured in Chromium (browser mode):
 * every keystroke in the sample editor is timed until a preview that includes it is on screen
 * (`preview-latency` performance measures recorded by the page itself, see
 * renderer/src/features/mapping/session.ts). Four projects, each against its peer measured in
 * the same run:
 *   demo                  the demo project (custom Jsonnet actions included)
 *   demo, built-ins only  the same mappings with the custom ones removed
 *   300 mappings          a generated 300-mapping project (30 custom Jsonnet actions)
 *   300, built-ins only   the same without the custom ones
 * A benchmark, not a timed test: it prints p50/p95 and ratios. Usage: npm run bench -- preview
 * Needs the built renderer (npx electron-vite build) and Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 */
import { chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const repoRoot = resolve(import.meta.dirname, '..');
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 40);
const TYPING_INTERVAL_MS = 90;

interface Mapping {
  source?: string;
  target: string;
  action: string;
  [k: string]: unknown;
}

function startServe(home: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve', '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, STUDIO_HOME: home, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`serve printed no URL; stderr:\n${err}`)), 30_000);
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      res({ url: line.trim(), child });
    });
    child.once('exit', (code) => rej(new Error(`serve exited ${code}; stderr:\n${err}`)));
  });
}

/** The 300-mapping project: built-in actions over the sample work order, every tenth one custom. */
function generated(base: Record<string, unknown>, withCustom: boolean): Record<string, unknown> {
  const sources = ['title', 'priority', 'status.name', 'location.city', 'location.zip', 'location.state', 'pay.hours', 'schedule.service_window.start.utc', 'client.name', 'description.markdown'];
  const mappings: Mapping[] = [];
  for (let i = 0; i < 300; i++) {
    const source = sources[i % sources.length] ?? 'title';
    const target = `x_${String(i).padStart(3, '0')}`;
    const kind = i % 10;
    if (kind === 9) {
      if (withCustom) mappings.push({ target, action: 'custom', script: `std.asciiUpper($.util.lookup_field($.input, '${source}', '')) + '-${i}'` });
      else mappings.push({ source, target, action: 'sync' });
    } else if (kind === 3) mappings.push({ source: 'priority', target, action: 'array_map', mappings: [{ compare: 'high', value: 'H' }, { compare: 'low', value: 'L' }], default: 'N' });
    else if (kind === 5) mappings.push({ source: 'pay.hours', target, action: 'range_map', ranges: [{ compare: 1, value: 'XS' }, { compare: 4, value: 'M' }], default: 'L' });
    else if (kind === 7)
      mappings.push({ source: 'schedule.service_window.start.utc', target, action: 'date_convert', input_format: 'YYYY-MM-DD HH:mm:ss', output_format: 'MM/DD/YYYY hh:mm A', timezone_in: 'UTC', timezone_out: 'America/Chicago' });
    else if (kind === 8) mappings.push({ target, action: 'concat', parts: [{ type: 'field', value: 'location.city' }, { type: 'static', value: ', ' }, { type: 'field', value: 'location.state' }] });
    else mappings.push({ source, target, action: 'sync', default: '' });
  }
  const demoOut = ((base['mappings'] as { outbound: Mapping[] }).outbound ?? []).filter((m) => withCustom || m.action !== 'custom');
  return { ...base, name: `Generated 300 (${withCustom ? 'with custom' : 'built-ins only'})`, mappings: { outbound: [...demoOut, ...mappings].slice(0, 300), inbound: [] } };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

async function openProject(page: Page, path: string, name: string): Promise<void> {
  await page.keyboard.press('Control+O');
  await page.getByLabel('Project file', { exact: true }).fill(path);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await page.getByTestId('project-name').filter({ hasText: name }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  const notNow = page.getByRole('button', { name: 'Not now' });
  if (await notNow.isVisible()) await notNow.click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Test\b/ }).click();
  await page.getByTestId('payload-status').waitFor({ timeout: 60_000 });
}

/** Types KEYSTROKES characters into the sample's title and returns the per-keystroke latencies. */
async function measure(page: Page): Promise<{ first: number[]; complete: number[] }> {
  const editor = page.getByTestId('sample-editor').locator('.monaco-editor .view-lines');
  await editor.click();
  await page.keyboard.press('Control+Home');
  // The pretty-printed sample: line 4 is `"title": "...",`
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  // Warm up (first runs compile and cache), then clear.
  await page.keyboard.type('w', { delay: 0 });
  await page.waitForTimeout(600);
  await page.evaluate(() => {
    performance.clearMeasures('preview-latency');
    performance.clearMeasures('preview-complete');
  });
  const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.type(text[i % text.length] ?? 'x');
    await page.waitForTimeout(TYPING_INTERVAL_MS);
  }
  // Let the engine answer the last keystroke (custom values and validation).
  await page.getByTestId('payload-status').filter({ hasNotText: 'Validating' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300);
  const typed = text.repeat(3).slice(0, Math.min(KEYSTROKES, 8));
  const payloadHasIt = await page.getByTestId('payload').innerText();
  if (!payloadHasIt.includes(typed.slice(0, 4))) throw new Error('the payload does not show the typed title: the preview did not follow the typing');
  return page.evaluate(() => ({
    first: performance.getEntriesByName('preview-latency').map((e) => e.duration),
    complete: performance.getEntriesByName('preview-complete').map((e) => e.duration),
  }));
}

export async function run(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'bench-preview-'));
  const work = mkdtempSync(join(tmpdir(), 'bench-projects-'));
  const demo = JSON.parse(readFileSync(join(repoRoot, 'resources/demo/demo.connector.json'), 'utf8')) as Record<string, unknown>;
  copyFileSync(join(repoRoot, 'resources/demo/sandbox.openapi.yaml'), join(work, 'sandbox.openapi.yaml'));
  // Record the spec's current hash so no "spec changed on disk" review interrupts the run.
  const sha256 = createHash('sha256').update(readFileSync(join(work, 'sandbox.openapi.yaml'))).digest('hex');
  demo['spec'] = { path: 'sandbox.openapi.yaml', sha256 };
  const withoutCustom = (p: Record<string, unknown>) => {
    const m = p['mappings'] as { outbound: Mapping[]; inbound: Mapping[] };
    return { ...p, mappings: { outbound: m.outbound.filter((x) => x.action !== 'custom'), inbound: m.inbound.filter((x) => x.action !== 'custom') } };
  };
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map(Number)) : null;
  const all: [string, Record<string, unknown>][] = [
    ['demo', demo],
    ['demo, built-ins only', withoutCustom(demo)],
    ['300 mappings', generated(demo, true)],
    ['300, built-ins only', generated(demo, false)],
  ];
  const projects = all.filter((_, i) => !only || only.has(i));
  const files = projects.map(([name, p], i) => {
    const file = join(work, `p${i}.connector.json`);
    writeFileSync(file, `${JSON.stringify({ ...p, name: `Bench: ${name}` }, null, 2)}\n`);
    return { name, file };
  });
  const { url, child } = await startServe(home);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const results: { name: string; p50: number; p95: number; n: number; c50: number; c95: number; cn: number }[] = [];
  try {
    for (const { name, file } of files) {
      // A fresh page per project, with the bundled sample (no typing carried over from the last one).
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
      page.on('console', (m) => {
        if (m.type() === 'error') process.stderr.write(`console error: ${m.text()}\n`);
      });
      await page.goto(url);
      await page.getByTestId('app-ready').waitFor();
      await page.evaluate(() => {
        for (const k of Object.keys(localStorage)) if (k.startsWith('connector-studio.sample')) localStorage.removeItem(k);
      });
      await openProject(page, file, `Bench: ${name}`);
      const m = await measure(page);
      if (m.first.length === 0) await page.screenshot({ path: join(repoRoot, 'test-results', 'bench-preview-failure.png') });
      if (m.first.length === 0) throw new Error(`no preview measures for "${name}": the typing did not reach the sample editor`);
      const lat = m.first.sort((a, b) => a - b);
      const done = m.complete.sort((a, b) => a - b);
      results.push({ name, p50: percentile(lat, 50), p95: percentile(lat, 95), n: lat.length, c50: percentile(done, 50), c95: percentile(done, 95), cn: done.length });
      await page.close();
    }
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(home, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—').padStart(8);
  const row = (r: (typeof results)[number]) => `${r.name.padEnd(22)} ${f(r.p50)} ${f(r.p95)} ${String(r.n).padStart(4)}   ${f(r.c50)} ${f(r.c95)} ${String(r.cn).padStart(4)}`;
  process.stdout.write(`keystroke → preview on screen, ${KEYSTROKES} keystrokes every ${TYPING_INTERVAL_MS} ms, in ms\n`);
  process.stdout.write(`first = first payload that includes the keystroke (built-in actions exact, custom values carried over)\n`);
  process.stdout.write(`complete = the engine's answer (custom Jsonnet values and schema validation) for that keystroke or a later one\n`);
  process.stdout.write(`${'project'.padEnd(22)} ${'first p50'.padStart(8)} ${'p95'.padStart(8)} ${'n'.padStart(4)}   ${'compl p50'.padStart(8)} ${'p95'.padStart(8)} ${'n'.padStart(4)}\n`);
  for (const r of results) process.stdout.write(`${row(r)}\n`);
  const [d, db, g, gb] = results;
  if (d && db && g && gb) {
    process.stdout.write(`ratio first p95, demo / demo built-ins only:        ${(d.p95 / db.p95).toFixed(2)}×\n`);
    process.stdout.write(`ratio complete p95, demo / demo built-ins only:     ${(d.c95 / db.c95).toFixed(2)}×\n`);
    process.stdout.write(`ratio first p95, 300 / 300 built-ins only:          ${(g.p95 / gb.p95).toFixed(2)}×\n`);
    process.stdout.write(`ratio complete p95, 300 / 300 built-ins only:       ${(g.c95 / gb.c95).toFixed(2)}×\n`);
    process.stdout.write(`ratio first p95, 300 / demo:                        ${(g.p95 / d.p95).toFixed(2)}×\n`);
    process.stdout.write(`demo first p95 ${d.p95 <= 150 ? 'within' : 'OVER'} the 150 ms target; demo complete p95 ${d.c95 <= 150 ? 'within' : 'OVER'} it\n`);
  }
}
