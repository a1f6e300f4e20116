import { type CommandContext, defineCommand, type ParseResult } from '../core/command.ts';
import { checkNote, fail, parseClauses, parseState, words } from '../core/parse.ts';
import { errorReply, type Reply, reply } from '../core/reply.ts';
import type { Plan } from '../domain/plan.ts';
import { cycleName, topListName } from '../domain/plan-book.ts';
import type { StateRecord } from '../domain/states.ts';
import { closedPlanGuard, parsePlanChoice, type PlanToChange, refuseClosedPlan, reportingOn, trailingPlan } from './cycle.ts';
import { alreadyJoinedText, ccmStatusText, factsFor, isPartyToday, notPartyListRefusal, provenanceText } from './describe.ts';
import { undoButton } from './undo.ts';

type TargetChange =
  | { action: 'add'; state: StateRecord; lead: string | undefined; champion: StateRecord | undefined }
  | { action: 'remove'; state: StateRecord }
  | { action: 'copy'; from: Plan };
/** The change, and the plan whose list it changes (the one in force, or one named at the end). */
type TargetArgs = TargetChange & PlanToChange;

const USAGE_HINT = 'Write `target add <state> [lead <name>] [champion <State Party>]`, `target remove <state>` or `target copy <plan id>`.';

export const target = defineCommand<TargetArgs>({
  name: 'target',
  usage: 'target add <state> [lead <name>] [champion <State Party>] | target remove <state> | target copy <plan id> [<plan id>]',
  summary:
    "Put a state not party on the engagement list (with its lead and a State Party as its champion), change them, take it off, or start this cycle's list from another cycle's.",
  examples: ['target add Indonesia lead Norway champion Philippines', 'target remove Kenya'],
  writes: true,
  role: 'coordinator',
  guard: closedPlanGuard,
  parse(rest, ctx) {
    const [action = '', ...typed] = words(rest);
    // `target copy <plan id>` alone names the plan copied from, not the plan changed.
    const { tokens, ...choice } =
      action.toLowerCase() === 'copy' && typed.length < 2 ? { tokens: typed, plan: ctx.plan, named: false } : trailingPlan(typed, ctx);
    // A closed plan's list is refused first, so that no correction offered (a state's spelling) is then refused.
    const closed = refuseClosedPlan(choice, ctx, () => parseChange(action, tokens, reportingOn(ctx, choice.plan)).ok);
    if (closed) return closed;
    const change = parseChange(action, tokens, reportingOn(ctx, choice.plan));
    if (!change.ok) return change;
    return { ok: true, args: { ...change.args, ...choice } };
  },
  run: (args, ctx) => changeList(args, reportingOn(ctx, args.plan)),
});

/** What to do to the list, from the words after `target` (a trailing plan id taken off). */
function parseChange(action: string, tokens: string[], ctx: CommandContext): ParseResult<TargetChange> {
  if (action.toLowerCase() === 'remove') {
    const state = parseState(tokens.join(' '), ctx);
    return state.ok ? { ok: true, args: { action: 'remove', state: state.args } } : state;
  }
  if (action.toLowerCase() === 'copy') {
    if (tokens.length === 0) return fail(errorReply('missing-plan', 'Copy from which plan? Give its id.', { lines: [USAGE_HINT] }));
    const from = parsePlanChoice(tokens.join(' '), ctx, 'target copy');
    if (!from.ok) return from;
    if (from.args.id === ctx.plan.id) return fail(errorReply('same-plan', `${from.args.id} is the plan in force: its list is the one you would copy into.`));
    return { ok: true, args: { action: 'copy', from: from.args } };
  }
  if (action.toLowerCase() !== 'add') {
    return fail(errorReply('bad-syntax', action ? `"${action}" is not something I can do to the list.` : 'Add or remove?', { lines: [USAGE_HINT] }));
  }
  const clauses = parseClauses(tokens, { lead: { arg: 'lead', kind: 'text' }, champion: { arg: 'champion', kind: 'text' } }, ctx);
  if (!clauses.ok) return clauses;
  const state = parseState(clauses.args.lead.join(' '), ctx);
  if (!state.ok) return state;
  const lead = checkNote(clauses.args.values.lead, 'lead');
  if (!lead.ok) return lead;
  const champion = clauses.args.values.champion === undefined ? undefined : parseChampion(clauses.args.values.champion, ctx);
  if (champion && !champion.ok) return champion;
  return { ok: true, args: { action: 'add', state: state.args, lead: lead.args, champion: champion?.args } };
}

/** Carries out the change on `ctx.plan`'s list. */
function changeList(args: TargetChange, ctx: CommandContext): Reply {
  if (args.action === 'copy') return copyList(args.from, ctx);
  const current = ctx.store.targets.placeOf(ctx.plan.id, args.state.iso3);
  if (args.action === 'remove') {
    if (!current) return errorReply('not-a-target', `${args.state.name} is not on the ${topListName(ctx.plan)}.`, { lines: ['See the list with `targets`.'] });
    const { changeId } = ctx.store.changes.update('targets', current.id, { removedAt: ctx.who.at }, ctx.who, 'remove target');
    return reply({
      tone: 'success',
      title: `Removed ${args.state.name} from the ${topListName(ctx.plan)}`,
      lines: [`${ctx.store.targets.active(ctx.plan.id).length} of ${ctx.plan.targetListSize} places are taken.`],
      actions: [undoButton(changeId)],
    });
  }
  if (current) {
    const changes = {
      ...(args.lead !== undefined && args.lead !== current.lead ? { lead: args.lead } : {}),
      ...(args.champion && args.champion.iso3 !== current.champion ? { champion: args.champion.iso3 } : {}),
    };
    if (Object.keys(changes).length === 0) {
      return errorReply('already-a-target', `${args.state.name} is already on the ${topListName(ctx.plan)}${current.lead ? ` (lead ${current.lead})` : ''}.`, {
        lines: ['To change the lead or the champion: `target add <state> lead <name> champion <State Party>`.'],
      });
    }
    const { changeId } = ctx.store.changes.update('targets', current.id, changes, ctx.who, 'change target lead or champion');
    const championName = (iso3: string | null) => (iso3 ? ctx.states.byCode(iso3).name : 'none');
    return reply({
      tone: 'success',
      title:
        changes.lead && !changes.champion
          ? `Lead for ${args.state.name} is now ${changes.lead}`
          : changes.champion && !changes.lead
            ? `Champion for ${args.state.name} is now ${championName(changes.champion)}`
            : `${args.state.name} on the ${topListName(ctx.plan)}: lead ${changes.lead}, champion ${championName(changes.champion ?? null)}`,
      facts: [
        ...(changes.lead ? [{ label: 'Previous lead', value: current.lead ?? 'none' }] : []),
        ...(changes.champion ? [{ label: 'Previous champion', value: championName(current.champion) }] : []),
      ],
      actions: [undoButton(changeId)],
    });
  }
  const refusal = notPartyListRefusal(args.state, ctx);
  if (refusal) return refusal;
  const listed = ctx.store.targets.active(ctx.plan.id).length;
  if (listed >= ctx.plan.targetListSize) {
    return errorReply('list-full', `The top-${ctx.plan.targetListSize} list is full.`, {
      lines: ['Take a state off first with `target remove <state>`, then add this one. Nothing was changed.'],
      suggestions: [{ label: 'Show the list', command: 'targets' }],
    });
  }
  const { changeId } = ctx.store.changes.create(
    'targets',
    {
      planId: ctx.plan.id,
      stateIso3: args.state.iso3,
      lead: args.lead ?? null,
      champion: args.champion?.iso3 ?? null,
      addedBy: ctx.person.id,
      addedAt: ctx.who.at,
    },
    ctx.who,
    'add target',
  );
  const facts = factsFor(ctx).of(args.state);
  const alreadyJoined = alreadyJoinedText(facts, ctx.today);
  return reply({
    tone: 'success',
    title: `Added ${args.state.name} to the ${topListName(ctx.plan)}`,
    facts: [
      { label: 'CCM', value: `${ccmStatusText(facts, ctx.today)} (${provenanceText(facts.provenance.ccm_status)})` },
      { label: 'Lead', value: args.lead ?? 'none yet' },
      { label: 'Champion', value: args.champion?.name ?? 'none yet' },
      { label: 'Places taken', value: `${listed + 1} of ${ctx.plan.targetListSize}` },
    ],
    lines: alreadyJoined ? [`Note: ${alreadyJoined}`] : undefined,
    actions: [undoButton(changeId)],
  });
}

/**
 * Starts this cycle's list from another cycle's: each state not yet listed, with its lead, as
 * far as the list has room. Each addition is its own change, attributed and undoable.
 */
function copyList(from: Plan, ctx: CommandContext): Reply {
  const listed = new Set(ctx.store.targets.active(ctx.plan.id).map((t) => t.stateIso3));
  const room = ctx.plan.targetListSize - listed.size;
  const unlisted = ctx.store.targets.active(from.id).filter((t) => !listed.has(t.stateIso3));
  // A state that joined since stays on the old list, as its last stage; the new one is for states not party.
  const joined = unlisted.filter((t) => isPartyToday(ctx.states.byCode(t.stateIso3), ctx));
  const candidates = unlisted.filter((t) => !joined.includes(t));
  if (candidates.length === 0 && joined.length === 0) {
    return errorReply('nothing-to-copy', `Every state on the ${cycleName(from)} list is already on this one.`, {
      suggestions: [{ label: 'Show the list', command: 'targets' }],
    });
  }
  const copied = candidates.slice(0, Math.max(room, 0));
  for (const t of copied) {
    ctx.store.changes.create(
      'targets',
      { planId: ctx.plan.id, stateIso3: t.stateIso3, lead: t.lead, champion: t.champion, addedBy: ctx.person.id, addedAt: ctx.who.at },
      ctx.who,
      'copy target',
    );
  }
  const left = candidates.slice(copied.length);
  return reply({
    tone: copied.length > 0 ? 'success' : 'warning',
    title: `Copied ${copied.length} ${copied.length === 1 ? 'state' : 'states'} from the ${cycleName(from)} list`,
    sections: [
      {
        heading: 'Added, with their leads',
        items: copied.map((t) => ({ text: ctx.states.byCode(t.stateIso3).name, detail: `lead ${t.lead ?? 'not assigned'}` })),
        empty: room > 0 ? 'None.' : 'None: the list is full.',
      },
      ...(left.length > 0
        ? [{ heading: `Not added: the ${topListName(ctx.plan)} is full`, items: left.map((t) => ({ text: ctx.states.byCode(t.stateIso3).name })) }]
        : []),
      ...(joined.length > 0
        ? [
            {
              heading: 'Not added: States Parties now (the list is for states not party)',
              items: joined.map((t) => ({ text: ctx.states.byCode(t.stateIso3).name })),
            },
          ]
        : []),
    ],
    lines: ['Take a state off with `target remove <state>`; `undo` takes back the additions one by one.'],
  });
}

/**
 * The champion named in `champion <state>`: a State Party, since a "Convention regional
 * champion" speaks for the Convention from inside it.
 */
function parseChampion(typed: string, ctx: CommandContext): ParseResult<StateRecord> {
  const state = parseState(typed, ctx);
  if (!state.ok) return state;
  if (!isPartyToday(state.args, ctx)) {
    return fail(
      errorReply('champion-not-party', `${state.args.name} is not a State Party: a champion speaks for the Convention as one.`, {
        lines: ['Name a State Party, e.g. `champion Philippines`. Nothing was changed.'],
      }),
    );
  }
  return state;
}
