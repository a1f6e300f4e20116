import { defineCommand } from '../core/command.ts';
import { fail, inChannel, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { planSchedule } from '../domain/schedule.ts';
import { formatInstant } from '../domain/time.ts';
import { undoButton } from './undo.ts';
import type { Naming } from '../reports/figures-only.ts';

/** `resume`: the subscription of a channel once gone, taken up again. */
export const subscribe = defineCommand<{ channelId: string; naming: Naming; resume?: number }>({
  name: 'subscribe',
  usage: 'subscribe [with names]',
  summary: 'Make this channel receive reminders and the progress digest before each working group meeting (figures only, unless `with names`).',
  examples: ['subscribe', 'subscribe with names'],
  writes: true,
  role: 'coordinator',
  parse(rest, ctx) {
    const channel = inChannel(ctx, 'Type `subscribe` in the chat channel that should receive reminders and digests.', [
      'The local shell has no channel to post to. `digest` shows the digest here.',
    ]);
    if (!channel.ok) return channel;
    const channelId = channel.args;
    const option = words(rest).join(' ').toLowerCase();
    if (option !== '' && option !== 'with names') {
      return fail(errorReply('bad-syntax', 'Write `subscribe` (figures only), or `subscribe with names` in the group’s own private channel.'));
    }
    const existing = ctx.store.channels.subscription(ctx.who.platform, channelId);
    // A channel the platform said was gone (see scheduler/deliver.ts) is subscribed again: resumed.
    if (existing?.goneAt) return { ok: true, args: { channelId, naming: existing.naming, resume: existing.id } };
    if (existing) {
      return fail(
        errorReply('already-subscribed', 'This channel already receives reminders and digests.', {
          suggestions: [{ label: 'List subscriptions', command: 'subscriptions' }],
        }),
      );
    }
    return { ok: true, args: { channelId, naming: option === 'with names' ? 'states' : 'counts' } };
  },
  run({ channelId, naming, resume }, ctx) {
    const { changeId } =
      resume === undefined
        ? ctx.store.changes.create(
            'subscriptions',
            { platform: ctx.who.platform, channelId, address: ctx.place.address, naming, createdBy: ctx.person.id, createdAt: ctx.who.at },
            ctx.who,
            'subscribe channel',
          )
        : ctx.store.changes.update('subscriptions', resume, { goneAt: null, goneFailure: null, address: ctx.place.address }, ctx.who, 'resume subscription');
    const now = new Date(ctx.who.at);
    const next = planSchedule(ctx.plan, ctx.store.plans.milestones(ctx.plan.id), ctx.timeZone).find((p) => p.dueAt > now);
    return reply({
      tone: 'success',
      title: resume === undefined ? 'This channel now receives reminders and digests' : 'This channel receives reminders and digests again',
      facts: [
        {
          label: 'Digests',
          value:
            naming === 'states'
              ? 'name states, overdue next steps and owners: keep this channel private to the group'
              : 'figures only, no state named (`subscribe with names` in a private group channel for details)',
        },
        { label: 'Next post', value: next ? `${next.kind} about ${next.milestoneId}, ${formatInstant(next.dueAt, ctx.timeZone)}` : 'none left in this plan' },
      ],
      lines: ['If ccm-bot is not a member of this channel yet, add it to the channel so that it can post.'],
      actions: [undoButton(changeId)],
    });
  },
});
