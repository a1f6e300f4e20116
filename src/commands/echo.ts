import { defineCommand } from '../core/command.ts';
import { fail, inChannel, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { undoButton } from './undo.ts';

type EchoArgs = { on: true; channelId: string } | { on: false; echoId: number };

export const echo = defineCommand<EchoArgs>({
  name: 'echo',
  usage: 'echo on|off',
  summary: 'In a channel: also post a one-line public notice (naming no state) when someone logs an entry there.',
  examples: ['echo on', 'echo off'],
  writes: true,
  role: 'coordinator',
  parse(rest, ctx) {
    const channel = inChannel(ctx, 'Type `echo on` in the chat channel where the notices should appear.');
    if (!channel.ok) return channel;
    const channelId = channel.args;
    const choice = words(rest).join(' ').toLowerCase();
    const current = ctx.store.channels.echo(ctx.who.platform, channelId);
    if (choice === 'on') {
      if (current) return fail(errorReply('already-on', 'The public echo is already on in this channel.'));
      return { ok: true, args: { on: true, channelId } };
    }
    if (choice === 'off') {
      if (!current) return fail(errorReply('already-off', 'The public echo is already off in this channel.'));
      return { ok: true, args: { on: false, echoId: current.id } };
    }
    return fail(errorReply('bad-syntax', 'Write `echo on` or `echo off`.'));
  },
  run(args, ctx) {
    const { changeId } = args.on
      ? ctx.store.changes.create(
          'echoes',
          { platform: ctx.who.platform, channelId: args.channelId, createdBy: ctx.person.id, createdAt: ctx.who.at },
          ctx.who,
          'echo on',
        )
      : ctx.store.changes.update('echoes', args.echoId, { removedAt: ctx.who.at }, ctx.who, 'echo off');
    return reply({
      tone: 'success',
      title: args.on ? 'Public echo on in this channel' : 'Public echo off in this channel',
      lines: [
        args.on
          ? 'When someone logs an entry here, the channel sees a one-line notice such as "Ana logged a meeting (#12)". It never names the state; the details stay private.'
          : 'Entries logged here are confirmed only to the person who logged them.',
      ],
      actions: [undoButton(changeId)],
    });
  },
});
