#!/usr/bin/env node
// The one test command (`npm test`): typecheck every layer, lint, build, unit tests, e2e.
// It ends with one line `N passed, N failed, N skipped` over both test runners.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

// A fresh checkout: install the locked dependencies first (the Electron binary is never downloaded).
if (!existsSync('node_modules/.package-lock.json')) {
  process.stderr.write('node_modules missing: running npm ci\n');
  const r = spawnSync('npm', ['ci', '--no-fund', '--no-audit'], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  process.stderr.write('Chromium is missing (the e2e tests drive Debian\'s chromium): apt-get install chromium, or run bash .ci/run\n');
}

// Tests that use the OS keychain need a Secret Service: each runner gets its own private D-Bus
// session with a fresh, unlocked gnome-keyring (scripts/with-keyring.sh), so no run sees another's
// stored secrets and nothing touches the developer's own keyring.
const withKeyring = (cmd, args) => ['sh', ['scripts/with-keyring.sh', cmd, ...args]];

const only = process.argv.slice(2);
// Outside test-results/, which Playwright empties when it starts.
const REPORTS = 'test-reports';
const steps = [
  ['typecheck', 'npx', ['tsc', '-b']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['build', 'npx', ['electron-vite', 'build']],
  ['unit', ...withKeyring('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORTS}/vitest.json`])],
  ['e2e', ...withKeyring('npx', ['playwright', 'test', '--reporter=list,json'])],
];
process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = `${REPORTS}/playwright.json`;
rmSync(REPORTS, { recursive: true, force: true });

/** Test counts from the runners' JSON reports, for one closing line over both suites. */
function counts() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  try {
    const v = JSON.parse(readFileSync(`${REPORTS}/vitest.json`, 'utf8'));
    total.passed += v.numPassedTests ?? 0;
    total.failed += v.numFailedTests ?? 0;
    total.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } catch {
    /* the unit step did not run */
  }
  try {
    const p = JSON.parse(readFileSync(`${REPORTS}/playwright.json`, 'utf8'));
    total.passed += p.stats?.expected ?? 0;
    total.failed += (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0);
    total.skipped += p.stats?.skipped ?? 0;
  } catch {
    /* the e2e step did not run */
  }
  return total;
}

const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  process.stderr.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push([name, r.status === 0, seconds]);
  if (r.status !== 0) break;
}
process.stderr.write('\n');
for (const [name, ok, seconds] of results) process.stderr.write(`${ok ? 'PASS' : 'FAIL'}  ${name} (${seconds} s)\n`);
const failed = results.filter(([, ok]) => !ok).length;
const c = counts();
process.stdout.write(`\n${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped\n`);
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
