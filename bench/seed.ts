/**
 * A log of the size a group reaches after years of use, written straight into a database that
 * ccm-bot opened and migrated: 100,000 entries (each with its audit row) spread over every
 * state, members on Slack, a top-15 list, barriers and 50 subscribed channels.
 * Deterministic: the same options give the same rows.
 */
import { slackAddresses } from '../src/adapters/slack/address.ts';
import type { Bot } from '../src/bot.ts';
import { addDays, daysBetween } from '../src/domain/dates.ts';
import * as schema from '../src/store/schema.ts';
import type { EntryRow } from '../src/store/store.ts';

export interface LogSize {
  entries: number;
  channels: number;
  /** Entries are dated from this day to the day before `today`. */
  since: string;
  today: string;
}

/** Members who logged the seeded entries. */
const MEMBERS = 30;
const LEVELS = ['geneva', 'capital', 'regional'] as const;

/** A small deterministic generator (mulberry32), so every run measures the same log. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function kindOf(r: number): EntryRow['kind'] {
  if (r < 0.4) return 'contacted';
  if (r < 0.75) return 'meeting';
  if (r < 0.95) return 'next_step';
  return 'interim';
}

/** Fills the bot's freshly migrated database. */
export function seedLog(bot: Bot, size: LogSize): void {
  const { db } = bot.database;
  const next = random(14);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const states = bot.states.all;
  const days = daysBetween(size.since, size.today);
  const createdAt = `${size.since}T08:00:00.000Z`;
  bot.database.sqlite.transaction(() => {
    const people = db
      .insert(schema.people)
      .values(
        Array.from({ length: MEMBERS }, (_, i) => ({
          platform: 'slack',
          platformUserId: `UM${i + 1}`,
          displayName: `Member ${i + 1}`,
          address: slackAddresses.encode({ kind: 'personal', id: `UM${i + 1}` }),
          createdAt,
        })),
      )
      .returning()
      .all();
    const chunk = 1_000;
    for (let from = 0; from < size.entries; from += chunk) {
      const rows = Array.from({ length: Math.min(chunk, size.entries - from) }, (_, i) => {
        const kind = kindOf(next());
        const occurredOn = addDays(size.since, Math.floor(next() * days));
        const at = `${occurredOn}T10:00:00.000Z`;
        const dueOn = kind === 'next_step' ? addDays(occurredOn, 14 + Math.floor(next() * 60)) : null;
        return {
          kind,
          stateIso3: states[(from + i) % states.length]!.iso3,
          occurredOn,
          level: kind === 'contacted' || kind === 'meeting' ? pick(LEVELS) : null,
          note: next() < 0.5 ? `discussed accession steps, note ${from + i}` : null,
          step: kind === 'next_step' ? 'send the model instrument' : kind === 'interim' ? 'voluntary Article 7 report' : null,
          dueOn,
          // Most next steps get done; the rest stay open, some of them overdue.
          completedOn: dueOn && next() < 0.95 && dueOn < size.today ? dueOn : null,
          personId: pick(people).id,
          createdAt: at,
          platform: 'slack',
          channelId: 'C1',
          withdrawnAt: next() < 0.02 ? at : null,
        };
      });
      const written = db.insert(schema.entries).values(rows).returning().all();
      db.insert(schema.audit)
        .values(
          written.map((row) => ({
            at: row.createdAt,
            personId: row.personId,
            platform: 'slack',
            channelId: 'C1',
            command: `${row.kind} ${row.stateIso3}`,
            action: `log ${row.kind}`,
            entity: 'entries',
            entityId: String(row.id),
            before: null,
            after: JSON.stringify(row),
          })),
        )
        .run();
    }
    const plan = bot.plans.activeOn(size.today);
    const notParty = states.filter((s) => s.ccmStatus !== 'party');
    db.insert(schema.targets)
      .values(
        notParty.slice(0, 15).map((s, i) => ({
          planId: plan.id,
          stateIso3: s.iso3,
          lead: `Member ${i + 1}`,
          addedBy: people[i % MEMBERS]!.id,
          addedAt: createdAt,
        })),
      )
      .run();
    db.insert(schema.barriers)
      .values(
        notParty.slice(0, 60).map((s, i) => ({
          stateIso3: s.iso3,
          category: (['legal', 'defence', 'regional', 'awareness', 'priority'] as const)[i % 5]!,
          note: 'elections until August',
          personId: people[i % MEMBERS]!.id,
          createdAt,
        })),
      )
      .run();
    db.insert(schema.subscriptions)
      .values(
        Array.from({ length: size.channels }, (_, i) => ({
          platform: 'slack',
          channelId: `CS${i + 1}`,
          address: slackAddresses.encode({ kind: 'channel', id: `CS${i + 1}` }),
          naming: i % 10 === 0 ? ('states' as const) : ('counts' as const),
          createdBy: people[0]!.id,
          createdAt,
        })),
      )
      .run();
  })();
}
