/**
 * What ccm-bot knows of one state: a row of `data/states.csv` as the code reads it. Apart from
 * the directory that finds states by name (states.ts) and the CSV reader (states-csv.ts), so
 * that both use it without importing each other.
 */

/** A state's standing under the Convention on Cluster Munitions, as `data/states.csv` gives it. */
export const CCM_STATUSES = ['party', 'signatory', 'not_signatory', 'withdrawn'] as const;
export type CcmStatus = (typeof CCM_STATUSES)[number];

/** A state's standing under another treaty the data records: the Mine Ban Convention (`apmbc`), the CRPD. */
export type TreatyStatus = 'party' | 'signatory' | 'not_party' | 'withdrawn' | 'withdrawing';

export interface StateRecord {
  iso3: string;
  iso2: string;
  /** The UN short name, e.g. "Lao People's Democratic Republic". */
  name: string;
  aliases: string[];
  unMember: boolean;
  ccmStatus: CcmStatus;
  /**
   * Date the party's instrument (ratification, acceptance, approval or accession; the data does
   * not say which) was deposited. Not the date it became a State Party: see `domain/ccm.ts`.
   */
  ccmDate: string | null;
  /**
   * A party's status before `ccmDate`, when a later record (a `joined` entry, an import) made it
   * a party and the earlier data said what it was: Kenya, a signatory, stays one until it deposits.
   */
  ccmStatusBefore?: CcmStatus;
  apmbc: TreatyStatus;
  crpd: TreatyStatus;
  unRegionGroup: string;
  au: boolean;
  asean: boolean;
  caricom: boolean;
  ungaCcmVote: string;
  verified: string;
  /** ISO 3166-1 numeric code ("004"): how world map data names countries. */
  isoNumeric: string;
}
