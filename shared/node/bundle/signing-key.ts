/**
 * The bundle signing key: an Ed25519 pair created on first use, the private half kept in the OS
 * keychain (service `connector-studio`, account `signing-key`) as a JWK, never in a file or the
 * database. CI passes its own private JWK file instead (`export --key`).
 */
import { readFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type FlattenedSign, type JWK } from 'jose';
import { StudioError } from '../../common/api/define';
import { getSecret, KeychainUnavailable, setSecret } from '../keychain/index';

export const SIGNING_KEY_ACCOUNT = 'signing-key';

/** What jose signs with (a WebCrypto CryptoKey here). */
export type PrivateSigningKey = Parameters<FlattenedSign['sign']>[0];

export interface SigningKey {
  privateKey: PrivateSigningKey;
  /** The public half: { kty: "OKP", crv: "Ed25519", x }. */
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint of the public JWK. */
  keyId: string;
}

/** Only the public members, whatever the input carried. */
export function publicPart(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
}

function checkEd25519(jwk: unknown, where: string, needPrivate: boolean): JWK {
  const k = jwk as JWK;
  if (!k || typeof k !== 'object' || k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') {
    throw new StudioError('bad-input', `${where} is not an Ed25519 JWK (expected kty "OKP", crv "Ed25519" and "x")`);
  }
  if (needPrivate && typeof k.d !== 'string') {
    throw new StudioError('bad-input', `${where} is a public key; signing needs the private JWK (with "d")`);
  }
  return k;
}

/** A signing key from a private JWK value. */
export async function signingKeyFromJwk(jwk: unknown, where = 'the signing key'): Promise<SigningKey> {
  const k = checkEd25519(jwk, where, true);
  let privateKey: PrivateSigningKey;
  try {
    privateKey = await importJWK(k, 'EdDSA');
  } catch (err) {
    throw new StudioError('bad-input', `${where} cannot be used as an Ed25519 private key: ${(err as Error).message}`);
  }
  const publicJwk = publicPart(k);
  return { privateKey, publicJwk, keyId: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

/** `export --key <file>`: a private Ed25519 JWK in a JSON file. */
export async function readSigningKeyFile(path: string): Promise<SigningKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StudioError(code === 'ENOENT' ? 'not-found' : 'io', `cannot read the key file ${path}: ${code ?? (err as Error).message}`, { file: path });
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch (err) {
    throw new StudioError('unparseable', `the key file is not JSON: ${(err as Error).message}`, { file: path, line: 1, column: 1 });
  }
  return signingKeyFromJwk(jwk, path);
}

/** A public key from a JWK value (verify --key, bundle.verify's publicKey). */
export function checkPublicJwk(jwk: unknown, where: string): JWK {
  return publicPart(checkEd25519(jwk, where, false));
}

/** A fresh Ed25519 pair as a private JWK. */
export async function generateSigningJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, d: jwk.d };
}

/**
 * The keychain's signing key, created and stored on first use. Throws KeychainUnavailable (with
 * how to fix it) when there is no keychain; there is deliberately no file fallback.
 */
export async function keychainSigningKey(): Promise<SigningKey & { created: boolean }> {
  try {
    return await loadOrCreate();
  } catch (err) {
    if (err instanceof KeychainUnavailable) throw signingKeyUnavailable(err);
    throw err;
  }
}

/** The keychain's own explanation, minus its session-memory option (a signing key must persist), plus the CI way out. */
export function signingKeyUnavailable(err: KeychainUnavailable): KeychainUnavailable {
  const why = err.message.replace(/,? or choose "keep in memory[\s\S]*$/, '.');
  return new KeychainUnavailable(
    `The bundle signing key is kept in the OS keychain, which cannot be used: ${why} For CI, sign with a key file instead (export --key <private-jwk-file>).`,
  );
}

async function loadOrCreate(): Promise<SigningKey & { created: boolean }> {
  const stored = await getSecret(SIGNING_KEY_ACCOUNT);
  if (stored) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(stored);
    } catch {
      throw new StudioError('internal', `the keychain item "${SIGNING_KEY_ACCOUNT}" does not hold a JWK; delete it to have a new key created`);
    }
    return { ...(await signingKeyFromJwk(jwk, `the keychain item "${SIGNING_KEY_ACCOUNT}"`)), created: false };
  }
  const jwk = await generateSigningJwk();
  await setSecret(SIGNING_KEY_ACCOUNT, JSON.stringify(jwk));
  return { ...(await signingKeyFromJwk(jwk)), created: true };
}
