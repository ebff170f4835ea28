/**
 * Run as a child process with no usable Secret Service (see keychain.test.ts): reports, as one
 * JSON document, how every keychain-facing path behaves when the keychain cannot be reached.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialsCommand } from '../../cli/commands/sandbox-commands';
import { reportError } from '../../cli/io';
import { StudioError } from '../../shared/common/api/define';
import { keychainStatus, getSecret, setSecret, deleteSecret } from '../../shared/node/keychain/index';
import { credentialStatus, resolveCredentials, storeCredential } from '../../shared/node/sandbox/credentials';
import { captureIO, demoProject } from '../sandbox/helpers';

const secret = process.argv[2] ?? 'probe-secret';
const out: Record<string, unknown> = {};

async function attempt(name: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    out[name] = { ok: true, value: await fn() };
  } catch (err) {
    out[name] = { ok: false, code: err instanceof StudioError ? err.code : null, message: err instanceof Error ? err.message : String(err) };
  }
}

const dir = mkdtempSync(join(tmpdir(), 'cs-nokeychain-'));
try {
  const projectPath = join(dir, 'p.connector.json');
  const project = demoProject('http://127.0.0.1:9');
  writeFileSync(projectPath, JSON.stringify(project, null, 2));
  const t = { project, projectPath, env: 'sandbox' };

  out.statusFirst = await keychainStatus();
  await attempt('setSecret', () => setSecret('test:probe', secret));
  await attempt('getSecret', () => getSecret('test:probe'));
  await attempt('deleteSecret', () => deleteSecret('test:probe'));
  await attempt('store', () => storeCredential(t, secret, false));
  await attempt('resolveBeforeSession', () => resolveCredentials(t));
  await attempt('storeSession', () => storeCredential(t, secret, true));
  await attempt('resolveAfterSession', async () => (await resolveCredentials(t)).where);
  await attempt('statusAfterSession', () => credentialStatus(t));

  const io = captureIO(`${secret}\n`);
  // The command itself (not the whole CLI, whose other commands are slow to load in a child).
  let code: number;
  try {
    code = await credentialsCommand.run({ positionals: ['set', projectPath], values: { env: 'sandbox', 'password-stdin': true } }, io);
  } catch (err) {
    code = reportError(err, io);
  }
  out.cliSet = { code, stdout: io.stdout, stderr: io.stderr };
  out.projectFileAfter = readFileSync(projectPath, 'utf8');

  if (process.argv[3] === 'unset-bus') {
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    out.statusNoBus = await keychainStatus();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(out)}\n`);
