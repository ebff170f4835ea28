/**
 * Exporting a project as a signed bundle: resolve, scan for secrets, sign, write atomically
 * and/or push, and log the export. Nothing is written when the scan finds anything.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExportResult } from '../../common/api/calls-bundle';
import { StudioError } from '../../common/api/define';
import { buildBundlePayload, type BundleFile } from '../../common/bundle/format';
import { scanForSecrets, type KnownSecret } from '../../common/bundle/secret-scan';
import type { Project } from '../../common/project/model';
import type { OperationSummary } from '../../common/spec/model';
import { environmentAccount, getSecret, projectKey, sessionSecrets } from '../keychain/index';
import { resolveSpecPath, writeTextAtomic } from '../project/file';
import { resourcesDir } from '../runtime/paths';
import { loadSpecFile } from '../spec/index';
import type { WorkspaceStore } from '../workspace/index';
import { pushBundle } from './push';
import { bundleText, payloadSha256, signPayload } from './sign';
import { keychainSigningKey, type SigningKey } from './signing-key';

export const AUTHOR_SETTING = 'author';

import { appVersion } from '../runtime/static-files';

export { appVersion };

export interface ExportOptions {
  project: Project;
  projectPath: string;
  out?: string;
  pushUrl?: string;
  /** A key from `--key`; default: the keychain's signing key (created on first export). */
  key?: SigningKey;
  appVersion: string;
  store: WorkspaceStore | null;
  now?: Date;
}

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** util.libsonnet's version: the sha256 of the file the Jsonnet engine imports. */
export async function utilLibsonnetSha256(): Promise<string> {
  const file = join(resourcesDir(), 'jsonnet', 'util.libsonnet');
  try {
    return sha256Hex(await readFile(file));
  } catch {
    throw new StudioError('not-found', `cannot read ${file}; the installation is incomplete`);
  }
}

/** Author: the `author` setting in the workspace, else CONNECTOR_STUDIO_AUTHOR, else the OS user name. */
export async function bundleAuthorWithSource(store: WorkspaceStore | null): Promise<{ author: string; authorSource: 'settings' | 'environment' | 'os' }> {
  const fromSettings = store ? await store.getSetting(AUTHOR_SETTING) : null;
  if (fromSettings) return { author: fromSettings, authorSource: 'settings' };
  if (process.env.CONNECTOR_STUDIO_AUTHOR) return { author: process.env.CONNECTOR_STUDIO_AUTHOR, authorSource: 'environment' };
  try {
    return { author: userInfo().username, authorSource: 'os' };
  } catch {
    return { author: 'unknown', authorSource: 'os' };
  }
}

export async function bundleAuthor(store: WorkspaceStore | null): Promise<string> {
  return (await bundleAuthorWithSource(store)).author;
}

function base64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/**
 * Every secret value the bundle must not contain: each environment's stored password (keychain
 * or session memory) and CONNECTOR_STUDIO_PASSWORD, plus their Basic-auth encodings. A keychain
 * that cannot be reached leaves its passwords out; the pattern scan still runs.
 */
export async function knownSecrets(project: Project, projectPath: string): Promise<KnownSecret[]> {
  const out: KnownSecret[] = [];
  const add = (value: string, username: string, label: string): void => {
    out.push({ value, label });
    out.push({ value: base64(`${username}:${value}`), label: `${label} (Basic-encoded)` });
  };
  const key = projectKey(project, projectPath);
  for (const [name, env] of Object.entries(project.environments)) {
    const account = env.credentialRef ?? environmentAccount(key, name);
    const label = `the stored password of environment "${name}"`;
    const session = sessionSecrets.get(account);
    if (session) add(session, env.username, label);
    try {
      const stored = await getSecret(account);
      if (stored) add(stored, env.username, label);
    } catch {
      // No keychain: nothing stored there to look for. The pattern scan still runs.
    }
    if (process.env.CONNECTOR_STUDIO_PASSWORD) add(process.env.CONNECTOR_STUDIO_PASSWORD, env.username, 'the password in CONNECTOR_STUDIO_PASSWORD');
  }
  return out;
}

/** The payload for a project (spec resolved, parameters looked up, references named). */
export async function resolveBundlePayload(opts: ExportOptions): Promise<BundleFile['payload']> {
  const { project, projectPath } = opts;
  const specPath = resolveSpecPath(projectPath, project);
  const spec = await loadSpecFile(specPath);
  const operations: OperationSummary[] = spec.model.operations.map((o) => ({
    method: o.method,
    path: o.path,
    operationId: o.operationId,
    summary: o.summary,
    tags: o.tags,
    parameters: o.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, type: p.type, format: p.format, description: p.description })),
  }));
  const key = projectKey(project, projectPath);
  const credentialRefs = Object.fromEntries(
    Object.entries(project.environments).map(([name, env]) => [name, env.credentialRef ?? environmentAccount(key, name)]),
  );
  return buildBundlePayload({
    project,
    specSha256: spec.sha256,
    operations,
    utilLibsonnetSha256: await utilLibsonnetSha256(),
    appVersion: opts.appVersion,
    author: await bundleAuthor(opts.store),
    createdAt: (opts.now ?? new Date()).toISOString(),
    credentialRefs,
  });
}

async function log(opts: ExportOptions, entry: Parameters<WorkspaceStore['logExport']>[0]): Promise<void> {
  await opts.store?.logExport(entry);
}

/** The whole export. Throws StudioError('secret-found') with every finding when the scan is not clean. */
export async function exportBundle(opts: ExportOptions): Promise<ExportResult> {
  if (!opts.projectPath) throw new StudioError('bad-input', 'save the project to a file before exporting (its spec path is relative to it)');
  const projectPath = resolve(opts.projectPath);
  const payload = await resolveBundlePayload({ ...opts, projectPath });
  const findings = scanForSecrets(payload, await knownSecrets(opts.project, projectPath));
  const base = { projectPath, file: opts.out ? resolve(opts.out) : null, pushUrl: opts.pushUrl ?? null, pushStatus: null };
  if (findings.length > 0) {
    const where = findings.map((f) => `${f.path} (${f.reason})`).join('; ');
    await log(opts, { ...base, outcome: 'refused', keyId: null, sha256: null, message: `secret scan: ${where}` });
    throw new StudioError('secret-found', `refusing to export: the bundle would contain a secret at ${where}`, { details: findings });
  }
  const key = opts.key ?? (await keychainSigningKey());
  const bundle = await signPayload(payload, key);
  const text = bundleText(bundle);
  const sha256 = payloadSha256(payload);
  try {
    if (opts.out) await writeTextAtomic(resolve(opts.out), text);
    const pushed = opts.pushUrl ? await pushBundle(opts.pushUrl, text) : null;
    const pushOk = !pushed || (pushed.status >= 200 && pushed.status < 300);
    await log(opts, {
      ...base,
      outcome: pushOk ? 'ok' : 'failed',
      pushStatus: pushed?.status ?? null,
      keyId: key.keyId,
      sha256,
      message: pushed ? (pushed.error ?? `broker answered ${pushed.status} after ${pushed.attempts} attempt(s)`) : null,
    });
    return {
      file: base.file,
      keyId: key.keyId,
      sha256,
      pushed: pushed ? { status: pushed.status, ...(pushed.body !== undefined ? { body: pushed.body } : {}), ...(pushed.error ? { error: pushed.error } : {}) } : null,
      scan: { clean: true, findings: [] },
      summary: {
        endpoints: Object.keys(payload.endpoints).length,
        outbound: payload.mappings.outbound.mappings.length,
        inbound: payload.mappings.inbound.mappings.length,
        createdAt: payload.createdAt,
      },
    };
  } catch (err) {
    await log(opts, { ...base, outcome: 'failed', keyId: key.keyId, sha256, message: (err as Error).message });
    throw err;
  }
}
