/**
 * `export` and `verify` (CLI.md "Bundles").
 */
import type { Command } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../io';
import { StudioError } from '../../shared/common/api/define';
import type { SecretFinding } from '../../shared/common/api/calls-bundle';
import { appVersion, exportBundle } from '../../shared/node/bundle/export';
import { readSigningKeyFile } from '../../shared/node/bundle/signing-key';
import { verifyBundleFile } from '../../shared/node/bundle/verify-file';
import { readProjectFile } from '../../shared/node/project/file';
import { defaultStudioHome } from '../../shared/node/runtime/paths';
import { openWorkspace, type WorkspaceStore } from '../../shared/node/workspace/index';

function openStoreOrWarn(warn: (s: string) => void): WorkspaceStore | null {
  try {
    const store = openWorkspace(defaultStudioHome());
    if (store.notice) warn(store.notice);
    return store;
  } catch (err) {
    warn(`export log unavailable: ${(err as Error).message}`);
    return null;
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export <project> --out <file> [--push <broker-url>] [--key <private-jwk-file>] [--json]',
  summary: 'write the signed bundle (and push it to a broker)',
  options: { out: { type: 'string' }, push: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean' } },
  positionals: 1,
  async run(args, io) {
    const projectArg = args.positionals[0] as string;
    const out = args.values.out as string | undefined;
    const push = args.values.push as string | undefined;
    if (!out) throw new CliError('export: --out <file> is required\nusage: connector-studio export <project> --out <file> [--push <broker-url>] [--key <private-jwk-file>] [--json]');
    const { project, path } = await readProjectFile(projectArg);
    const key = typeof args.values.key === 'string' ? await readSigningKeyFile(args.values.key) : undefined;
    const store = openStoreOrWarn((s) => io.err(s));
    try {
      const result = await exportBundle({
        project,
        projectPath: path,
        out,
        ...(push ? { pushUrl: push } : {}),
        ...(key ? { key } : {}),
        appVersion: appVersion(),
        store,
      });
      const pushed = result.pushed
        ? { status: result.pushed.status, ...(result.pushed.body !== undefined ? { body: result.pushed.body } : {}), ...(result.pushed.error ? { error: result.pushed.error } : {}) }
        : null;
      const pushFailed = pushed !== null && !(pushed.status >= 200 && pushed.status < 300);
      if (args.values.json) {
        io.json({ file: result.file, keyId: result.keyId, sha256: result.sha256, pushed });
      } else {
        io.out(`wrote ${result.file} (key ${result.keyId}, payload sha256 ${result.sha256})`);
        io.out(`${result.summary.endpoints} endpoint(s), ${result.summary.outbound} outbound and ${result.summary.inbound} inbound mapping(s); secret scan clean`);
        if (pushed) {
          io.out(pushed.error ? `push to ${push} failed: ${pushed.error}` : `pushed to ${push}: HTTP ${pushed.status}`);
          if (pushed.body !== undefined && pushed.body !== '') io.out(`broker response: ${typeof pushed.body === 'string' ? pushed.body : JSON.stringify(pushed.body)}`);
        }
      }
      if (pushFailed) {
        io.err(pushed.error ? `export: the bundle was written, but the push failed: ${pushed.error}` : `export: the bundle was written, but the broker answered HTTP ${pushed.status}`);
        return EXIT_FINDINGS;
      }
      return EXIT_OK;
    } catch (err) {
      if (err instanceof StudioError && err.code === 'secret-found') {
        const findings = (err.details ?? []) as SecretFinding[];
        io.err(`${path}: ${err.message}`);
        if (args.values.json) {
          io.json({ file: null, keyId: null, sha256: null, pushed: null, scan: { clean: false, findings } });
        }
        return EXIT_FINDINGS;
      }
      throw err;
    } finally {
      await store?.close();
    }
  },
};

export const verifyCommand: Command = {
  name: 'verify',
  usage: 'verify <bundle> [--key <public-jwk.json>] [--json]',
  summary: 'check a bundle signature offline',
  options: { key: { type: 'string' }, json: { type: 'boolean' } },
  positionals: 1,
  async run(args, io) {
    const file = args.positionals[0] as string;
    const result = await verifyBundleFile(file, typeof args.values.key === 'string' ? args.values.key : undefined);
    if (args.values.json) {
      io.json({ valid: result.valid, keyId: result.keyId, reason: result.reason });
    } else if (result.valid) {
      io.out(`${file}: valid (${result.message})`);
    } else {
      io.out(`${file}: INVALID: ${result.reason}: ${result.message}`);
    }
    if (!result.valid && args.values.json) io.err(`${file}: ${result.reason}: ${result.message}`);
    return result.valid ? EXIT_OK : EXIT_FINDINGS;
  },
};

export const commands: Command[] = [exportCommand, verifyCommand];
