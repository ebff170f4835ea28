/**
 * Spec engine benchmark (npm run bench -- spec). For the largest corpus documents, each in a
 * fresh process so peak memory is its own:
 *   ours/ops    bytes → operation list (read, parse, resolve, normalise, roles), main thread
 *   ours/worker the product path: spec worker posts operations, then finishes the lint
 *               (Spectral oas recommended + connector rules); peak RSS of the process
 *   deref       @apidevtools/swagger-parser 12.1 `dereference()` of the same file
 *   spectral    the `spectral lint` CLI (oas recommended ruleset) on the same file
 * printed with ratios (targets: ops < 0.5 × deref, lint ≤ 1 × spectral CLI, peak < 400 MB).
 * A benchmark, never a timed test. BENCH_SPEC_DOCS=stripe,openai limits the documents;
 * BENCH_SPEC_SKIP_LINT=1 skips both lint measurements; BENCH_SPEC_REPEAT=N (default 3) runs
 * ours/ops and deref N times, alternating, and keeps the fastest of each (the machines here
 * are shared and noisy). Lint runs take minutes on the large documents and run once.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const corpus = resolve(repoRoot, '..', 'shared', 'corpus', 'real');

const DOCS: Record<string, string> = {
  stripe: 'stripe-spec3.yaml',
  kubernetes: 'kubernetes-v1.9.json',
  openai: 'openai.yaml',
  xero: 'xero-accounting.yaml',
  digitalocean: 'digitalocean-multifile/specification/DigitalOcean-public.v2.yaml',
};

interface ChildResult {
  ms: number;
  opsMs?: number;
  operations?: number;
  diagnostics?: number;
  maxRssMb: number;
  error?: string;
}

/** Runs this file in child mode under /usr/bin/time for the peak RSS of the whole process. */
function child(mode: string, file: string, timeoutMs = 900_000): ChildResult {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS_KB=%M', process.execPath, '--import', 'tsx', script, '--child', mode, file], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const rss = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? 0) / 1024;
  const line = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return { ...(JSON.parse(line) as ChildResult), maxRssMb: rss };
  } catch {
    return { ms: NaN, maxRssMb: rss, error: (r.error?.message ?? r.stderr ?? '').slice(-300) };
  }
}

function spectralCli(file: string, rulesetFile: string): ChildResult {
  const t0 = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', 'MAXRSS_KB=%M', join(repoRoot, 'node_modules', '.bin', 'spectral'), 'lint', file, '--ruleset', rulesetFile, '-f', 'json', '--quiet'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 1_800_000, maxBuffer: 512 * 1024 * 1024 },
  );
  const ms = performance.now() - t0;
  const rss = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr ?? '')?.[1] ?? 0) / 1024;
  let diagnostics: number | undefined;
  try {
    diagnostics = (JSON.parse(r.stdout) as unknown[]).length;
  } catch {
    diagnostics = undefined;
  }
  return { ms, maxRssMb: rss, diagnostics, ...(r.error ? { error: r.error.message } : {}) };
}

/**
 * Module loading is outside the timed span for `ours-ops` and `deref` (bytes → result); the
 * worker path is timed from creating the worker, so it includes worker start and imports.
 */
async function childMain(mode: string, file: string): Promise<void> {
  if (mode === 'ours-ops') {
    const { loadSpecFile, inspectSpec } = await import('../shared/node/spec/index');
    const t0 = performance.now();
    const spec = await loadSpecFile(file);
    const ins = inspectSpec(spec);
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, operations: ins.operations.length })}\n`);
  } else if (mode === 'ours-worker') {
    const { SpecJob } = await import('../shared/node/spec/lint-client');
    const t0 = performance.now();
    const job = new SpecJob({ type: 'open', source: { kind: 'file', path: file }, allowRemoteRefs: false, sendSpec: false, lint: true });
    await job.opened;
    const opsMs = performance.now() - t0;
    const lint = await job.linted;
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, opsMs, diagnostics: lint.diagnostics.length })}\n`);
  } else if (mode === 'deref') {
    const SwaggerParser = (await import('@apidevtools/swagger-parser')).default;
    const t0 = performance.now();
    const api = (await SwaggerParser.dereference(file)) as { paths?: Record<string, unknown> };
    process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, operations: Object.keys(api.paths ?? {}).length })}\n`);
  }
  process.exit(0);
}

const fmtMs = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

export async function run(): Promise<void> {
  const wanted = (process.env.BENCH_SPEC_DOCS ?? Object.keys(DOCS).join(',')).split(',').filter((d) => d in DOCS);
  const skipLint = process.env.BENCH_SPEC_SKIP_LINT === '1';
  const tmp = mkdtempSync(join(tmpdir(), 'spec-bench-'));
  const ruleset = join(tmp, '.spectral.yaml');
  writeFileSync(ruleset, 'extends: [[spectral:oas, recommended]]\n');
  const rows: string[][] = [];
  try {
    for (const name of wanted) {
      const file = join(corpus, DOCS[name] as string);
      const mb = (statSync(file).size / 1e6).toFixed(1);
      process.stderr.write(`spec bench: ${name} (${mb} MB root file) ...\n`);
      const repeat = Math.max(1, Number(process.env.BENCH_SPEC_REPEAT ?? 3));
      let ops: ChildResult | null = null;
      let deref: ChildResult | null = null;
      for (let i = 0; i < repeat; i++) {
        const o = child('ours-ops', file);
        const d = child('deref', file);
        if (!ops || o.ms < ops.ms) ops = o;
        if (!deref || d.ms < deref.ms) deref = d;
      }
      if (!ops || !deref) continue;
      const worker = skipLint ? null : child('ours-worker', file);
      const spectral = skipLint ? null : spectralCli(file, ruleset);
      for (const [label, r] of [['ours/ops', ops], ['deref', deref], ['ours/worker', worker], ['spectral', spectral]] as const) {
        if (r?.error) process.stderr.write(`  ${label} failed: ${r.error}\n`);
      }
      rows.push([
        name,
        `${mb} MB`,
        `${fmtMs(ops.ms)} (${ops.operations ?? '?'} ops)`,
        fmtMs(deref.ms),
        ratio(ops.ms, deref.ms),
        worker ? fmtMs(worker.opsMs ?? NaN) : '-',
        worker ? `${fmtMs(worker.ms)} (${worker.diagnostics ?? '?'} diags)` : '-',
        spectral ? `${fmtMs(spectral.ms)} (${spectral.diagnostics ?? '?'} diags)` : '-',
        worker && spectral ? ratio(worker.ms, spectral.ms) : '-',
        `${ops.maxRssMb.toFixed(0)} / ${worker ? worker.maxRssMb.toFixed(0) : '-'} MB`,
        `${deref.maxRssMb.toFixed(0)} / ${spectral ? spectral.maxRssMb.toFixed(0) : '-'} MB`,
      ]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const header = ['doc', 'size', 'ours: bytes→ops', 'swagger-parser deref', 'ops/deref', 'worker: ops', 'worker: →lint done', 'spectral CLI', 'lint/spectral', 'peak RSS ours ops/worker', 'peak RSS deref/spectral'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write('targets: ops/deref < 0.5×, lint/spectral ≤ 1×, peak RSS < 400 MB\n');
}

const argv = process.argv;
const at = argv.indexOf('--child');
if (at >= 0) {
  void childMain(argv[at + 1] as string, argv[at + 2] as string).catch((err: unknown) => {
    process.stdout.write(`${JSON.stringify({ ms: NaN, error: err instanceof Error ? err.message : String(err) })}\n`);
    process.exit(1);
  });
}
