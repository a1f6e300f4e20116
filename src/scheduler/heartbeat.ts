/**
 * The wake-up tick. node-cron fires every minute and never catches up missed runs; that is
 * fine, because each tick asks the ledger what is owed, so a tick after downtime (including
 * the one at start-up) sends whatever fell due meanwhile.
 */
import cron from 'node-cron';
import type { Log } from '../log.ts';
import type { Scheduler } from './scheduler.ts';

export function startHeartbeat(scheduler: Scheduler, log: Log, now: () => Date = () => new Date()): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const beat = () => {
    // A slow tick (many posts, paced) is still going, so this beat is not needed; or stopping.
    if (running || stopping.signal.aborted) return;
    running = scheduler
      .beat(now(), stopping.signal)
      .then((report) => {
        if (report && report.sent.length + report.failed.length + report.uncertain.length > 0) {
          log.info('tick', { sent: report.sent.length, failed: report.failed.length, uncertain: report.uncertain.length });
        }
      })
      .catch((error: unknown) => log.error('tick failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
      .finally(() => {
        running = undefined;
      });
  };
  beat(); // catch up at start-up
  const task = cron.schedule('* * * * *', beat, { noOverlap: true });
  return {
    /** No more beats; resolves once the post being sent (if any) is finished. */
    async stop() {
      stopping.abort();
      await task.stop();
      await running;
    },
  };
}
