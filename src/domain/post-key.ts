/**
 * The ledger's keys, written and read in one place. A post is claimed under (rule, occurrence,
 * platform, channel); the occurrence says what the post is about:
 * - a plan post: `<plan id>/<milestone id>@<day>` (milestone ids repeat across cycles);
 * - a digest's thread reply: its parent's occurrence and `#<part>`;
 * - a nudge: `entry-<id>@<due date>#<round>` (a new due date makes new nudges).
 */

/** The fields of a ledger key that make a post one of a kind. */
export interface PostIdentity {
  rule: string;
  occurrence: string;
  platform: string;
  channelId: string;
}

export function ledgerKey(k: PostIdentity): string {
  return `${k.rule}|${k.occurrence}|${k.platform}|${k.channelId}`;
}

export function planOccurrence(planId: string, milestoneId: string, day: string): string {
  return `${planId}/${milestoneId}@${day}`;
}

/** The plan and milestone a plan post (or a digest part) is about. */
export function occurrenceSubject(occurrence: string): { planId: string; milestoneId: string } | undefined {
  const match = /^([^/@#]+)\/([^/@#]+)@/.exec(occurrence);
  return match ? { planId: match[1]!, milestoneId: match[2]! } : undefined;
}

export function digestPartOccurrence(parentOccurrence: string, part: string): string {
  return `${parentOccurrence}#${part}`;
}

/** Which thread reply of a digest a digest-part occurrence is. */
export function digestPartOf(occurrence: string): string | undefined {
  return occurrence.split('#')[1];
}

export function nudgeOccurrence(entryId: number, dueOn: string, round: number): string {
  return `entry-${entryId}@${dueOn}#${round}`;
}

/** The next step a nudge is about, and the due date it was computed for. */
export function nudgeSubject(occurrence: string): { entryId: number; dueOn: string } | undefined {
  const match = /^entry-(\d+)@([\d-]+)#/.exec(occurrence);
  return match ? { entryId: Number(match[1]), dueOn: match[2]! } : undefined;
}

/**
 * The family of a post: posts of one family announce the same thing (the 7-day and the 1-day
 * reminder of one meeting; the weekly nudges about one next step), so when several are owed
 * at once only the latest is sent. Works on ledger keys, so stored posts group the same way.
 */
export function familyOf(rule: string, occurrence: string): string {
  const subject = occurrence.split('@')[0]!;
  if (rule.startsWith('meeting-')) return `meeting:${subject}`;
  if (rule.startsWith('due-')) return `due:${subject}`;
  if (rule === 'digest') return `digest:${subject}`;
  // One set-date prompt a month asks about every meeting awaiting a date: one family per plan.
  if (rule === 'set-date') return `set-date:${subject.split('/')[0]}`;
  if (rule === 'nudge') return `nudge:${subject}`;
  return `${rule}:${occurrence}`; // digest parts: each is its own
}
