/**
 * A state's treaty facts as the bot states them: the shipped data (`data/states.csv`), overridden
 * by what was recorded since, a `joined` entry in the log or a `ccm data import`. For each fact
 * the later as-of date wins between those records (on the same day, the one recorded last); any
 * of them wins over the shipped data, which a later release may bring unchanged. Every fact
 * keeps where it comes from, so that the bot never shows a status without its date and source.
 */
import type { CcmStatus, StateRecord, TreatyStatus } from './state-record.ts';

/**
 * The day the shipped CCM, Mine Ban Convention and CRPD columns were checked against: the UN
 * Treaty Collection status pages "as at 3 Feb 2026" (data/STATES-SOURCES.md, source 20).
 */
export const SHIPPED_AS_OF = '2026-02-03';
export const SHIPPED_SOURCE = 'UN Treaty Collection';
/** Rows whose `verified` column is not `yes` rest partly on older or single sources (STATES-SOURCES.md, "Cells not verified"). */
const PARTLY_VERIFIED_SOURCE = 'early 2026, partly verified: see data/STATES-SOURCES.md';
/** No country-by-country vote was found for the shipped data (STATES-SOURCES.md, source 17). */
const NO_VOTE_SOURCE = 'no recorded vote in the shipped data';

/** The facts an import or a join can change. A party's deposit date goes with `ccm_status`. */
const FACT_COLUMNS = ['ccm_status', 'apmbc', 'crpd', 'unga_ccm_vote'] as const;
export type FactColumn = (typeof FACT_COLUMNS)[number];

export const UNGA_VOTES = ['yes', 'no', 'abstain', 'absent', 'unknown'] as const;

/** Where a fact the bot shows comes from. */
export interface Provenance {
  origin: 'shipped' | 'import' | 'joined';
  /** The day the fact was true; null when the data gives none (an unknown UNGA vote). */
  asOf: string | null;
  /** The source as recorded; null when none was given. */
  source: string | null;
  /** The imported file, or the `joined` entry's number. */
  file?: string;
  entryId?: number;
}

/** One recorded fact that overrides the shipped data: a row of an import, or a `joined` entry. */
export interface FactRecord {
  iso3: string;
  column: FactColumn;
  value: string;
  /** `ccm_status` only: the deposit date of a party. */
  ccmDate: string | null;
  asOf: string;
  source: string | null;
  origin: 'import' | 'joined';
  /** The import row's or the entry's id, and when it was recorded: the tie-breakers. */
  id: number;
  recordedAt: string;
  file?: string;
}

export interface StateFacts extends StateRecord {
  provenance: Record<FactColumn, Provenance>;
}

/** The state as the shipped data has it, each fact dated and sourced. */
function shippedFacts(state: StateRecord): StateFacts {
  const checked: Provenance =
    state.verified === 'yes'
      ? { origin: 'shipped', asOf: SHIPPED_AS_OF, source: SHIPPED_SOURCE }
      : { origin: 'shipped', asOf: null, source: PARTLY_VERIFIED_SOURCE };
  const vote: Provenance = state.ungaCcmVote === 'unknown' ? { origin: 'shipped', asOf: null, source: NO_VOTE_SOURCE } : checked;
  return { ...state, provenance: { ccm_status: checked, apmbc: checked, crpd: checked, unga_ccm_vote: vote } };
}

/** Which of two records stands: the later as-of date, then the later recorded. */
function later(a: FactRecord, b: FactRecord): FactRecord {
  if (a.asOf !== b.asOf) return a.asOf > b.asOf ? a : b;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt > b.recordedAt ? a : b;
  return a.id >= b.id ? a : b;
}

/** The shipped state with the records about it applied, column by column. */
export function factsOf(state: StateRecord, records: readonly FactRecord[]): StateFacts {
  const facts = shippedFacts(state);
  for (const column of FACT_COLUMNS) {
    const standing = records
      .filter((r) => r.iso3 === state.iso3 && r.column === column)
      .reduce<FactRecord | undefined>((a, b) => (a ? later(a, b) : b), undefined);
    if (!standing) continue;
    facts.provenance[column] = {
      origin: standing.origin,
      asOf: standing.asOf,
      source: standing.source,
      ...(standing.origin === 'joined' ? { entryId: standing.id } : { file: standing.file }),
    };
    switch (column) {
      case 'ccm_status':
        facts.ccmStatus = standing.value as CcmStatus;
        facts.ccmDate = standing.value === 'party' ? standing.ccmDate : null;
        // What the state was before it deposited, as far as the shipped data says.
        facts.ccmStatusBefore = standing.value === 'party' && state.ccmStatus !== 'party' ? state.ccmStatus : undefined;
        break;
      case 'apmbc':
        facts.apmbc = standing.value as TreatyStatus;
        break;
      case 'crpd':
        facts.crpd = standing.value as TreatyStatus;
        break;
      case 'unga_ccm_vote':
        facts.ungaCcmVote = standing.value;
        break;
    }
  }
  return facts;
}

/** A `joined` entry as the fact it records: a party from the day of deposit, as of that day. */
export function joinedRecord(entry: { id: number; stateIso3: string; occurredOn: string; note: string | null; createdAt: string }): FactRecord {
  return {
    iso3: entry.stateIso3,
    column: 'ccm_status',
    value: 'party',
    ccmDate: entry.occurredOn,
    asOf: entry.occurredOn,
    source: entry.note,
    origin: 'joined',
    id: entry.id,
    recordedAt: entry.createdAt,
  };
}

/** A fact's value as the import file and the diff spell it. */
export function columnValue(facts: StateRecord, column: FactColumn | 'ccm_date'): string {
  switch (column) {
    case 'ccm_status':
      return facts.ccmStatus;
    case 'ccm_date':
      return facts.ccmDate ?? '';
    case 'apmbc':
      return facts.apmbc;
    case 'crpd':
      return facts.crpd;
    case 'unga_ccm_vote':
      return facts.ungaCcmVote;
  }
}
