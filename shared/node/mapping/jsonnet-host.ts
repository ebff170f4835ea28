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
 */
import { Jsonnet } from '@hanazuki/node-jsonnet';
import { addOneDay, convertDate } from '../../common/mapping/dates';
import { toNumeric } from '../../common/mapping/engine';
import { parsePath } from '../../common/mapping/paths';

interface Job {
  program: string;
  ext?: Record<string, string>;
  filename?: string;
}
interface Request {
  id: number;
  jobs: Job[];
}
export type JobResult = { ok: true; json: string } | { ok: false; message: string };

const libDir = process.env.CS_JSONNET_LIB ?? '';

function engine(job: Job): Jsonnet {
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

async function runJob(job: Job): Promise<JobResult> {
  try {
    const json = await engine(job).evaluateSnippet(job.program, job.filename ?? 'mapping.jsonnet');
    return { ok: true, json };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
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
