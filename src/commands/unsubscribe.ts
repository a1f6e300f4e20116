import { defineCommand } from '../core/command.ts';
import { fail } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { SubscriptionRow } from '../store/store.ts';
import { undoButton } from './undo.ts';

export const unsubscribe = defineCommand<SubscriptionRow>({
  name: 'unsubscribe',
  usage: 'unsubscribe',
  summary: 'Stop reminders and digests in this channel.',
  examples: ['unsubscribe'],
  writes: true,
  role: 'coordinator',
  parse(rest, ctx) {
    if (rest.trim() !== '') return fail(errorReply('bad-syntax', '`unsubscribe` takes nothing after it; type it in the channel to stop.'));
    const subscription = ctx.who.channelId === null ? undefined : ctx.store.channels.subscription(ctx.who.platform, ctx.who.channelId);
    if (!subscription) return fail(errorReply('not-subscribed', 'This channel does not receive reminders or digests.'));
    return { ok: true, args: subscription };
  },
  run(subscription, ctx) {
    const { changeId } = ctx.store.changes.update('subscriptions', subscription.id, { removedAt: ctx.who.at }, ctx.who, 'unsubscribe channel');
    return reply({
      tone: 'success',
      title: 'This channel no longer receives reminders or digests',
      actions: [undoButton(changeId)],
    });
  },
});
