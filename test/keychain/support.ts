import { keychainStatus, type KeychainStatus } from '../../shared/node/keychain/index';

/**
 * Whether the keychain tests run. Where no keychain is reachable they are skipped, except when
 * STUDIO_REQUIRE_KEYCHAIN=1 (CI): then they run and fail, with the keychain's own explanation.
 */
export async function keychainGate(): Promise<{ status: KeychainStatus; skip: boolean; required: boolean }> {
  const status = await keychainStatus();
  const required = process.env.STUDIO_REQUIRE_KEYCHAIN === '1';
  return { status, skip: !status.available && !required, required };
}

export function uniqueSecret(label: string): string {
  return `${label}-${process.pid}-${Math.random().toString(36).slice(2, 10)}-Zq9`;
}
