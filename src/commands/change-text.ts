/**
 * One change of the audit trail as `history` shows it: one line that reads as the rest of the
 * bot does, with the time in the group's zone, people, states and milestones by name, dates as
 * "3 Mar 2026", and what was recorded or changed in words ("date 2 Mar 2026 → 3 Mar 2026"),
 * never the stored columns and codes.
 */
import type { CommandContext } from '../core/command.ts';
import type { ListItem } from '../core/reply.ts';
import { BARRIER_TEXT, type BarrierCategory } from '../domain/barriers.ts';
import { formatDate } from '../domain/dates.ts';
import type { Level } from '../domain/plan.ts';
import { topListName } from '../domain/plan-book.ts';
import { wallClock } from '../domain/time.ts';
import type { AuditRow, EntryRow } from '../store/store.ts';
import { KIND_TEXT, levelText } from './describe.ts';

type Row = Record<string, unknown>;

/** How a column reads: its label, and its value in words. A column absent here is bookkeeping, never shown. */
type Wording = { label: string; value: (value: unknown, ctx: CommandContext) => string };

const day = (value: unknown) => formatDate(String(value));
const instant = (value: unknown, ctx: CommandContext) => when(String(value), ctx.timeZone);
const state = (value: unknown, ctx: CommandContext) => ctx.states.byCode(String(value)).name;
const plain = (value: unknown) => `"${String(value)}"`;

/**
 * The columns people record, in the order a line names them. The rest (ids, the person and time
 * of the change, which the line starts with, the platform, the plan) is bookkeeping.
 */
const WORDING: Record<string, Wording> = {
  stateIso3: { label: 'state', value: state },
  kind: { label: 'kind', value: (value) => KIND_TEXT[value as EntryRow['kind']] ?? String(value) },
  category: { label: 'category', value: (value) => BARRIER_TEXT[value as BarrierCategory] ?? String(value) },
  occurredOn: { label: 'date', value: day },
  level: { label: 'level', value: (value) => levelText(value as Level) },
  step: { label: 'step', value: plain },
  dueOn: { label: 'due', value: day },
  completedOn: { label: 'done', value: day },
  note: { label: 'note', value: plain },
  message: { label: 'message', value: plain },
  lead: { label: 'lead', value: (value) => String(value) },
  champion: { label: 'champion', value: state },
  entryId: { label: 'entry', value: (value) => `#${String(value)}` },
  fromDay: { label: 'from', value: day },
  toDay: { label: 'until', value: day },
  column: { label: 'fact', value: (value) => String(value).replaceAll('_', ' ') },
  value: { label: 'value', value: (value) => String(value) },
  ccmDate: { label: 'CCM date', value: day },
  asOf: { label: 'as of', value: day },
  source: { label: 'source', value: plain },
  setDate: { label: 'date', value: day },
  doneOn: { label: 'done', value: day },
  defaultLevel: { label: 'default level', value: (value) => levelText(value as Level) },
  role: { label: 'role', value: (value) => String(value) },
  naming: { label: 'naming', value: (value) => String(value) },
  withdrawnAt: { label: 'withdrawn', value: instant },
  removedAt: { label: 'removed', value: instant },
};

/**
 * "3 Mar 2026 14:02 · Ana · log meeting #1: state Kenya, kind Meeting held, date 2 Mar 2026",
 * with where it was typed and the command as its detail.
 */
export function changeItem(change: AuditRow, ctx: CommandContext): ListItem {
  const who = ctx.store.people.byId(change.personId)?.displayName ?? 'unknown';
  const where = `${change.platform}${change.channelId ? ` ${change.channelId}` : ''}`;
  const undone = change.undoneBy !== null ? ` · reversed by change ${change.undoneBy}` : '';
  const what = differences(change, ctx);
  return {
    text: `${when(change.at, ctx.timeZone)} · ${who} · ${[change.action, subjectOf(change, ctx)].filter(Boolean).join(' ')}${what === '' ? '' : `: ${what}`}`,
    detail: `Change ${change.id} · ${where} · "${change.command}"${undone}`,
  };
}

/** The date and time of a change in the group's zone: "3 Mar 2026 14:02". */
function when(at: string, timeZone: string): string {
  const { date, time } = wallClock(new Date(at), timeZone);
  return `${formatDate(date)} ${time}`;
}

/** What the change is about: "#12" for an entry or its snooze, a milestone by its title, the list a target is on; else nothing, as the action names it. */
function subjectOf(change: AuditRow, ctx: CommandContext): string {
  if (change.entity === 'entries') return `#${change.entityId}`;
  if (change.entity === 'milestones') {
    // A milestone's key is its plan's id and its own, "<plan id>/<id>" (planKey).
    const planId = change.entityId.split('/')[0]!;
    const milestone = ctx.store.plans.milestones(planId).find((m) => m.key === change.entityId);
    return `"${milestone?.title ?? change.entityId}"`;
  }
  const row = JSON.parse(change.after ?? '{}') as Row;
  if (change.entity === 'holds') return row.kind === 'snooze' ? `#${String(row.entryId)}` : '';
  if (change.entity === 'targets') {
    const plan = ctx.plans.byId(String(row.planId));
    return plan ? `(${topListName(plan)})` : '';
  }
  // "record barrier", "set role", "set time away".
  return '';
}

/** The columns that mark a record withdrawn or removed, at that instant. */
const STAMPS: readonly string[] = ['withdrawnAt', 'removedAt'];

/** Columns a line leaves out for some records: what the subject already says. */
const SAID_BY_SUBJECT: Record<string, readonly string[]> = { holds: ['kind', 'entryId'] };

/** "date 2 Mar 2026 → 3 Mar 2026" for each column a change set; a creation lists what it recorded. */
function differences(change: AuditRow, ctx: CommandContext): string {
  const after = JSON.parse(change.after ?? '{}') as Row;
  const before = change.before === null ? undefined : (JSON.parse(change.before) as Row);
  const shown = (column: string, value: unknown) => (value === null || value === undefined ? 'none' : WORDING[column]!.value(value, ctx));
  const said = SAID_BY_SUBJECT[change.entity] ?? [];
  return Object.keys(WORDING)
    .filter((column) => Object.hasOwn(after, column) && !said.includes(column))
    .filter((column) => (before ? shown(column, before[column]) !== shown(column, after[column]) : after[column] !== null))
    .map((column) => {
      const { label } = WORDING[column]!;
      const [was, now] = [before?.[column] ?? null, after[column] ?? null];
      // A withdrawal and its undoing read as such, not as a time changing from or to none.
      if (STAMPS.includes(column) && was === null) return `${label} ${shown(column, now)}`;
      if (STAMPS.includes(column) && now === null) return `no longer ${label}`;
      return before ? `${label} ${shown(column, was)} → ${shown(column, now)}` : `${label} ${shown(column, now)}`;
    })
    .join(', ');
}
