/**
 * Export against the real OS keychain: a stored password never reaches a bundle, the signing
 * key is created once and reused. Run under `sh scripts/with-keyring.sh npx vitest run test/bundle`.
 * Without a keychain these tests are skipped, unless STUDIO_REQUIRE_KEYCHAIN=1 makes that a failure.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/common/api/define';
import { exportBundle } from '../../shared/node/bundle/export';
import { verifyBundleFile } from '../../shared/node/bundle/verify-file';
import { SIGNING_KEY_ACCOUNT, keychainSigningKey } from '../../shared/node/bundle/signing-key';
import { deleteSecret, environmentAccount, keychainStatus, setSecret } from '../../shared/node/keychain/index';
import { openWorkspace } from '../../shared/node/workspace/index';
import type { ServerContext } from '../../shared/node/api/context';
import { createBundleHandlers } from '../../shared/node/api/handlers-bundle';
import { createProjectHandlers } from '../../shared/node/api/handlers-project';
import { makeFixture, type ProjectFixture } from './fixtures/project';

const status = await keychainStatus();
const required = process.env.STUDIO_REQUIRE_KEYCHAIN === '1';
const PASSWORD = 'demo-Stored-Pa55!';

describe('keychain is reachable when required', () => {
  it('has a keychain when STUDIO_REQUIRE_KEYCHAIN=1', () => {
    if (required) expect(status, status.message ?? '').toMatchObject({ available: true });
    else expect(typeof status.available).toBe('boolean');
  });
});

describe.runIf(status.available)('export with the real keychain', () => {
  let fx: ProjectFixture;
  const account = (): string => environmentAccount(fx.project.id!, 'sandbox');

  beforeAll(async () => {
    fx = makeFixture();
    await deleteSecret(SIGNING_KEY_ACCOUNT);
    await setSecret(account(), PASSWORD);
  });

  afterAll(async () => {
    await deleteSecret(account());
    await deleteSecret(SIGNING_KEY_ACCOUNT);
    fx.cleanup();
  });

  it('creates the signing key on first export, keeps it in the keychain, and reuses it', async () => {
    const store = openWorkspace(fx.home);
    const out = join(fx.dir, 'a.bundle.json');
    const first = await exportBundle({ project: fx.project, projectPath: fx.projectPath, out, appVersion: '0.1.0', store });
    const second = await exportBundle({ project: fx.project, projectPath: fx.projectPath, out, appVersion: '0.1.0', store });
    await store.close();
    expect(second.keyId).toBe(first.keyId);
    const again = await keychainSigningKey();
    expect(again).toMatchObject({ keyId: first.keyId, created: false });
    expect(await verifyBundleFile(out, again.publicJwk as Record<string, unknown>)).toMatchObject({ valid: true });
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`demo:${PASSWORD}`).toString('base64'));
    expect(text).not.toMatch(/"d"\s*:/);
  });

  it('refuses to export when the stored password appears in the bundle, and writes nothing', async () => {
    const project = structuredClone(fx.project);
    project.mappings.outbound[2]!.script = `std.toString($.input.id) + "${PASSWORD}"`;
    const out = join(fx.dir, 'refused.bundle.json');
    const store = openWorkspace(fx.home);
    let error: unknown;
    try {
      await exportBundle({ project, projectPath: fx.projectPath, out, appVersion: '0.1.0', store });
    } catch (err) {
      error = err;
    }
    const [logged] = await store.listExports(fx.projectPath);
    await store.close();
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('secret-found');
    expect((error as StudioError).message).toContain('$.mappings.outbound.mappings[2].script');
    expect((error as StudioError).message).toContain('stored password of environment "sandbox"');
    expect((error as StudioError).message).not.toContain(PASSWORD);
    expect(() => readFileSync(out)).toThrow();
    expect(logged).toMatchObject({ outcome: 'refused' });
    expect(logged?.message).not.toContain(PASSWORD);
  });
});

describe.runIf(status.available)('the demo project with a stored password in the real keychain', () => {
  it('exports through the API with no password in the bundle, and verifies against the exported public key', async () => {
    const home = mkdtempSync(join(tmpdir(), 'studio-demo-export-'));
    const closers: (() => Promise<void> | void)[] = [];
    const ctx: ServerContext = { mode: 'browser', studioHome: home, appVersion: '0.1.0', emit: () => {}, onClose: (fn) => closers.push(fn) };
    const projects = createProjectHandlers(ctx);
    const bundles = createBundleHandlers(ctx);
    const demo = await projects['project.openDemo']({});
    const account = environmentAccount(demo.project.id!, 'sandbox');
    const password = 'demo-sandbox-pass';
    await setSecret(account, password);
    try {
      const out = join(home, 'demo.bundle.json');
      const result = await bundles['bundle.export']({ project: demo.project as unknown as Record<string, unknown>, projectPath: demo.path, out });
      expect(result.scan).toEqual({ clean: true, findings: [] });
      expect(result.summary.endpoints).toBe(Object.keys(demo.project.endpoints).length);
      const text = readFileSync(out, 'utf8');
      expect(text).not.toContain(password);
      expect(text).not.toContain(Buffer.from(`demo:${password}`).toString('base64'));
      expect(text).toContain(`"credentialRef": "${account}"`);
      const { jwk, keyId } = await bundles['bundle.publicKey']({});
      expect(keyId).toBe(result.keyId);
      expect(jwk).not.toHaveProperty('d');
      expect(await bundles['bundle.verify']({ path: out, publicKey: jwk })).toMatchObject({ valid: true, keyId, reason: null });

      // The same password typed into a mapping is caught before anything is written.
      const leaky = structuredClone(demo.project);
      leaky.mappings.outbound.push({ target: 'notes', action: 'set_static', value: `pw ${password}` });
      const refused = await bundles['bundle.export']({ project: leaky as unknown as Record<string, unknown>, projectPath: demo.path, out: join(home, 'leak.bundle.json') }).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'secret-found' });
      expect((refused as Error).message).toContain(`$.mappings.outbound.mappings[${leaky.mappings.outbound.length - 1}].value`);
      expect(() => readFileSync(join(home, 'leak.bundle.json'))).toThrow();
    } finally {
      await deleteSecret(account);
      await deleteSecret(SIGNING_KEY_ACCOUNT);
      for (const fn of closers.splice(0).reverse()) await fn();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
