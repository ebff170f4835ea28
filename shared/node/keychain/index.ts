/**
 * Secrets in the OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on
 * Linux) through @napi-rs/keyring, service `connector-studio`.
 *
 * Fail closed: when no keychain is reachable every call throws KeychainUnavailable with a
 * message that says what is wrong and how to fix it. The only alternative is the session-only
 * memory store below, which the caller uses when the user explicitly asks for it. Nothing here
 * ever writes a secret to a file, and no error message carries one (docs/adr/0002).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { AsyncEntry } from '@napi-rs/keyring';
import { StudioError } from '../../common/api/define';

export const KEYCHAIN_SERVICE = 'connector-studio';

/** Every keychain call gives up after this long (a hung D-Bus must not hang the app). */
const KEYCHAIN_TIMEOUT_MS = 5000;

export class KeychainUnavailable extends StudioError {
  constructor(message: string) {
    super('keychain-unavailable', message);
    this.name = 'KeychainUnavailable';
  }
}

export interface KeychainStatus {
  available: boolean;
  message: string | null;
}

const SESSION_HINT = 'or choose "keep in memory for this session only" (the password is then forgotten when the app or command exits)';

/** Turns a backend error into one plain sentence: what is wrong, and how to fix it. */
export function explainKeychainError(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const name = err instanceof Error ? err.name : '';
  if (name === 'AbortError' || name === 'TimeoutError' || /abort|timed? ?out/i.test(raw)) {
    return `The OS keychain did not answer within ${KEYCHAIN_TIMEOUT_MS / 1000} s. Check that the keyring service is running and not waiting on an unlock prompt, ${SESSION_HINT}.`;
  }
  if (process.platform === 'linux') {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      return `No Secret Service is reachable: there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set). Run inside a desktop session with a keyring (for example gnome-keyring: install it and log in, or start one with \`dbus-run-session\` and \`gnome-keyring-daemon --unlock\`), ${SESSION_HINT}.`;
    }
    if (/no result found/i.test(raw)) {
      return `The Secret Service has no unlocked default keyring (Secret Service: no result found): the login keyring is locked or was never created. Unlock or create it (log in to the desktop session, or run \`gnome-keyring-daemon --unlock\` and type a keyring password), ${SESSION_HINT}.`;
    }
    if (/locked|unlock|prompt/i.test(raw)) {
      return `The keyring is locked (Secret Service: ${raw.replace(/^.*Secret Service:\s*/i, '')}). Unlock it (log in to the desktop session, or run \`gnome-keyring-daemon --unlock\` and type the keyring password), ${SESSION_HINT}.`;
    }
    if (/AccessDenied|not provided by any|ServiceUnknown|org\.freedesktop\.secrets|platform storage|DBus error|Failed to connect|autolaunch|NoReply|Platform failure/i.test(raw)) {
      return `No Secret Service is running on the D-Bus session bus (${raw}). Install and start a keyring such as gnome-keyring or KeePassXC with Secret Service integration, and unlock it, ${SESSION_HINT}.`;
    }
  }
  if (process.platform === 'darwin') {
    return `The macOS Keychain refused the request (${raw}). Unlock the login keychain in Keychain Access, ${SESSION_HINT}.`;
  }
  if (process.platform === 'win32') {
    return `The Windows Credential Manager refused the request (${raw}). Check that the Credential Manager service is running, ${SESSION_HINT}.`;
  }
  return `The OS keychain is not usable (${raw}), ${SESSION_HINT}.`;
}

/**
 * On Linux the binding would silently fall back to the kernel keyutils keyring when no Secret
 * Service answers; that keyring forgets everything at logout or reboot, so a password "saved"
 * there would vanish without a word. Pin the Secret Service: no Secret Service means
 * KeychainUnavailable, and the user chooses session-only memory knowingly.
 */
function newEntry(account: string): AsyncEntry {
  if (!account) throw new StudioError('bad-input', 'a keychain account name is required');
  return process.platform === 'linux'
    ? new AsyncEntry(KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } })
    : new AsyncEntry(KEYCHAIN_SERVICE, account);
}

async function guarded<T>(account: string, op: (e: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    // The constructor itself throws when the pinned store is unreachable.
    return await op(newEntry(account), AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw new KeychainUnavailable(explainKeychainError(err));
  }
}

/** The stored secret, or null when there is none. Throws KeychainUnavailable when the keychain cannot be used. */
export async function getSecret(account: string): Promise<string | null> {
  return guarded(account, (e, signal) => e.getPassword(signal));
}

export async function setSecret(account: string, secret: string): Promise<void> {
  if (!secret) throw new StudioError('bad-input', 'refusing to store an empty secret');
  await guarded(account, (e, signal) => e.setPassword(secret, signal));
}

/** True when a secret was deleted, false when there was none. */
export async function deleteSecret(account: string): Promise<boolean> {
  return guarded(account, (e, signal) => e.deletePassword(signal));
}

/**
 * Probes the keychain with a real write, read and delete of a throwaway item, because a locked
 * keyring can answer reads and still refuse writes.
 */
export async function keychainStatus(): Promise<KeychainStatus> {
  const account = `probe:${process.pid}:${Date.now().toString(36)}`;
  const value = `probe-${Math.random().toString(36).slice(2)}`;
  try {
    const e = newEntry(account);
    await e.setPassword(value, AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
    const back = await e.getPassword(AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
    await e.deletePassword(AbortSignal.timeout(KEYCHAIN_TIMEOUT_MS));
    if (back !== value) {
      return { available: false, message: 'The OS keychain accepted a test item but did not return it. Check the keyring configuration, ' + SESSION_HINT + '.' };
    }
    return { available: true, message: null };
  } catch (err) {
    return { available: false, message: explainKeychainError(err) };
  }
}

// ---------------------------------------------------------------------------------------------
// Session-only memory: used only when the user asks for it; gone when the process exits.

const sessionStore = new Map<string, string>();

export const sessionSecrets = {
  get(account: string): string | null {
    return sessionStore.get(account) ?? null;
  },
  set(account: string, secret: string): void {
    if (!secret) throw new StudioError('bad-input', 'refusing to keep an empty secret');
    sessionStore.set(account, secret);
  },
  delete(account: string): boolean {
    return sessionStore.delete(account);
  },
  has(account: string): boolean {
    return sessionStore.has(account);
  },
  clear(): void {
    sessionStore.clear();
  },
};

// ---------------------------------------------------------------------------------------------
// Account names. Environment passwords: `project:<projectId or path-hash>:<env>`. The bundle
// signing key uses `signing-key` accounts through the same functions.

/** A stable key for a project: its `id` when set, else a hash of the project file's absolute path. */
export function projectKey(project: { id?: unknown }, projectPath: string | null): string {
  if (typeof project.id === 'string' && project.id.trim() !== '') return project.id.trim();
  if (projectPath) return `path-${createHash('sha256').update(resolve(projectPath)).digest('hex').slice(0, 16)}`;
  throw new StudioError('bad-input', 'the project has neither an id nor a file path, so its credentials cannot be named');
}

export function environmentAccount(key: string, env: string): string {
  if (!env) throw new StudioError('bad-input', 'an environment name is required');
  return `project:${key}:${env}`;
}
