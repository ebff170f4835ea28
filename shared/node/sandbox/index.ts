/**
 * The sandbox area's Node API: the demo sandbox, credentials, and calls to a project's sandbox.
 */
import { DEMO_PASSWORD, DEMO_USERNAME, startDemoSandbox, type DemoSandbox } from './demo-server';

export { startDemoSandbox, demoSpecPath, DEMO_USERNAME, DEMO_PASSWORD } from './demo-server';
export type { DemoSandbox, DemoSandboxOptions, DemoFaults } from './demo-server';
export { sendHttp, joinUrl, basicAuthHeader, parseRetryAfter, REDACTED } from './http';
export type { HttpRequest, HttpOptions, HttpResult } from './http';
export { credentialAccount, credentialStatus, resolveCredentials, storeCredential, removeCredential, environmentOf } from './credentials';
export type { EnvTarget } from './credentials';
export { testConnection, refreshFields, sendOperation, extractRecordId, baseUrlOf, RemoteCallFailed } from './service';
export type { SandboxCallOptions, SendInput, SendOutcome, RefreshResult } from './service';

let shared: Promise<DemoSandbox> | null = null;

/**
 * The app's one embedded demo sandbox, started on a free loopback port on first use. The caller
 * registers `stopSharedDemoSandbox` with its close hooks.
 */
export async function ensureDemoSandbox(): Promise<{ url: string; username: string; password: string }> {
  shared ??= startDemoSandbox().catch((err: unknown) => {
    shared = null;
    throw err;
  });
  const s = await shared;
  return { url: s.url, username: DEMO_USERNAME, password: DEMO_PASSWORD };
}

export async function stopSharedDemoSandbox(): Promise<void> {
  const s = shared;
  shared = null;
  if (s) await (await s).close();
}
