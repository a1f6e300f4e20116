/**
 * The states a form's typeahead offers for what was typed so far: every name, alias and code the
 * grammar accepts is searched, the best matches first, and among equally good ones the states not
 * yet party (the ones outreach is about). A platform's list holds at most {@link MAX_CHOICES}.
 */
import { isStatePartyOn } from './ccm.ts';
import { normalizeName, type StateRecord } from './states.ts';

/** A typeahead offers at most this many: more is no help to someone typing. */
const MAX_CHOICES = 100;

export interface StateChoice {
  /** The ISO 3166 alpha-3 code: what a form stores and its command names. */
  iso3: string;
  /** The UN name, with the code, and the alias typed when the match was on one. */
  label: string;
}

/** How well one known name matches: 0 is best (the whole name or code), 3 a match inside a word; undefined, none. */
function matchRank(name: string, query: string): number | undefined {
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.split(' ').some((word) => word.startsWith(query))) return 2;
  return name.replace(/ /g, '').includes(query.replace(/ /g, '')) ? 3 : undefined;
}

/**
 * The choices for `typed` on `today`, at most `limit`. An empty query lists states not party
 * first, by name. `every`: all states, for a list filtered where it is shown ({@link everyStateChoice}).
 */
export function stateChoices(states: readonly StateRecord[], typed: string, today: string, { limit = MAX_CHOICES, every = false } = {}): StateChoice[] {
  if (every) return everyStateChoice(states, today);
  const query = normalizeName(typed);
  const found: { state: StateRecord; rank: number; alias: string | undefined; party: boolean }[] = [];
  for (const state of states) {
    let best: { rank: number; alias: string | undefined } | undefined;
    for (const name of [state.name, state.iso3, state.iso2, ...state.aliases]) {
      const rank = query === '' ? 0 : matchRank(normalizeName(name), query);
      if (rank !== undefined && (best === undefined || rank < best.rank)) best = { rank, alias: state.aliases.includes(name) ? name : undefined };
    }
    if (best) found.push({ state, ...best, party: isStatePartyOn(state, today) });
  }
  found.sort((a, b) => a.rank - b.rank || Number(a.party) - Number(b.party) || a.state.name.localeCompare(b.state.name));
  return found.slice(0, limit).map(({ state, alias }) => ({ iso3: state.iso3, label: choiceLabel(state, alias) }));
}

/** One state as the typeahead offers it when its name is typed: a form opened with the state chosen shows it so. */
export function stateChoice(state: StateRecord): StateChoice {
  return { iso3: state.iso3, label: choiceLabel(state) };
}

/**
 * Every state, states not party first and then by name, each labelled with all its aliases
 * ("Lao People's Democratic Republic (LAO) — Laos, Lao, …, Lao PDR"): for a list a client filters
 * by itself as the person types, where a name is found under any alias. No label is cut.
 */
function everyStateChoice(states: readonly StateRecord[], today: string): StateChoice[] {
  return states
    .map((state) => ({ state, party: isStatePartyOn(state, today) }))
    .sort((a, b) => Number(a.party) - Number(b.party) || a.state.name.localeCompare(b.state.name))
    .map(({ state }) => ({ iso3: state.iso3, label: `${state.name} (${state.iso3})${state.aliases.length ? ` — ${state.aliases.join(', ')}` : ''}` }));
}

/** "Lao People's Democratic Republic (LAO) — Lao PDR": a platform cuts it to what it shows. */
function choiceLabel(state: StateRecord, alias?: string): string {
  return `${state.name} (${state.iso3})${alias ? ` — ${alias}` : ''}`;
}
