import { defineCommand } from '../core/command.ts';
import { checkNote, fail, parseClauses, parseState, wordsAndNote } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import { ccmStatusOn } from '../domain/ccm.ts';
import { formatDate } from '../domain/dates.ts';
import { stateNames } from '../domain/state-lists.ts';
import type { StateRecord } from '../domain/states.ts';
import { factsFor } from './describe.ts';
import { entryOrigin, publicEcho } from './engagement.ts';
import { undoButton } from './undo.ts';

interface WorkshopArgs {
  name: string;
  on: string;
  states: StateRecord[];
  pathway: string;
}

const EXAMPLE = '`workshop ASEAN on 2026-03-04 with Myanmar, Thailand, Viet Nam — accession pathway via Lao PDR`';

/**
 * A regional workshop: one regional-level meeting entry per state reached, on the day, written
 * together and marked as one batch, so that one `undo` withdraws them all (`undo #12` still
 * withdraws a single state's entry). The regional-engagements rule counts the day once.
 */
export const workshop = defineCommand<WorkshopArgs>({
  name: 'workshop',
  usage: 'workshop <name> [on <date>] with <state>, <state>, … — accession pathway',
  summary: 'Log a regional workshop: a regional-level meeting with each state reached, counted as one regional engagement.',
  examples: ['workshop ASEAN on 2026-03-04 with Myanmar, Thailand, Viet Nam — accession pathway through Lao PDR'],
  writes: true,
  parse(rest, ctx) {
    const start = wordsAndNote(rest);
    if (!start.ok) return start;
    const clauses = parseClauses(start.args.tokens, { on: { arg: 'date', kind: 'past-date' }, with: { arg: 'states', kind: 'text' } }, ctx);
    if (!clauses.ok) return clauses;
    const name = clauses.args.lead.join(' ');
    const { date, states: typedStates } = clauses.args.values;
    if (name === '' || typedStates === undefined) {
      return fail(
        errorReply('bad-syntax', 'Give the workshop, the states reached and the pathway.', { lines: [`For example ${EXAMPLE}. Nothing was saved.`] }),
      );
    }
    if (!start.args.note) {
      return fail(
        errorReply('missing-pathway', 'Which accession pathway was the workshop linked to? Add it after a dash.', {
          lines: [`For example ${EXAMPLE}. Nothing was saved.`],
        }),
      );
    }
    const on = date ?? ctx.today;
    if (on > ctx.today) return fail(errorReply('future-date', `${formatDate(on)} is in the future: only what already happened is logged.`));
    const states: StateRecord[] = [];
    for (const typed of stateNames(typedStates, ctx.states.exact.bind(ctx.states))) {
      const state = parseState(typed, ctx);
      if (!state.ok) return state;
      if (!states.includes(state.args)) states.push(state.args);
    }
    const pathway = checkNote(`Workshop ${name}: ${start.args.note}`);
    if (!pathway.ok) return pathway;
    return { ok: true, args: { name, on, states, pathway: start.args.note } };
  },
  run(args, ctx) {
    const note = `Workshop ${args.name}: ${args.pathway}`;
    const created = args.states.map((state) =>
      ctx.store.changes.create(
        'entries',
        { kind: 'meeting', stateIso3: state.iso3, occurredOn: args.on, level: 'regional', note, ...entryOrigin(ctx) },
        ctx.who,
        'log workshop',
      ),
    );
    ctx.store.changes.markBatch(created.map((c) => c.changeId));
    const facts = factsFor(ctx);
    const parties = args.states.filter((s) => ccmStatusOn(facts.of(s), args.on) === 'party').map((s) => s.name);
    const ids = created.map((c) => `#${c.row.id}`).join(', ');
    return reply({
      tone: 'success',
      title: `Logged workshop ${args.name}: ${created.length} regional ${created.length === 1 ? 'meeting' : 'meetings'} (${ids})`,
      facts: [
        { label: 'Date', value: formatDate(args.on) },
        { label: 'States reached', value: args.states.map((s) => s.name).join(', ') },
        { label: 'Level', value: 'regional' },
        { label: 'Pathway', value: args.pathway },
      ],
      lines: [
        'One regional engagement: the figure counts one per day, however many states a workshop reaches.',
        ...(parties.length > 0 ? [`Already joined: ${parties.join(', ')}; counted as engagement with States Parties.`] : []),
        "Undo withdraws the whole workshop; `undo #<entry id>` withdraws one state's entry.",
      ],
      actions: [undoButton(created[0]!.changeId)],
      publicEcho: publicEcho(ctx, 'a regional workshop', created[0]!.row.id),
    });
  },
});
