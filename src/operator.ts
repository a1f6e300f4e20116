/**
 * The operator's subcommands: `ccm reminders`, `ccm tick` and `ccm digest`. They run the
 * same scheduler and reports as the running bot, at an instant the operator chooses. With
 * `--at`, they read the store as it stood at that instant (see `store/as-of.ts`), so that a
 * past report comes out as it was, not with what was logged or changed since.
 */
import type { Writable } from 'node:stream';
import { type OptionValues, type Subcommand, UsageError } from './cli/subcommand.ts';
import { addDays, formatDate, parseIsoDate, PLAUSIBLE_YEARS, todayIn } from './domain/dates.ts';
import { cycleName } from './domain/plan-book.ts';
import { instantAt, isoWithOffset } from './domain/time.ts';
import type { Bot } from './bot.ts';
import { renderText } from './render/text.ts';
import { buildDigest, digestAsOneReply, digestMeeting } from './reports/digest.ts';
import type { Undeliverable } from './scheduler/options.ts';
import type { Scheduler } from './scheduler/scheduler.ts';
import { storeAsOf, type StoreAsOf } from './store/as-of.ts';
import { retryWhileBusy } from './store/busy.ts';
import type { Store } from './store/store.ts';

const AT_OPTION = { at: { type: 'string' } } as const;

export const remindersSubcommand: Subcommand = {
  name: 'reminders',
  usage: [
    {
      synopsis: '[--at <ISO timestamp>] [--from <date>] [--to <date>] [--json]',
      description: ['list the scheduled reminders and digests, with the subscribed channels'],
    },
  ],
  options: { ...AT_OPTION, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  needs: 'scheduler',
  run({ values }, { bot, scheduler, io }) {
    listReminders(bot, scheduler, values, io.out, bot.now());
    return 0;
  },
};

export const tickSubcommand: Subcommand = {
  name: 'tick',
  usage: [
    {
      synopsis: '[--at <ISO timestamp>]',
      description: ['one scheduler pass as of that time: post what is due (with no chat platform', 'configured, print what would be posted)'],
    },
  ],
  options: AT_OPTION,
  needs: 'posters',
  run: ({ values }, { bot, scheduler, io, canPost }) => tickOnce(bot, scheduler, values, io.out, bot.now(), canPost),
};

export const digestSubcommand: Subcommand = {
  name: 'digest',
  usage: [{ synopsis: '[--at <ISO timestamp>] [--meeting <id>]', description: ['print the progress digest for the next working group meeting'] }],
  options: { ...AT_OPTION, meeting: { type: 'string' } },
  needs: 'bot',
  run: ({ values }, bot, io) => printDigest(bot, values, io.out, bot.now()),
};

/** How long `ccm tick` for another process's write lock before it gives up (exit 1, nothing claimed). */
const TICK_WAITS_FOR_LOCK_MS = 30_000;

/**
 * An instant from the command line: an ISO timestamp (2026-05-05T09:01:00+02:00), or a date
 * alone, read as the start of that day in the group's time zone.
 */
export function parseInstant(text: string, timeZone: string, option: string): Date {
  const expected = `--${option} expects a date (2026-05-05) or an ISO timestamp with its offset (2026-05-05T09:00:00+02:00 or …Z), got "${text}"`;
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(text);
  // A calendar check, because Date would roll 31 Feb over into March without a word.
  const day = match ? parseIsoDate(match[1]!) : undefined;
  const year = Number(day?.slice(0, 4));
  if (!match || !day || year < PLAUSIBLE_YEARS.from || year > PLAUSIBLE_YEARS.to) throw new UsageError(expected);
  // Without a time, the start of that day in the group's time zone; never the server's zone.
  if (match[2] === undefined) return instantAt(day, '00:00', timeZone);
  const instant = new Date(text);
  if (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59 || Number.isNaN(instant.getTime())) throw new UsageError(expected);
  return instant;
}

/** The end of a range: a date alone includes that whole day. */
function parseRangeEnd(text: string, timeZone: string): Date {
  const start = parseInstant(text, timeZone, 'to');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return start;
  return new Date(instantAt(addDays(text, 1), '00:00', timeZone).getTime() - 1);
}

/** The store as it stood at `at`; the caller closes it. */
export function viewAt(bot: Bot, at: Date): StoreAsOf {
  return storeAsOf(bot.database.sqlite, at, bot.plans.plans);
}

/**
 * `ccm reminders`: the schedule, one line per post, or JSON. With `--at`, the schedule as the
 * milestone dates and subscriptions stood then, from that instant on unless `--from` says.
 */
export function listReminders(bot: Bot, scheduler: Scheduler, options: OptionValues, out: Writable, now: Date): void {
  const tz = bot.config.timeZone;
  const at = typeof options.at === 'string' ? parseInstant(options.at, tz, 'at') : undefined;
  const from = typeof options.from === 'string' ? parseInstant(options.from, tz, 'from') : (at ?? now);
  const to = typeof options.to === 'string' ? parseRangeEnd(options.to, tz) : new Date('9999-12-31T00:00:00Z');
  const view = at ? viewAt(bot, at) : undefined;
  let lines: ReturnType<Scheduler['upcoming']>;
  try {
    lines = (view ? scheduler.withStore(view.store) : scheduler).upcoming(from, to);
  } finally {
    view?.close();
  }
  if (options.json) {
    out.write(
      `${JSON.stringify(
        lines.map((l) => ({ at: isoWithOffset(l.at, tz), kind: l.kind, title: l.title, channels: l.channels })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  if (lines.length === 0) {
    out.write('Nothing scheduled in that period.\n');
    return;
  }
  for (const l of lines) {
    out.write(`${isoWithOffset(l.at, tz)}  ${l.kind.padEnd(8)}  ${l.title}  →  ${l.channels.length > 0 ? l.channels.join(', ') : '(no channel subscribed)'}\n`);
  }
  out.write(`Times are in ${tz}.\n`);
}

/**
 * `ccm tick`: one scheduler pass; with no platform configured, what it would post (with
 * `--at`, from the store and the ledger as they stood then). Resolves to the exit code.
 *
 * A real post goes out now, so it never carries figures of the past: when the log or the
 * milestones changed after `--at`, posting is refused (the post would be claimed in the ledger
 * with outdated content, in place of the right one). With nothing changed since, `--at` is
 * allowed, e.g. to run a tick that was missed or is still ahead.
 */
async function tickOnce(bot: Bot, scheduler: Scheduler, options: OptionValues, out: Writable, now: Date, canPost: boolean): Promise<number> {
  const tz = bot.config.timeZone;
  const asked = typeof options.at === 'string' ? options.at : undefined;
  const at = asked ? parseInstant(asked, tz, 'at') : now;
  const view = asked ? viewAt(bot, at) : undefined;
  try {
    // A preview claims nothing, so it may read the ledger as it stood then: what that tick would have posted.
    if (!canPost) return previewTick(view ? scheduler.withStore(view.store, view.ledger) : scheduler, view?.store ?? bot.store, at, tz, out);
    if (view && view.changesLeftOut > 0) {
      throw new UsageError(
        `${view.changesLeftOut} ${view.changesLeftOut === 1 ? 'change was' : 'changes were'} recorded after ${isoWithOffset(at, tz)}, ` +
          'and a post sent now would carry the figures as they stood then (and be claimed in place of the right one), so nothing was posted. ' +
          `Run \`ccm tick\` without --at to post what is due now, or see what was due then without posting: CCM_ADAPTERS=shell ccm tick --at ${asked}`,
      );
    }
  } finally {
    view?.close();
  }
  // Nothing changed since `at` (or no --at): the live store says the same, and is the one posts must follow.
  // A pass run by hand serves nobody meanwhile, so it waits out another process's lock (two crons
  // at once) for a while; the claims keep any post from going out twice.
  const report = await retryWhileBusy(() => scheduler.tick(at), performance.now() + TICK_WAITS_FOR_LOCK_MS);
  for (const s of report.sent) out.write(`sent ${s.post.rule} to ${s.post.platform}:${s.post.channelId}: ${s.reply.title}\n`);
  for (const f of report.failed) out.write(`failed ${f.post.rule} to ${f.post.platform}:${f.post.channelId} (retried later): ${f.error}\n`);
  for (const u of report.uncertain) out.write(`unknown outcome of ${u.post.rule} to ${u.post.platform}:${u.post.channelId} (not resent): ${u.error}\n`);
  for (const s of report.skipped) out.write(`skipped ${s.post.rule} to ${s.post.platform}:${s.post.channelId}: ${s.reason}\n`);
  writeUndeliverable(report.undeliverable, out);
  if (report.sent.length + report.failed.length + report.uncertain.length + report.skipped.length + report.undeliverable.length === 0)
    out.write('Nothing due.\n');
  return report.failed.length + report.uncertain.length > 0 ? 1 : 0;
}

/** Nudges with nowhere to go: said, so the operator can tell the owner another way. */
function writeUndeliverable(nudges: readonly Undeliverable[], out: Writable): void {
  for (const n of nudges) out.write(`undeliverable nudge about #${n.entryId} to ${n.owner}: ${n.reason}\n`);
}

/** What a dry run of `ccm tick` prints: the posts due at `at` that the ledger has not had yet. */
function previewTick(scheduler: Scheduler, store: Store, at: Date, tz: string, out: Writable): number {
  const preview = scheduler.preview(at);
  out.write(`No chat platform is configured: nothing is posted. At ${isoWithOffset(at, tz)} this would be posted:\n`);
  if (preview.posts.length === 0) {
    out.write(store.channels.subscriptions().length === 0 ? '(nothing: no channel has subscribed yet; type `subscribe` in one)\n' : '(nothing)\n');
  }
  for (const p of preview.posts) out.write(`\n→ ${p.channel}\n${renderText(p.reply)}\n`);
  writeUndeliverable(preview.undeliverable, out);
  return 0;
}

/**
 * `ccm digest`: the digest for the next working group meeting, as of an instant: with `--at`,
 * from the log and milestones as they stood then, meeting chosen included. Resolves to the exit code.
 */
export function printDigest(bot: Bot, options: OptionValues, out: Writable, now: Date): number {
  const at = typeof options.at === 'string' ? parseInstant(options.at, bot.config.timeZone, 'at') : undefined;
  const view = at ? viewAt(bot, at) : undefined;
  try {
    return writeDigest(bot, view?.store ?? bot.store, options, out, at ?? now);
  } finally {
    view?.close();
  }
}

function writeDigest(bot: Bot, store: Store, options: OptionValues, out: Writable, at: Date): number {
  const today = todayIn(bot.config.timeZone, at);
  const plan = bot.plans.activeOn(today);
  const ctx = { store, plan, states: bot.states, today, timeZone: bot.config.timeZone };
  const named = typeof options.meeting === 'string' ? options.meeting : undefined;
  const meeting = digestMeeting(ctx, named);
  if (named && !meeting) throw new UsageError(`no working group meeting "${named}" in the ${cycleName(plan)} plan`);
  if (!meeting) {
    // Not a mistake of the operator's: the cycle is over, or its last meeting is behind us.
    const ended = bot.plans.endedNotice(today);
    out.write(`${ended ?? `No working group meeting of the ${cycleName(plan)} plan is left after ${formatDate(today)}.`}\n`);
    out.write("A past meeting's digest: ccm digest --meeting <id> --at <the day before it>.\n");
    return 0;
  }
  out.write(`${renderText(digestAsOneReply(buildDigest(ctx, meeting, 'states')))}\n`);
  return 0;
}
