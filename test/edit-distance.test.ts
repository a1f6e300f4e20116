/**
 * The edit distance behind name, command and date corrections, and the shortcuts that make
 * state-name suggestions fast: they must never change which names come close enough.
 */
import { describe, expect, it } from 'vitest';
import { boundedEditDistance, editDistance, letterBits, lettersApart } from '../src/domain/edit-distance.ts';

/** The whole table, as the textbook writes it: the reference the fast version is checked against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const TYPED = [
  'lao prd',
  'lao pdr',
  'kenia',
  'kenya',
  'viet nam',
  'vietnam',
  'vet nam',
  'tanzan',
  'united republic of tanzania',
  'guinea bissau',
  'guinea equatorial',
  'equatorial guinea',
  'nigerr',
  'niger',
  'nigeria',
  'atlantis',
  'korea',
  'republic of korea',
  'cote divoire',
  'cote d ivoire',
  'phillipines',
  'philippines',
  'columbia',
  'colombia',
  'congo 2',
  'ab',
  'ba',
  'a',
  '',
];

describe('edit distance', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('lao prd', 'lao pdr')).toBe(1);
    expect(editDistance('kenia', 'kenya')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('agrees with the whole table, and a bounded one says only whether the limit is passed', () => {
    for (const a of TYPED) {
      for (const b of TYPED) {
        const exact = reference(a, b);
        expect(editDistance(a, b)).toBe(exact);
        for (let limit = 0; limit <= 6; limit++) {
          const bounded = boundedEditDistance(a, b, limit);
          if (exact <= limit) expect(bounded).toBe(exact);
          else expect(bounded).toBeGreaterThan(limit);
        }
        expect(lettersApart(letterBits(a), letterBits(b))).toBeLessThanOrEqual(exact);
      }
    }
  });
});
