/**
 * When a milestone falls, given what the plan says and what members set in chat.
 */
import { addDays, formatDate, formatWindow } from './dates.ts';
import { normalizeName } from './states.ts';

/** The fields of a stored milestone that its timing depends on. */
export interface MilestoneTiming {
  id: string;
  title: string;
  windowFrom: string;
  windowTo: string;
  plannedDate: string | null;
  setDate: string | null;
  doneOn: string | null;
}

/** The exact date if one is known: set in chat first, else from the plan file. */
export function exactDate(m: MilestoneTiming): string | null {
  return m.setDate ?? m.plannedDate;
}

/** The last day by which the milestone is due: its exact date, else the end of its window. */
export function dueDate(m: MilestoneTiming): string {
  const exact = exactDate(m);
  if (exact) return exact;
  const [year, month] = m.windowTo.split('-').map(Number);
  const firstOfNext = `${month === 12 ? year! + 1 : year}-${String(month === 12 ? 1 : month! + 1).padStart(2, '0')}-01`;
  return addDays(firstOfNext, -1);
}

/** The first day the milestone may fall on: its exact date, else the start of its window. */
export function earliestDate(m: MilestoneTiming): string {
  return exactDate(m) ?? `${m.windowFrom}-01`;
}

/** "12 May 2026" or "Apr–Jun 2026 (date not set)". */
export function whenText(m: MilestoneTiming): string {
  const exact = exactDate(m);
  return exact ? formatDate(exact) : `${formatWindow(m.windowFrom, m.windowTo)} (date not set)`;
}

export type MilestoneMatch<M> = { ok: true; milestone: M } | { ok: false; candidates: M[] };

/**
 * Finds a milestone (or anything else with an id and a title, such as a deliverable) by id
 * ("wg3"), by id with spaces ("support package") or by words of its
 * title ("third meeting"). More than one match is not a match: the caller asks which.
 */
export function findByIdOrTitle<M extends { id: string; title: string }>(typed: string, milestones: readonly M[]): MilestoneMatch<M> {
  const query = normalizeName(typed);
  const byId = milestones.find((m) => normalizeName(m.id) === query);
  if (byId) return { ok: true, milestone: byId };
  const queryWords = query.split(' ').filter(Boolean);
  const candidates = milestones.filter((m) => {
    const haystack = ` ${normalizeName(m.title)} ${normalizeName(m.id)} `;
    return queryWords.length > 0 && queryWords.every((w) => haystack.includes(` ${w}`));
  });
  if (candidates.length === 1) return { ok: true, milestone: candidates[0]! };
  // "third meeting" is in wg3's title as a phrase, and only as scattered words in PM1's.
  const asPhrase = candidates.filter((m) => ` ${normalizeName(m.title)} `.includes(` ${query} `));
  if (asPhrase.length === 1) return { ok: true, milestone: asPhrase[0]! };
  return { ok: false, candidates: (asPhrase.length > 1 ? asPhrase : candidates).slice(0, 3) };
}
