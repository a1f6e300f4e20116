/**
 * How wide a line of DejaVu Sans is, without a canvas. Vega measures text with a canvas when
 * one is installed and otherwise guesses 0.8 em a character, which is a third too wide for this
 * font: legends spread out and pictures grow blank margins. These are DejaVu Sans's own advance
 * widths, grouped (within about 3% of the font's metrics, kerning left out): close enough to lay
 * out labels, and the same on every machine.
 */

/** Advance widths in em, by the characters that share them. */
const WIDTHS: [string, number][] = [
  ["ijlIJ|'!.,:;", 0.3],
  ['frt()[]-/ ·"', 0.36],
  ['–', 0.5],
  ['csz', 0.53],
  ['abdeghknopquvxy0123456789#$€+=<>?', 0.61],
  ['ABCEFKLPRSTVXYZ', 0.66],
  ['DGHNOQU&%', 0.77],
  ['mwM', 0.88],
  ['W—@', 1],
];
const EM = new Map(WIDTHS.flatMap(([chars, em]) => [...chars].map((c) => [c, em] as const)));
/** Anything else (accented letters, other scripts) is taken as an average lowercase letter. */
const OTHER_EM = 0.62;
/** DejaVu Sans Bold runs about a tenth wider. */
const BOLD_FACTOR = 1.1;

export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  // Decomposed, an accented letter is its base letter plus marks that take no room.
  for (const c of text.normalize('NFD')) em += /\p{M}/u.test(c) ? 0 : (EM.get(c) ?? OTHER_EM);
  return em * fontSize * (bold ? BOLD_FACTOR : 1);
}
