/** Timing helpers for `npm run bench`. Benchmarks report what they measured; tests never time. */

export type Timing = Readonly<{ runs: number; medianMs: number; minMs: number; maxMs: number }>;

export async function time(runs: number, work: () => Promise<void> | void, warmup = 1): Promise<Timing> {
  for (let index = 0; index < warmup; index += 1) await work();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    runs,
    medianMs: round(samples[Math.floor(samples.length / 2)] ?? 0),
    minMs: round(samples[0] ?? 0),
    maxMs: round(samples.at(-1) ?? 0),
  };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
