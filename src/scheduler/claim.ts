/**
 * Claiming what is due, in one transaction: new posts, retries whose time has come, and claims
 * abandoned by a process that stopped before sending. Claiming is inserting the post's ledger
 * row, so exactly one process wins each post, whichever ticks first.
 */
import { todayIn } from '../domain/dates.ts';
import { familyOf } from '../domain/post-key.ts';
import type { PostRow } from '../store/ledger.ts';
import { dueAt } from './due.ts';
import type { SchedulerOptions, Undeliverable } from './options.ts';

export function claim(o: SchedulerOptions, processId: string, leaseMs: number, now: Date): { claimed: PostRow[]; undeliverable: Undeliverable[] } {
  const at = now.toISOString();
  const today = todayIn(o.timeZone, now);
  const stale = new Date(now.getTime() - leaseMs).toISOString();
  return o.store.transaction(() => {
    const { due, superseded, undeliverable } = dueAt(o, now, { postableOnly: true });
    for (const s of superseded) o.ledger.skip(s.key, at);
    const claimed = due.flatMap((d) => o.ledger.claimNew(d.key, processId, at) ?? []);
    for (const lost of o.ledger.abandonStaleSending(stale)) {
      o.log.error('a process stopped while sending this post; it is not resent', { rule: lost.rule, occurrence: lost.occurrence, channel: lost.channelId });
    }
    // A retry that a later post of its family has overtaken (the 1-day reminder is out, the
    // 7-day one still failing) is dropped: the channel never sees both. The whole ledger is
    // read for that only when something is owed, which most passes have not.
    const latest = new Map<string, string>();
    for (const row of o.ledger.anyOwed(at, stale) ? o.ledger.all() : []) {
      if (!['claimed', 'sending', 'sent'].includes(row.status)) continue;
      const group = `${familyOf(row.rule, row.occurrence)}|${row.platform}|${row.channelId}`;
      if ((latest.get(group) ?? '') < row.dueAt) latest.set(group, row.dueAt);
    }
    const retried = o.ledger.reclaim(processId, at, stale, today).filter((r) => {
      if (!o.posters[r.platform]) return false;
      const overtaken = (latest.get(`${familyOf(r.rule, r.occurrence)}|${r.platform}|${r.channelId}`) ?? '') > r.dueAt;
      if (overtaken) o.ledger.drop(r.id, 'a later post about the same event went out');
      return !overtaken;
    });
    return { claimed: sortClaimed([...claimed, ...retried]), undeliverable };
  });
}

const sortClaimed = (rows: PostRow[]) => rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
