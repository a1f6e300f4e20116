/**
 * Who sent a Slack request, as the core needs them: the display name and time zone from the
 * person's Slack profile (users.info), kept in the store after the first look-up.
 */
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/command.ts';
import type { Log } from '../../log.ts';
import { unlessBusy } from '../../store/busy.ts';
import type { Store } from '../../store/store.ts';
import { slackAddresses } from './address.ts';

/** How long a command waits for users.info before using the name in the payload. */
const PROFILE_LOOKUP_MS = 1500;

/** A person's display name and time zone from Slack's profile, or undefined when Slack does not answer. */
function lookUpProfile(client: webApi.WebClient, userId: string, log: Log): Promise<{ name?: string; timeZone?: string } | undefined> {
  return client.users
    .info({ user: userId })
    .then((r) => {
      const name = r.user?.profile?.display_name || r.user?.real_name || r.user?.name || undefined;
      return { ...(name ? { name } : {}), ...(r.user?.tz ? { timeZone: r.user.tz } : {}) };
    })
    .catch((error: unknown) => {
      log.warn('users.info failed', { user: userId, error: error instanceof Error ? error.message : String(error) });
      return undefined;
    });
}

/**
 * The actor of a request from a Slack user id. People already asked for their time zone by
 * this process are not asked again, so a profile without one costs one look-up per process.
 */
export function slackActors(store: Store) {
  const zonesAsked = new Set<string>();

  /**
   * The person's Slack display name and time zone: cached in the store after the first
   * users.info. When Slack is slow, the name in the payload stands in, and `refresh` fetches
   * the real one after the reply has gone (it must not hold up Slack's 3-second budget). A
   * person stored before time zones were kept gets theirs the same way, once.
   */
  return async function actorFor(
    client: webApi.WebClient,
    userId: string,
    fallbackName: string | undefined,
    team: string | undefined,
    log: Log,
  ): Promise<{ actor: Actor; refresh: () => Promise<void> }> {
    const known = store.people.known('slack', userId);
    const address = slackAddresses.encode({ kind: 'personal', id: userId });
    const organization = team ? { organization: team } : {};
    const keep = (profile: { name?: string; timeZone?: string } | undefined, name: string) => {
      if (!profile?.name && !profile?.timeZone) return;
      const person = { platform: 'slack', userId, displayName: profile.name ?? name, ...(profile.timeZone ? { timeZone: profile.timeZone } : {}) };
      // A cache: while another connection writes, it is left for the person's next command.
      if (!unlessBusy(() => store.transaction(() => store.people.meet(person, new Date().toISOString())))) {
        log.debug('the Slack profile was not kept: the database is busy', { user: userId });
      }
    };
    if (known) {
      const actor = { platform: 'slack', userId, displayName: known.displayName, address, ...organization };
      if (known.timeZone || zonesAsked.has(userId)) return { actor, refresh: async () => {} };
      zonesAsked.add(userId);
      // Only the zone: the name they are known by stays (a new one comes with their next first sight).
      return {
        actor,
        refresh: async () => {
          const profile = await lookUpProfile(client, userId, log);
          if (profile?.timeZone) keep({ timeZone: profile.timeZone }, known.displayName);
        },
      };
    }
    zonesAsked.add(userId);
    const lookup = lookUpProfile(client, userId, log);
    const looked = await Promise.race([lookup, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), PROFILE_LOOKUP_MS).unref())]);
    const refresh = async () => {
      if (looked) return;
      keep(await lookup, fallbackName || userId);
    };
    return {
      actor: {
        platform: 'slack',
        userId,
        displayName: looked?.name || fallbackName || userId,
        address,
        ...(looked?.timeZone ? { timeZone: looked.timeZone } : {}),
        ...organization,
      },
      refresh,
    };
  };
}
