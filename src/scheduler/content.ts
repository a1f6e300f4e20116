/**
 * What a claimed post says, and where it goes, built in the pass that sends it, or why it is no
 * longer wanted. A digest is built once per pass, plan meeting and naming, and reused for every
 * channel and each of its thread parts: one build instead of one per post (a digest of a big log
 * takes tens of milliseconds), and a parent and its parts that tell the same figures.
 */
import type { Reply } from '../core/reply.ts';
import { todayIn } from '../domain/dates.ts';
import { digestPartOf, nudgeSubject, occurrenceSubject } from '../domain/post-key.ts';
import type { PlannedPost } from '../domain/schedule.ts';
import { buildDigest, type Digest } from '../reports/digest.ts';
import { namesIn } from '../reports/figures-only.ts';
import type { Naming } from '../reports/figures-only.ts';
import type { ReportContext } from '../reports/progress.ts';
import { dueReminder, meetingReminder, overdueNudge, setDatePrompt } from '../reports/reminders.ts';
import type { PostRow } from '../store/ledger.ts';
import type { MilestoneRow } from '../store/store.ts';
import type { SchedulerOptions } from './options.ts';

export type PostContent =
  | { reply: Reply; address: string; threadRef?: string }
  | { skip: string }
  /** A digest part whose parent is not out yet: it waits with its claim. */
  | { wait: true };

type Claimed = Pick<PostRow, 'rule' | 'occurrence' | 'platform' | 'channelId' | 'parentId' | 'dueAt'>;

/** What the posts of one pass are built from, worked out once for the pass rather than once per post. */
export interface PassContent {
  ctx: ReportContext;
  /** The plans' posts. */
  planned: readonly PlannedPost[];
  /** Digests built so far in this pass, by plan, meeting and naming. */
  digests: Map<string, Digest>;
}

export function passContent(ctx: ReportContext, planned: readonly PlannedPost[]): PassContent {
  return { ctx, planned, digests: new Map() };
}

export function postContent(o: SchedulerOptions, post: Claimed, pass: PassContent): PostContent {
  const { ctx, planned } = pass;
  if (post.rule === 'nudge') return nudgeContent(o, post, ctx);
  const subscription = o.store.channels.subscription(post.platform, post.channelId);
  if (!subscription) return { skip: 'the channel unsubscribed' };
  if (!subscription.address) return { skip: 'the channel has no address to post to; subscribe again there' };
  const subject = occurrenceSubject(post.occurrence);
  const plan = subject && o.plans.byId(subject.planId);
  const milestone = plan && o.store.plans.milestones(plan.id).find((m) => m.id === subject.milestoneId);
  if (!milestone) return { skip: 'the milestone is no longer in the plan' };
  const inPlan = { ...ctx, plan };
  const { address, naming } = subscription;
  if (post.rule === 'digest-part') {
    const parent = post.parentId ? o.ledger.byId(post.parentId) : undefined;
    if (!parent?.messageRef || parent.status !== 'sent') return { wait: true };
    const part = digestOf(pass, inPlan, milestone, naming).parts.find((p) => p.key === digestPartOf(post.occurrence));
    if (!part) return { skip: 'the plan no longer has this deliverable' };
    return withheldIfNaming(naming, inPlan, { reply: part.reply, address, threadRef: parent.messageRef });
  }
  const plannedPost = planned.find((p) => p.rule === post.rule && p.occurrence === post.occurrence);
  if (!plannedPost) return { skip: 'the milestone moved or was done since' };
  const reply = plannedPost.kind === 'digest' ? digestOf(pass, inPlan, milestone, naming).parent : plannedReply(o, plannedPost, inPlan, naming);
  return reply ? withheldIfNaming(naming, inPlan, { reply, address }) : { skip: 'nothing to post' };
}

/**
 * The last guard of a channel subscribed for figures only, on the finished post: one that would
 * still name a state or a person (through a title the plan file supplies, say) is not sent.
 */
function withheldIfNaming(naming: Naming, ctx: ReportContext, content: { reply: Reply; address: string; threadRef?: string }): PostContent {
  if (naming !== 'counts') return content;
  const names = namesIn(content.reply, ctx);
  return names.length === 0 ? content : { skip: `it would name ${names.join(', ')} in a channel subscribed for figures only` };
}

function digestOf(pass: PassContent, ctx: ReportContext, meeting: MilestoneRow, naming: Naming): Digest {
  const key = `${ctx.plan.id}\n${meeting.id}\n${naming}`;
  let digest = pass.digests.get(key);
  if (!digest) {
    digest = buildDigest(ctx, meeting, naming);
    pass.digests.set(key, digest);
  }
  return digest;
}

/** The nudge to a next step's owner, to their stored personal address, while the step is still overdue. */
function nudgeContent(o: SchedulerOptions, post: Claimed, ctx: ReportContext): PostContent {
  const subject = nudgeSubject(post.occurrence);
  const entry = subject && o.store.entries.byId(subject.entryId);
  if (!entry || entry.completedOn || entry.withdrawnAt) return { skip: 'the next step was done or withdrawn' };
  const owner = o.store.people.byId(entry.personId);
  // Overdue in the owner's own calendar on the nudge's day, which may be a day off the group's.
  const ownerToday = owner?.timeZone ? todayIn(owner.timeZone, new Date(post.dueAt)) : ctx.today;
  if (entry.dueOn !== subject.dueOn || !entry.dueOn || entry.dueOn >= ownerToday) return { skip: 'the next step got a new due date' };
  const address = owner?.address;
  if (!address) return { skip: 'the owner has no address to reach them' };
  return { reply: overdueNudge(ctx, entry), address };
}

/** A reminder, set-date prompt or digest headline of a plan, as the reply a channel reads. */
export function plannedReply(o: SchedulerOptions, p: PlannedPost, ctx: ReportContext, naming: Naming): Reply | undefined {
  const milestone = o.store.plans.milestones(p.planId).find((m) => m.id === p.milestoneId);
  if (!milestone) return undefined;
  if (p.kind === 'digest') return buildDigest(ctx, milestone, naming).parent;
  const shown = { ...ctx, naming };
  if (p.about === 'set-date') return setDatePrompt(shown);
  return p.about === 'meeting' ? meetingReminder(shown, p, milestone) : dueReminder(shown, p, milestone);
}
