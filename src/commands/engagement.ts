/**
 * What `contacted` and `meeting` share: the same grammar after the state (date, level,
 * note), the same checks and the same confirmation. Each command file declares itself and
 * hands its kind to these functions.
 */
import type { CommandContext, ParseResult } from '../core/command.ts';
import { dateResult, findDateRun } from '../core/date-args.ts';
import { fail, oneStatePerEntry, oneStatePerEntryAfter, parseClauses, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply, type Reply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import type { Level } from '../domain/plan.ts';
import { severalStates } from '../domain/state-lists.ts';
import type { StateRecord } from '../domain/states.ts';
import { defaultLevel } from './default.ts';
import { factsFor, KIND_TEXT, levelText, partyNotice } from './describe.ts';
import { withdrawButton } from './undo.ts';
import { editButton } from './form.ts';

export interface EngagementArgs {
  state: StateRecord;
  occurredOn: string;
  /** As typed; null means the person's default level. */
  level: Level | null;
  note: string | undefined;
  /** `again` was typed: a second entry of the same kind, state and day is meant, not a slip. */
  again: boolean;
}

/** The word that confirms a second contact or meeting with a state on one day. */
const AGAIN = 'again';

const CLAUSES = {
  on: { arg: 'date', kind: 'past-date' },
  via: { arg: 'level', kind: 'level' },
  in: { arg: 'level', kind: 'level' },
  at: { arg: 'level', kind: 'level' },
} as const;

const LEVEL_KEYWORDS = new Set(['via', 'in', 'at']);

/**
 * Reads `<state> [held] [[on] <date>] [via|in <level>] [again] [— note]`. For meetings the word
 * `held` ends the state name and is required, so a planned meeting is never logged as held.
 * `on` may be left out: "contacted Kenya yesterday", "meeting Kenya held last Friday in capital".
 */
export function parseEngagement(rest: string, ctx: CommandContext, kind: 'contacted' | 'meeting'): ParseResult<EngagementArgs> {
  const start = wordsAndNote(rest);
  if (!start.ok) return start;
  const { note } = start.args;
  let { tokens } = start.args;
  const again = tokens.at(-1)?.toLowerCase() === AGAIN;
  if (again) tokens = tokens.slice(0, -1);
  // "meeting with Kenya held yesterday": "with" before the state is how people say it.
  if (tokens[0]?.toLowerCase() === 'with') tokens = tokens.slice(1);
  if (kind === 'meeting') {
    const held = tokens.findIndex((w) => w.toLowerCase() === 'held');
    if (held < 0) {
      const stateWords = tokens.join(' ') || '<state>';
      return fail(
        errorReply('missing-held', 'Say that the meeting was held: `meeting <state> held`.', {
          lines: ['Only meetings that took place are logged. For a planned meeting, log a next step. Nothing was saved.'],
          suggestions: tokens.length > 0 ? [{ label: `meeting ${stateWords} held`, command: `meeting ${stateWords} held${note ? ` — ${note}` : ''}` }] : [],
        }),
      );
    }
    tokens = [...tokens.slice(0, held), ...tokens.slice(held + 1)];
  }
  const withoutOn = takeDateWithoutOn(tokens, ctx);
  if (!withoutOn.ok) return severalStatesFirst(withoutOn, tokens, ctx);
  const clauses = parseClauses(withoutOn.args.tokens, CLAUSES, ctx);
  if (!clauses.ok) return severalStatesFirst(clauses, tokens, ctx);
  const occurredOn = clauses.args.values.date ?? withoutOn.args.date ?? ctx.today;
  if (occurredOn > ctx.today) {
    return fail(
      errorReply('future-date', `${formatDate(occurredOn)} is in the future: only what already happened is logged.`, {
        lines: ['For something planned, use `next <state> <step> by <date>`. Nothing was saved.'],
      }),
    );
  }
  const typedState = clauses.args.lead.join(' ');
  const several = severalStates(typedState, ctx.states);
  if (several) return oneStatePerEntry(several, typedState, ctx);
  const state = parseState(typedState, ctx);
  if (!state.ok) return state;
  return {
    ok: true,
    args: { state: state.args, occurredOn, level: (clauses.args.values.level as Level | undefined) ?? null, note, again },
  };
}

/** A refusal (a date to settle) of a line that also names several states: see {@link oneStatePerEntryAfter}. */
function severalStatesFirst(refusal: ParseResult<never>, tokens: readonly string[], ctx: CommandContext): ParseResult<never> {
  const end = tokens.findIndex((w) => Object.hasOwn(CLAUSES, w.toLowerCase()));
  const typed = tokens.slice(0, end < 0 ? tokens.length : end).join(' ');
  const several = severalStates(typed, ctx.states);
  return several ? oneStatePerEntryAfter(refusal, several, typed, ctx) : refusal;
}

/**
 * A date typed without `on`: the longest run of words that reads as a date, at the very end
 * ("Kenya via capital yesterday", "Kenya in 2 weeks") or just before a level keyword ("Kenya
 * yesterday via capital", "Kenya in March via capital"). A state's whole name is never split, even if a word of it read as a
 * date. Words that only start like a date ("Kenya 31 Feb") are refused as a date when the
 * words before them name a state; otherwise they are left to be reported as an unknown state.
 */
function takeDateWithoutOn(tokens: readonly string[], ctx: CommandContext): ParseResult<{ tokens: string[]; date?: string }> {
  if (tokens.some((w) => w.toLowerCase() === 'on')) return { ok: true, args: { tokens: [...tokens] } };
  const firstKeyword = tokens.findIndex((w) => LEVEL_KEYWORDS.has(w.toLowerCase()));
  const leadEnd = firstKeyword < 0 ? tokens.length : firstKeyword;
  const namesState = (words: readonly string[]) => ctx.states.exact(words.join(' ')) !== undefined;
  // The state takes at least one word, and all of its words when they name a state as typed.
  const from = namesState(tokens.slice(0, leadEnd)) ? Math.max(leadEnd, 1) : 1;
  // A run ends at the end or just before a level keyword, and crosses none: "in March via capital".
  const keywords = tokens.flatMap((w, i) => (LEVEL_KEYWORDS.has(w.toLowerCase()) ? [i] : []));
  const ends = [tokens.length, ...keywords.toReversed()].filter((end, i, all) => all.indexOf(end) === i);
  const segmentStart = (end: number) => Math.max(from, ...keywords.filter((i) => i < end));
  for (const accept of ['readable', 'date-like'] as const) {
    for (const end of ends) {
      const run = findDateRun(tokens, segmentStart(end), end, ctx, 'past', accept);
      if (!run) continue;
      if (accept === 'date-like' && !namesState(tokens.slice(0, Math.min(run.start, leadEnd)))) continue;
      // "in March", "at 12 Mar": the level keyword before a date is a preposition of the date.
      const start = run.start > from && LEVEL_KEYWORDS.has(tokens[run.start - 1]!.toLowerCase()) ? run.start - 1 : run.start;
      const typed = tokens.slice(start, end).join(' ');
      const date = dateResult(run.reading, typed, ctx, start < run.start ? (day) => `on ${day}` : undefined);
      if (!date.ok) return date;
      return { ok: true, args: { tokens: [...tokens.slice(0, start), ...tokens.slice(end)], date: date.args } };
    }
  }
  return { ok: true, args: { tokens: [...tokens] } };
}

/** Who logged an entry, when and where: the columns every log entry carries. */
export function entryOrigin(ctx: CommandContext) {
  return { personId: ctx.person.id, createdAt: ctx.who.at, platform: ctx.who.platform, channelId: ctx.who.channelId };
}

/** The channel's public echo of a new entry, when members turned it on there; it names no state. */
export function publicEcho(ctx: CommandContext, what: string, entryId: number): string | undefined {
  const channelId = ctx.who.channelId;
  if (channelId === null || !ctx.store.channels.echo(ctx.who.platform, channelId)) return undefined;
  return `${ctx.person.displayName} logged ${what} (#${entryId}).`;
}

/** Stores the contact or meeting and confirms it with the canonical state name and an Undo. */
export function logEngagement(kind: 'contacted' | 'meeting', args: EngagementArgs, ctx: CommandContext): Reply {
  const level = args.level ?? defaultLevel(ctx.store.people.settings(ctx.person.id));
  const sameDay = ctx.store.entries.sameDay(kind, args.state.iso3, args.occurredOn);
  const mine = sameDay.find((e) => e.personId === ctx.person.id);
  if (mine && !args.again) return alreadyLogged(kind, args, level, mine.id);
  const { row: entry } = ctx.store.changes.create(
    'entries',
    {
      kind,
      stateIso3: args.state.iso3,
      occurredOn: args.occurredOn,
      level,
      note: args.note ?? null,
      ...entryOrigin(ctx),
    },
    ctx.who,
    `log ${kind}`,
  );
  const notice = partyNotice(factsFor(ctx).of(args.state), ctx.today);
  // Another member's entry for the same state and day is most likely the same meeting: both
  // entries are kept (each person's record stands), and the figures count it once.
  // Each member looked up once: a busy day can hold many entries by the same few people.
  const names = new Map<number, string>();
  const nameOf = (personId: number) => {
    let name = names.get(personId);
    if (name === undefined) {
      name = ctx.store.people.byId(personId)?.displayName ?? 'Someone';
      names.set(personId, name);
    }
    return name;
  };
  const others = sameDay.filter((e) => e.personId !== ctx.person.id).map((e) => `${nameOf(e.personId)} logged this as #${e.id}`);
  return reply({
    tone: 'success',
    title: `Logged #${entry.id}: ${KIND_TEXT[kind].toLowerCase()}, ${args.state.name}`,
    facts: [
      { label: 'State', value: `${args.state.name} (${args.state.iso3})` },
      { label: 'Date', value: formatDate(args.occurredOn) },
      {
        label: 'Level',
        value: args.level ? levelText(level) : `${levelText(level)} (your default; \`default level ${level === 'capital' ? 'geneva' : 'capital'}\` changes it)`,
      },
      ...(args.note ? [{ label: 'Note', value: args.note }] : []),
    ],
    lines: nonEmpty([
      ...(notice ? [notice] : []),
      ...(others.length > 0
        ? [`${others.join('; ')}. Both entries are kept; the figures count one ${kind === 'meeting' ? 'meeting' : 'contact'} per state and day.`]
        : []),
    ]),
    actions: [withdrawButton(entry.id), editButton(entry.id)],
    publicEcho: publicEcho(ctx, kind === 'meeting' ? 'a meeting' : 'a contact', entry.id),
  });
}

function nonEmpty(lines: string[]): string[] | undefined {
  return lines.length > 0 ? lines : undefined;
}

/** The refusal of the same kind, state and day typed twice by one person, with a button to log it anyway. */
function alreadyLogged(kind: 'contacted' | 'meeting', args: EngagementArgs, level: Level, firstId: number): Reply {
  const what = kind === 'meeting' ? 'meeting' : 'contact';
  // The button's command spells everything out (ISO3 code, ISO date, level), so pressing it
  // later, on another day or after a new default, logs exactly this.
  const command = `${kind === 'meeting' ? 'meeting' : 'contacted'} ${args.state.iso3}${kind === 'meeting' ? ' held' : ''} on ${args.occurredOn} ${kind === 'meeting' ? 'in' : 'via'} ${level} ${AGAIN}${args.note ? ` — ${args.note}` : ''}`;
  return errorReply('already-logged', `You already logged a ${what} with ${args.state.name} on ${formatDate(args.occurredOn)} (#${firstId}).`, {
    lines: [`Nothing was saved. If there was a second ${what} that day, log it anyway.`],
    suggestions: [{ label: `A second ${what} that day`, command }],
  });
}
