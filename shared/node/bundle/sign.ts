/** Signing and verifying bundle payloads (JWS, EdDSA/Ed25519, unencoded canonical payload). */
import { createHash } from 'node:crypto';
import { base64url, calculateJwkThumbprint, flattenedVerify, FlattenedSign, importJWK, type JWK } from 'jose';
import type { VerifyResult } from '../../common/api/calls-bundle';
import { canonicalize } from '../../common/bundle/canonical-json';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleFile, type BundlePayload } from '../../common/bundle/format';
import type { SigningKey } from './signing-key';
import { checkPublicJwk } from './signing-key';

/** The exact bytes the signature covers. */
export function payloadBytes(payload: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(payload));
}

export function payloadSha256(payload: unknown): string {
  return createHash('sha256').update(payloadBytes(payload)).digest('hex');
}

export async function signPayload(payload: BundlePayload, key: SigningKey): Promise<BundleFile> {
  const jws = await new FlattenedSign(payloadBytes(payload))
    .setProtectedHeader({ alg: 'EdDSA', b64: false, crit: ['b64'], kid: key.keyId, jwk: key.publicJwk })
    .sign(key.privateKey);
  return { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, payload, signature: { protected: jws.protected!, signature: jws.signature } };
}

/** The bundle file's text: pretty JSON (the signature does not depend on the layout). */
export function bundleText(bundle: BundleFile): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

export type VerifyReason = 'unsupported-version' | 'malformed-bundle' | 'malformed-signature' | 'wrong-key' | 'payload-changed';

export interface VerifyOutcome extends VerifyResult {
  reason: VerifyReason | null;
  message: string;
}

function invalid(reason: VerifyReason, keyId: string, message: string): VerifyOutcome {
  return { valid: false, keyId, reason, message };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Verifies a parsed bundle file offline, against `publicKey` when given (the key the broker
 * registered), else the key embedded in the signature header. Reasons, in the order checked:
 * unsupported-version, malformed-bundle, malformed-signature, wrong-key, payload-changed.
 */
export async function verifyBundle(bundle: unknown, publicKey?: unknown): Promise<VerifyOutcome> {
  if (!isRecord(bundle) || bundle.format !== BUNDLE_FORMAT) {
    return invalid('malformed-bundle', '', `not a Connector Studio bundle (expected "format": "${BUNDLE_FORMAT}")`);
  }
  const version = bundle.version;
  if (version !== BUNDLE_VERSION) {
    return invalid('unsupported-version', '', `bundle version ${JSON.stringify(version)} is not supported (this version reads ${BUNDLE_VERSION})`);
  }
  if (!isRecord(bundle.payload)) return invalid('malformed-bundle', '', 'the bundle has no payload object');
  if (bundle.payload.bundleVersion !== BUNDLE_VERSION) {
    return invalid('unsupported-version', '', `payload bundleVersion ${JSON.stringify(bundle.payload.bundleVersion)} is not supported (this version reads ${BUNDLE_VERSION})`);
  }
  const sig = bundle.signature;
  if (!isRecord(sig) || typeof sig.protected !== 'string' || typeof sig.signature !== 'string') {
    return invalid('malformed-signature', '', 'the signature block is missing or incomplete (needs "protected" and "signature")');
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(base64url.decode(sig.protected))) as Record<string, unknown>;
    if (!isRecord(header)) throw new Error('not an object');
  } catch {
    return invalid('malformed-signature', '', 'the protected header is not base64url-encoded JSON');
  }
  const keyId = typeof header.kid === 'string' ? header.kid : '';
  if (header.alg !== 'EdDSA' || header.b64 !== false || !Array.isArray(header.crit) || !header.crit.includes('b64') || !keyId) {
    return invalid('malformed-signature', keyId, 'the protected header must be { alg: "EdDSA", b64: false, crit: ["b64"], kid }');
  }
  let signatureBytes: Uint8Array;
  try {
    signatureBytes = base64url.decode(sig.signature);
  } catch {
    return invalid('malformed-signature', keyId, 'the signature is not base64url');
  }
  if (signatureBytes.length !== 64 || !/^[A-Za-z0-9_-]+$/.test(sig.signature)) {
    return invalid('malformed-signature', keyId, `an Ed25519 signature has 64 bytes; this one has ${signatureBytes.length}`);
  }
  let jwk: JWK;
  try {
    jwk = checkPublicJwk(publicKey ?? header.jwk, publicKey ? 'the given public key' : 'the embedded public key');
  } catch (err) {
    return publicKey
      ? invalid('wrong-key', keyId, (err as Error).message)
      : invalid('malformed-signature', keyId, (err as Error).message);
  }
  const thumbprint = await calculateJwkThumbprint(jwk, 'sha256');
  if (thumbprint !== keyId) {
    return invalid(
      'wrong-key',
      keyId,
      publicKey
        ? `signed by key ${keyId}, not by the given key ${thumbprint}`
        : `the embedded public key (${thumbprint}) is not the signing key ${keyId}`,
    );
  }
  let canonical: string;
  try {
    canonical = canonicalize(bundle.payload);
  } catch (err) {
    return invalid('payload-changed', keyId, `the payload cannot be canonicalised: ${(err as Error).message}`);
  }
  try {
    const key = await importJWK(jwk, 'EdDSA');
    await flattenedVerify({ protected: sig.protected, payload: canonical, signature: sig.signature }, key, { algorithms: ['EdDSA'] });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
      return invalid('payload-changed', keyId, 'the signature does not match: the payload (or its signed header) changed after signing');
    }
    return invalid('malformed-signature', keyId, `the signature cannot be checked: ${(err as Error).message}`);
  }
  return { valid: true, keyId, reason: null, message: `valid signature by key ${keyId}` };
}
