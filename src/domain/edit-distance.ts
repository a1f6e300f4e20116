/**
 * How many edits separate two strings: insertions, deletions, substitutions and swaps of two
 * adjacent characters (optimal string alignment distance), so that "lao prd" is one edit from
 * "lao pdr". Used to offer corrections for typed state names, commands and dates.
 */

/** Three rows of the distance table, reused from call to call (they grow as needed). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The edit distance between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Number.POSITIVE_INFINITY);
}

/**
 * The edit distance between `a` and `b` when it is at most `limit`; otherwise some number above
 * `limit`. Name suggestions only need to know whether a name is close enough, so most names are
 * ruled out by their length alone, or after a few rows of the table instead of all of it.
 */
export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  let [older, previous, current] = rows;
  for (let j = 0; j < width; j++) previous[j] = j;
  // Each cell comes from the two rows above it (plus one for the older): once a row is past
  // the limit and the row before it is at least at it, every later row is past it too.
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, older[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit && previousMin >= limit) return limit + 1;
    [older, previous, current] = [previous, current, older];
    previousMin = rowMin;
  }
  return previous[width - 1]!;
}

/**
 * The letters a text holds, as bits (a–z one each; the space, digits and anything else share
 * three more). A letter one text has and the other lacks costs at least one edit, so
 * {@link lettersApart} is a lower bound of the edit distance, far cheaper to work out.
 */
export function letterBits(text: string, length = text.length): number {
  let bits = 0;
  for (let i = 0; i < length; i++) bits |= 1 << letterBit(text.charCodeAt(i));
  return bits;
}

function letterBit(code: number): number {
  if (code >= 97 && code <= 122) return code - 97;
  if (code === 32) return 26;
  return code >= 48 && code <= 57 ? 27 : 28;
}

/** At most the edit distance between two texts with these {@link letterBits}. */
export function lettersApart(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
