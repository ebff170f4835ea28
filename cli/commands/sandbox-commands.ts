/**
 * CLI.md: `test-connection`, `refresh-fields`, `send`, `credentials`, `sandbox`.
 * Passwords come from the OS keychain, or CONNECTOR_STUDIO_PASSWORD for CI; they are read from
 * stdin by `credentials set --password-stdin` and never printed.
 */
import { readFile } from 'node:fs/promises';
import { extname, basename } from 'node:path';
import type { Command, ParsedArgs } from '../command';
import { CliError, EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import { StudioError } from '../../shared/common/api/define';
import { JsonSyntaxError, parseJsonWithPositions } from '../../shared/common/project/json-positions';
import type { Project } from '../../shared/common/project/model';
import { readProjectFile, writeProjectFile } from '../../shared/node/project/file';
import { credentialAccount, credentialStatus, removeCredential, storeCredential, type EnvTarget } from '../../shared/node/sandbox/credentials';
import { RemoteCallFailed, refreshFields, sendOperation, testConnection, type SandboxCallOptions } from '../../shared/node/sandbox/service';
import { DEMO_PASSWORD, DEMO_USERNAME, startDemoSandbox } from '../../shared/node/sandbox/demo-server';
import { shutdownSharedJsonnetHost } from '../../shared/node/mapping/jsonnet-client';

const PASSWORD_ENV = 'CONNECTOR_STUDIO_PASSWORD';

function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

function envName(args: ParsedArgs): string {
  const env = str(args, 'env') ?? 'sandbox';
  if (!/^[A-Za-z0-9_.-]+$/.test(env)) throw new CliError(`--env: invalid environment name ${JSON.stringify(env)}`);
  return env;
}

function callOptions(args: ParsedArgs, command: string): SandboxCallOptions {
  const opts: SandboxCallOptions = { passwordOverride: process.env[PASSWORD_ENV] || null };
  const t = str(args, 'timeout');
  if (t !== undefined) {
    const s = Number(t);
    if (!Number.isFinite(s) || s <= 0 || s > 600) throw new CliError(`${command}: --timeout must be a number of seconds between 0 and 600`);
    opts.timeoutMs = Math.round(s * 1000);
  }
  return opts;
}

async function loadTarget(args: ParsedArgs): Promise<EnvTarget & { text: string }> {
  const file = args.positionals[0] ?? '';
  const { project, path, text } = await readProjectFile(file);
  return { project, projectPath: path, env: envName(args), text };
}

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${path}: file not found` : `${path}: ${(err as Error).message}`);
  }
  try {
    return parseJsonWithPositions(text.replace(/^\uFEFF/, '')).value;
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new CliError(`${path}:${err.position.line}:${err.position.column}: ${err.message}`);
    throw err;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain', '.json': 'application/json', '.pdf': 'application/pdf', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.csv': 'text/csv', '.xml': 'application/xml',
  '.zip': 'application/zip', '.html': 'text/html', '.webp': 'image/webp',
};

function remoteFailure(io: CliIO, json: boolean, err: RemoteCallFailed, extra: Record<string, unknown> = {}): number {
  if (json) {
    io.json({ ...extra, error: { code: err.code, category: err.outcome.category, status: err.outcome.status, message: err.message } });
  }
  io.err(`${err.outcome.category}${err.outcome.status ? ` (${err.outcome.status})` : ''}: ${err.message}`);
  return EXIT_FINDINGS;
}

const commonOptions = {
  env: { type: 'string' as const },
  json: { type: 'boolean' as const },
  timeout: { type: 'string' as const },
};

export const testConnectionCommand: Command = {
  name: 'test-connection',
  usage: 'test-connection <project> [--env sandbox] [--timeout SECONDS] [--json]',
  summary: 'call the metadata endpoint and classify the outcome (ok, auth, not-found, timeout, tls, network, bad-response)',
  options: commonOptions,
  positionals: 1,
  async run(args, io) {
    const opts = callOptions(args, 'test-connection');
    const t = await loadTarget(args);
    const r = await testConnection(t, opts);
    if (args.values.json) io.json({ ok: r.ok, status: r.status, category: r.category, message: r.message });
    else io.out(`${r.category}${r.status !== null ? ` (${r.status})` : ''}: ${r.message}`);
    return r.ok ? EXIT_OK : EXIT_FINDINGS;
  },
};

export const refreshFieldsCommand: Command = {
  name: 'refresh-fields',
  usage: 'refresh-fields <project> [--env sandbox] [--timeout SECONDS] [--save] [--json]',
  summary: 'read the target fields from the metadata endpoint (or the create request schema); --save stores them in the project',
  options: { ...commonOptions, save: { type: 'boolean' } },
  positionals: 1,
  async run(args, io) {
    const opts = callOptions(args, 'refresh-fields');
    const t = await loadTarget(args);
    let r;
    try {
      r = await refreshFields(t, opts);
    } catch (err) {
      if (err instanceof RemoteCallFailed) return remoteFailure(io, args.values.json === true, err);
      throw err;
    }
    if (args.values.save && t.projectPath) {
      const project: Project = { ...t.project, fields: { refreshedAt: new Date().toISOString(), source: r.source, fields: r.fields } };
      await writeProjectFile(t.projectPath, project);
    }
    if (args.values.json) {
      io.json({ source: r.source, fields: r.fields, comparison: r.comparison });
    } else {
      io.out(`${r.fields.length} field(s) from ${r.source === 'metadata' ? 'the metadata endpoint' : 'the create request schema'}${r.shape ? ` (${r.shape})` : ''}:`);
      for (const f of r.fields) io.out(`  ${f.path}  ${f.type}${f.format ? ` (${f.format})` : ''}${f.required ? '  required' : ''}${f.enum ? `  [${f.enum.map((e) => String(e)).join(', ')}]` : ''}`);
      const counts = new Map<string, number>();
      for (const c of r.comparison) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
      io.err(`compared with the spec: ${['both', 'spec-only', 'live-only', 'type-differs'].map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ')}`);
      for (const c of r.comparison.filter((x) => x.status === 'type-differs')) io.err(`  type differs: ${c.path} (spec ${c.specType}, live ${c.liveType})`);
    }
    return EXIT_OK;
  },
};

export const sendCommand: Command = {
  name: 'send',
  usage: 'send <project> --operation create|fetch|update|attachment [--input record.json] [--id ID] [--file path] [--env sandbox] [--timeout SECONDS] [--json]',
  summary: 'send one request to the environment and show the request (redacted), the response and the record ID',
  options: { ...commonOptions, operation: { type: 'string' }, input: { type: 'string' }, id: { type: 'string' }, file: { type: 'string' } },
  positionals: 1,
  async run(args, io) {
    const operation = str(args, 'operation');
    if (operation !== 'create' && operation !== 'fetch' && operation !== 'update' && operation !== 'attachment') {
      throw new CliError(`send: --operation must be create, fetch, update or attachment${operation ? ` (got ${JSON.stringify(operation)})` : ''}`);
    }
    const opts = callOptions(args, 'send');
    const t = await loadTarget(args);
    const inputPath = str(args, 'input');
    const input = inputPath !== undefined ? await readJsonFile(inputPath) : undefined;
    const filePath = str(args, 'file');
    let file: { name: string; contentType: string; data: Uint8Array } | undefined;
    if (filePath !== undefined) {
      try {
        file = { name: basename(filePath), contentType: CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream', data: new Uint8Array(await readFile(filePath)) };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(code === 'ENOENT' ? `${filePath}: file not found` : `${filePath}: ${(err as Error).message}`);
      }
    }
    const id = str(args, 'id');
    let r;
    try {
      r = await sendOperation(t, { operation, ...(input !== undefined ? { input } : {}), ...(id !== undefined ? { id } : {}), ...(file ? { file } : {}) }, opts);
    } catch (err) {
      if (err instanceof RemoteCallFailed) {
        return remoteFailure(io, args.values.json === true, err, { request: err.exchange.request, response: null, recordId: null, durationMs: err.exchange.durationMs });
      }
      throw err;
    }
    if (args.values.json) {
      io.json({ request: r.request, response: r.response, recordId: r.recordId, durationMs: r.durationMs });
    } else {
      io.out(`${r.request.method} ${r.request.url}`);
      io.out(`→ ${r.response.status} in ${r.durationMs} ms${r.exchange.attempts > 1 ? ` (${r.exchange.attempts} attempts)` : ''}`);
      io.out(typeof r.response.body === 'string' ? r.response.body : JSON.stringify(r.response.body, null, 2));
      if (r.recordId !== null) io.out(`record ID: ${r.recordId}`);
    }
    if (!r.ok) io.err(`send: the server answered ${r.response.status}`);
    return r.ok ? EXIT_OK : EXIT_FINDINGS;
  },
};

function stripNewline(s: string): string {
  return s.replace(/\r?\n$/, '');
}

export const credentialsCommand: Command = {
  name: 'credentials',
  usage: 'credentials set|status|delete <project> [--env sandbox] [--user U] [--password-stdin] [--json]',
  summary:
    'manage an environment\'s password in the OS keychain: `set` reads it from stdin (--password-stdin) or CONNECTOR_STUDIO_PASSWORD, --user also updates the username; `status` says whether one is stored; `delete` removes it',
  options: { env: { type: 'string' }, user: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
  positionals: 2,
  async run(args, io) {
    const sub = args.positionals[0];
    if (sub !== 'set' && sub !== 'status' && sub !== 'delete') {
      throw new CliError(`credentials: unknown sub-command ${JSON.stringify(sub)} (use set, status or delete)\nusage: connector-studio ${credentialsCommand.usage}`);
    }
    const file = args.positionals[1] ?? '';
    const { project, path } = await readProjectFile(file);
    let t: EnvTarget = { project, projectPath: path, env: envName(args) };
    const json = args.values.json === true;

    if (sub === 'status') {
      const s = await credentialStatus(t);
      if (json) io.json(s);
      else {
        io.out(`${s.env}: user ${JSON.stringify(s.username)}, password ${s.stored ? `stored (${s.where})` : 'not stored'}`);
        if (!s.keychain.available) io.err(`keychain: ${s.keychain.message}`);
      }
      return EXIT_OK;
    }
    if (sub === 'delete') {
      const { deleted, ...s } = await removeCredential(t);
      if (json) io.json({ ...s, deleted });
      else io.out(deleted ? `${s.env}: password deleted from the keychain` : `${s.env}: no password was stored`);
      return EXIT_OK;
    }

    // set
    let password: string;
    if (args.values['password-stdin']) password = stripNewline(await io.stdin());
    else if (process.env[PASSWORD_ENV]) password = process.env[PASSWORD_ENV];
    else throw new CliError('credentials set: give the password on stdin with --password-stdin (or in CONNECTOR_STUDIO_PASSWORD); it is never accepted as an argument');
    if (password === '') throw new CliError('credentials set: the password is empty');
    const env = t.project.environments[t.env];
    if (!env) throw new StudioError('bad-input', `the project has no environment ${JSON.stringify(t.env)}; add it under "environments" with a baseUrl and username`, { file });
    const user = str(args, 'user');
    const account = credentialAccount(t);
    const nextEnv = { ...env, ...(user !== undefined ? { username: user } : {}), credentialRef: account };
    const changed = nextEnv.username !== env.username || env.credentialRef !== account;
    t = { ...t, project: { ...t.project, environments: { ...t.project.environments, [t.env]: nextEnv } } };
    const s = await storeCredential(t, password, false);
    if (changed) await writeProjectFile(path, t.project);
    if (json) io.json(s);
    else io.out(`${s.env}: password stored in the OS keychain for user ${JSON.stringify(s.username)}${changed ? ' (project file updated with the username and keychain reference)' : ''}`);
    return EXIT_OK;
  },
};

export const sandboxCommand: Command = {
  name: 'sandbox',
  usage: 'sandbox [--port N] [--user U --password P]',
  summary: 'run the demo field-service sandbox API on 127.0.0.1 until interrupted (default user demo, demo-only password demo-sandbox-pass)',
  options: { port: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' } },
  positionals: 0,
  async run(args, io) {
    const portText = str(args, 'port');
    const port = portText === undefined ? 0 : Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError('sandbox: --port must be an integer 0..65535');
    const user = str(args, 'user');
    const password = str(args, 'password');
    if (password === '') throw new CliError('sandbox: --password must not be empty');
    let server;
    try {
      server = await startDemoSandbox({ port, log: (line) => io.err(line), ...(user !== undefined ? { username: user } : {}), ...(password !== undefined ? { password } : {}) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new CliError(`sandbox: port ${port} is already in use`);
      if (code === 'EACCES') throw new CliError(`sandbox: not allowed to listen on port ${port}`);
      throw err;
    }
    io.out(server.url);
    io.err(
      `Demo sandbox (in-memory field-service jobs API) at ${server.url}\n` +
        `  user: ${user ?? DEMO_USERNAME}  password: ${password !== undefined ? '(as given)' : `${DEMO_PASSWORD} (demo-only)`}\n` +
        `  metadata: GET ${server.url}/jobs/metadata\nPress Ctrl+C to stop.`,
    );
    await new Promise<void>((resolveStop) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolveStop();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return EXIT_OK;
  },
};

/** The metadata adapter and mapped bodies start the Jsonnet child process: stop it when done. */
function stoppingJsonnet(c: Command): Command {
  return {
    ...c,
    async run(args, io) {
      try {
        return await c.run(args, io);
      } finally {
        await shutdownSharedJsonnetHost();
      }
    },
  };
}

export const commands: Command[] = [testConnectionCommand, stoppingJsonnet(refreshFieldsCommand), stoppingJsonnet(sendCommand), credentialsCommand, sandboxCommand];
