/** Timing samples and the figures drawn from them. */

export interface Samples {
  p50: number;
  p99: number;
  count: number;
}

/** The `q` quantile (0..1) of numbers, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/**
 * Times `work` up to `runs` times, one by one, after a short warm-up; milliseconds per run.
 * A slow `work` stops after `budgetMs` (and at least 3 runs), so the bench stays short.
 */
export function sample(runs: number, work: (i: number) => unknown, budgetMs = 3_000): Samples {
  const warmUntil = performance.now() + budgetMs / 4;
  for (let i = 0; i < Math.min(20, runs) && performance.now() < warmUntil; i++) work(i);
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < runs && (i < 3 || performance.now() < until); i++) {
    const started = performance.now();
    work(i);
    times.push(performance.now() - started);
  }
  return sample.from(times);
}

sample.from = (times: readonly number[]): Samples => ({ p50: median(times), p99: quantile(times, 0.99), count: times.length });
