/**
 * Environment credentials: the username lives in the project, the password in the OS keychain
 * (or, when the user asks, in this process's memory only). Lookup order for a call: the
 * CONNECTOR_STUDIO_PASSWORD override (CLI/CI, passed in explicitly), session memory, keychain.
 */
import type { CredentialStatus } from '../../common/api/calls-sandbox';
import { StudioError } from '../../common/api/define';
import type { Environment, Project } from '../../common/project/model';
import {
  KeychainUnavailable,
  deleteSecret,
  environmentAccount,
  getSecret,
  keychainStatus,
  projectKey,
  sessionSecrets,
  setSecret,
} from '../keychain/index';

export interface EnvTarget {
  project: Project;
  projectPath: string | null;
  env: string;
}

export function environmentOf(t: EnvTarget): Environment {
  const envs = t.project.environments ?? {};
  const env = envs[t.env];
  if (!env) {
    const known = Object.keys(envs);
    throw new StudioError(
      'bad-input',
      `the project has no environment ${JSON.stringify(t.env)}${known.length ? ` (it has: ${known.join(', ')})` : ''}; add it under "environments" with a baseUrl and username`,
    );
  }
  return env;
}

/** The keychain account of an environment: its credentialRef, else `project:<key>:<env>`. */
export function credentialAccount(t: EnvTarget): string {
  const env = t.project.environments?.[t.env];
  if (env?.credentialRef && env.credentialRef.trim() !== '') return env.credentialRef.trim();
  return environmentAccount(projectKey(t.project, t.projectPath), t.env);
}

export interface ResolvedCredentials {
  username: string;
  password: string;
  where: 'override' | 'session' | 'keychain';
}

/**
 * The password for a call. `override` is CONNECTOR_STUDIO_PASSWORD (the CLI passes it; the app
 * never does). Throws 'auth' when none is stored, KeychainUnavailable when the keychain cannot
 * be asked and nothing is in session memory.
 */
export async function resolveCredentials(t: EnvTarget, override?: string | null): Promise<ResolvedCredentials> {
  const env = environmentOf(t);
  const username = env.username ?? '';
  if (username.includes(':')) {
    throw new StudioError('bad-input', `the username of environment "${t.env}" contains ":", which Basic authentication cannot carry (RFC 7617); check environments.${t.env}.username`);
  }
  if (override) return { username, password: override, where: 'override' };
  const account = credentialAccount(t);
  const session = sessionSecrets.get(account);
  if (session !== null) return { username, password: session, where: 'session' };
  let stored: string | null;
  try {
    stored = await getSecret(account);
  } catch (err) {
    if (err instanceof KeychainUnavailable) {
      throw new KeychainUnavailable(`No password for environment "${t.env}" can be read: ${err.message} For CI, set CONNECTOR_STUDIO_PASSWORD.`);
    }
    throw err;
  }
  if (stored === null) {
    // A locked keyring can answer "nothing stored" to a read: say that it is locked instead.
    const status = await keychainStatus();
    if (!status.available) {
      throw new KeychainUnavailable(`No password for environment "${t.env}" can be read: ${status.message ?? 'the OS keychain is not available.'} For CI, set CONNECTOR_STUDIO_PASSWORD.`);
    }
    throw new StudioError(
      'auth',
      `no password is stored for environment "${t.env}"; set one with \`connector-studio credentials set <project> --env ${t.env} --password-stdin\` (or in the app), or set CONNECTOR_STUDIO_PASSWORD`,
    );
  }
  return { username, password: stored, where: 'keychain' };
}

export async function credentialStatus(t: EnvTarget): Promise<CredentialStatus> {
  const env = environmentOf(t);
  const account = credentialAccount(t);
  const keychain = await keychainStatus();
  if (sessionSecrets.has(account)) return { env: t.env, username: env.username ?? '', stored: true, where: 'session', keychain };
  let stored = false;
  if (keychain.available) {
    try {
      stored = (await getSecret(account)) !== null;
    } catch {
      stored = false;
    }
  }
  return { env: t.env, username: env.username ?? '', stored, where: stored ? 'keychain' : null, keychain };
}

/**
 * Stores the password. Fail closed: when the keychain is unavailable and the user did not ask
 * for session memory, this throws KeychainUnavailable and stores nothing anywhere.
 */
export async function storeCredential(t: EnvTarget, password: string, sessionOnly = false): Promise<CredentialStatus> {
  environmentOf(t);
  if (!password) throw new StudioError('bad-input', 'the password is empty');
  const account = credentialAccount(t);
  if (sessionOnly) {
    sessionSecrets.set(account, password);
  } else {
    await setSecret(account, password);
    // A keychain copy replaces an older session-only one.
    sessionSecrets.delete(account);
  }
  return credentialStatus(t);
}

/** Deletes the password from session memory and the keychain (when reachable). */
export async function removeCredential(t: EnvTarget): Promise<CredentialStatus & { deleted: boolean }> {
  environmentOf(t);
  const account = credentialAccount(t);
  let deleted = sessionSecrets.delete(account);
  const keychain = await keychainStatus();
  if (keychain.available) deleted = (await deleteSecret(account)) || deleted;
  else if (!deleted) throw new KeychainUnavailable(keychain.message ?? 'the OS keychain is not available');
  return { ...(await credentialStatus(t)), deleted };
}
