/**
 * Benchmarks print ratios against a peer measured in the same run (machines here are noisy);
 * they are never timed assertions. Usage: npm run bench -- <name...>   (no name: all)
 * Each module exports `run(): Promise<void>` and prints its own table.
 */
const BENCHES: Record<string, string> = {
  spec: './spec-bench',
  mapping: './mapping-bench',
  preview: './preview-latency',
};

const wanted = process.argv.slice(2);
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const file = BENCHES[name];
  if (!file) {
    process.stderr.write(`unknown bench "${name}"; known: ${Object.keys(BENCHES).join(', ')}\n`);
    process.exit(2);
  }
  process.stdout.write(`\n# bench: ${name}\n`);
  const mod = (await import(file)) as { run: () => Promise<void> };
  await mod.run();
}
export {};
