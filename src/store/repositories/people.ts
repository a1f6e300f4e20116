/**
 * The people who use ccm-bot, as their platforms know them, and their own settings.
 */
import { isTimeZone } from '../../domain/dates.ts';
import { eq, prepared, rawStatement, selectList, sql } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';
import type { PersonRoleRow, PersonRow, PersonSettingsRow } from './rows.ts';

/** A person as a platform describes them when they send a command. */
export interface Newcomer {
  platform: string;
  userId: string;
  displayName: string;
  address?: string;
  timeZone?: string;
}

/** The id of a person not stored yet (SQLite's row ids start at 1). */
const NOT_STORED = 0;

export class PeopleRepository {
  private readonly db: Db;
  // Read for every request (who is asking, with which role and settings): better-sqlite3
  // returns these rows in their final shape (see `rawStatement`).
  private readonly knownQuery = prepared(() =>
    rawStatement<PersonRow>(this.db, `SELECT ${selectList(schema.people)} FROM people WHERE platform = @platform AND platform_user_id = @userId`),
  );
  private readonly byIdQuery = prepared(() => rawStatement<PersonRow>(this.db, `SELECT ${selectList(schema.people)} FROM people WHERE id = @id`));
  private readonly roleQuery = prepared(() =>
    rawStatement<PersonRoleRow>(this.db, `SELECT ${selectList(schema.personRoles)} FROM person_roles WHERE person_id = @personId AND removed_at IS NULL`),
  );
  private readonly settingsQuery = prepared(() =>
    rawStatement<PersonSettingsRow>(
      this.db,
      `SELECT ${selectList(schema.personSettings)} FROM person_settings WHERE person_id = @personId AND removed_at IS NULL`,
    ),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * The person behind a platform user id, created on first sight. A new display name, a new
   * address and a new time zone are kept; none given (the shell) keeps what was stored.
   */
  meet(who: Newcomer, at: string): PersonRow {
    const { person, news } = this.seen(who, at);
    if (!news) return person;
    if (person.id === NOT_STORED) {
      const { id: _none, ...row } = person;
      return this.db.insert(schema.people).values(row).returning().get();
    }
    const { displayName, address, timeZone } = person;
    this.db.update(schema.people).set({ displayName, address, timeZone }).where(eq(schema.people.id, person.id)).run();
    return person;
  }

  /**
   * The person as {@link meet} would leave them, without writing; `news` says whether meeting
   * them would write. Someone never stored has the id {@link NOT_STORED}, which no row has: a
   * command that only reads answers them before they are stored.
   */
  seen(who: Newcomer, at: string): { person: PersonRow; news: boolean } {
    const { platform, userId: platformUserId, displayName } = who;
    const address = who.address ?? null;
    // Only a zone this Node knows: a nudge must never be scheduled in a zone it cannot compute.
    const timeZone = who.timeZone !== undefined && isTimeZone(who.timeZone) ? who.timeZone : null;
    const found = this.known(platform, platformUserId);
    if (!found) return { person: { id: NOT_STORED, platform, platformUserId, displayName, address, timeZone, createdAt: at }, news: true };
    const person = {
      ...found,
      displayName,
      address: address ?? found.address,
      timeZone: timeZone ?? found.timeZone,
    };
    return { person, news: person.displayName !== found.displayName || person.address !== found.address || person.timeZone !== found.timeZone };
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

  /** The personal time zones people have, each once (people with none follow the group's). */
  timeZones(): string[] {
    return this.db
      .selectDistinct({ timeZone: schema.people.timeZone })
      .from(schema.people)
      .where(sql`${schema.people.timeZone} IS NOT NULL`)
      .all()
      .map((row) => row.timeZone!);
  }

  /** Everyone seen so far, by name: for naming a person in `role`. */
  all(): PersonRow[] {
    return this.db.select().from(schema.people).orderBy(sql`${schema.people.displayName} COLLATE NOCASE`).all();
  }
}
