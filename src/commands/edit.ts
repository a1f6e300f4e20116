import { defineCommand } from '../core/command.ts';
import { takeTrailingDue } from '../core/date-args.ts';
import { checkNote, fail, parseClauses, parseLiveEntry, parseState, words } from '../core/parse.ts';
import { splitNote } from '../core/split-note.ts';
import { errorReply, type Fact, reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import type { Level } from '../domain/plan.ts';
import type { EntryRow } from '../store/store.ts';
import { closedEntryGuard } from './cycle.ts';
import { levelText, othersEntry } from './describe.ts';
import { undoButton } from './undo.ts';

type EntryChanges = Partial<Pick<EntryRow, 'stateIso3' | 'occurredOn' | 'level' | 'dueOn' | 'step' | 'note'>>;

const CLAUSES = {
  state: { arg: 'state', kind: 'text' },
  on: { arg: 'date', kind: 'past-date' },
  via: { arg: 'level', kind: 'level' },
  in: { arg: 'level', kind: 'level' },
  at: { arg: 'level', kind: 'level' },
  by: { arg: 'due', kind: 'future-date' },
} as const;

const USAGE = 'edit <entry id> [state <state>] [on <date>] [via <level>] [by <date>] [step <new step, last>] [— new note]';

export const edit = defineCommand<{ entry: EntryRow; changes: EntryChanges }>({
  name: 'edit',
  aliases: ['correct'],
  usage: USAGE,
  summary: "Correct one of your entries (coordinators: anyone's): its state, date, level, due date, step or note.",
  examples: ['edit #12 on Monday', 'edit #12 state Lao PDR', 'edit #14 by 1 May — moved at their request'],
  writes: true,
  // An entry a closed plan counts is corrected by an admin only; anyone else's, by a coordinator.
  guard: ({ entry, changes }, ctx) => closedEntryGuard(entry, ctx, changes.occurredOn) ?? othersEntry(entry, ctx, 'edit #'),
  parse(rest, ctx) {
    const { body, note } = splitNote(rest);
    const [typedId, ...tokens] = words(body);
    const found = parseLiveEntry(typedId, ctx);
    if (!found.ok) return found;
    const entry = found.args;
    // `step` takes the rest of the line (a trailing "by <date>" aside), so the new text may
    // contain words such as "in" or "on" without them being read as clauses.
    const stepAt = tokens.findIndex((w) => w.toLowerCase() === 'step');
    const stepText = stepAt < 0 ? undefined : takeTrailingDue(tokens.slice(stepAt + 1), ctx);
    if (stepText && !stepText.ok) return stepText;
    const clauses = parseClauses(stepAt < 0 ? tokens : tokens.slice(0, stepAt), CLAUSES, ctx);
    if (!clauses.ok) return clauses;
    if (clauses.args.lead.length > 0) {
      return fail(
        errorReply('bad-syntax', `I don't understand "${clauses.args.lead.join(' ')}" here.`, {
          lines: [`Write what to change with a keyword: \`${USAGE}\`.`],
        }),
      );
    }
    const values: Record<string, string | undefined> = { ...clauses.args.values };
    if (stepText?.ok) {
      if (stepText.args.text.length === 0) return fail(errorReply('missing-value', '"step" needs the new text after it.'));
      values.step = stepText.args.text.join(' ');
      if (stepText.args.due !== undefined) values.due = stepText.args.due;
    }
    const changes: EntryChanges = {};
    if (values.state !== undefined) {
      const state = parseState(values.state, ctx);
      if (!state.ok) return state;
      changes.stateIso3 = state.args.iso3;
    }
    if (values.date !== undefined) {
      if (values.date > ctx.today) return fail(errorReply('future-date', `${formatDate(values.date)} is in the future.`));
      changes.occurredOn = values.date;
    }
    const isStep = entry.kind === 'next_step';
    if (values.level !== undefined) {
      if (isStep) return fail(errorReply('not-applicable', 'Next steps have no level.'));
      // Only contacts and meetings happen at a level; a join, an announcement or an interim step does not.
      if (entry.kind !== 'contacted' && entry.kind !== 'meeting')
        return fail(errorReply('not-applicable', `#${entry.id} has no level: only contacts and meetings do.`));
      changes.level = values.level as Level;
    }
    // An interim step keeps its text in `step` too, and has no due date.
    if ((values.due !== undefined && !isStep) || (values.step !== undefined && !isStep && entry.kind !== 'interim')) {
      return fail(errorReply('not-applicable', `#${entry.id} is not a next step: it has no step or due date.`));
    }
    if (values.due !== undefined) {
      if (values.due < ctx.today)
        return fail(errorReply('past-due', `${formatDate(values.due)} has passed: give a due date from today on.`, { lines: ['Nothing was saved.'] }));
      changes.dueOn = values.due;
    }
    if (values.step !== undefined) {
      const step = checkNote(values.step, 'next step');
      if (!step.ok) return step;
      changes.step = step.args ?? null;
    }
    if (note !== undefined) {
      const checked = checkNote(note);
      if (!checked.ok) return checked;
      changes.note = checked.args ?? null;
    }
    if (Object.keys(changes).length === 0) {
      return fail(errorReply('nothing-to-change', 'What should change?', { lines: [`\`${USAGE}\``] }));
    }
    return { ok: true, args: { entry, changes } };
  },
  run({ entry, changes }, ctx) {
    const { row, changeId } = ctx.store.changes.update('entries', entry.id, changes, ctx.who, 'edit entry');
    const shown: Fact[] = [];
    const show = (label: string, before: string, after: string) => {
      if (before !== after) shown.push({ label, value: `${before} → ${after}` });
    };
    show('State', ctx.states.byCode(entry.stateIso3).name, ctx.states.byCode(row.stateIso3).name);
    show('Date', formatDate(entry.occurredOn), formatDate(row.occurredOn));
    show('Level', levelText(entry.level), levelText(row.level));
    show('Due', entry.dueOn ? formatDate(entry.dueOn) : 'none', row.dueOn ? formatDate(row.dueOn) : 'none');
    show('Step', entry.step ?? '', row.step ?? '');
    show('Note', entry.note ?? '(none)', row.note ?? '(none)');
    return reply({
      tone: 'success',
      title: `Edited #${entry.id}`,
      facts: shown.length > 0 ? shown : [{ label: 'Changes', value: 'none: the values were already so' }],
      actions: [undoButton(changeId)],
    });
  },
});
