/**
 * The pieces every command's grammar is built from: notes, words, keyword clauses, states,
 * dates and levels. Each returns a value or an error reply; none throws and none writes.
 */
import { z } from 'zod';
import { DATE_FORMS } from '../domain/read-date.ts';
import { LEVELS, type Level } from '../domain/plan.ts';
import type { StateRecord } from '../domain/states.ts';
import type { EntryRow } from '../store/store.ts';
import type { CommandContext, ParseResult } from './command.ts';
import { parseDateArg } from './date-args.ts';
import { errorReply, type Reply, type Suggestion } from './reply.ts';
import { splitNote } from './split-note.ts';

/** Longest note or next step kept; longer text is refused, never cut. */
const NOTE_MAX = 1000;

const noteSchema = z.string().trim().max(NOTE_MAX, `A note can be at most ${NOTE_MAX} characters.`);

/** Checks the length of a note (or of other free text, named by `what`); the error says by how much it is over. */
export function checkNote(note: string | undefined, what = 'note'): ParseResult<string | undefined> {
  if (note === undefined) return { ok: true, args: undefined };
  const result = noteSchema.safeParse(note);
  if (result.success) return { ok: true, args: result.data };
  return fail(
    errorReply('note-too-long', `That ${what} is ${note.length} characters; the limit is ${NOTE_MAX}.`, {
      lines: ['Shorten it, or keep the detail in your own records and log a summary. Nothing was saved.'],
    }),
  );
}

/**
 * Guard for commands that act on the channel they are typed in (subscribe, echo): the
 * channel's id, or an error saying where to type the command instead.
 */
export function inChannel(ctx: CommandContext, instead: string, lines: string[] = []): ParseResult<string> {
  // A place the platform can post to later: any chat conversation, never the local shell.
  if (ctx.place.address !== null && ctx.place.channelId !== null) return { ok: true, args: ctx.place.channelId };
  return fail(errorReply('needs-channel', instead, { lines }));
}

/** The words before the note, and the note checked: how every logging command starts. */
export function wordsAndNote(rest: string): ParseResult<{ tokens: string[]; note: string | undefined }> {
  const { body, note } = splitNote(rest);
  const checked = checkNote(note);
  if (!checked.ok) return checked;
  return { ok: true, args: { tokens: words(body), note: checked.args } };
}

/** Splits on white space, keeping "quoted words" together (quotes removed). */
export function words(text: string): string[] {
  const found: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return found.filter((w) => w.length > 0);
}

export function fail<A>(reply: Reply): ParseResult<A> {
  return { ok: false, reply };
}

/** The parser of a command that takes nothing after its name; `hint` says what to use instead. */
export function noArguments(name: string, hint?: string): (rest: string) => ParseResult<null> {
  return (rest) =>
    rest.trim() === ''
      ? { ok: true, args: null }
      : fail(errorReply('bad-syntax', `\`${name}\` takes nothing after it.`, { lines: hint ? [hint, 'Nothing was changed.'] : ['Nothing was changed.'] }));
}

/**
 * Resolves a typed state name, or explains with up to three corrected commands to run instead.
 * A correction names the state by its ISO3 code, so pressing it never asks again; its label
 * is the UN name.
 */
export function parseState(typed: string, ctx: CommandContext): ParseResult<StateRecord> {
  if (typed.trim().length === 0) {
    return fail(errorReply('missing-state', 'Which state? Give a name or code, e.g. "Lao PDR", "Viet Nam" or "KEN".'));
  }
  const resolution = ctx.states.resolve(typed);
  if (resolution.ok) return { ok: true, args: resolution.state };
  const suggestions = resolution.suggestions.map((state) => ({
    label: state.name,
    command: replaceOnce(ctx.text, typed.trim(), state.iso3),
  }));
  const title =
    resolution.reason === 'ambiguous'
      ? `"${resolution.input}" could mean more than one state. Which one?`
      : `I don't know a state called "${resolution.input}".`;
  return fail(
    errorReply(resolution.reason === 'ambiguous' ? 'ambiguous-state' : 'unknown-state', title, {
      lines: [
        suggestions.length > 0
          ? 'Did you mean one of these? Nothing was saved.'
          : 'Use the UN name, an ISO code or a common name (e.g. "Lao PDR", "LAO" or "Laos"). Nothing was saved.',
      ],
      suggestions,
    }),
  );
}

/**
 * The refusal of a line naming several states (`typed`, as in the command): one entry holds one
 * state, so nothing is stored, and each button runs the line for one of them, the rest kept.
 * `lines` are the commands to start from (the line as typed, or those another refusal offered,
 * such as the line with its date settled), each labelled after the state's name.
 */
export function oneStatePerEntry(
  states: readonly StateRecord[],
  typed: string,
  ctx: CommandContext,
  lines: readonly Suggestion[] = [{ label: '', command: ctx.text }],
): ParseResult<never> {
  // Commas only: "Antigua and Barbuda and Kenya" would not say where one name ends.
  const listed = states.map((state) => state.name).join(', ');
  return fail(
    errorReply('several-states', `One state per entry, and this line names several: ${listed}.`, {
      lines: ['Log each state on a line of its own; each button logs one of them with the rest of the line. Nothing was saved.'],
      suggestions: lines.flatMap((line) =>
        states.map((state) => ({
          label: line.label ? `${state.name}, ${line.label}` : state.name,
          command: replaceOnce(line.command, typed, state.iso3),
        })),
      ),
    }),
  );
}

/**
 * {@link oneStatePerEntry} for a line the command also refused for another reason (a date to
 * settle): each button starts from one the other refusal offered, whose question leads, so that
 * pressing it asks nothing more. A refusal that offers nothing is returned as it is.
 */
export function oneStatePerEntryAfter(refusal: ParseResult<unknown>, states: readonly StateRecord[], typed: string, ctx: CommandContext): ParseResult<never> {
  if (refusal.ok) return oneStatePerEntry(states, typed, ctx);
  const offered = refusal.reply.suggestions ?? [];
  if (offered.length === 0) return fail(refusal.reply);
  const { reply } = oneStatePerEntry(states, typed, ctx, offered) as { ok: false; reply: Reply };
  return fail({ ...reply, lines: [refusal.reply.title, ...(reply.lines ?? [])] });
}

/**
 * `text` with the first whole-word occurrence of `part` (ignoring case, and however many
 * spaces separate its words) replaced: "Lao PRD" in "meeting Lao  PRD held" → "meeting LAO held".
 */
function replaceOnce(text: string, part: string, replacement: string): string {
  const escaped = part
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (escaped.join('') === '') return text;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped.join('\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
  const match = pattern.exec(text);
  if (!match) return text;
  return text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
}

export function parseLevel(typed: string): ParseResult<Level> {
  const level = typed.toLowerCase().replace(/-level$/, '');
  if ((LEVELS as readonly string[]).includes(level)) return { ok: true, args: level as Level };
  return fail(
    errorReply('bad-level', `"${typed}" is not a level. Use geneva, capital or regional.`, {
      lines: ['Nothing was saved.'],
    }),
  );
}

export type ClauseKind = 'past-date' | 'future-date' | 'level' | 'text';

/**
 * Reads keyword clauses such as `on 12 Mar via capital`. `spec` maps each keyword to the
 * argument it fills (several keywords may fill one: `via` and `in`). A clause's value runs to
 * the next keyword. Words before the first keyword are returned as `lead`.
 */
export function parseClauses(
  tokens: readonly string[],
  spec: Record<string, { arg: string; kind: ClauseKind }>,
  ctx: CommandContext,
): ParseResult<{ lead: string[]; values: Record<string, string> }> {
  const isKeyword = (word: string) => Object.hasOwn(spec, word.toLowerCase());
  const firstKeyword = tokens.findIndex(isKeyword);
  const lead = firstKeyword < 0 ? [...tokens] : tokens.slice(0, firstKeyword);
  const values: Record<string, string> = {};
  let i = firstKeyword < 0 ? tokens.length : firstKeyword;
  while (i < tokens.length) {
    const keyword = tokens[i]!.toLowerCase();
    const clause = spec[keyword]!;
    let end = i + 1;
    while (end < tokens.length && !isKeyword(tokens[end]!)) end++;
    const typed = tokens.slice(i + 1, end).join(' ');
    if (typed.length === 0) {
      return fail(errorReply('missing-value', `"${keyword}" needs a value after it.`, { lines: [clauseHint(clause.kind)] }));
    }
    if (values[clause.arg] !== undefined) {
      return fail(errorReply('repeated-clause', `The ${clause.arg} is given twice. Give it once.`, { lines: ['Nothing was saved.'] }));
    }
    const parsed: ParseResult<string> =
      clause.kind === 'level'
        ? parseLevel(typed)
        : clause.kind === 'text'
          ? { ok: true, args: typed }
          : parseDateArg(typed, ctx, clause.kind === 'past-date' ? 'past' : 'future');
    if (!parsed.ok) return parsed;
    values[clause.arg] = parsed.args;
    i = end;
  }
  return { ok: true, args: { lead, values } };
}

function clauseHint(kind: ClauseKind): string {
  if (kind === 'level') return 'Use geneva, capital or regional.';
  if (kind === 'text') return 'Add the text after it.';
  return `Use ${DATE_FORMS}.`;
}

/** Reads an entry reference: "12" or "#12". */
export function parseEntryId(typed: string | undefined): ParseResult<number> {
  const match = /^#?(\d{1,9})$/.exec(typed ?? '');
  if (match) return { ok: true, args: Number(match[1]) };
  return fail(
    errorReply('bad-entry-id', typed ? `"${typed}" is not an entry number.` : 'Which entry? Give its number, e.g. #12.', {
      lines: ['Entry numbers are shown when you log something, and in `log` and `state`.'],
    }),
  );
}

/** The entry a typed id names (`#12` or `12`), while it stands: a withdrawn one is not there to act on. */
export function parseLiveEntry(typed: string | undefined, ctx: CommandContext): ParseResult<EntryRow> {
  const id = parseEntryId(typed);
  if (!id.ok) return id;
  const entry = ctx.store.entries.byId(id.args);
  if (!entry || entry.withdrawnAt) return fail(errorReply('no-entry', `There is no entry #${id.args}.`));
  return { ok: true, args: entry };
}
