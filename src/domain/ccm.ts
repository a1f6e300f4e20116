/**
 * The Convention's own calendar, and what the reference data lets us say about a state on a
 * given day. The data (`data/states.csv`) gives each party the date its instrument was
 * deposited (`ccm_date`); it has no signature dates, no withdrawal dates, and does not say
 * whether an instrument was a ratification or an accession. Nothing here goes beyond that and
 * the Convention's text.
 */
import type { CcmStatus, StateRecord } from './state-record.ts';

/** Art. 15: open for signature from 3 December 2008 (Oslo) until entry into force. */
const OPENED_FOR_SIGNATURE = '2008-12-03';
/** Art. 17(1): the thirtieth instrument (Burkina Faso and Moldova, the same day) was deposited on 16 Feb 2010... */
const THIRTIETH_DEPOSIT = '2010-02-16';
/** ...so the Convention entered into force on the first day of the sixth month after that month. */
const ENTRY_INTO_FORCE = '2010-08-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day the Convention entered into force for a state that deposited its instrument on
 * `deposited` (ISO date). Art. 17: instruments deposited up to the thirtieth share the
 * Convention's own entry into force (1 Aug 2010); later ones take effect on the first day of
 * the sixth month after the month of deposit (5 Sep 2025 → 1 Mar 2026).
 */
export function entryIntoForceFor(deposited: string): string {
  const match = ISO_DATE.exec(deposited);
  if (!match) throw new Error(`Not an ISO date: ${deposited}`);
  if (deposited <= THIRTIETH_DEPOSIT) return ENTRY_INTO_FORCE;
  const months = Number(match[1]) * 12 + (Number(match[2]) - 1) + 6;
  const year = Math.floor(months / 12);
  const month = (months % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** A party's two dates: when it joined (deposit) and when it became bound (entry into force). */
export interface Joining {
  deposited: string;
  inForceFrom: string;
}

/** The joining dates of a party whose deposit date the data gives; otherwise nothing. */
export function joiningOf(state: StateRecord): Joining | undefined {
  if (state.ccmStatus !== 'party' || !state.ccmDate) return undefined;
  return { deposited: state.ccmDate, inForceFrom: entryIntoForceFor(state.ccmDate) };
}

/** Whether the Convention is in force for the state on `day`: only then is it a State Party. */
export function isStatePartyOn(state: StateRecord, day: string): boolean {
  const joining = joiningOf(state);
  return joining !== undefined && day >= joining.inForceFrom;
}

/**
 * The first day {@link ccmStatusOn} calls the state a party, or undefined when it never does:
 * from that day on it is one (the data has no withdrawal dates). Counting in SQL splits each
 * state's entries at this day (see `figureQuery` in counting.ts).
 */
export function partySince(state: StateRecord): string | undefined {
  if (state.ccmStatus !== 'party' || !state.ccmDate) return undefined;
  return state.ccmDate > OPENED_FOR_SIGNATURE ? state.ccmDate : OPENED_FOR_SIGNATURE;
}

/**
 * A state's CCM status on a given day (ISO date), counting a state as joined from the day it
 * deposited its instrument (not from entry into force). `unknown` where the data cannot say:
 * before a party's deposit (it may or may not have signed first), a signatory before signature
 * closed (the data has no signature dates), and a withdrawn state (the data has no withdrawal
 * date). Before the Convention opened for signature no state had any status under it.
 */
export function ccmStatusOn(state: StateRecord, day: string): CcmStatus | 'unknown' {
  if (!ISO_DATE.test(day)) throw new Error(`Not an ISO date: ${day}`);
  if (day < OPENED_FOR_SIGNATURE) return 'not_signatory';
  switch (state.ccmStatus) {
    case 'party':
      if (state.ccmDate && day >= state.ccmDate) return 'party';
      // Before the deposit a recorded join knows what the state was; the shipped data alone does not.
      return state.ccmDate && state.ccmStatusBefore && state.ccmStatusBefore !== 'party'
        ? ccmStatusOn({ ...state, ccmStatus: state.ccmStatusBefore, ccmDate: null, ccmStatusBefore: undefined }, day)
        : 'unknown';
    case 'signatory':
      // Signature closed at entry into force (Art. 15), so every signatory had signed by then.
      return day >= ENTRY_INTO_FORCE ? 'signatory' : 'unknown';
    case 'not_signatory':
      return 'not_signatory';
    case 'withdrawn':
      return 'unknown';
  }
}
