/**
 * Whether a text names a state or a person: the check a report for circulation passes before
 * it is given out. Documents of the Preparatory Meetings and the Review Conference quote the
 * group's progress "without naming or isolating specific States", so a public report must not
 * name one, even through a title the plan file supplies.
 */
import { normalizeName, type StateRecord } from './states.ts';

/** Names and aliases shorter than this are words too common to test ("Lao" is tested by its full name). */
const MIN_NAME_LENGTH = 4;

/** `needle` as a whole word (or words) in `text`, both in their comparison form. */
function hasWords(text: string, needle: string): boolean {
  return needle.length > 0 && ` ${text} `.includes(` ${needle} `);
}

/**
 * A text or a name in its comparison form, possessives dropped: "Lao PDR's leadership" names Lao
 * PDR, yet without this it reads "lao pdrs" (and "People's" in a state's own name likewise).
 */
function comparable(text: string): string {
  return normalizeName(text.replace(/['’]s(?![\p{L}\p{N}])/gu, ''));
}

/**
 * The states `text` names, except `allowed` (ISO3 codes): a name or alias of 4 letters or more
 * as whole words in any case, accents and punctuation aside, or an ISO code in capitals as a
 * whole word ("KEN", "KE"; "ke" in running text is no code).
 */
export function statesNamedIn(text: string, states: readonly StateRecord[], allowed: ReadonlySet<string> = new Set()): StateRecord[] {
  const words = comparable(text);
  const codes = new Set(text.match(/(?<![\p{L}\p{N}])\p{Lu}{2,3}(?![\p{L}\p{N}])/gu) ?? []);
  return states.filter((state) => {
    if (allowed.has(state.iso3)) return false;
    if (codes.has(state.iso2) || codes.has(state.iso3)) return true;
    return [state.name, ...state.aliases].some((name) => name.length >= MIN_NAME_LENGTH && hasWords(words, comparable(name)));
  });
}

/** The people's names `text` holds, as whole words in any case. */
export function peopleNamedIn(text: string, displayNames: readonly string[]): string[] {
  const words = comparable(text);
  return displayNames.filter((name) => normalizeName(name).length >= 2 && hasWords(words, normalizeName(name)));
}
