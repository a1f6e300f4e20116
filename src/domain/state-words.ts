/**
 * The words a sentence may name a state by, beyond the grammar's names, aliases and codes:
 * demonyms and adjectival forms ("Kenyan", "ougandaise", "venezolana") and the French and
 * Spanish names ("l'Ouganda", "Kenia"), from `data/state-words.csv` (sources in
 * `data/STATE-WORDS-SOURCES.md`). Capitals are there too, but name no state: "in Nairobi" says
 * where a meeting was held, not with whom. A word several states share ("Congolese") is kept
 * with all of them, so that the reader asks which.
 */
import { readFileSync } from 'node:fs';
import { boundedEditDistance } from './edit-distance.ts';
import { normalizeName, parseCsv, type StateDirectory, type StateRecord } from './states.ts';

/** One row of `data/state-words.csv`, each list as the file spells it. */
export interface StateWordsRow {
  iso3: string;
  words: string[];
  capitals: string[];
}

/** Reads `data/state-words.csv`: iso3, demonyms, French names, Spanish names, capitals (lists split on ";"). */
export function loadStateWords(path: string): StateWordsRow[] {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const at = (name: string) => header!.indexOf(name);
  const list = (row: string[], name: string) => (row[at(name)] ?? '').split(';').filter(Boolean);
  return rows.map((row) => ({
    iso3: row[at('iso3')]!,
    words: [...list(row, 'demonyms'), ...list(row, 'names_fr'), ...list(row, 'names_es')],
    capitals: list(row, 'capitals'),
  }));
}

/** A state named in a sentence: the words' place, the state(s) they may mean, and how they were read. */
export interface StateMention {
  start: number;
  end: number;
  typed: string;
  states: StateRecord[];
  /** `near`: no word matched, but one is a letter or two from a name ("Tailand"). */
  how: 'exact' | 'near';
}

/** The longest name, in words, looked for ("Saint Vincent and the Grenadines", "República Democrática Popular de Lao"). */
const LONGEST = 6;

/** A word of a sentence: its place in the text, as typed, and in comparison form. */
export interface Word {
  typed: string;
  key: string;
}

export class StateLexicon {
  private readonly byKey = new Map<string, Set<StateRecord>>();
  /** Keys that are codes (KEN, KE): only read when typed in capitals, as "US" is also "us". */
  private readonly codes = new Set<string>();
  private readonly capitals = new Set<string>();
  /** One-word names of at least five letters, for typos. */
  private readonly singleWords: { key: string; states: Set<StateRecord> }[] = [];

  constructor(directory: StateDirectory, rows: readonly StateWordsRow[]) {
    for (const state of directory.all) {
      for (const name of [state.name, ...state.aliases]) this.add(name, state);
      // Two-letter codes are not read in sentences: "CD" is the Conference on Disarmament, "AU" the African Union.
      this.add(state.iso3, state);
      this.codes.add(normalizeName(state.iso3));
    }
    for (const state of directory.all) {
      for (const name of [state.name, ...state.aliases]) this.codes.delete(normalizeName(name));
    }
    for (const row of rows) {
      const state = directory.byCode(row.iso3);
      for (const word of row.words) {
        this.add(word, state);
        this.codes.delete(normalizeName(word));
      }
      for (const capital of row.capitals) this.capitals.add(normalizeName(capital));
    }
    for (const [key, states] of this.byKey) if (!key.includes(' ') && key.length >= 5 && !this.codes.has(key)) this.singleWords.push({ key, states });
  }

  private add(name: string, state: StateRecord): void {
    const key = normalizeName(name);
    if (key.length === 0) return;
    for (const variant of key.startsWith('the ') ? [key, key.slice(4)] : [key]) {
      const holders = this.byKey.get(variant) ?? new Set();
      holders.add(state);
      this.byKey.set(variant, holders);
    }
  }

  /** Whether the words from `start` name a capital city ("Phnom Penh"), typed with a capital letter. */
  capitalAt(words: readonly Word[], start: number): boolean {
    if (!/^\p{Lu}/u.test(words[start]?.typed ?? '')) return false;
    for (let end = Math.min(words.length, start + 3); end > start; end--) {
      if (this.capitals.has(keyOf(words, start, end))) return true;
    }
    return false;
  }

  /** Every state the words name, longest names first, each word read once. */
  mentions(words: readonly Word[]): StateMention[] {
    const found: StateMention[] = [];
    for (let start = 0; start < words.length; start++) {
      const mention = this.exactAt(words, start) ?? this.nearAt(words, start);
      if (!mention) continue;
      found.push(mention);
      start = mention.end - 1;
    }
    return found;
  }

  private exactAt(words: readonly Word[], start: number): StateMention | undefined {
    for (let end = Math.min(words.length, start + LONGEST); end > start; end--) {
      const key = keyOf(words, start, end);
      const states = this.byKey.get(key);
      if (!states) continue;
      const typed = words
        .slice(start, end)
        .map((w) => w.typed)
        .join(' ');
      // A code, or any name of three letters or fewer ("us", "la", "Mar" for March), counts only as typed: "US", "Lao".
      if (end - start === 1 && this.codes.has(key) && typed !== typed.toUpperCase()) continue;
      if (end - start === 1 && key.length <= 3 && !/^\p{Lu}/u.test(typed)) continue;
      return { start, end, typed, states: [...states], how: 'exact' };
    }
    return undefined;
  }

  /** A word a letter or two from a one-word name (two for long words), when only one name is that close. */
  private nearAt(words: readonly Word[], start: number): StateMention | undefined {
    const word = words[start]!;
    const key = word.key.replace(/s$/, '');
    if (key.length < 5 || !/^\p{L}+$/u.test(key)) return undefined;
    const allowed = key.length >= 8 ? 2 : 1;
    let best: { distance: number; states: Set<StateRecord> }[] = [];
    for (const known of this.singleWords) {
      const distance = boundedEditDistance(key, known.key, allowed);
      if (distance > allowed) continue;
      if (distance === 0) return { start, end: start + 1, typed: word.typed, states: [...known.states], how: 'exact' };
      if (best.length === 0 || distance < best[0]!.distance) best = [{ distance, states: known.states }];
      else if (distance === best[0]!.distance && !best.some((b) => sameStates(b.states, known.states))) best.push({ distance, states: known.states });
    }
    if (best.length !== 1) return undefined;
    return { start, end: start + 1, typed: word.typed, states: [...best[0]!.states], how: 'near' };
  }
}

function sameStates(a: Set<StateRecord>, b: Set<StateRecord>): boolean {
  return a.size === b.size && [...a].every((s) => b.has(s));
}

function keyOf(words: readonly Word[], start: number, end: number): string {
  return words
    .slice(start, end)
    .map((w) => w.key)
    .join(' ');
}
