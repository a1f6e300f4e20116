import { type CommandContext, defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { type Action, type ListItem, type Reply, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import { whenText } from '../domain/milestones.ts';
import { calendarOf, deliverableProgress, progressItems } from '../reports/progress.ts';
import type { EntryRow } from '../store/store.ts';
import { entryItem } from './describe.ts';
import { LOG_OUTREACH_BUTTON } from './form.ts';

/** Steps with buttons: two each, and a Home tab or a card stays short enough to read on a phone. */
const STEPS_WITH_BUTTONS = 5;
/** The group's latest entries shown. */
const LATEST = 5;

export const home = defineCommand<null>({
  name: 'home',
  aliases: ['dashboard'],
  usage: 'home',
  summary: "Your dashboard: your open and overdue next steps (with Done and Snooze), the next milestone, the deliverables, and the group's latest entries.",
  examples: ['home'],
  writes: false,
  parse: noArguments('home'),
  run: (_args, ctx) => homeReply(ctx),
});

/**
 * One person's dashboard, for `home` on every platform and for an app home view where the
 * platform has one. Private, as every reply is: it lists the person's own steps and the group's log.
 */
function homeReply(ctx: CommandContext): Reply {
  const steps = ctx.store.entries.openNextStepsOf(ctx.person.id);
  const overdue = steps.filter((s) => s.dueOn !== null && s.dueOn < ctx.today);
  const next = calendarOf(ctx).comingUp(ctx.today)[0];
  const away = ctx.store.holds.awayOf(ctx.person.id);
  return reply({
    tone: 'info',
    title: `Home: ${ctx.person.displayName}`,
    facts: [
      { label: 'Your open next steps', value: `${steps.length}${overdue.length > 0 ? `, ${overdue.length} overdue` : ''}` },
      { label: 'Next milestone', value: next ? `${next.title}: ${whenText(next)}` : 'none left in this plan' },
      ...(away && away.toDay >= ctx.today ? [{ label: 'Away', value: `until ${formatDate(away.toDay)}: no nudges` }] : []),
    ],
    // Compact bars: the deliverables' figures without their headings and details.
    progress: deliverableProgress(ctx)
      .flatMap((d) => progressItems(d))
      .map(({ group: _group, detail: _detail, ...bar }) => bar),
    sections: [
      {
        heading: 'Your next steps',
        items: steps.map((s) => stepItem(s, ctx)),
        empty: 'None open. Log one with `next <state> <step> by <date>`.',
      },
      {
        heading: 'Latest entries of the group',
        items: ctx.store.entries.recent(undefined, LATEST).rows.map((e) => entryItem(e, ctx, { withState: true })),
        empty: 'Nothing logged yet. `log` lists the whole log.',
      },
    ],
    actions: [
      LOG_OUTREACH_BUTTON,
      ...steps.slice(0, STEPS_WITH_BUTTONS).flatMap((s): Action[] => [
        { label: `Done #${s.id}`, command: `done #${s.id}`, style: 'primary' },
        { label: `Snooze #${s.id} 1 week`, command: `snooze #${s.id} 1 week` },
      ]),
    ],
  });
}

/** "#12 · Kenya: send model instrument", with its due date and whether it is overdue or snoozed. */
function stepItem(step: EntryRow, ctx: CommandContext): ListItem {
  const state = ctx.states.byCode(step.stateIso3);
  const snoozed = ctx.store.holds.snoozeOf(step.id);
  const due = step.dueOn ? `${step.dueOn < ctx.today ? 'overdue since' : 'due'} ${formatDate(step.dueOn)}` : 'no due date';
  const quiet = snoozed && snoozed.toDay >= ctx.today ? ` · snoozed until ${formatDate(snoozed.toDay)}` : '';
  return { text: `#${step.id} · ${state.name}: ${step.step ?? ''}`, detail: `${due}${quiet}` };
}
