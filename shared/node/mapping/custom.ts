/**
 * Custom (Jsonnet) actions, evaluated the fast way: every custom script of a mapping set is
 * compiled into ONE Jsonnet program, and records go through it in batches (fed as JSON text,
 * parsed with std.parseJson) — one engine call per batch instead of one per script per record
 * (the engine costs ~65–95 ms per call whatever the snippet; TOOLCHAIN.md).
 *
 * Failure isolation (docs/mapping-semantics.md §custom): Jsonnet has no try/catch, so one failing
 * script fails the whole combined evaluation. The error's position tells which script failed;
 * that script is taken out and the rest re-evaluated, so every other field is still produced.
 * A runtime error in a batch of many records is narrowed down by halving the batch. A time-out
 * or a crash, which carries no position, is narrowed down by evaluating each script on its own
 * (concurrently, in one host request: the scripts that finish keep their results).
 */
import type { CustomOutcome } from '../../common/mapping/engine';
import { forbiddenImport, inputPathsOfAll, projectRecord } from '../../common/mapping/input-paths';
import type { Mapping } from '../../common/project/model';
import { DEFAULT_TIME_LIMIT_MS, type HostOutcome, type JsonnetHost } from './jsonnet-client';
import type { JobResult } from './jsonnet-host';

export interface ScriptRef {
  /** Index of the mapping in its list. */
  index: number;
  target: string;
  script: string;
}

interface Span {
  index: number;
  /** The script's field in the per-record object: `s<k>`, k its position in the program. */
  field: string;
  /** 1-based line of the script's first line in the program. */
  start: number;
  lines: number;
  lastLineLength: number;
}

export interface Layout {
  filename: string;
  text: string;
  /** The same program taking its records from the native callback (a parked evaluation). */
  parkText: string;
  spans: Span[];
}

const RECORDS_FROM_EXT = "local records = std.parseJson(std.extVar('records'));";
// The argument makes the engine import util.libsonnet before the records are asked for, so a
// parked evaluation has that done too (~30 ms of CPU per VM: lexing, parsing and analysing it).
const RECORDS_FROM_NATIVE = "local records = std.parseJson(std.native('cs_records')(std.length(std.objectFieldsEx(util, true))));";

const PRELUDE = [
  "local util = import 'util.libsonnet';",
  RECORDS_FROM_EXT,
  'local run(input) = {',
  '  input:: input,',
  '  util:: util,',
];

/**
 * The combined program. Each script is the value of a field of the per-record object, which is
 * the outermost object around it, so `$.input` and `$.util` mean what the broker documents.
 * Scripts start at column 1 of their own line, so positions map back by a line offset only.
 */
export function buildProgram(scripts: readonly ScriptRef[], filename = 'mapping.jsonnet'): Layout {
  const lines = [...PRELUDE];
  const spans: Span[] = [];
  // Fields are named by position, not by mapping index, so that adding or removing a mapping
  // that is not a custom one leaves the program text the same (and a parked evaluation usable).
  for (const [k, s] of scripts.entries()) {
    const field = `s${k}`;
    lines.push(`  ${field}: (`);
    const body = s.script.split(/\r?\n/);
    spans.push({ index: s.index, field, start: lines.length + 1, lines: body.length, lastLineLength: body[body.length - 1]!.length });
    lines.push(...body, '),');
  }
  // std.makeArray, not a comprehension: libjsonnet's array comprehension is quadratic
  lines.push('};', 'std.makeArray(std.length(records), function(i) run(records[i]))', '');
  const text = lines.join('\n');
  // line 2 only (the same length in lines), so positions are the same in both
  return { filename, text, parkText: text.replace(RECORDS_FROM_EXT, RECORDS_FROM_NATIVE), spans };
}

export interface ParsedJsonnetError {
  kind: 'static' | 'runtime';
  message: string;
  /** Position of the error (static) or the innermost stack frames (runtime). */
  frames: { file: string; line: number; column: number }[];
}

const POS = String.raw`(?:\((\d+):(\d+)\)-\(\d+:\d+\)|(\d+):(\d+)(?:-\d+)?)`;

function cleanMessage(m: string): string {
  return m
    .replace(/\S*[\\/]util\.libsonnet/g, 'util.libsonnet')
    .replace(/^(RUNTIME ERROR: )(?:DateConvertError|PathError|Error): /, '$1')
    .trim();
}

export function parseJsonnetError(raw: string): ParsedJsonnetError {
  const text = raw.replace(/\S*[\\/]util\.libsonnet/g, 'util.libsonnet');
  const first = text.split('\n')[0] ?? text;
  const st = new RegExp(`^STATIC ERROR: (.+?):${POS}: (.*)$`).exec(first);
  if (st) {
    return {
      kind: 'static',
      message: `STATIC ERROR: ${st[6] ?? ''}`.trim(),
      frames: [{ file: st[1]!, line: Number(st[2] ?? st[4]), column: Number(st[3] ?? st[5]) }],
    };
  }
  const frames: ParsedJsonnetError['frames'] = [];
  const frameRe = new RegExp(`^\\t(.+?):${POS}\\t`);
  const msgLines: string[] = [];
  let inFrames = false;
  for (const line of text.split('\n')) {
    const f = frameRe.exec(line);
    if (f) {
      inFrames = true;
      frames.push({ file: f[1]!, line: Number(f[2] ?? f[4]), column: Number(f[3] ?? f[5]) });
    } else if (!inFrames) msgLines.push(line);
  }
  return { kind: 'runtime', message: cleanMessage(msgLines.join('\n')), frames };
}

/** Which script a position belongs to, and the position relative to it. */
function locate(layout: Layout, file: string, line: number, column: number, clampToSingle: boolean): { index: number; line: number; column: number } | null {
  if (file !== layout.filename) return null;
  for (const s of layout.spans) {
    if (line >= s.start && line < s.start + s.lines) return { index: s.index, line: line - s.start + 1, column };
  }
  if (clampToSingle && layout.spans.length === 1) {
    // An unclosed bracket in the script is reported on the wrapper after it: point at its end.
    const s = layout.spans[0]!;
    return { index: s.index, line: s.lines, column: s.lastLineLength + 1 };
  }
  return null;
}

export interface Attributed {
  index: number;
  outcome: CustomOutcome & { ok: false };
  kind: 'static' | 'runtime';
}

export function attribute(layout: Layout, raw: string): Attributed | null {
  const p = parseJsonnetError(raw);
  const single = layout.spans.length === 1;
  for (const f of p.frames) {
    const at = locate(layout, f.file, f.line, f.column, single && p.kind === 'static');
    if (at) return { index: at.index, kind: p.kind, outcome: { ok: false, message: p.message, line: at.line, column: at.column } };
  }
  if (single) return { index: layout.spans[0]!.index, kind: p.kind, outcome: { ok: false, message: p.message } };
  return null;
}

export interface CustomRun {
  /** Per record: mapping index → outcome. */
  outcomes: Map<number, CustomOutcome>[];
  log: string[];
  engineCalls: number;
}

export interface CustomOptions {
  timeLimitMs?: number;
  /** Concurrent evaluations for a large batch (one host request, libuv's pool). Default 2. */
  parallel?: number;
  /**
   * Records per engine call. Default: adaptive — start small, then size each batch so that a
   * call is expected to take about a quarter of the time limit (so a healthy batch never hits
   * the limit, and a runaway script is still caught within one limit).
   */
  batchSize?: number;
  /** Keep an evaluation of the whole set parked in the host for the next call (default true). */
  park?: boolean;
}

/** Records for the next call so that it takes about `targetMs` (25 to start with). */
export function nextBatchSize(samples: readonly { n: number; ms: number }[], targetMs: number): number {
  const last = samples[samples.length - 1];
  if (!last) return 25;
  let perRecord = last.ms / Math.max(1, last.n);
  let overhead = 0;
  const prev = samples.length > 1 ? samples[0]! : null;
  if (prev && prev.n !== last.n) {
    const k = (last.ms - prev.ms) / (last.n - prev.n);
    if (k > 0) {
      perRecord = k;
      overhead = Math.max(0, Math.min(last.ms - k * last.n, targetMs / 2));
    }
  }
  const n = Math.floor((targetMs - overhead) / Math.max(perRecord, 0.005));
  // grow at most 8× per step: a noisy sample must not produce a batch that overruns the limit
  return Math.max(1, Math.min(n, last.n * 8, 20_000));
}

export function customScripts(mappings: readonly Mapping[]): ScriptRef[] {
  const out: ScriptRef[] = [];
  mappings.forEach((m, index) => {
    if (m.action === 'custom' && typeof m.script === 'string') out.push({ index, target: m.target, script: m.script });
  });
  return out;
}

/** Evaluate `scripts` over `records` through `host`. */
export async function evaluateCustom(host: JsonnetHost, allScripts: readonly ScriptRef[], records: readonly unknown[], opts: CustomOptions = {}): Promise<CustomRun> {
  // Scripts importing anything but util.libsonnet never reach the engine (see forbiddenImport).
  const refused = new Map<number, CustomOutcome>();
  const scripts = allScripts.filter((s) => {
    const bad = forbiddenImport(s.script);
    if (bad) refused.set(s.index, { ok: false, message: `${bad.what.trim()}: only 'util.libsonnet' may be imported (or use $.util)`, line: bad.line, column: bad.column });
    return !bad;
  });
  const limit = opts.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const fixedBatch = opts.batchSize ? Math.max(1, opts.batchSize) : null;
  // call time ≈ overhead + perRecord × n, fitted from the last two full-set calls
  const samples: { n: number; ms: number }[] = [];
  const outcomes = records.map(() => new Map<number, CustomOutcome>(refused));
  const log: string[] = [];
  let engineCalls = 0;
  const byIndex = new Map(scripts.map((s) => [s.index, s]));
  // Only the parts of each record the scripts can read go to the engine (see input-paths.ts).
  const paths = inputPathsOfAll(scripts.map((s) => s.script));
  const recordsJson = records.map((r) => JSON.stringify((paths ? projectRecord(r, paths) : r) ?? null));

  const setAll = (index: number, R: readonly number[], o: CustomOutcome) => {
    for (const r of R) outcomes[r]!.set(index, o);
  };

  const collectTrace = (trace: string[], layouts: Layout[]) => {
    for (const line of trace) {
      const m = /^TRACE: (.+?):(\d+) (.*)$/s.exec(line);
      if (!m) {
        log.push(line);
        continue;
      }
      const [, file, lineNo, msg] = m;
      let placed = false;
      for (const layout of layouts) {
        const at = locate(layout, file!, Number(lineNo), 1, false);
        if (at) {
          log.push(`${byIndex.get(at.index)?.target ?? `mapping ${at.index}`}:${at.line}: ${msg}`);
          placed = true;
          break;
        }
      }
      if (!placed) log.push(`${file}:${lineNo}: ${msg}`);
    }
  };

  const call = async (jobs: { layout: Layout; R: readonly number[] }[]): Promise<HostOutcome> => {
    engineCalls++;
    const out = await host.run(
      jobs.map((j) => ({
        program: j.layout.text,
        filename: j.layout.filename,
        ext: { records: `[${j.R.map((r) => recordsJson[r]).join(',')}]` },
        // the whole set is what runs again (the next preview, the next batch): keep it parked
        ...(opts.park !== false && j.layout.spans.length === scripts.length ? { park: j.layout.parkText } : {}),
      })),
      limit,
    );
    collectTrace(out.trace, jobs.map((j) => j.layout));
    if (out.kind === 'done' && jobs.every((j) => j.layout.spans.length === scripts.length && out.results.every((r) => r?.ok))) {
      samples.push({ n: jobs.reduce((n, j) => n + j.R.length, 0), ms: out.ms });
      if (samples.length > 2) samples.shift();
    }
    return out;
  };

  const accept = (layout: Layout, R: readonly number[], json: string) => {
    const values = JSON.parse(json) as Record<string, unknown>[];
    R.forEach((r, k) => {
      const obj = values[k] ?? {};
      for (const s of layout.spans) outcomes[r]!.set(s.index, { ok: true, value: obj[s.field] ?? null });
    });
  };

  const halves = <T>(xs: readonly T[]): [T[], T[]] => [xs.slice(0, Math.ceil(xs.length / 2)), xs.slice(Math.ceil(xs.length / 2))];

  /** A script evaluated alone failed with `result` (runtime or static). */
  const onSingleFailure = async (s: ScriptRef, layout: Layout, R: readonly number[], message: string): Promise<void> => {
    const a = attribute(layout, message)!;
    if (a.kind === 'static' || R.length === 1) {
      setAll(s.index, R, a.outcome);
      return;
    }
    const [a1, a2] = halves(R);
    await evalSet([s], a1);
    await evalSet([s], a2);
  };

  /** Each script alone, concurrently, in one request. */
  const isolate = async (S: readonly ScriptRef[], R: readonly number[]): Promise<void> => {
    const layouts = S.map((s) => buildProgram([s], `script-${s.index}.jsonnet`));
    const out = await call(layouts.map((layout) => ({ layout, R })));
    const results: (JobResult | undefined)[] = out.results;
    for (let k = 0; k < S.length; k++) {
      const s = S[k]!;
      const layout = layouts[k]!;
      const r = results[k];
      if (r?.ok) accept(layout, R, r.json);
      else if (r) await onSingleFailure(s, layout, R, r.message);
      else if (out.kind === 'timeout') setAll(s.index, R, { ok: false, message: `stopped: the script did not finish within the ${limit} ms time limit` });
      else await evalSet([s], R); // crashed before this one finished: try it alone
    }
  };

  const evalSet = async (S: readonly ScriptRef[], R: readonly number[]): Promise<void> => {
    if (S.length === 0 || R.length === 0) return;
    const layout = buildProgram(S, S.length === 1 ? `script-${S[0]!.index}.jsonnet` : 'mapping.jsonnet');
    const out = await call([{ layout, R }]);
    const r = out.results[0];
    if (out.kind === 'done' && r?.ok) {
      accept(layout, R, r.json);
      return;
    }
    if (out.kind === 'done' && r && !r.ok) {
      if (S.length === 1) return onSingleFailure(S[0]!, layout, R, r.message);
      const a = attribute(layout, r.message);
      if (!a) return isolate(S, R);
      const rest = S.filter((s) => s.index !== a.index);
      const culprit = byIndex.get(a.index)!;
      if (a.kind === 'static' || R.length === 1) setAll(a.index, R, a.outcome);
      await evalSet(rest, R);
      if (a.kind === 'runtime' && R.length > 1) await evalSet([culprit], R);
      return;
    }
    // time limit or crash: no position to go by
    if (S.length > 1) return isolate(S, R);
    const s = S[0]!;
    if (out.kind === 'timeout') {
      setAll(s.index, R, { ok: false, message: `stopped: the script did not finish within the ${limit} ms time limit` });
      return;
    }
    if (R.length > 1) {
      const [a1, a2] = halves(R);
      await evalSet(S, a1);
      await evalSet(S, a2);
      return;
    }
    setAll(s.index, R, { ok: false, message: `the Jsonnet engine crashed on this script (${out.kind === 'crashed' ? out.detail : 'unknown'})` });
  };

  /** A large batch as `parallel` concurrent jobs of the same program; a failing part goes the careful way. */
  // Not with std.trace: libjsonnet writes a trace line in several pieces, so lines from
  // concurrent evaluations can interleave mid-line.
  const usesTrace = scripts.some((s) => /std\s*\.\s*trace\b/.test(s.script));
  const parallel = usesTrace ? 1 : Math.max(1, Math.min(8, opts.parallel ?? 2));
  const evalBatch = async (R: readonly number[]): Promise<void> => {
    if (parallel < 2 || R.length < 50) return evalSet(scripts, R);
    const parts: number[][] = [];
    const size = Math.ceil(R.length / parallel);
    for (let i = 0; i < R.length; i += size) parts.push(R.slice(i, i + size));
    const layout = buildProgram(scripts, scripts.length === 1 ? `script-${scripts[0]!.index}.jsonnet` : 'mapping.jsonnet');
    const out = await call(parts.map((part) => ({ layout, R: part })));
    for (let k = 0; k < parts.length; k++) {
      const r = out.results[k];
      if (r?.ok) accept(layout, parts[k]!, r.json);
      else await evalSet(scripts, parts[k]!);
    }
  };

  if (scripts.length > 0) {
    const all = records.map((_, i) => i);
    for (let i = 0; i < all.length; ) {
      const size = fixedBatch ?? nextBatchSize(samples, limit * 0.25);
      await evalBatch(all.slice(i, i + size));
      i += size;
    }
  }
  return { outcomes, log, engineCalls };
}
