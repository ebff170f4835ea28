/**
 * Mapping throughput and preview latency (npm run bench -- mapping). Ratios against a peer
 * measured in the same run; never a timed assertion.
 *
 * 1. Records/s through the demo project's outbound mapping (7 built-in actions + 6 Jsonnet
 *    scripts), batched as the engine does it, vs the naive approach (one engine call per custom
 *    mapping per record) on a small N.
 * 2. Preview latency for one record on a generated 100-mapping project, p95, with and without
 *    custom actions; with custom actions both with the host's parked evaluation (the default)
 *    and evaluating from scratch (the peer).
 *
 * The machine this runs on is shared: wall-clock numbers depend on the load (print it with
 * `uptime`); the CPU-time numbers (read from /proc) do much less. Compare ratios, not absolutes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyMappings } from '../shared/common/mapping/engine';
import type { Mapping, Project } from '../shared/common/project/model';
import { buildProgram, customScripts } from '../shared/node/mapping/custom';
import { JsonnetHost } from '../shared/node/mapping/jsonnet-client';
import { mapRecords } from '../shared/node/mapping/map-project';
import { resourcesDir } from '../shared/node/runtime/paths';

function variant(base: Record<string, unknown>, i: number): Record<string, unknown> {
  const r = structuredClone(base);
  r.id = 5550001 + i;
  r.title = `${String(r.title)} #${i}`;
  (r.pay as Record<string, unknown>).hours = (i % 12) / 2;
  r.priority = ['low', 'medium', 'high', 'critical'][i % 4];
  return r;
}

/** CPU time (ms) the Jsonnet host has used so far (Linux /proc; null elsewhere). */
function hostCpuMs(host: JsonnetHost): number | null {
  try {
    if (host.pid === null) return null;
    const fields = readFileSync(`/proc/${host.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
  } catch {
    return null;
  }
}

/** The machine's load average (Linux), printed beside the wall-clock numbers. */
function loadAverage(): string {
  try {
    const [one, five] = readFileSync('/proc/loadavg', 'utf8').split(' ');
    return `; load average ${one} (1 min), ${five} (5 min)`;
  } catch {
    return '';
  }
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))]!;
}

function synthetic(demo: Mapping[], withCustom: boolean): Mapping[] {
  const builtin = demo.filter((m) => m.action !== 'custom');
  const custom = demo.filter((m) => m.action === 'custom');
  const out: Mapping[] = [];
  for (let i = 0; out.length < 100; i++) {
    const useCustom = withCustom && i % 10 === 9;
    const tpl = useCustom ? custom[i % custom.length]! : builtin[i % builtin.length]!;
    out.push({ ...tpl, id: `m${i}`, target: `group${i % 10}.field${i}` });
  }
  return out;
}

export async function run(): Promise<void> {
  const demoProject = JSON.parse(readFileSync(join(resourcesDir(), 'demo', 'demo.connector.json'), 'utf8')) as Project;
  const sample = JSON.parse(readFileSync(join(resourcesDir(), 'demo', 'sample-workorder.json'), 'utf8')) as Record<string, unknown>;
  const mappings = demoProject.mappings.outbound;
  const host = new JsonnetHost();
  await host.warm();
  try {
    const N = Number(process.env.BENCH_MAPPING_N ?? 1000);
    const NAIVE_N = Number(process.env.BENCH_MAPPING_NAIVE_N ?? 5);
    const records = Array.from({ length: N }, (_, i) => variant(sample, i));
    await mapRecords(host, mappings, records.slice(0, 20)); // warm-up

    let t0 = performance.now();
    const cpu0 = hostCpuMs(host);
    const cpuSelf0 = process.cpuUsage();
    const batched = await mapRecords(host, mappings, records);
    const batchedMs = performance.now() - t0;
    const cpu1 = hostCpuMs(host);
    const selfCpu = process.cpuUsage(cpuSelf0);
    const cpuMs = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 + (selfCpu.user + selfCpu.system) / 1000 : null;
    const errors = batched.results.reduce((n, r) => n + r.errors.length, 0);
    const batchedRate = (N / batchedMs) * 1000;

    // naive: one engine call per custom mapping per record (the whole record fed each time)
    const scripts = customScripts(mappings);
    t0 = performance.now();
    const naiveCpu0 = hostCpuMs(host);
    const naiveSelf0 = process.cpuUsage();
    for (const rec of records.slice(0, NAIVE_N)) {
      const values = new Map<number, unknown>();
      for (const s of scripts) {
        const layout = buildProgram([s]);
        const out = await host.run([{ program: layout.text, ext: { records: JSON.stringify([rec]) } }]);
        const r = out.results[0];
        values.set(s.index, r && r.ok ? (JSON.parse(r.json) as Record<string, unknown>[])[0]![layout.spans[0]!.field] : null);
      }
      applyMappings(mappings, rec, { custom: (i) => ({ ok: true, value: values.get(i) }) });
    }
    const naiveMs = performance.now() - t0;
    const naiveRate = (NAIVE_N / naiveMs) * 1000;
    const naiveCpu1 = hostCpuMs(host);
    const naiveSelf = process.cpuUsage(naiveSelf0);
    const naiveCpuMs = naiveCpu0 !== null && naiveCpu1 !== null ? naiveCpu1 - naiveCpu0 + (naiveSelf.user + naiveSelf.system) / 1000 : null;

    process.stdout.write(
      [
        `demo outbound mapping (${mappings.length} mappings, ${scripts.length} Jsonnet)${loadAverage()}`,
        `  batched : ${N} records in ${batchedMs.toFixed(0)} ms = ${batchedRate.toFixed(0)} records/s (${batched.engineCalls} engine calls, ${errors} errors)`,
        cpuMs !== null
          ? `            CPU time (host + this process): ${cpuMs.toFixed(0)} ms = ${((N / cpuMs) * 1000).toFixed(0)} records per CPU-second (host ${(cpuMs - (selfCpu.user + selfCpu.system) / 1000).toFixed(0)} ms, this process ${((selfCpu.user + selfCpu.system) / 1000).toFixed(0)} ms)`
          : '            (CPU time not available on this platform)',
        `  naive   : ${NAIVE_N} records in ${naiveMs.toFixed(0)} ms = ${naiveRate.toFixed(2)} records/s (${NAIVE_N * scripts.length} engine calls)`,
        naiveCpuMs !== null ? `            CPU time: ${naiveCpuMs.toFixed(0)} ms = ${((NAIVE_N / naiveCpuMs) * 1000).toFixed(2)} records per CPU-second` : '',
        `  ratio   : ${(batchedRate / naiveRate).toFixed(0)}x wall clock${cpuMs !== null && naiveCpuMs !== null ? `, ${((N / cpuMs) / (NAIVE_N / naiveCpuMs)).toFixed(0)}x CPU time` : ''}   (targets: >= 3000 records/s, >= 100x naive)`,
        '',
      ].join('\n'),
    );

    // preview latency: one record, 100 mappings. Previews come one after another with a pause
    // between them (BENCH_PREVIEW_GAP_MS, default 250 ms: a consultant typing, after the
    // canvas's debounce); with no pause the next preview arrives while the host is still
    // preparing the parked evaluation for it. "parked" is the engine's default; "fresh"
    // evaluates from scratch each time (the design before parked evaluations), as the peer.
    const gap = Number(process.env.BENCH_PREVIEW_GAP_MS ?? 250);
    for (const withCustom of [false, true]) {
      const set = synthetic(mappings, withCustom);
      const customCount = set.filter((m) => m.action === 'custom').length;
      const modes: (boolean | null)[] = withCustom ? [false, true] : [null];
      for (const park of modes) {
        const n = withCustom ? Number(process.env.BENCH_PREVIEW_N ?? 30) : 300;
        const times: number[] = [];
        if (park !== null) await mapRecords(host, set, [variant(sample, 0)], { park }); // warm-up (parks for the next)
        const cpuStart = hostCpuMs(host);
        const selfStart = process.cpuUsage();
        for (let i = 0; i < n; i++) {
          const rec = variant(sample, i);
          if (withCustom && gap > 0) await new Promise((r) => setTimeout(r, gap));
          const t = performance.now();
          await mapRecords(host, set, [rec], park === null ? {} : { park });
          times.push(performance.now() - t);
        }
        const cpuEnd = hostCpuMs(host);
        const self = process.cpuUsage(selfStart);
        const cpuPer = cpuStart !== null && cpuEnd !== null ? (cpuEnd - cpuStart + (self.user + self.system) / 1000) / n : null;
        const label = park === null ? '' : park ? ', parked' : ', fresh';
        process.stdout.write(
          `preview, 100 mappings (${customCount} custom${label}${withCustom ? `, ${gap} ms apart` : ''}): p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms over ${n} runs` +
            `${cpuPer !== null && withCustom ? `; CPU ${cpuPer.toFixed(0)} ms per preview (host + this process)` : ''}   (target p95 < ${withCustom ? 150 : 5} ms)\n`,
        );
      }
    }
  } finally {
    await host.close();
  }
}
