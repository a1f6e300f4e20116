/**
 * The progress digest before a working group meeting: a headline message, then one thread
 * reply per deliverable (target, progress, change since the previous meeting, risk), then
 * top-15 coverage, overdue next steps and the next milestones. The first two replies are
 * pictures: the progress chart, and the world map of CCM status.
 *
 * `naming: 'counts'` is for channels outside the group: the same figures, no state named, and
 * the status map without the top-15 list.
 */
import { progressFigure, reply, type Reply } from '../core/reply.ts';
import { addDays, daysBetween, formatDate } from '../domain/dates.ts';
import type { LastMeeting } from '../domain/calendar.ts';
import { earliestDate, exactDate, whenText } from '../domain/milestones.ts';
import type { DeliverableProgress } from '../domain/progress.ts';
import { meetingsSharingWindow } from '../domain/schedule.ts';
import type { MilestoneRow } from '../store/store.ts';
import { progressChartPicture, worldMapPicture, worldMapTitle } from './pictures.ts';
import { deliverableTitle, milestoneTitle, type Naming } from './figures-only.ts';
import { calendarOf, deliverableProgress, isAtRisk, progressCounts, progressItems, progressNowAndThen, type ReportContext, statusText } from './progress.ts';

export interface Digest {
  parent: Reply;
  /** Thread replies, each with a stable key (the ledger records each one once). */
  parts: { key: string; reply: Reply }[];
}

/** The working group meeting a digest is for: the next one (see domain/calendar.ts), or the one named. */
export function digestMeeting(ctx: ReportContext, milestoneId?: string): MilestoneRow | undefined {
  const calendar = calendarOf(ctx);
  if (milestoneId) return calendar.meetings().find((m) => m.id === milestoneId);
  return calendar.nextMeeting(ctx.today);
}

/** Why changes are counted from the day they are, in the words of the digest. */
const SINCE_IS: Record<LastMeeting<unknown>['sinceIs'], string> = {
  date: 'its date',
  done: 'the day it was marked done',
  'window-start': "its window's first day, no date set",
};

export function buildDigest(group: ReportContext, meeting: MilestoneRow, naming: Naming): Digest {
  // Every title below as this channel may read it: generic where a plan title names a state.
  const ctx: ReportContext = { ...group, naming };
  // "Since the previous meeting": the meeting before this one in calendar order that has taken
  // place, from its date, the day it was marked done, or its window's first day.
  const last = calendarOf(ctx).lastMeetingBefore(meeting, ctx.today);
  const since = last?.since;
  const { now, before } = since ? progressNowAndThen(ctx, since) : { now: deliverableProgress(ctx), before: undefined };

  const { measured, met, behind } = progressCounts(now);
  const atRisk = now.filter((d) => isAtRisk(d, ctx.today)).length;
  const days = daysBetween(ctx.today, earliestDate(meeting));
  // Undated meetings in one window get one digest (see meetingsSharingWindow): it names them all.
  const sharing = meetingsSharingWindow(ctx.plan, meeting, ctx.store.plans.milestones(ctx.plan.id));
  const ids = sharing.map((m) => m.id);
  const parent = reply({
    tone: 'info',
    visibility: 'public',
    title:
      sharing.length > 1
        ? `Progress digest for the next working group meeting (${ids.slice(0, -1).join(', ')} or ${ids.at(-1)}, date not set)`
        : `Progress digest for the ${milestoneTitle(ctx, meeting)}`,
    facts: [
      { label: 'Meeting', value: `${whenText(meeting)}${exactDate(meeting) && days >= 0 ? `, in ${days} ${days === 1 ? 'day' : 'days'}` : ''}` },
      ...(sharing.length > 1 ? [{ label: 'One digest for', value: sharing.map((m) => `${milestoneTitle(ctx, m)} (${m.id})`).join('; ') }] : []),
      { label: 'Deliverables', value: `${met} of ${measured} met, ${measured - met - behind} in progress (${atRisk} at risk), ${behind} past due` },
      ...(last
        ? [{ label: 'Changes counted since', value: `${formatDate(last.since)} (${milestoneTitle(ctx, last.meeting)}: ${SINCE_IS[last.sinceIs]})` }]
        : []),
    ],
    lines: [
      ...(sharing.length > 1
        ? [`These meetings share their window and have no date yet; once one is set (\`milestone ${ids[0]} date <date>\`), each gets its own digest.`]
        : []),
      'Details follow in this thread, one message per deliverable.',
    ],
  });

  const parts = [
    {
      key: PICTURE_PARTS[0],
      reply: reply({
        tone: 'info',
        visibility: 'public',
        title: 'Progress chart: every deliverable against its target',
        picture: progressChartPicture(ctx, now),
      }),
    },
    { key: PICTURE_PARTS[1], reply: mapPart(ctx, naming) },
    ...now.map((d, i) => ({ key: d.deliverable.id, reply: deliverablePart(ctx, d, before?.[i], since) })),
  ];
  parts.push({ key: EXTRA_PARTS[0], reply: coveragePart(ctx, naming) });
  parts.push({ key: EXTRA_PARTS[1], reply: overduePart(ctx, naming) });
  parts.push({ key: EXTRA_PARTS[2], reply: nextMilestonesPart(ctx) });
  return { parent, parts };
}

/** The pictures come first, right under the headline: what a reader on a phone sees first. */
const PICTURE_PARTS = ['progress-chart', 'world-map'] as const;
const EXTRA_PARTS = ['top-15-coverage', 'overdue-next-steps', 'next-milestones'] as const;

/** The keys of a digest's thread replies, in order, without building them. */
export function digestPartKeys(plan: ReportContext['plan']): string[] {
  return [...PICTURE_PARTS, ...plan.deliverables.map((d) => d.id), ...EXTRA_PARTS];
}

/** The world map: with the top-15 list for the group's channel, the public status map for any other. */
function mapPart(ctx: ReportContext, naming: Naming): Reply {
  const withTargets = naming === 'states';
  return reply({
    tone: 'info',
    visibility: 'public',
    title: worldMapTitle(ctx, withTargets ? 'with-targets' : 'status-only'),
    picture: worldMapPicture(ctx, withTargets ? 'with-targets' : 'status-only'),
  });
}

/** Why an unmet deliverable is at risk, if it is. */
function risk(d: DeliverableProgress, today: string): string | undefined {
  if (d.status === 'done' || d.status === 'info') return undefined;
  if (d.status === 'behind') return `Past due since ${formatDate(d.dueOn)} and not met.`;
  if (!isAtRisk(d, today)) return undefined;
  const daysLeft = daysBetween(today, d.dueOn);
  const short = d.indicators
    .filter((i) => !i.met && i.target !== undefined && i.origin === 'plan')
    .map((i) => `${i.target! - i.current} more ${i.label.toLowerCase()}`);
  return `At risk: ${short.join('; ')} needed in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}.`;
}

function deliverablePart(ctx: ReportContext, d: DeliverableProgress, before: DeliverableProgress | undefined, since: string | undefined): Reply {
  const today = ctx.today;
  const changes = d.indicators.map((indicator, j) => {
    const delta = indicator.current - (before?.indicators[j]?.current ?? 0);
    return `${indicator.label}: ${delta > 0 ? `+${delta}` : delta === 0 ? 'no change' : String(delta)}`;
  });
  const riskLine = risk(d, today);
  return reply({
    tone: d.status === 'behind' ? 'warning' : 'info',
    visibility: 'public',
    title: deliverableTitle(ctx, d.deliverable),
    facts: [
      { label: 'Target', value: d.indicators.map((i) => targetText(i.label, i.target, i.targetMax)).join('; ') },
      { label: 'Due', value: `${formatDate(d.dueOn)} · ${statusText(d)}` },
    ],
    progress: progressItems(d, ctx).map(({ group: _group, ...p }) => p),
    lines: [`Since ${since ? formatDate(since) : 'the start of the log'}: ${changes.join('; ')}.`, ...(riskLine ? [riskLine] : [])],
  });
}

function targetText(label: string, target: number | undefined, max: number | undefined): string {
  if (target === undefined) return `${label}: no numeric target`;
  return `${label}: ${max !== undefined && max !== target ? `${target}–${max}` : target}`;
}

function coveragePart(ctx: ReportContext, naming: Naming): Reply {
  const targets = ctx.store.targets.active(ctx.plan.id);
  const staleDays = ctx.plan.reminders.staleContactDays;
  const cutoff = addDays(ctx.today, -staleDays);
  const last = ctx.store.entries.lastContacts(targets.map((t) => t.stateIso3));
  const stale = targets.filter((t) => (last.get(t.stateIso3) ?? '') < cutoff);
  const title = `Top-${ctx.plan.targetListSize} coverage: ${stale.length} of ${targets.length} listed states without contact in ${staleDays} days`;
  return reply({
    tone: stale.length > 0 ? 'warning' : 'info',
    visibility: 'public',
    title,
    sections:
      naming === 'states'
        ? [
            {
              heading: `No contact or meeting since ${formatDate(cutoff)}`,
              items: stale.map((t) => {
                const contact = last.get(t.stateIso3);
                return {
                  text: ctx.states.byCode(t.stateIso3).name,
                  detail: `${contact ? `last contact ${formatDate(contact)}` : 'never contacted'} · lead ${t.lead ?? 'not assigned'}`,
                };
              }),
              empty: targets.length === 0 ? 'The list is empty.' : 'Every listed state was contacted recently.',
            },
          ]
        : undefined,
  });
}

function overduePart(ctx: ReportContext, naming: Naming): Reply {
  const overdue = ctx.store.entries.overdueStepsWithOwners(ctx.today);
  return reply({
    tone: overdue.length > 0 ? 'warning' : 'info',
    visibility: 'public',
    title: `Overdue next steps: ${overdue.length}`,
    sections:
      naming === 'states'
        ? [
            {
              heading: 'Past their due date, not marked done',
              items: overdue.map((e) => ({
                text: `#${e.id} ${ctx.states.byCode(e.stateIso3).name}: ${e.step ?? ''}`,
                detail: `due ${formatDate(e.dueOn ?? '')} · owner ${e.owner ?? 'unknown'}`,
              })),
              empty: 'None.',
            },
          ]
        : undefined,
  });
}

/** How many of what is coming up the digest lists. */
const NEXT_MILESTONES = 6;

function nextMilestonesPart(ctx: ReportContext): Reply {
  const upcoming = calendarOf(ctx).comingUp(ctx.today).slice(0, NEXT_MILESTONES);
  return reply({
    tone: 'info',
    visibility: 'public',
    title: 'Next milestones',
    sections: [{ heading: 'Coming up', items: upcoming.map((m) => ({ text: milestoneTitle(ctx, m), detail: whenText(m) })), empty: 'None left in this plan.' }],
  });
}

/** The whole digest as one reply, for `digest` in chat and `ccm digest`: its figures in words, without the pictures. */
export function digestAsOneReply(digest: Digest): Reply {
  return reply({
    ...digest.parent,
    lines: undefined,
    visibility: 'private',
    sections: digest.parts
      .filter(({ reply: part }) => !part.picture)
      .flatMap(({ reply: part }) => [
        {
          heading: part.title,
          items: [
            ...(part.facts ?? []).map((f) => ({ text: `${f.label}: ${f.value}` })),
            ...(part.progress ?? []).map((p) => ({
              text: `${p.label}: ${progressFigure(p)}`,
              detail: p.detail,
            })),
            ...(part.lines ?? []).map((text) => ({ text })),
            ...(part.sections ?? []).flatMap((s) => s.items),
          ],
        },
      ]),
  });
}
