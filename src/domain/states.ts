/**
 * Every state ccm-bot knows, and the names people type for them.
 *
 * Facts come only from `data/states.csv` (copied from the shared reference data, with its
 * sources in `data/STATES-SOURCES.md`). Resolution never guesses: an exact name, code or
 * alias resolves; anything else returns suggestions and the caller stores nothing.
 */
import { boundedEditDistance, letterBits, lettersApart } from './edit-distance.ts';
import type { StateRecord } from './state-record.ts';

export { loadStatesCsv, parseCsv } from './states-csv.ts';
// Defined beneath both this file and the CSV reader, so that neither imports the other back.
export type { StateRecord, TreatyStatus } from './state-record.ts';

/**
 * The comparison form of a name: no case, no diacritics, no punctuation, "&" read as "and".
 * "Côte d’Ivoire", "cote d'ivoire" and "COTE DIVOIRE" all become "cote divoire".
 */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`´.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type StateResolution = { ok: true; state: StateRecord } | { ok: false; reason: 'unknown' | 'ambiguous'; input: string; suggestions: StateRecord[] };

/** At most this many suggestions accompany an unresolved name. */
const MAX_SUGGESTIONS = 3;

/**
 * Bare names that people use for more than one state, with the states they may mean. "Congo"
 * is the UN short name of the Republic of the Congo, but in outreach talk it often means the
 * Democratic Republic of the Congo (a signatory, so a target): read as the UN name, it
 * would log the wrong state. It always asks; the longer and coded forms ("DRC", "Republic of
 * the Congo", "Congo-Brazzaville", "COD") still resolve. "Guinea", "Sudan", "Niger",
 * "Dominica" and "Samoa" are not here: each is its own state's name and the others are
 * never called by it ("Guinea-Bissau", "South Sudan" and "Dominican Republic" are matched
 * whole, longest first).
 */
const SHARED_NAMES: Readonly<Record<string, readonly string[]>> = {
  congo: ['COG', 'COD'],
};

/** The lookup form of a name: {@link normalizeName} without spaces, so "Cote d Ivoire" finds "Côte d'Ivoire". */
function compact(text: string): string {
  return normalizeName(text).replace(/ /g, '');
}

/** One known name of a state in its spaced form, with what matching it against typed text needs. */
interface KnownName {
  name: string;
  state: StateRecord;
  words: string[];
  /** The words in alphabetical order, for names typed the other way round. */
  sortedWords: string;
  /** The name between spaces, for finding typed words inside it. */
  padded: string;
  /** {@link letterBits} of the name's first 1, 2, … characters. */
  prefixLetters: Uint32Array;
}

/** Names, codes and aliases of all states, indexed for exact and near matches. */
export class StateDirectory {
  readonly all: readonly StateRecord[];
  private readonly byKey = new Map<string, StateRecord>();
  private readonly byIso3 = new Map<string, StateRecord>();
  /** Every known name of every state in its spaced form, for word and near matches. */
  private readonly names: KnownName[] = [];
  /** Names several states share ({@link SHARED_NAMES}), by lookup form. */
  private readonly shared = new Map<string, StateRecord[]>();

  constructor(states: readonly StateRecord[]) {
    this.all = states;
    for (const state of states) {
      this.byIso3.set(state.iso3, state);
      for (const name of [state.name, state.iso2, state.iso3, ...state.aliases]) {
        for (const variant of nameVariants(name)) {
          const key = variant.replace(/ /g, '');
          const words = variant.split(' ');
          const prefixLetters = Uint32Array.from(variant, (_, i) => letterBits(variant, i + 1));
          this.names.push({ name: variant, state, words, sortedWords: [...words].sort().join(' '), padded: ` ${variant} `, prefixLetters });
          if (Object.hasOwn(SHARED_NAMES, key)) continue;
          const holder = this.byKey.get(key);
          if (holder && holder !== state) {
            throw new Error(`State name "${name}" belongs to both ${holder.iso3} and ${state.iso3}`);
          }
          this.byKey.set(key, state);
        }
      }
    }
    for (const [key, codes] of Object.entries(SHARED_NAMES)) {
      const sharing = codes.flatMap((code) => this.byIso3.get(code) ?? []);
      if (sharing.length > 0)
        this.shared.set(
          key,
          sharing.sort((a, b) => a.name.localeCompare(b.name)),
        );
    }
  }

  /** The states a shared name may mean ("Congo", "the Congo"), or nothing for any other text. */
  sharedBy(text: string): StateRecord[] | undefined {
    return this.shared.get(compact(withoutThe(stripQuotes(text))));
  }

  /** The state with this ISO 3166 alpha-3 code; for rows the store already holds. */
  byCode(iso3: string): StateRecord {
    const state = this.byIso3.get(iso3);
    if (!state) throw new Error(`No state with ISO code ${iso3} in the reference data`);
    return state;
  }

  /**
   * An exact match on name, code or alias, or nothing. A shared name ("Congo") matches nothing.
   * A leading "the" is read as people say it ("the Republic of Korea", "the Philippines").
   */
  exact(text: string): StateRecord | undefined {
    const key = compact(stripQuotes(text));
    if (key.length === 0) return undefined;
    return this.byKey.get(key) ?? this.byKey.get(compact(withoutThe(stripQuotes(text))));
  }

  /** Resolves typed text to one state, or explains why not with up to three suggestions. */
  resolve(text: string): StateResolution {
    const input = stripQuotes(text).trim();
    const shared = this.sharedBy(input);
    if (shared) return { ok: false, reason: 'ambiguous', input, suggestions: shared };
    const state = this.exact(input);
    if (state) return { ok: true, state };
    // "Korea" is a whole word of two names: ask which, offering only those.
    const sharing = this.statesNamedWith(normalizeName(withoutThe(input)));
    if (sharing.length > 1) return { ok: false, reason: 'ambiguous', input, suggestions: sharing.slice(0, MAX_SUGGESTIONS) };
    return { ok: false, reason: 'unknown', input, suggestions: this.suggest(input) };
  }

  /**
   * Finds the state named at the start of `words` and returns how many words it took,
   * for commands where free text follows the name ("next Viet Nam share the steps note").
   * The longest exact match wins, so "Guinea Bissau ..." is not read as "Guinea" and
   * "Congo-Brazzaville ..." is not read as the shared "Congo". `states` holds one state, or
   * the states a shared name may mean, for the caller to ask which.
   */
  resolvePrefix(words: readonly string[]): { states: StateRecord[]; used: number } | undefined {
    for (let used = Math.min(words.length, 10); used >= 1; used--) {
      const typed = words.slice(0, used).join(' ');
      const shared = this.sharedBy(typed);
      if (shared) return { states: shared, used };
      const state = this.exact(typed);
      if (state) return { states: [state], used };
    }
    return undefined;
  }

  /** Up to {@link MAX_SUGGESTIONS} states whose names are close to `text`, best first. */
  suggest(text: string): StateRecord[] {
    return this.scoredSuggestions(text).map((s) => s.state);
  }

  /** Like {@link suggest}, with how close each is (0 to 1), for choosing among typed spans. */
  scoredSuggestions(text: string): { state: StateRecord; score: number }[] {
    const query = normalizeName(withoutThe(stripQuotes(text)));
    if (query.length === 0) return [];
    const typed = { text: query, sortedWords: query.split(' ').sort().join(' '), letters: letterBits(query) };
    const best = new Map<StateRecord, number>();
    for (const known of this.names) {
      const score = similarity(typed, known);
      if (score > (best.get(known.state) ?? 0)) best.set(known.state, score);
    }
    return [...best.entries()]
      .filter(([, score]) => score >= SUGGESTION_THRESHOLD)
      .sort((a, b) => b[1] - a[1] || a[0].name.localeCompare(b[0].name))
      .slice(0, MAX_SUGGESTIONS)
      .map(([state, score]) => ({ state, score }));
  }

  /** States with a name containing `query` as whole words, in name order. */
  private statesNamedWith(query: string): StateRecord[] {
    if (query.length < 3) return [];
    const found = new Set<StateRecord>();
    const padded = ` ${query} `;
    for (const { padded: name, state } of this.names) {
      if (name.includes(padded)) found.add(state);
    }
    return [...found].sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** How close a name must be to be offered; below it, a suggestion would be noise ("Atlantis"). */
const SUGGESTION_THRESHOLD = 0.65;

function stripQuotes(text: string): string {
  return text.trim().replace(/^["“”']+|["“”']+$/g, '');
}

/** The text without a leading "the", as people put it before names that do not hold it. */
function withoutThe(text: string): string {
  return text.trim().replace(/^the\s+/i, '');
}

/** A name and, when it starts with "the", the name without it ("The Bahamas" → "bahamas"). */
function nameVariants(name: string): string[] {
  const spaced = normalizeName(name);
  if (spaced.length === 0) return [];
  return spaced.startsWith('the ') ? [spaced, spaced.slice(4)] : [spaced];
}

/**
 * How alike a typed name and a known name are, from 0 to 1. A whole word of the known name
 * ("korea" in "republic of korea") scores high; otherwise edit distance (with transpositions,
 * so "lao prd" is close to "lao pdr") relative to length. A score below
 * {@link SUGGESTION_THRESHOLD} may come out lower than it is: the distances are only worked out
 * as far as they can still reach it, and such a score is never offered anyway.
 */
function similarity(typed: { text: string; sortedWords: string; letters: number }, known: KnownName): number {
  const { text: query } = typed;
  const key = known.name;
  if (key === query) return 1;
  // The same words in another order: "Congo DR" for "DR Congo".
  if (known.words.length > 1 && known.sortedWords === typed.sortedWords) return 0.95;
  if (query.length >= 3 && known.words.includes(query)) return 0.9;
  if (query.length >= 4 && key.startsWith(query)) return 0.85;
  const longest = Math.max(query.length, key.length);
  // 1 - distance / longest reaches the threshold only within this many edits (one more, for rounding).
  // Letters one has and the other lacks rule most names out before any distance is worked out.
  const wholeLimit = Math.floor((1 - SUGGESTION_THRESHOLD) * longest) + 1;
  const distance =
    lettersApart(typed.letters, known.prefixLetters[key.length - 1]!) > wholeLimit ? wholeLimit + 1 : boundedEditDistance(query, key, wholeLimit);
  const byWhole = distance <= wholeLimit ? 1 - distance / longest : 0;
  // Also compare with the start of a longer name, so "viet" or "tanzan" find their state.
  if (query.length < 4) return byWhole;
  const prefixLimit = Math.floor((1 - SUGGESTION_THRESHOLD / PREFIX_WEIGHT) * query.length) + 1;
  const start = Math.min(query.length, key.length);
  const prefixDistance =
    lettersApart(typed.letters, known.prefixLetters[start - 1]!) > prefixLimit ? prefixLimit + 1 : boundedEditDistance(query, key.slice(0, start), prefixLimit);
  const byPrefix = prefixDistance <= prefixLimit ? PREFIX_WEIGHT * (1 - prefixDistance / query.length) : 0;
  return Math.max(byWhole, byPrefix);
}

/** A match with the start of a name counts for less than one with the whole name. */
const PREFIX_WEIGHT = 0.8;
