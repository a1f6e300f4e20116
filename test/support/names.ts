/**
 * The names a text for readers outside the group must not hold, found by the brief's own rules
 * straight from the state data (not through the bot's naming code, which is what is tested):
 * every state's name and alias of 4 letters or more as whole words in any case, its ISO codes in
 * capitals, and every person's display name; Norway and Costa Rica, the coordinators, excepted.
 */
import type { TestBot } from './harness.ts';

const COORDINATORS = new Set(['NOR', 'CRI']);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (text: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(text)}(?![\\p{L}\\p{N}])`, `u${flags}`);

/** Every state (but the coordinators) and every person of `bot`'s store that `text` names. */
export function forbiddenNamesIn(bot: TestBot, text: string): string[] {
  const found: string[] = [];
  for (const state of bot.states.all) {
    if (COORDINATORS.has(state.iso3)) continue;
    for (const name of [state.name, ...state.aliases].filter((n) => n.length >= 4)) if (wholeWord(name, 'i').test(text)) found.push(name);
    for (const code of [state.iso2, state.iso3]) if (wholeWord(code, '').test(text)) found.push(code);
  }
  const people = bot.database.sqlite.prepare('SELECT display_name FROM people').pluck().all() as string[];
  for (const name of people) if (wholeWord(name, 'i').test(text)) found.push(name);
  return found;
}
