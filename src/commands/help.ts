import { allows, aRole, ROLE_DUTIES, ROLE_HOLDERS } from '../core/access.ts';
import { defineCommand, type CommandDeclaration, leastRole } from '../core/command.ts';
import { fail } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { DATE_FORMS } from '../domain/read-date.ts';
import { LOG_OUTREACH_BUTTON } from './form.ts';

export const help = defineCommand<CommandDeclaration | null>({
  name: 'help',
  aliases: ['?', 'commands'],
  usage: 'help [<command>]',
  summary: 'The list of commands, or how to use one of them.',
  examples: ['help', 'help meeting'],
  writes: false,
  parse(rest, ctx) {
    const word =
      rest
        .trim()
        .replace(/^\/?ccm\s+/i, '')
        .split(/\s+/)[0]
        ?.toLowerCase() ?? '';
    if (word === '') return { ok: true, args: null };
    const command = ctx.commands.find((c) => c.name === word || c.aliases?.includes(word));
    if (command) return { ok: true, args: command };
    return fail(errorReply('unknown-command', `There is no command "${word}".`, { suggestions: [{ label: 'help', command: 'help' }] }));
  },
  run(command, ctx) {
    if (command === null) {
      return reply({
        tone: 'info',
        title: 'ccm-bot: the universalization follow-up log',
        lines: [
          'Log outreach in one line; replies are private to you. Type `help <command>` for details.',
          `Dates: ${DATE_FORMS}. Without a year: the latest such day when logging, the next one for a deadline.`,
          'A note goes after a dash: `contacted Kenya — note`.',
          `You are ${aRole(ctx.role)}: you ${ROLE_DUTIES[ctx.role]}.`,
        ],
        sections: [
          {
            heading: 'Commands',
            // Only what this person may use: a member's help is not a list of refusals.
            items: ctx.commands.filter((c) => allows(ctx.role, leastRole(c))).map((c) => ({ text: c.examples[0] ?? c.name, detail: c.summary })),
          },
        ],
        actions: [LOG_OUTREACH_BUTTON],
      });
    }
    return reply({
      tone: 'info',
      title: command.usage,
      lines: [
        command.summary,
        ...(command.aliases?.length ? [`Also: ${command.aliases.join(', ')}.`] : []),
        ...(allows(ctx.role, leastRole(command)) ? [] : [`Only ${ROLE_HOLDERS[leastRole(command)]} can use it; you are ${aRole(ctx.role)}.`]),
      ],
      sections: [{ heading: 'Examples', items: command.examples.map((text) => ({ text })) }],
    });
  },
});
