/**
 * The Jsonnet host: a child process that owns the official Jsonnet engine
 * (@hanazuki/node-jsonnet). libjsonnet can abort its whole process on some inputs and a script
 * can loop for ever, so it never runs inside the app's or the CLI's own process; the parent
 * (jsonnet-client.ts) kills and restarts this process on a time limit or a crash.
 *
 * Protocol (process IPC): the parent sends `{ id, jobs: [{ program, ext, filename }] }`; the host
 * evaluates every job concurrently (libuv's pool) and sends `{ id, job, result }` as each one
 * finishes — so when the parent kills the host on a time limit, the jobs that did finish are not
 * lost — then `{ id, done: true }`. std.trace output goes to this process's stderr (fd 2, written
 * by libjsonnet), which the parent makes a regular file and reads after `done`.
 *
 * Parked evaluations (the preview's latency): every evaluate call first builds a VM and its
 * standard library (~65–95 ms of CPU, whatever the program). A job may carry `park`, the same
 * program reading its records from the native callback `cs_records` instead of the ext var. The
 * host then keeps one evaluation of that program started ahead of time: the VM and the standard
 * library are built, and the evaluation waits (on a libuv pool thread) for `cs_records`, which
 * returns a promise. The next job with the same `park` text hands its records to that promise
 * and gets its result a few milliseconds later; a new evaluation is parked right after. At most
 * MAX_PARKED programs are kept (least recently used goes: it is given no records, so it finishes
 * at once). Only the VM set-up is done ahead: the scripts themselves run on the real input, so
 * the results, errors, positions and std.trace lines are the same as a fresh evaluation's.
 */
import { Jsonnet } from '@hanazuki/node-jsonnet';
import { addOneDay, convertDate } from '../../common/mapping/dates';
import { toNumeric } from '../../common/mapping/engine';
import { parsePath } from '../../common/mapping/paths';

interface Job {
  program: string;
  ext?: Record<string, string>;
  filename?: string;
  /** The same program reading `std.native('cs_records')(…)` instead of `std.extVar('records')`. */
  park?: string;
}
interface Request {
  id: number;
  jobs: Job[];
}
/** `parked`: the result came from an evaluation started ahead of time (tests check it). */
export type JobResult = { ok: true; json: string; parked?: true } | { ok: false; message: string; parked?: true };

const libDir = process.env.CS_JSONNET_LIB ?? '';

function engine(job: Pick<Job, 'ext'>): Jsonnet {
  // The package's own typings say maxStack/maxTrace; the 2.1.0 addon has setMaxStack/setMaxTrace.
  const j = new Jsonnet().setMaxStack(500).setMaxTrace(40);
  if (libDir) j.addJpath(libDir);
  for (const [k, v] of Object.entries(job.ext ?? {})) j.extString(k, v);
  j.nativeCallback(
    'cs_date_convert',
    (value, fin, fout, tzin, tzout) => convertDate(value, String(fin), String(fout), tzin ? String(tzin) : 'UTC', tzout ? String(tzout) : 'UTC'),
    'value', 'format_input', 'format_output', 'timezone_in', 'timezone_out',
  );
  j.nativeCallback('cs_date_add', (value, fin) => addOneDay(value, fin ? String(fin) : ''), 'value', 'format_input');
  j.nativeCallback('cs_to_number', (v) => toNumeric(v), 'value');
  j.nativeCallback('cs_path', (p) => parsePath(String(p)), 'path');
  return j;
}

const settle = (p: Promise<string>): Promise<JobResult> =>
  p.then(
    (json): JobResult => ({ ok: true, json }),
    (err: unknown): JobResult => ({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );

interface Parked {
  filename: string;
  /** Hands the records (JSON text) to the waiting evaluation. */
  feed: (records: string) => void;
  result: Promise<JobResult>;
}

const MAX_PARKED = 3;
/** Parked evaluations by program text, least recently used first. */
const parked = new Map<string, Parked>();

function park(program: string, filename: string): void {
  if (parked.has(program)) return;
  let feed!: (records: string) => void;
  const records = new Promise<string>((resolve) => {
    feed = resolve;
  });
  const j = engine({});
  // its argument is only there to make the engine load util.libsonnet before it waits here
  j.nativeCallback('cs_records', () => records, 'ready');
  const result = settle(j.evaluateSnippet(program, filename));
  parked.set(program, { filename, feed, result });
  while (parked.size > MAX_PARKED) {
    const [oldest, p] = parked.entries().next().value as [string, Parked];
    parked.delete(oldest);
    p.feed('[]');
  }
}

async function runJob(job: Job): Promise<JobResult> {
  const filename = job.filename ?? 'mapping.jsonnet';
  if (job.park !== undefined) {
    const p = parked.get(job.park);
    if (p && p.filename === filename) {
      parked.delete(job.park);
      p.feed(job.ext?.records ?? '[]');
      const result = await p.result;
      park(job.park, filename);
      return { ...result, parked: true };
    }
  }
  const result = await settle(engine(job).evaluateSnippet(job.program, filename));
  if (job.park !== undefined) park(job.park, filename);
  return result;
}

process.on('message', (msg: Request) => {
  const all = msg.jobs.map((job, index) =>
    runJob(job).then((result) => {
      process.send?.({ id: msg.id, job: index, result });
    }),
  );
  void Promise.all(all).then(() => {
    process.send?.({ id: msg.id, done: true });
  });
});
process.on('disconnect', () => process.exit(0));
process.send?.({ ready: true });
