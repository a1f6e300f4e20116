/**
 * Several states named on one line ("Myanmar, Thailand and Viet Nam"), told apart from one
 * state whose name holds "and" ("Trinidad and Tobago").
 */
import type { StateDirectory, StateRecord } from './states.ts';

/**
 * The names in "Myanmar, Thailand and Viet Nam": split at commas, then at "and" or "&" only
 * where the pieces name states ("Barbados and Trinidad and Tobago" is two states, the second
 * keeping its "and"). A part that cannot be split so is kept whole, to be reported as typed.
 */
export function stateNames(text: string, names: (typed: string) => unknown): string[] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/^(?:and|&)\s+/i, ''))
    .filter(Boolean)
    .flatMap((part) => {
      const pieces = part.split(/\s+(?:and|&)\s+/i);
      return partition(pieces, 0, names) ?? [part];
    });
}

/** The longest-first grouping of pieces[from..] into names of states, or undefined. */
function partition(pieces: readonly string[], from: number, names: (typed: string) => unknown): string[] | undefined {
  if (from === pieces.length) return [];
  for (let to = pieces.length; to > from; to--) {
    const name = pieces.slice(from, to).join(' and ');
    if (!names(name)) continue;
    const rest = partition(pieces, to, names);
    if (rest) return [name, ...rest];
  }
  return undefined;
}

/**
 * The states `text` names when it names more than one ("Kenya, Uganda and Tanzania"; a shared
 * name such as "Congo" counts with each state it may mean); nothing when it names one state
 * ("Trinidad and Tobago") or holds a name that is not known, for the caller to report as typed.
 */
export function severalStates(text: string, states: StateDirectory): StateRecord[] | undefined {
  if (states.exact(text) || states.sharedBy(text)) return undefined;
  const meanings = (name: string) => {
    if (!aNameInAList(name)) return undefined;
    const state = states.exact(name);
    return state ? [state] : states.sharedBy(name);
  };
  const found = stateNames(text, meanings).map(meanings);
  if (found.length < 2 || found.some((meant) => meant === undefined)) return undefined;
  return [...new Set(found.flatMap((meant) => meant ?? []))];
}

/**
 * The states named one after another at the start of `words`, as in "Kenya, Uganda and Chad
 * send the note", with how many words they take; nothing unless there are two or more.
 */
export function leadingStates(words: readonly string[], states: StateDirectory): { states: StateRecord[]; used: number } | undefined {
  const prefix = (from: number) => states.resolvePrefix(words.slice(from).map((w) => w.replace(/:$/, '')));
  const found: StateRecord[] = [];
  let names = 0;
  let used = 0;
  for (let match = prefix(0); match; ) {
    found.push(...match.states);
    names++;
    used += match.used;
    // Another state follows after a comma ("Kenya, Uganda") or an "and" ("Kenya and Uganda").
    const joiner = /,$/.test(words[used - 1] ?? '') ? 0 : /^(?:and|&|,)$/i.test(words[used] ?? '') ? 1 : undefined;
    match = joiner === undefined ? undefined : prefix(used + joiner);
    if (match && !aNameInAList(words.slice(used + joiner!, used + joiner! + match.used).join(' '))) match = undefined;
    if (match) used += joiner!;
  }
  return names > 1 ? { states: [...new Set(found)], used } : undefined;
}

/**
 * Whether a word after "and" or a comma may be read as a state: a code only in capitals, so that
 * "Kenya and to follow up" or "Kenya and me" is no list of states (Tonga's "TO", Montenegro's "ME").
 */
function aNameInAList(typed: string): boolean {
  return typed.replace(/[^\p{L}]/gu, '').length > 3 || typed === typed.toUpperCase();
}
