/**
 * Addresses kept fresh. Microsoft says a conversation's `serviceUrl` (its Bot Connector) can
 * change, and the latest one seen there should be used. So an activity in a subscribed channel
 * or group chat whose service URL differs from the stored one updates the subscription's
 * address, and reminders and digests go to the new one; an unchanged one writes nothing. The
 * person's own 1:1 chat is refreshed by their turn (the core keeps the address it is given).
 *
 * Only activities the adapter accepted come here: with an app id, their token named that
 * service URL (see ./http.ts).
 */
import type { Store } from '../../store/store.ts';
import type { IncomingActivity } from './activity.ts';
import { teamsAddresses } from './address.ts';
import { type TeamsPlace, userOf } from './incoming.ts';

/** What the audit trail says changed the address: no command was typed for it. */
const REFRESH = 'service URL seen';

/** Updates the subscription of the activity's place to the activity's service URL; true when it wrote. */
export function refreshSubscription(store: Store, activity: IncomingActivity, place: TeamsPlace): boolean {
  const subscription = store.channels.subscription('teams', place.conversationId);
  const stored = subscription?.address ? teamsAddresses.decode(subscription.address) : undefined;
  if (!subscription || !stored || stored.serviceUrl === activity.serviceUrl) return false;
  const address = teamsAddresses.encode({ ...stored, serviceUrl: activity.serviceUrl });
  const at = new Date().toISOString();
  store.transaction(() => {
    // Attributed to the person whose activity showed the new address, so it can be undone like any change.
    const person = store.people.meet({ platform: 'teams', ...userOf(activity) }, at);
    const who = { person, platform: 'teams', channelId: place.conversationId, command: REFRESH, at };
    store.changes.update('subscriptions', subscription.id, { address }, who, 'refresh channel address');
  });
  return true;
}
