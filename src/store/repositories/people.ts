/**
 * The people who use ccm-bot, as their platforms know them, and their own settings.
 */
import { isTimeZone } from '../../domain/dates.ts';
import { and, eq, isNull, param, prepared, sql } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { PersonRoleRow, PersonRow, PersonSettingsRow } from './rows.ts';

export class PeopleRepository {
  private readonly db: Db;
  private readonly knownQuery = prepared(() =>
    this.db
      .select()
      .from(schema.people)
      .where(and(eq(schema.people.platform, param('platform')), eq(schema.people.platformUserId, param('userId'))))
      .prepare(),
  );
  private readonly byIdQuery = prepared(() =>
    this.db
      .select()
      .from(schema.people)
      .where(eq(schema.people.id, param('id')))
      .prepare(),
  );
  // Read for every command (who may do what).
  private readonly roleQuery = prepared(() =>
    this.db
      .select()
      .from(schema.personRoles)
      .where(and(eq(schema.personRoles.personId, param('personId')), isNull(schema.personRoles.removedAt)))
      .prepare(),
  );
  private readonly settingsQuery = prepared(() =>
    this.db
      .select()
      .from(schema.personSettings)
      .where(and(eq(schema.personSettings.personId, param('personId')), isNull(schema.personSettings.removedAt)))
      .prepare(),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * The person behind a platform user id, created on first sight. A new display name, a new
   * address and a new time zone are kept; none given (the shell) keeps what was stored.
   */
  meet(who: { platform: string; userId: string; displayName: string; address?: string; timeZone?: string }, at: string): PersonRow {
    const { platform, userId: platformUserId, displayName } = who;
    const address = who.address ?? null;
    // Only a zone this Node knows: a nudge must never be scheduled in a zone it cannot compute.
    const timeZone = who.timeZone !== undefined && isTimeZone(who.timeZone) ? who.timeZone : null;
    const found = this.known(platform, platformUserId);
    if (found) {
      const changes = {
        ...(found.displayName !== displayName ? { displayName } : {}),
        ...(address !== null && found.address !== address ? { address } : {}),
        ...(timeZone !== null && found.timeZone !== timeZone ? { timeZone } : {}),
      };
      if (Object.keys(changes).length === 0) return found;
      this.db.update(schema.people).set(changes).where(eq(schema.people.id, found.id)).run();
      return { ...found, ...changes };
    }
    return this.db.insert(schema.people).values({ platform, platformUserId, displayName, address, timeZone, createdAt: at }).returning().get();
  }

  /** A platform user seen before, with the display name and address kept for them. */
  known(platform: string, platformUserId: string): PersonRow | undefined {
    return this.knownQuery().get({ platform, userId: platformUserId });
  }

  /** Every name a person is known by here, for checking that a report for circulation names nobody. */
  displayNames(): string[] {
    return this.db
      .selectDistinct({ name: schema.people.displayName })
      .from(schema.people)
      .all()
      .map((r) => r.name);
  }

  byId(id: number): PersonRow | undefined {
    return this.byIdQuery().get({ id });
  }

  /** A person's own settings, if they changed any. */
  settings(personId: number): PersonSettingsRow | undefined {
    return this.settingsQuery().get({ personId });
  }

  /** The role stored for a person with `role`; none for a member who was never given one. */
  role(personId: number): PersonRoleRow | undefined {
    return this.roleQuery().get({ personId });
  }

  /** Everyone seen so far, by name: for naming a person in `role`. */
  /** The personal time zones people have, each once (people with none follow the group's). */
  timeZones(): string[] {
    return this.db
      .selectDistinct({ timeZone: schema.people.timeZone })
      .from(schema.people)
      .where(sql`${schema.people.timeZone} IS NOT NULL`)
      .all()
      .flatMap((row) => (row.timeZone === null ? [] : [row.timeZone]));
  }

  all(): PersonRow[] {
    return this.db.select().from(schema.people).orderBy(sql`${schema.people.displayName} COLLATE NOCASE`).all();
  }
}
