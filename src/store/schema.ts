/**
 * The database: what ccm-bot must remember. Migrations in `migrations/` are generated from
 * this file with `npm run db:generate` and applied at start-up.
 *
 * Nothing a member logs is ever deleted: a withdrawn entry keeps its row with `withdrawnAt`,
 * and every change has a row in `audit` saying who made it, when and where.
 */
import { index, integer, sql, sqliteTable, text, uniqueIndex } from './orm.ts';

/** Mirror of `data/states.csv`, refreshed at start-up, so log rows can reference a state. */
export const states = sqliteTable('states', {
  iso3: text('iso3').primaryKey(),
  iso2: text('iso2').notNull(),
  name: text('name').notNull(),
  ccmStatus: text('ccm_status').notNull(),
  ccmDate: text('ccm_date'),
  apmbc: text('apmbc').notNull(),
  crpd: text('crpd').notNull(),
});

/**
 * Treaty facts imported with `ccm data import`, kept apart from the shipped mirror above so that
 * a release with a new `states.csv` never wipes them. One row per state and column of an import;
 * for each column the live row (or `joined` entry) with the latest `asOf` wins over the shipped
 * value. `ccm_status` rows carry the deposit date in `ccmDate` (a party's status and date are one fact).
 */
export const stateOverrides = sqliteTable(
  'state_overrides',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stateIso3: text('state_iso3')
      .notNull()
      .references(() => states.iso3),
    column: text('column', { enum: ['ccm_status', 'apmbc', 'crpd', 'unga_ccm_vote'] }).notNull(),
    value: text('value').notNull(),
    ccmDate: text('ccm_date'),
    /** The day the fact was true, as the import says (its `as_of` column, else the day of the import). */
    asOf: text('as_of').notNull(),
    source: text('source'),
    /** The imported file's name and the row's line in it, to trace a value back to its file. */
    file: text('file').notNull(),
    line: integer('line').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('state_overrides_state').on(t.stateIso3)],
);

/** A person as a chat platform knows them; display names are cached for replies and digests. */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    platformUserId: text('platform_user_id').notNull(),
    displayName: text('display_name').notNull(),
    /** Where the platform reaches the person privately (an address, see core/address.ts); none for the shell. */
    address: text('address'),
    /**
     * The person's own IANA time zone, as their platform reports it (Slack's profile, the Teams
     * client): personal nudges go out at the plan's time there. None: the group's (CCM_TIMEZONE).
     */
    timeZone: text('time_zone'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('people_platform_user').on(t.platform, t.platformUserId)],
);

/**
 * A person's own settings, e.g. the level their meetings are logged at when they give none.
 * One active row per person (while `removedAt` is null), changed through the audit trail so
 * that a change of setting is attributed and can be undone like any other.
 */
export const personSettings = sqliteTable(
  'person_settings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    defaultLevel: text('default_level', { enum: ['geneva', 'capital', 'regional'] }).notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('person_settings_one_active').on(t.personId).where(sql`removed_at IS NULL`)],
);

/**
 * What a person may do beyond logging and reading (see core/access.ts): coordinator or admin.
 * One active row per person (while `removedAt` is null); a member has none. Changed through
 * the audit trail with `role`, so every grant is attributed and can be undone. Admins named
 * in CCM_ADMINS need no row.
 */
export const personRoles = sqliteTable(
  'person_roles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    role: text('role', { enum: ['member', 'coordinator', 'admin'] }).notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('person_roles_one_active').on(t.personId).where(sql`removed_at IS NULL`)],
);

/**
 * Reminders held back on purpose, each over whole days (`fromDay` to `toDay`, both included,
 * in the group's calendar):
 * - `snooze`: the nudges about one next step (`entryId`), for its owner (`personId`);
 * - `away`: every nudge to `personId` while they are away;
 * - `quiet`: every reminder to every channel, over a holiday (`personId`: the coordinator who set it).
 * A reminder that falls inside goes out on the first day after (see domain/holds.ts). Changed
 * through the audit trail, so each is attributed and can be undone; live while `removedAt` is null.
 */
export const holds = sqliteTable(
  'holds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['snooze', 'away', 'quiet'] }).notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    entryId: integer('entry_id').references(() => entries.id),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [index('holds_kind').on(t.kind)],
);

/**
 * The follow-up log the plan asks for (Contacted; Meeting held; Next step agreed).
 * One table, one id sequence, so members can refer to any entry as #12.
 */
export const entries = sqliteTable(
  'entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * contacted, meeting, next_step: the follow-up log. interim: a step the state took on its
     * own (a statement, a national policy, a voluntary transparency report), text in `step`.
     * joined: its instrument was deposited on `occurredOn` (source in `note`); announced: it
     * announced its intent to join (`note`). The last two count toward the new-State-Party deliverable.
     */
    kind: text('kind', { enum: ['contacted', 'meeting', 'next_step', 'interim', 'joined', 'announced'] }).notNull(),
    stateIso3: text('state_iso3')
      .notNull()
      .references(() => states.iso3),
    /** The day it happened (contacts, meetings) or was agreed (next steps). */
    occurredOn: text('occurred_on').notNull(),
    level: text('level', { enum: ['geneva', 'capital', 'regional'] }),
    note: text('note'),
    /** Next steps only: what was agreed, and by when. The owner is the person who logged it. */
    step: text('step'),
    dueOn: text('due_on'),
    completedOn: text('completed_on'),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id'),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [
    // A state's entries by day, withdrawn ones included.
    index('entries_state_day').on(t.stateIso3, t.occurredOn),
    index('entries_person').on(t.personId),
    // A state's live entries by day, newest first: its card and log, the same meeting typed
    // twice; a card counts them from the index alone (with the index above, each of the
    // state's entries was read to see whether it was withdrawn).
    index('entries_live_state_day').on(t.stateIso3, t.occurredOn).where(sql`withdrawn_at IS NULL`),
    // The deposits behind every treaty fact shown, oldest first. (No index leads with the kind
    // alone: without statistics SQLite would take one for every query naming a kind.)
    index('entries_joins').on(t.occurredOn).where(sql`kind = 'joined' AND withdrawn_at IS NULL`),
    // Live entries by day, newest first for `log`.
    index('entries_live_day').on(t.occurredOn, t.kind, t.stateIso3, t.level).where(sql`withdrawn_at IS NULL`),
    // A state's live entries of one kind by day, with the level: the figures are counted in SQL
    // state by state from the index alone (each state's days as a party or not are a range),
    // and a state's kinds and latest contact are read without visiting its rows. It holds every
    // column countEntries reads, so `deliverable <id>` reads the whole log from it alone.
    index('entries_live_state_kind_day').on(t.stateIso3, t.kind, t.occurredOn, t.level).where(sql`withdrawn_at IS NULL`),
    // Next steps still open, by due date: what the scheduler nudges about every minute; and
    // by state, newest first: the open steps on a state's card, among its hundreds of entries.
    index('entries_open_steps').on(t.dueOn).where(sql`kind = 'next_step' AND completed_on IS NULL AND withdrawn_at IS NULL`),
    index('entries_open_steps_state').on(t.stateIso3, t.occurredOn).where(sql`kind = 'next_step' AND completed_on IS NULL AND withdrawn_at IS NULL`),
  ],
);

/**
 * Each plan's calendar, seeded from its file; dates set and completions made in chat live here.
 * A milestone belongs to one plan: a next cycle that reuses the id "wg1" starts afresh.
 */
export const milestones = sqliteTable('milestones', {
  /** `<plan id>/<milestone id>`: the row's identity, and the audit trail's reference to it. */
  key: text('key').primaryKey(),
  planId: text('plan_id').notNull(),
  /** The milestone's id within its plan, as members type it (`milestone wg3 date …`). */
  id: text('id').notNull(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  windowFrom: text('window_from').notNull(),
  windowTo: text('window_to').notNull(),
  /** The exact date the plan file gives, refreshed from the file at each start. */
  plannedDate: text('planned_date'),
  /** The exact date a member set in chat; wins over the plan file's. */
  setDate: text('set_date'),
  doneOn: text('done_on'),
});

/** Each plan's deliverables, seeded from its file, so later records can reference them. */
export const deliverables = sqliteTable('deliverables', {
  /** `<plan id>/<deliverable id>`. */
  key: text('key').primaryKey(),
  planId: text('plan_id').notNull(),
  id: text('id').notNull(),
  title: text('title').notNull(),
  dueMilestoneId: text('due_milestone_id').notNull(),
});

/** Each plan's top-15 engagement list. A state is on it while `removedAt` is null. */
export const targets = sqliteTable(
  'targets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: text('plan_id').notNull(),
    /** The "Convention regional champion" supporting the lead: a State Party, by ISO3 code. */
    champion: text('champion'),
    stateIso3: text('state_iso3')
      .notNull()
      .references(() => states.iso3),
    lead: text('lead'),
    addedBy: integer('added_by')
      .notNull()
      .references(() => people.id),
    addedAt: text('added_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('targets_one_active').on(t.planId, t.stateIso3).where(sql`removed_at IS NULL`)],
);

/** The plan's barrier categories, as `domain/barriers.ts` names them. */
const BARRIER_CATEGORIES = ['legal', 'defence', 'regional', 'awareness', 'priority'] as const;

/**
 * The barrier map: why a state has not joined, in the plan's five categories. A state holds at
 * most one current barrier per category (while `withdrawnAt` is null); recording it again
 * changes its note, through the audit trail.
 */
export const barriers = sqliteTable(
  'barriers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stateIso3: text('state_iso3')
      .notNull()
      .references(() => states.iso3),
    category: text('category', { enum: BARRIER_CATEGORIES }).notNull(),
    note: text('note'),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [index('barriers_state').on(t.stateIso3), uniqueIndex('barriers_one_current').on(t.stateIso3, t.category).where(sql`withdrawn_at IS NULL`)],
);

/**
 * The recommended engagement message for each barrier category, shown with the barrier map.
 * One current message per category (while `withdrawnAt` is null); a new text replaces it
 * through the audit trail, so it can be undone.
 */
export const barrierMessages = sqliteTable(
  'barrier_messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    category: text('category', { enum: BARRIER_CATEGORIES }).notNull(),
    message: text('message').notNull(),
    /** Who wrote the current text. */
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    withdrawnAt: text('withdrawn_at'),
  },
  (t) => [uniqueIndex('barrier_messages_one_current').on(t.category).where(sql`withdrawn_at IS NULL`)],
);

/** Channels that asked for reminders and digests, with what each platform needs to post there. */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** Where the platform posts to this channel (an address, see core/address.ts), stored as it arrived. */
    address: text('address'),
    /** `counts`: figures only, no state named (the default); `states`: digests name states, by explicit choice. */
    naming: text('naming', { enum: ['states', 'counts'] })
      .notNull()
      .default('counts'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
    /**
     * When the platform refused a post there as a conversation that is gone (not found: archived,
     * deleted): no more posts go there until someone subscribes it again. Delivery state, like
     * the ledger's, set by the scheduler rather than by a person.
     */
    goneAt: text('gone_at'),
    /** The refusal that made it gone (`not-found`). */
    goneFailure: text('gone_failure'),
  },
  (t) => [uniqueIndex('subscriptions_one_active').on(t.platform, t.channelId).where(sql`removed_at IS NULL`)],
);

/**
 * Channels where a member turned on the public echo: a one-line notice, naming no state,
 * that someone logged something. On while `removedAt` is null.
 */
export const echoes = sqliteTable(
  'echoes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => people.id),
    createdAt: text('created_at').notNull(),
    removedAt: text('removed_at'),
  },
  (t) => [uniqueIndex('echoes_one_active').on(t.platform, t.channelId).where(sql`removed_at IS NULL`)],
);

/**
 * Every change, append-only: who, when, where, which command, and the row before and after
 * (JSON), so any change can be undone and every undo is itself on record.
 */
export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id),
    platform: text('platform').notNull(),
    channelId: text('channel_id'),
    command: text('command').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    before: text('before'),
    after: text('after'),
    /** Set on a change once it has been undone, pointing at the undo's own audit row. */
    undoneBy: integer('undone_by'),
    /**
     * Changes made together by one command (a workshop's entries), marked with the first one's
     * id: undoing or redoing one of them by `undo`/`redo` takes the others along.
     */
    batch: integer('batch'),
  },
  (t) => [
    index('audit_person').on(t.personId),
    // The changes to one row: what undo checks before it reverses one.
    index('audit_entity').on(t.entity, t.entityId),
  ],
);

/**
 * Commands already carried out, by the key the platform gives a delivery (a Slack retry
 * carries the same one), so a retried or double-submitted command changes nothing twice.
 */
export const receipts = sqliteTable('receipts', {
  key: text('key').primaryKey(),
  at: text('at').notNull(),
  /** The reply first given, as JSON, to answer the retry the same way. */
  reply: text('reply').notNull(),
});

/**
 * The ledger of scheduled posts: the database is the schedule, cron only a heartbeat.
 * A post is claimed by inserting its row (unique per rule, occurrence and channel) before it
 * is sent, so two processes, a retry or a restart can never send it twice.
 */
export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What kind of post: meeting-7d, due-14d, digest, digest-part, nudge … */
    rule: text('rule').notNull(),
    /** Which event it is about, with the date it was computed for, e.g. wg3@2026-05-12. */
    occurrence: text('occurrence').notNull(),
    platform: text('platform').notNull(),
    channelId: text('channel_id').notNull(),
    /** When it fell due (ISO instant). */
    dueAt: text('due_at').notNull(),
    /** The last day of the event it announces; after it, a post not yet sent expires. */
    eventEndsOn: text('event_ends_on').notNull(),
    /** claimed → sending → sent; or failed (retried), skipped (superseded), expired, uncertain. */
    status: text('status', { enum: ['claimed', 'sending', 'sent', 'failed', 'skipped', 'expired', 'uncertain'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    claimedBy: text('claimed_by'),
    claimedAt: text('claimed_at'),
    sentAt: text('sent_at'),
    /** The platform's id of the sent message (Slack ts), for threading digest parts under it. */
    messageRef: text('message_ref'),
    /** Digest parts: the digest post they reply to. */
    parentId: integer('parent_id'),
    /** A post a hold (snooze, away, quiet period) moved: when it was due before, and which hold moved it. */
    heldFrom: text('held_from'),
    heldBy: integer('held_by'),
  },
  (t) => [uniqueIndex('posts_once').on(t.rule, t.occurrence, t.platform, t.channelId), index('posts_status').on(t.status)],
);
