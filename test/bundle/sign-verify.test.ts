import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { base64url } from 'jose';
import { canonicalize } from '../../shared/common/bundle/canonical-json';
import type { BundleFile } from '../../shared/common/bundle/format';
import { exportBundle } from '../../shared/node/bundle/export';
import { verifyBundle } from '../../shared/node/bundle/sign';
import { generateSigningJwk, readSigningKeyFile, signingKeyFromJwk, signingKeyUnavailable, type SigningKey } from '../../shared/node/bundle/signing-key';
import { explainKeychainError, KeychainUnavailable } from '../../shared/node/keychain/index';
import { verifyBundleFile } from '../../shared/node/bundle/verify-file';
import { openWorkspace } from '../../shared/node/workspace/index';
import { makeFixture, type ProjectFixture } from './fixtures/project';

let key: SigningKey;
let otherKey: SigningKey;
const fixtures: ProjectFixture[] = [];

beforeAll(async () => {
  key = await signingKeyFromJwk(await generateSigningJwk());
  otherKey = await signingKeyFromJwk(await generateSigningJwk());
});

afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

async function exported(now = new Date('2026-12-03T10:00:00.000Z')): Promise<{ fx: ProjectFixture; text: string; bundle: BundleFile }> {
  const fx = makeFixture();
  fixtures.push(fx);
  const out = join(fx.dir, 'out.bundle.json');
  const store = openWorkspace(fx.home);
  try {
    await exportBundle({ project: fx.project, projectPath: fx.projectPath, out, key, appVersion: '0.1.0', store, now });
  } finally {
    await store.close();
  }
  const text = readFileSync(out, 'utf8');
  return { fx, text, bundle: JSON.parse(text) as BundleFile };
}

describe('signed bundles', () => {
  it('signs what the broker needs and verifies against the embedded and the given key', async () => {
    const { bundle, fx } = await exported();
    expect(bundle.format).toBe('connector-studio.bundle');
    const p = bundle.payload;
    expect(p.endpoints.fetch).toEqual({
      method: 'GET',
      path: '/jobs/{jobId}',
      parameters: [{ name: 'jobId', in: 'path', required: true, type: 'string' }],
      idParam: 'jobId',
      recordIdPath: null,
      contentType: null,
    });
    expect(p.endpoints.create?.recordIdPath).toBe('id');
    expect(p.spec.sha256).toBe(fx.project.spec.sha256);
    expect(p.utilLibsonnet.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(p.mappings.outbound.mappings[2]).toEqual({ id: 'm3', source: 'id', target: 'external_ref', action: 'custom', script: 'std.toString($.input.id)' });
    expect(p.mappings.inbound.mappings).toEqual(fx.project.mappings.inbound);
    expect(p.credentials).toEqual([
      { environment: 'sandbox', baseUrl: 'http://127.0.0.1:9/', username: 'demo', credentialRef: 'project:prj_bundle_fixture:sandbox' },
    ]);
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(bundle.signature.protected))) as Record<string, unknown>;
    expect(header).toMatchObject({ alg: 'EdDSA', b64: false, crit: ['b64'], kid: key.keyId });
    expect(await verifyBundle(bundle)).toMatchObject({ valid: true, keyId: key.keyId, reason: null });
    expect(await verifyBundle(bundle, key.publicJwk)).toMatchObject({ valid: true, reason: null });
  });

  it('still verifies after the file is re-serialised with other whitespace and key order', async () => {
    const { bundle } = await exported();
    const reordered = JSON.parse(JSON.stringify({ signature: bundle.signature, payload: bundle.payload, version: 1, format: bundle.format })) as unknown;
    expect((await verifyBundle(reordered)).valid).toBe(true);
  });

  it('reports payload-changed when one byte of the payload changes', async () => {
    const { text, fx } = await exported();
    const at = text.indexOf('"Bundle fixture"');
    expect(at).toBeGreaterThan(0);
    const tampered = `${text.slice(0, at + 1)}b${text.slice(at + 2)}`;
    expect(tampered.length).toBe(text.length);
    const file = join(fx.dir, 'tampered.bundle.json');
    (await import('node:fs')).writeFileSync(file, tampered);
    expect(await verifyBundleFile(file)).toMatchObject({ valid: false, reason: 'payload-changed', keyId: key.keyId });
  });

  it('reports wrong-key for another public key, and for a swapped embedded key', async () => {
    const { bundle } = await exported();
    const wrong = await verifyBundle(bundle, otherKey.publicJwk);
    expect(wrong).toMatchObject({ valid: false, reason: 'wrong-key' });
    expect(wrong.message).toContain(otherKey.keyId);
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(bundle.signature.protected))) as Record<string, unknown>;
    const swapped = { ...header, jwk: otherKey.publicJwk };
    const forged = { ...bundle, signature: { ...bundle.signature, protected: base64url.encode(JSON.stringify(swapped)) } };
    expect(await verifyBundle(forged)).toMatchObject({ valid: false, reason: 'wrong-key' });
  });

  it('reports malformed-signature for a stripped, truncated or undecodable signature', async () => {
    const { bundle } = await exported();
    const stripped = { ...bundle, signature: { protected: bundle.signature.protected } };
    expect(await verifyBundle(stripped)).toMatchObject({ valid: false, reason: 'malformed-signature' });
    const noBlock = { format: bundle.format, version: bundle.version, payload: bundle.payload };
    expect(await verifyBundle(noBlock)).toMatchObject({ valid: false, reason: 'malformed-signature' });
    const truncated = { ...bundle, signature: { ...bundle.signature, signature: bundle.signature.signature.slice(0, 40) } };
    expect(await verifyBundle(truncated)).toMatchObject({ valid: false, reason: 'malformed-signature' });
    const garbage = { ...bundle, signature: { ...bundle.signature, protected: 'not*base64' } };
    expect(await verifyBundle(garbage)).toMatchObject({ valid: false, reason: 'malformed-signature' });
  });

  it('reports a bit-flipped signature of the right length as payload-changed, not valid', async () => {
    const { bundle } = await exported();
    const bytes = base64url.decode(bundle.signature.signature);
    bytes[10] = bytes[10]! ^ 0x01;
    const flipped = { ...bundle, signature: { ...bundle.signature, signature: base64url.encode(bytes) } };
    expect(await verifyBundle(flipped)).toMatchObject({ valid: false, reason: 'payload-changed' });
  });

  it('reports unsupported-version for a bundle format version it does not know', async () => {
    const { bundle } = await exported();
    expect(await verifyBundle({ ...bundle, version: 2 })).toMatchObject({ valid: false, reason: 'unsupported-version' });
    expect(await verifyBundle({ ...bundle, payload: { ...bundle.payload, bundleVersion: 9 } })).toMatchObject({ reason: 'unsupported-version' });
  });

  it('produces the same payload bytes for the same project, apart from the creation time', async () => {
    const a = await exported(new Date('2026-12-03T10:00:00.000Z'));
    const b = await exported(new Date('2026-12-04T11:30:00.000Z'));
    const c = await exported(new Date('2026-12-03T10:00:00.000Z'));
    const withoutTime = (bundle: BundleFile): string => canonicalize({ ...bundle.payload, createdAt: null });
    expect(a.bundle.payload.createdAt).not.toBe(b.bundle.payload.createdAt);
    expect(withoutTime(a.bundle)).toBe(withoutTime(b.bundle));
    expect(canonicalize(a.bundle.payload)).toBe(canonicalize(c.bundle.payload));
    // Ed25519 is deterministic: same key and bytes give the same signature.
    expect(a.bundle.signature).toEqual(c.bundle.signature);
  });

  it('logs every export in the workspace database', async () => {
    const { fx } = await exported();
    const store = openWorkspace(fx.home);
    const [entry] = await store.listExports(fx.projectPath);
    expect(entry).toMatchObject({ outcome: 'ok', keyId: key.keyId, file: join(fx.dir, 'out.bundle.json') });
    expect(entry?.sha256).toMatch(/^[0-9a-f]{64}$/);
    await store.close();
  });

  it('says how to sign without a keychain, and refuses a public JWK as the signing key', async () => {
    const wrapped = signingKeyUnavailable(new KeychainUnavailable(explainKeychainError(new Error("Couldn't access platform storage: AccessDenied"))));
    expect(wrapped.code).toBe('keychain-unavailable');
    expect(wrapped.message).toMatch(/^The bundle signing key is kept in the OS keychain, which cannot be used: .+\. For CI, sign with a key file instead \(export --key <private-jwk-file>\)\.$/);
    expect(wrapped.message).not.toContain('keep in memory');
    const fx = makeFixture();
    fixtures.push(fx);
    const file = join(fx.dir, 'public.jwk.json');
    (await import('node:fs')).writeFileSync(file, JSON.stringify(key.publicJwk));
    await expect(readSigningKeyFile(file)).rejects.toMatchObject({ code: 'bad-input', message: expect.stringContaining('is a public key') });
  });
});
