/**
 * How far outreach to a state has come, read from its log: contacted → meeting held → next step
 * agreed → announced → joined. The furthest step the log shows is the stage; a later contact
 * does not move a state back.
 */
import type { EntryKind } from './plan.ts';

const STAGES = ['not contacted yet', 'contacted', 'meeting held', 'next step agreed', 'announced', 'joined'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage each kind of entry shows a state has reached (interim steps say nothing about outreach). */
const STAGE_OF: Partial<Record<EntryKind, Stage>> = {
  contacted: 'contacted',
  meeting: 'meeting held',
  next_step: 'next step agreed',
  announced: 'announced',
  joined: 'joined',
};

export function outreachStage(kinds: Iterable<EntryKind>): Stage {
  let reached = 0;
  for (const kind of kinds) {
    const stage = STAGE_OF[kind];
    if (stage) reached = Math.max(reached, STAGES.indexOf(stage));
  }
  return STAGES[reached]!;
}
