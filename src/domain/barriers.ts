/**
 * The barrier map's categories: the work plan's five kinds of barrier to joining (section 4,
 * Evidence-based targeting), and the words members type for them.
 */

export const BARRIER_CATEGORIES = ['legal', 'defence', 'regional', 'awareness', 'priority'] as const;
export type BarrierCategory = (typeof BARRIER_CATEGORIES)[number];

/** Each category in the plan's words: what every reply and report shows. */
export const BARRIER_TEXT: Record<BarrierCategory, string> = {
  legal: 'Legal/technical',
  defence: 'Defence/security posture',
  regional: 'Regional political alignment',
  awareness: 'Lack of awareness',
  priority: 'Not a priority/bandwidth',
};

/** The short word of each category and the other words people use for it. */
const SYNONYMS: Record<string, BarrierCategory> = {
  legal: 'legal',
  technical: 'legal',
  law: 'legal',
  legislation: 'legal',
  defence: 'defence',
  defense: 'defence',
  security: 'defence',
  military: 'defence',
  regional: 'regional',
  region: 'regional',
  alignment: 'regional',
  political: 'regional',
  awareness: 'awareness',
  unaware: 'awareness',
  priority: 'priority',
  bandwidth: 'priority',
  capacity: 'priority',
};

/** The category a typed word stands for, if any ("bandwidth" → priority). */
export function barrierCategory(word: string): BarrierCategory | undefined {
  const key = word.toLowerCase();
  return Object.hasOwn(SYNONYMS, key) ? SYNONYMS[key] : undefined;
}

/** "legal (Legal/technical), defence (…), …": the categories as help and errors list them. */
export function categoriesText(): string {
  return BARRIER_CATEGORIES.map((key) => `${key} (${BARRIER_TEXT[key]})`).join(', ');
}
