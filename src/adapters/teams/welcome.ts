/**
 * What the bot says when it is added: to a person (their 1:1 chat), to a team (its General
 * channel) or to a group chat. Three commands to try and `help`, and the Log outreach button that
 * opens the form's dialog; in shared places, how to address it and that answers stay private.
 */
import { LOG_OUTREACH_BUTTON } from '../../commands/form.ts';
import type { PlaceKind } from '../../core/address.ts';
import { type Reply, reply } from '../../core/reply.ts';

const WELCOME_EXAMPLES = ['meeting Lao PDR held', 'state Laos', 'log'] as const;

export function welcomeReply(kind: PlaceKind): Reply {
  const shared = kind !== 'personal';
  const mention = shared ? '@CCM ' : '';
  return reply({
    tone: 'info',
    title: 'Hello, I am CCM: the universalization follow-up log',
    lines: [
      shared
        ? 'Mention me first, then write the command in one line. I answer you privately, in your chat with me; here I only say that I did.'
        : 'Write one command per message. My answers are private to you.',
      ...(shared ? ['To receive my answers, add the app for yourself too (in your personal apps).'] : []),
    ],
    sections: [
      {
        heading: 'Try',
        items: [
          { text: `${mention}${WELCOME_EXAMPLES[0]}`, detail: 'log a meeting (you can press Undo)' },
          { text: `${mention}${WELCOME_EXAMPLES[1]}`, detail: 'what the group knows about a state' },
          { text: `${mention}${WELCOME_EXAMPLES[2]}`, detail: 'the latest entries' },
          { text: `${mention}help`, detail: 'every command' },
        ],
      },
    ],
    actions: [LOG_OUTREACH_BUTTON, { label: 'help', command: 'help' }],
  });
}
