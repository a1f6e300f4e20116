/**
 * How states, log entries and treaty facts are put into words, shared by every command so
 * that a meeting or a status reads the same in a confirmation, a state card and the log.
 */
import type { Role } from '../core/access.ts';
import type { CommandContext, ParseResult } from '../core/command.ts';
import { fail } from '../core/parse.ts';
import { errorReply, type ListItem, type Reply } from '../core/reply.ts';
import { ccmStatusOn, joiningOf } from '../domain/ccm.ts';
import { formatDate } from '../domain/dates.ts';
import type { Level } from '../domain/plan.ts';
import type { StateRecord, TreatyStatus } from '../domain/states.ts';
import type { Provenance } from '../domain/facts.ts';
import { treatyFacts, type TreatyFacts } from '../reports/facts.ts';
import type { EntryRow } from '../store/store.ts';
import { topListName } from '../domain/plan-book.ts';

/**
 * The CCM status as of `today`. A party's deposit date is when it joined; it is a State Party
 * only once the Convention is in force for it (Art. 17), which for a recent deposit is months later.
 */
export function ccmStatusText(state: StateRecord, today: string): string {
  switch (state.ccmStatus) {
    case 'party': {
      const joining = joiningOf(state);
      if (!joining) return 'State Party';
      const [deposited, inForce] = [formatDate(joining.deposited), formatDate(joining.inForceFrom)];
      return today >= joining.inForceFrom
        ? `Joined ${deposited} (instrument deposited); State Party since ${inForce}`
        : `Instrument deposited ${deposited}; State Party from ${inForce}`;
    }
    case 'signatory':
      return 'Signatory, not yet ratified';
    case 'not_signatory':
      return 'Not a signatory';
    case 'withdrawn':
      return 'Withdrawn from the Convention';
  }
}

export function treatyText(status: TreatyStatus): string {
  return {
    party: 'party',
    signatory: 'signatory',
    not_party: 'not party',
    withdrawn: 'withdrawn',
    withdrawing: 'party, withdrawal announced',
  }[status];
}

export function levelText(level: Level | null): string {
  return level === null ? 'not given' : { geneva: 'Geneva', capital: 'capital', regional: 'regional' }[level];
}

export const KIND_TEXT: Record<EntryRow['kind'], string> = {
  contacted: 'Contacted',
  meeting: 'Meeting held',
  next_step: 'Next step agreed',
  interim: 'Interim step',
  joined: 'Joined (instrument deposited)',
  announced: 'Announced intent to join',
};

/** The treaty facts as the bot states them now: shipped data, `joined` entries and imports. */
export function factsFor(ctx: CommandContext): TreatyFacts {
  return treatyFacts(ctx.store, ctx.states);
}

/**
 * Where a fact comes from, to go beside it: "as of 3 Feb 2026; UN Treaty Collection …", "as of
 * 1 Jun 2026; UNTC depositary notification; imported from states-june.csv", or the log entry.
 */
export function provenanceText(p: Provenance): string {
  const parts = [
    p.asOf ? `as of ${formatDate(p.asOf)}` : undefined,
    p.origin === 'shipped' ? p.source : `source: ${p.source ?? 'not given'}`,
    p.origin === 'import' ? `imported from ${p.file}` : p.origin === 'joined' ? `logged as #${p.entryId}` : undefined,
  ];
  return parts.filter(Boolean).join('; ');
}

/** The plan's priority target profiles (section 3) that the reference data shows for a state. */
export function targetProfiles(state: StateRecord): string[] {
  if (state.ccmStatus === 'party') return [];
  const profiles: string[] = [];
  if (state.ccmStatus === 'signatory') profiles.push('Signatory that has not yet ratified');
  if (state.ccmStatus === 'withdrawn') profiles.push('Withdrew from the Convention');
  if (state.apmbc === 'party' || state.apmbc === 'withdrawing') profiles.push('Party to the Anti-Personnel Mine Ban Convention, not to the CCM');
  if (state.crpd === 'party') profiles.push('Party to the CRPD, not to the CCM');
  const networks = [state.au && 'African Union', state.asean && 'ASEAN', state.caricom && 'CARICOM'].filter(Boolean);
  if (networks.length > 0) profiles.push(`Member of ${networks.join(', ')}: regional networks can carry outreach`);
  return profiles;
}

/** "X is already a State Party (since …)", or before entry into force "X has already joined …"; nothing for others. */
export function alreadyJoinedText(state: StateRecord, today: string): string | undefined {
  if (state.ccmStatus !== 'party') return undefined;
  const joining = joiningOf(state);
  if (!joining) return `${state.name} is already a State Party.`;
  const [deposited, inForce] = [formatDate(joining.deposited), formatDate(joining.inForceFrom)];
  return today >= joining.inForceFrom
    ? `${state.name} is already a State Party (since ${inForce}; instrument deposited ${deposited}).`
    : `${state.name} has already joined (instrument deposited ${deposited}; State Party from ${inForce}).`;
}

/**
 * Whether the state is a State Party today, by the facts as the bot states them (shipped data,
 * `joined` entries, imports), counting it joined from the day it deposited: what a champion must
 * be, and what a state on the top-15 list or the barrier map must not be when it is put there.
 */
export function isPartyToday(state: StateRecord, ctx: CommandContext): boolean {
  return ccmStatusOn(factsFor(ctx).of(state), ctx.today) === 'party';
}

/**
 * The refusal to put a State Party on the top-15 list or the barrier map, both kept for the
 * states the group works to bring in; nothing for a state not party. A listed state that joins
 * later stays listed: its last stage is "joined".
 */
export function notPartyListRefusal(state: StateRecord, ctx: CommandContext): Reply | undefined {
  if (!isPartyToday(state, ctx)) return undefined;
  const joined = alreadyJoinedText(factsFor(ctx).of(state), ctx.today) ?? `${state.name} is already a State Party.`;
  return errorReply('already-joined', `${joined.replace(/\.$/, '')}: the ${topListName(ctx.plan)} and the barrier map are for states not party.`, {
    lines: ['Nothing was changed. Meetings and contacts with it are still logged, as engagement to sustain adherence.'],
  });
}

/** The line a warning adds when someone logs outreach to a state that already joined. */
export function partyNotice(state: StateRecord, today: string): string | undefined {
  const joined = alreadyJoinedText(state, today);
  return joined && `${joined} Logged as engagement to sustain adherence.`;
}

/**
 * Only the person who logged an entry changes it (edits it, marks it done), or a coordinator:
 * the log is what each member vouches for. The guard for `done` and `edit`; `verb` ("mark # done")
 * completes "only … can …" in the refusal, # standing for the entry.
 */
export function othersEntry(entry: EntryRow, ctx: CommandContext, verb: string): { role: Role; doing: string } | undefined {
  if (entry.personId === ctx.person.id) return undefined;
  const owner = ctx.store.people.byId(entry.personId)?.displayName ?? 'someone else';
  return { role: 'coordinator', doing: `${verb.replace('#', `#${entry.id}`)}, which ${owner} logged` };
}

/**
 * Only the person who logged an entry may withdraw it: a coordinator who finds one wrong edits
 * it, and its author keeps the say over whether it happened at all.
 */
export function refuseUnlessOwner(entry: EntryRow, ctx: CommandContext, doing: string): ParseResult<never> | undefined {
  if (entry.personId === ctx.person.id) return undefined;
  const owner = ctx.store.people.byId(entry.personId)?.displayName ?? 'someone else';
  return fail(errorReply('not-yours', `#${entry.id} was logged by ${owner}; only they can ${doing}.`));
}

/** One log entry as a list line: "#12 · 3 Mar 2026 · Meeting held (Geneva)". */
export function entryItem(entry: EntryRow, ctx: CommandContext, options: { withState: boolean }): ListItem {
  const state = ctx.states.byCode(entry.stateIso3);
  const who = ctx.store.people.byId(entry.personId)?.displayName ?? 'unknown';
  const parts = [`#${entry.id}`, formatDate(entry.occurredOn), KIND_TEXT[entry.kind]];
  if (options.withState) parts.push(state.name);
  let text = parts.join(' · ');
  if (entry.level) text += ` (${levelText(entry.level)})`;
  const details: string[] = [];
  if (entry.step) {
    details.push(`${entry.step}${entry.dueOn ? `, by ${formatDate(entry.dueOn)}` : ''}${entry.completedOn ? ` (done ${formatDate(entry.completedOn)})` : ''}`);
  }
  if (entry.note) details.push(entry.note);
  details.push(`logged by ${who}`);
  return { text, detail: details.join(' — ') };
}
