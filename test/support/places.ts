/**
 * Slack people and conversations as the Slack adapter hands them to the core, with their
 * addresses, for tests that drive the core directly.
 */
import { slackAddresses } from '../../src/adapters/slack/address.ts';
import type { Actor, Place } from '../../src/core/command.ts';

/** A Slack conversation: a D… id is a direct message, anything else a channel. */
export function slackPlace(channelId: string): Place {
  const kind = channelId.startsWith('D') ? 'personal' : 'channel';
  return { platform: 'slack', kind, channelId, address: slackAddresses.encode({ kind, id: channelId }) };
}

export function slackActor(userId: string, displayName: string): Actor {
  return { platform: 'slack', userId, displayName, address: slackAddresses.encode({ kind: 'personal', id: userId }) };
}
