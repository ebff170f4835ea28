import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { KEYCHAIN_SERVICE, deleteSecret, environmentAccount, getSecret, projectKey, sessionSecrets, setSecret } from '../../shared/node/keychain/index';
import { AsyncEntry } from '@napi-rs/keyring';
import { startDemoSandbox } from '../../shared/node/sandbox/demo-server';
import { captureIO, demoProject, tempDir, writeProject } from '../sandbox/helpers';
import { keychainGate, uniqueSecret } from './support';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const gate = await keychainGate();
const cleanup: string[] = [];

afterAll(async () => {
  for (const account of cleanup) await deleteSecret(account).catch(() => false);
});

describe('OS keychain (real Secret Service)', () => {
  it.skipIf(gate.skip)('is reachable', () => {
    // With STUDIO_REQUIRE_KEYCHAIN=1 and no keychain, this fails with the keychain's own explanation.
    expect(gate.status.message).toBeNull();
    expect(gate.status.available).toBe(true);
  });

  it.skipIf(gate.skip)('set, read back, replace and delete a secret under the connector-studio service', async () => {
    const account = `test:${uniqueSecret('acct')}`;
    cleanup.push(account);
    const s1 = uniqueSecret('first');
    const s2 = uniqueSecret('second');
    expect(await getSecret(account)).toBeNull();
    await setSecret(account, s1);
    expect(await getSecret(account)).toBe(s1);
    // It really is in the OS keychain under service `connector-studio`, not in this process.
    expect(await new AsyncEntry(KEYCHAIN_SERVICE, account).getPassword()).toBe(s1);
    await setSecret(account, s2);
    expect(await getSecret(account)).toBe(s2);
    expect(await deleteSecret(account)).toBe(true);
    expect(await getSecret(account)).toBeNull();
    expect(await deleteSecret(account)).toBe(false);
  });

  it.skipIf(gate.skip)('CLI credentials set (stdin) / status / delete; test-connection then reads the keychain', async () => {
    const password = uniqueSecret('cli');
    const sb = await startDemoSandbox({ password });
    const tmp = tempDir();
    try {
      const projectPath = writeProject(tmp.dir, demoProject(sb.url));
      const account = environmentAccount(projectKey({}, projectPath), 'sandbox');
      cleanup.push(account);
      const savedEnv = process.env.CONNECTOR_STUDIO_PASSWORD;
      delete process.env.CONNECTOR_STUDIO_PASSWORD;
      try {
        const io0 = captureIO();
        expect(await runCli(['test-connection', projectPath], io0)).toBe(2);
        expect(io0.stderr).toMatch(/no password is stored for environment "sandbox"/);

        const io1 = captureIO(`${password}\n`);
        expect(await runCli(['credentials', 'set', projectPath, '--env', 'sandbox', '--user', 'demo', '--password-stdin', '--json'], io1)).toBe(0);
        expect(JSON.parse(io1.stdout)).toMatchObject({ env: 'sandbox', username: 'demo', stored: true, where: 'keychain', keychain: { available: true } });
        expect(await getSecret(account)).toBe(password); // trailing newline stripped
        const file = JSON.parse(readFileSync(projectPath, 'utf8')) as { environments: { sandbox: Record<string, string> } };
        expect(file.environments.sandbox).toEqual({ baseUrl: sb.url, username: 'demo', credentialRef: account });

        const io2 = captureIO();
        expect(await runCli(['test-connection', projectPath, '--json'], io2)).toBe(0);
        expect(JSON.parse(io2.stdout)).toMatchObject({ ok: true, category: 'ok' });

        const io3 = captureIO();
        expect(await runCli(['credentials', 'status', projectPath, '--json'], io3)).toBe(0);
        expect(JSON.parse(io3.stdout)).toMatchObject({ stored: true, where: 'keychain' });

        const io4 = captureIO();
        expect(await runCli(['credentials', 'delete', projectPath, '--json'], io4)).toBe(0);
        expect(JSON.parse(io4.stdout)).toMatchObject({ stored: false, deleted: true });
        expect(await getSecret(account)).toBeNull();

        for (const io of [io1, io2, io3, io4]) expect(io.stdout + io.stderr).not.toContain(password);
      } finally {
        if (savedEnv !== undefined) process.env.CONNECTOR_STUDIO_PASSWORD = savedEnv;
      }
    } finally {
      await sb.close();
      tmp.cleanup();
    }
  });

  it.skipIf(gate.skip)('CONNECTOR_STUDIO_PASSWORD overrides the keychain for CI', async () => {
    const password = uniqueSecret('ci');
    const sb = await startDemoSandbox({ password });
    const tmp = tempDir();
    try {
      const projectPath = writeProject(tmp.dir, demoProject(sb.url));
      const account = environmentAccount(projectKey({}, projectPath), 'sandbox');
      cleanup.push(account);
      await setSecret(account, 'stale-keychain-password');
      process.env.CONNECTOR_STUDIO_PASSWORD = password;
      try {
        const io = captureIO();
        expect(await runCli(['test-connection', projectPath, '--json'], io)).toBe(0);
      } finally {
        delete process.env.CONNECTOR_STUDIO_PASSWORD;
      }
      const io2 = captureIO();
      expect(await runCli(['test-connection', projectPath, '--json'], io2)).toBe(1);
      expect(JSON.parse(io2.stdout)).toMatchObject({ category: 'auth' });
    } finally {
      await sb.close();
      tmp.cleanup();
    }
  });
});

type Probe = Record<string, { ok?: boolean; code?: string; message?: string; value?: unknown; available?: boolean } & Record<string, unknown>>;

function probe(secret: string, command: string[], env: Record<string, string | undefined>, extra: string[] = []): { out: Probe; stdout: string; stderr: string } {
  const cleanEnv = { ...env };
  delete cleanEnv.CONNECTOR_STUDIO_PASSWORD;
  const argv = [...command, process.execPath, '--import', 'tsx', 'test/keychain/probe-unavailable.ts', secret, ...extra];
  const r = spawnSync(argv[0]!, argv.slice(1), { cwd: repoRoot, env: cleanEnv, encoding: 'utf8', timeout: 40_000 });
  expect(r.status, r.stderr).toBe(0);
  return { out: JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Probe, stdout: r.stdout, stderr: r.stderr };
}

function expectFailClosed(out: Probe, secret: string, stdout: string, stderr: string): void {
  for (const k of ['setSecret', 'store', 'resolveBeforeSession']) {
    expect(out[k], k).toMatchObject({ ok: false, code: 'keychain-unavailable' });
  }
  // A locked keyring may answer reads with "nothing stored"; it never answers with a secret.
  for (const k of ['getSecret', 'deleteSecret']) {
    expect(out[k]!.ok === false ? out[k]!.code : out[k]!.value, k).toBeOneOf(['keychain-unavailable', null, false]);
  }
  expect(String(out.resolveBeforeSession!.message)).toMatch(/CONNECTOR_STUDIO_PASSWORD/);
  // Session-only memory, when asked for, works.
  expect(out.storeSession).toMatchObject({ ok: true, value: { stored: true, where: 'session', keychain: { available: false } } });
  expect(out.resolveAfterSession).toMatchObject({ ok: true, value: 'session' });
  // The CLI refuses (exit 2) rather than keeping the password anywhere else.
  expect(out.cliSet).toMatchObject({ code: 2 });
  // Never written anywhere in plaintext, never echoed.
  expect(stdout.replace(JSON.stringify(secret), '')).not.toContain(secret);
  expect(String(out.projectFileAfter)).not.toContain(secret);
  expect(stderr).not.toContain(secret);
}

const hasDbusTools = spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'], { encoding: 'utf8' }).status === 0;

describe('without a reachable keychain (always runs)', () => {
  it('no Secret Service on the bus: says so and how to fix it, fails closed, offers session-only memory', () => {
    const secret = uniqueSecret('nokc');
    const { out, stdout, stderr } = probe(secret, [], { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/connector-studio-test-bus' }, ['unset-bus']);
    expect(out.statusFirst).toMatchObject({ available: false });
    expect(String(out.statusFirst!.message)).toMatch(/No Secret Service is running on the D-Bus session bus.*gnome-keyring.*session only/);
    expect(String(out.cliSet!.stderr)).toMatch(/Secret Service/);
    expect(out.statusNoBus).toMatchObject({ available: false });
    expect(String(out.statusNoBus!.message)).toMatch(/no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)/);
    expectFailClosed(out, secret, stdout, stderr);
  });

  it.skipIf(!hasDbusTools && process.env.STUDIO_REQUIRE_KEYCHAIN !== '1')('a keyring that was never unlocked: says it is locked and how to unlock it', () => {
    const secret = uniqueSecret('locked');
    const home = tempDir('cs-locked-home-');
    try {
      const { out, stdout, stderr } = probe(secret, ['dbus-run-session', '--'], { ...process.env, HOME: home.dir });
      expect(out.statusFirst).toMatchObject({ available: false });
      expect(String(out.statusFirst!.message)).toMatch(/locked.*gnome-keyring-daemon --unlock.*session only/);
      expectFailClosed(out, secret, stdout, stderr);
    } finally {
      home.cleanup();
    }
  });

  it('session-only memory is per process and never touches the keychain', async () => {
    const account = `test:${uniqueSecret('session')}`;
    sessionSecrets.set(account, 'in-memory-only');
    expect(sessionSecrets.get(account)).toBe('in-memory-only');
    expect(sessionSecrets.delete(account)).toBe(true);
    expect(sessionSecrets.get(account)).toBeNull();
    expect(() => sessionSecrets.set(account, '')).toThrow(/empty/);
  });

  it('names accounts project:<id or path hash>:<env>', () => {
    expect(environmentAccount(projectKey({ id: 'p-123' }, null), 'sandbox')).toBe('project:p-123:sandbox');
    const a = projectKey({}, '/tmp/a/x.connector.json');
    expect(a).toMatch(/^path-[0-9a-f]{16}$/);
    expect(projectKey({}, '/tmp/b/x.connector.json')).not.toBe(a);
    expect(() => projectKey({}, null)).toThrow(/neither an id nor a file path/);
  });
});
