/**
 * The parent side of the Jsonnet host (jsonnet-host.ts): starts the child on first use, queues
 * requests (one in flight), enforces the time limit (kill + restart), restarts after a crash,
 * and collects std.trace lines for each request.
 *
 * std.trace: libjsonnet writes trace lines to fd 2 from its worker threads. Over a pipe, writes
 * were lost once the pipe pushed back (observed: 100 trace lines in one evaluation arrived
 * partly, then nothing), so the child's stderr is a regular temporary file opened in append
 * mode; after each request the parent reads whatever was appended since the last one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, ftruncateSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEntry } from '../runtime/entries';
import { resourcesDir } from '../runtime/paths';
import type { JobResult } from './jsonnet-host';

export const DEFAULT_TIME_LIMIT_MS = 5000;

export interface HostJob {
  program: string;
  ext?: Record<string, string>;
  filename?: string;
  /**
   * The same program reading its records from `std.native('cs_records')(…)`: the host keeps an
   * evaluation of it started ahead of time, so that the next job with the same text skips the
   * engine's set-up (see jsonnet-host.ts). Only for programs that will be run again.
   */
  park?: string;
}

/**
 * `results[i]` is undefined for a job that had not finished when the host was killed (time
 * limit) or died (crash).
 */
export type HostOutcome =
  | { kind: 'done'; results: JobResult[]; trace: string[]; ms: number }
  | { kind: 'timeout'; limitMs: number; results: (JobResult | undefined)[]; trace: string[] }
  | { kind: 'crashed'; detail: string; results: (JobResult | undefined)[]; trace: string[] };

interface Pending {
  id: number;
  jobs: HostJob[];
  limitMs: number;
  resolve: (o: HostOutcome) => void;
  trace: string[];
  results: (JobResult | undefined)[];
  sawDone: boolean;
  timer?: NodeJS.Timeout;
  started: number;
}

export class JsonnetHost {
  private child: ChildProcess | null = null;
  private ready: Promise<void> | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private closed = false;
  private log: { fd: number; path: string; offset: number } | null = null;
  /** How many times a child was started (tests check restarts). */
  starts = 0;

  private readonly onProcessExit = () => {
    // Synchronous cleanup only: the child must not outlive us and its log file must not stay.
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
    this.closeLog();
  };

  constructor(private readonly libDir: string = join(resourcesDir(), 'jsonnet')) {
    process.once('exit', this.onProcessExit);
  }

  run(jobs: HostJob[], limitMs = DEFAULT_TIME_LIMIT_MS): Promise<HostOutcome> {
    if (this.closed) return Promise.resolve({ kind: 'crashed', detail: 'the Jsonnet host was shut down', results: [], trace: [] });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, jobs, limitMs, resolve, trace: [], results: [], sawDone: false, started: 0 });
      this.pump();
    });
  }

  /** Process ID of the running child, if any (the bench reads its CPU time). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Start the child now (hides its start-up time from the first evaluation). */
  warm(): Promise<void> {
    try {
      return this.ensureChild();
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private ensureChild(): Promise<void> {
    if (this.child && this.ready) return this.ready;
    const entry = resolveEntry('jsonnet-host');
    this.closeLog();
    const logPath = join(tmpdir(), `connector-studio-jsonnet-${process.pid}-${this.starts + 1}.log`);
    const fd = openSync(logPath, 'a+', 0o600);
    ftruncateSync(fd, 0);
    this.log = { fd, path: logPath, offset: 0 };
    const child = fork(entry.file, [], {
      execArgv: entry.execArgv,
      stdio: ['ignore', 'pipe', fd, 'ipc'],
      // parked evaluations (jsonnet-host.ts) each hold a pool thread while they wait for input
      env: { UV_THREADPOOL_SIZE: '8', ...process.env, CS_JSONNET_LIB: this.libDir },
      serialization: 'json',
    });
    this.starts++;
    this.child = child;
    child.stdout?.on('data', () => undefined);
    this.ready = new Promise<void>((resolve) => {
      const onReady = (msg: unknown) => {
        if (msg && typeof msg === 'object' && 'ready' in msg) {
          child.off('message', onReady);
          resolve();
        }
      };
      child.on('message', onReady);
      child.once('exit', () => resolve());
    });
    child.on('message', (msg: unknown) => this.onMessage(child, msg));
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
    child.on('error', () => undefined);
    this.setRef(true);
    return this.ready;
  }

  private setRef(busy: boolean): void {
    const c = this.child;
    if (!c) return;
    const streams = [c.stdout] as unknown as ({ ref?: () => void; unref?: () => void } | null)[];
    const ch = c.channel as unknown as { ref?: () => void; unref?: () => void } | undefined;
    if (busy) {
      c.ref();
      ch?.ref?.();
      for (const s of streams) s?.ref?.();
    } else {
      c.unref();
      ch?.unref?.();
      for (const s of streams) s?.unref?.();
    }
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const p = this.queue.shift()!;
    this.current = p;
    let started: Promise<void>;
    try {
      started = this.ensureChild();
    } catch (err) {
      // e.g. the built entry is missing, or the log file cannot be created
      this.finish(p, { kind: 'crashed', detail: `the Jsonnet host could not start: ${err instanceof Error ? err.message : String(err)}`, results: [], trace: [] });
      return;
    }
    void started.then(() => {
      if (this.current !== p) return;
      const child = this.child;
      if (!child || !child.connected) {
        this.finish(p, { kind: 'crashed', detail: 'the Jsonnet host did not start', results: p.results, trace: p.trace });
        return;
      }
      this.setRef(true);
      p.started = Date.now();
      p.timer = setTimeout(() => this.onTimeout(p), p.limitMs);
      child.send({ id: p.id, jobs: p.jobs });
    });
  }

  /** Lines the child appended to its stderr file since the last read. */
  private readLog(): string[] {
    const l = this.log;
    if (!l) return [];
    const size = fstatSync(l.fd).size;
    if (size <= l.offset) return [];
    const buf = Buffer.alloc(size - l.offset);
    const n = readSync(l.fd, buf, 0, buf.length, l.offset);
    const text = buf.subarray(0, n).toString('utf8');
    const cut = text.lastIndexOf('\n');
    if (cut === -1) return [];
    l.offset += Buffer.byteLength(text.slice(0, cut + 1));
    if (l.offset > 1 << 20 && !this.current) {
      ftruncateSync(l.fd, 0);
      l.offset = 0;
    }
    return text.slice(0, cut).split('\n').filter((x) => x.length > 0);
  }

  private closeLog(): void {
    const l = this.log;
    this.log = null;
    if (!l) return;
    try {
      closeSync(l.fd);
    } catch {
      // already closed
    }
    rmSync(l.path, { force: true });
  }

  private onMessage(child: ChildProcess, msg: unknown): void {
    if (child !== this.child) return;
    const m = msg as { id?: number; job?: number; result?: JobResult; done?: boolean };
    const p = this.current;
    if (!p || m.id !== p.id) return;
    if (typeof m.job === 'number' && m.result) p.results[m.job] = m.result;
    if (m.done) {
      p.sawDone = true;
      this.finish(p, { kind: 'done', results: p.results as JobResult[], trace: p.trace, ms: Date.now() - p.started });
    }
  }

  private finish(p: Pending, outcome: HostOutcome): void {
    if (this.current !== p) return;
    if (p.timer) clearTimeout(p.timer);
    p.trace.push(...this.readLog());
    this.current = null;
    p.resolve(outcome);
    if (this.queue.length > 0) this.pump();
    else this.setRef(false);
  }

  private kill(): void {
    const c = this.child;
    this.child = null;
    this.ready = null;
    if (c && c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }

  private onTimeout(p: Pending): void {
    if (this.current !== p) return;
    this.kill();
    this.finish(p, { kind: 'timeout', limitMs: p.limitMs, results: p.results, trace: p.trace });
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = null;
    this.ready = null;
    const p = this.current;
    if (p) this.finish(p, { kind: 'crashed', detail: signal ? `signal ${signal}` : `exit code ${String(code)}`, results: p.results, trace: p.trace });
  }

  async close(): Promise<void> {
    this.closed = true;
    const closeLog = () => this.closeLog();
    for (const p of this.queue.splice(0)) p.resolve({ kind: 'crashed', detail: 'the Jsonnet host was shut down', results: [], trace: [] });
    if (this.current) this.finish(this.current, { kind: 'crashed', detail: 'the Jsonnet host was shut down', results: this.current.results, trace: [] });
    const c = this.child;
    this.kill();
    if (c && c.exitCode === null && c.signalCode === null) {
      // Keep the loop alive while waiting (the child and its channel may be unref'd when idle).
      c.ref();
      await new Promise<void>((r) => {
        const t = setTimeout(r, 1000);
        c.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    closeLog();
    process.off('exit', this.onProcessExit);
  }
}

let shared: JsonnetHost | null = null;

/** The process-wide host (the app, the CLI and the HTTP bridge each have one). */
export function sharedJsonnetHost(): JsonnetHost {
  shared ??= new JsonnetHost();
  return shared;
}

export async function shutdownSharedJsonnetHost(): Promise<void> {
  const h = shared;
  shared = null;
  await h?.close();
}
