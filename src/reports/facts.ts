/**
 * The treaty facts the bot states today: the shipped data with the `joined` entries of the log
 * and the imported overrides applied (see domain/facts.ts). Built from the store for each
 * command or report, so a join or an import shows everywhere at once.
 */
import { type FactRecord, factsOf, joinedRecord, type StateFacts } from '../domain/facts.ts';
import type { StateDirectory, StateRecord } from '../domain/states.ts';
import type { Store } from '../store/store.ts';

export class TreatyFacts {
  private readonly cache = new Map<string, StateFacts>();
  private readonly byState = new Map<string, FactRecord[]>();

  private readonly states: StateDirectory;
  readonly records: readonly FactRecord[];

  constructor(states: StateDirectory, records: readonly FactRecord[]) {
    this.states = states;
    this.records = records;
    for (const record of records) this.byState.set(record.iso3, [...(this.byState.get(record.iso3) ?? []), record]);
  }

  /** A state's facts as the bot states them now. */
  of(state: StateRecord | string): StateFacts {
    const iso3 = typeof state === 'string' ? state : state.iso3;
    let facts = this.cache.get(iso3);
    if (!facts) {
      facts = factsOf(this.states.byCode(iso3), this.byState.get(iso3) ?? []);
      this.cache.set(iso3, facts);
    }
    return facts;
  }

  /**
   * A state's facts leaving one `joined` entry out: what the state was apart from that join, so
   * that counting judges a join by whether the state had already joined without it.
   */
  without(iso3: string, entryId: number): StateFacts {
    const records = (this.byState.get(iso3) ?? []).filter((r) => !(r.origin === 'joined' && r.id === entryId));
    return factsOf(this.states.byCode(iso3), records);
  }

  /** Every state's facts, in the shipped data's order. */
  all(): StateFacts[] {
    return this.states.all.map((state) => this.of(state));
  }

  /** These facts as recorded by `instant` (UTC ISO): a join logged or a fact imported later left out. */
  recordedBy(instant: string): TreatyFacts {
    return new TreatyFacts(
      this.states,
      this.records.filter((r) => r.recordedAt <= instant),
    );
  }

  /** These facts with more records added (an import about to be written), for its diff. */
  with(records: readonly FactRecord[]): TreatyFacts {
    return new TreatyFacts(this.states, [...this.records, ...records]);
  }
}

/** The facts as the store records them: its live `joined` entries and imported overrides. */
export function treatyFacts(store: Store, states: StateDirectory): TreatyFacts {
  const joins = store.entries.joins().map(joinedRecord);
  const imports = store.overrides.live().map(
    (row): FactRecord => ({
      iso3: row.stateIso3,
      column: row.column,
      value: row.value,
      ccmDate: row.ccmDate,
      asOf: row.asOf,
      source: row.source,
      origin: 'import',
      id: row.id,
      recordedAt: row.createdAt,
      file: row.file,
    }),
  );
  return new TreatyFacts(states, [...joins, ...imports]);
}
