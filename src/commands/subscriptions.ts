import { defineCommand } from '../core/command.ts';
import { noArguments } from '../core/parse.ts';
import { reply } from '../core/reply.ts';
import { dateOfInstant, formatDate } from '../domain/dates.ts';
import { quietSection } from './quiet.ts';

export const subscriptions = defineCommand<null>({
  name: 'subscriptions',
  usage: 'subscriptions',
  summary: 'The channels that receive reminders and digests, and the quiet periods that hold them.',
  examples: ['subscriptions'],
  writes: false,
  parse: noArguments('subscriptions', 'To change, type `subscribe` or `unsubscribe` in the channel.'),
  run(_args, ctx) {
    const rows = ctx.store.channels.subscriptions();
    return reply({
      tone: 'info',
      title: `Subscribed channels: ${rows.length}`,
      sections: [
        {
          heading: 'Channels',
          items: rows.map((s) => ({
            text: `${s.platform} channel ${s.channelId}`,
            detail: `since ${formatDate(dateOfInstant(s.createdAt, ctx.timeZone))}, by ${ctx.store.people.byId(s.createdBy)?.displayName ?? 'unknown'} · ${s.naming === 'states' ? 'digests name states' : 'figures only'}${
              s.goneAt
                ? ` · gone since ${formatDate(dateOfInstant(s.goneAt, ctx.timeZone))} (${goneReason(s.goneFailure)}): nothing is posted there until someone types \`subscribe\` in it again`
                : ''
            }`,
          })),
          empty: 'None yet. Type `subscribe` in the channel that should receive them.',
        },
        quietSection(ctx),
      ],
    });
  },
});

/** Why a platform refused a channel, in a member's words. */
function goneReason(failure: string | null): string {
  return failure === 'not-found' ? 'the channel was not found: archived or deleted' : `refused: ${failure ?? 'unknown'}`;
}
