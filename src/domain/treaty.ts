/**
 * Treaty facts that follow from the reference data by the Convention's own rules.
 */
import type { StateRecord } from './states.ts';

/**
 * Whether a state had joined the Convention by `day` (YYYY-MM-DD). A state counts as joined
 * from the day it deposited its instrument: the work plan's outreach is aimed at states that
 * have not yet done so, and a meeting held while a state was still outside counts as outreach.
 */
export function hadJoinedOn(state: Pick<StateRecord, 'ccmStatus' | 'ccmDate'>, day: string): boolean {
  return state.ccmStatus === 'party' && (state.ccmDate === null || state.ccmDate <= day);
}
