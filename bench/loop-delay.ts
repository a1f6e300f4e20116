/**
 * Loaded into ccm-bot by busy.ts (`node --import bench/loop-delay.ts`): how long the event loop
 * was held up, measured inside the process (perf_hooks' monitorEventLoopDelay). On SIGUSR2 it
 * writes the figures since the last SIGUSR2 to the file named by CCM_LOOP_REPORT, as JSON (see
 * `LoopDelayReport`), and starts counting afresh.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopDelayReport {
  /** Milliseconds by which the loop was late, as percentiles and the worst case. */
  p50: number;
  p99: number;
  max: number;
  /** How many delays were sampled. */
  count: number;
}

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();

process.on('SIGUSR2', () => {
  const ms = (ns: number) => ns / 1e6;
  const report: LoopDelayReport = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), count: histogram.count };
  histogram.reset();
  // Written whole, then renamed: the reader never sees half a report.
  const file = process.env.CCM_LOOP_REPORT!;
  writeFileSync(`${file}.tmp`, JSON.stringify(report));
  renameSync(`${file}.tmp`, file);
});
