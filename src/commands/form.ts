import { defineCommand } from '../core/command.ts';
import { logOutreachForm } from '../core/form.ts';
import { fail } from '../core/parse.ts';
import { type Action, errorReply, reply } from '../core/reply.ts';
import { todayIn } from '../domain/dates.ts';
import { defaultLevel } from './default.ts';

/** The button that opens the form, on `help` and `home`: where a platform has no forms, it says what to type. */
export const LOG_OUTREACH_BUTTON: Action = { label: 'Log outreach', command: 'form', style: 'primary' };

export const form = defineCommand({
  name: 'form',
  aliases: ['log-outreach'],
  usage: 'form',
  summary: 'Log a contact, a meeting or a next step by filling in a form (in chat, a dialog; in the shell, questions one by one).',
  examples: ['form'],
  writes: false,
  parse(rest) {
    if (rest.trim() === '') return { ok: true, args: null };
    return fail(errorReply('bad-syntax', 'Type `form` alone: the form asks for the rest.', { lines: ['Nothing was saved.'] }));
  },
  run(_args, ctx) {
    // Today where the person is, but never a day the group's calendar has not reached: a meeting
    // dated "tomorrow" for the group would be refused as in the future.
    const theirs = ctx.person.timeZone ? todayIn(ctx.person.timeZone, new Date(ctx.who.at)) : ctx.today;
    const date = [theirs, ctx.today].toSorted()[0];
    return reply({
      tone: 'info',
      title: 'Log outreach',
      lines: ['Where no form can be shown, type the line instead: `meeting <state> held [on <date>] [in capital] [— note]`, `contacted …` or `next …`.'],
      form: logOutreachForm({ what: 'meeting', date, level: defaultLevel(ctx.store.people.settings(ctx.person.id)) }),
    });
  },
});
