import { defineCommand } from '../core/command.ts';
import { checkNote, fail, parseClauses, parseState, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { StateRecord } from '../domain/states.ts';
import { alreadyJoinedText, ccmStatusText } from './describe.ts';
import { undoButton } from './undo.ts';

type TargetArgs = { action: 'add'; state: StateRecord; lead: string | undefined } | { action: 'remove'; state: StateRecord };

const USAGE_HINT = 'Write `target add <state> [lead <name>]` or `target remove <state>`.';

export const target = defineCommand<TargetArgs>({
  name: 'target',
  usage: 'target add <state> [lead <name>] | target remove <state>',
  summary: 'Put a state on the top-15 engagement list (with its lead), change its lead, or take it off.',
  examples: ['target add Indonesia lead Norway', 'target remove Kenya'],
  writes: true,
  parse(rest, ctx) {
    const [action = '', ...tokens] = words(rest);
    if (action.toLowerCase() === 'remove') {
      const state = parseState(tokens.join(' '), ctx);
      return state.ok ? { ok: true, args: { action: 'remove', state: state.args } } : state;
    }
    if (action.toLowerCase() !== 'add') {
      return fail(errorReply('bad-syntax', action ? `"${action}" is not something I can do to the list.` : 'Add or remove?', { lines: [USAGE_HINT] }));
    }
    const clauses = parseClauses(tokens, { lead: { arg: 'lead', kind: 'text' } }, ctx);
    if (!clauses.ok) return clauses;
    const state = parseState(clauses.args.lead.join(' '), ctx);
    if (!state.ok) return state;
    const lead = checkNote(clauses.args.values.lead, 'lead');
    if (!lead.ok) return lead;
    return { ok: true, args: { action: 'add', state: state.args, lead: lead.args } };
  },
  run(args, ctx) {
    const current = ctx.store.activeTarget(ctx.plan.id, args.state.iso3);
    if (args.action === 'remove') {
      if (!current) return errorReply('not-a-target', `${args.state.name} is not on the top-15 list.`, { lines: ['See the list with `targets`.'] });
      const { changeId } = ctx.store.update('targets', current.id, { removedAt: ctx.who.at }, ctx.who, 'remove target');
      return reply({
        tone: 'success',
        title: `Removed ${args.state.name} from the top-15 list`,
        lines: [`${ctx.store.activeTargets(ctx.plan.id).length} of ${ctx.plan.targetListSize} places are taken.`],
        actions: [undoButton(changeId)],
      });
    }
    if (current) {
      if (args.lead === undefined || args.lead === current.lead) {
        return errorReply('already-a-target', `${args.state.name} is already on the top-15 list${current.lead ? ` (lead ${current.lead})` : ''}.`, {
          lines: ['To change the lead: `target add <state> lead <name>`.'],
        });
      }
      const { changeId } = ctx.store.update('targets', current.id, { lead: args.lead }, ctx.who, 'change target lead');
      return reply({
        tone: 'success',
        title: `Lead for ${args.state.name} is now ${args.lead}`,
        facts: [{ label: 'Previous lead', value: current.lead ?? 'none' }],
        actions: [undoButton(changeId)],
      });
    }
    const listed = ctx.store.activeTargets(ctx.plan.id).length;
    if (listed >= ctx.plan.targetListSize) {
      return errorReply('list-full', `The top-${ctx.plan.targetListSize} list is full.`, {
        lines: ['Take a state off first with `target remove <state>`, then add this one. Nothing was changed.'],
        suggestions: [{ label: 'Show the list', command: 'targets' }],
      });
    }
    const { changeId } = ctx.store.create(
      'targets',
      { planId: ctx.plan.id, stateIso3: args.state.iso3, lead: args.lead ?? null, addedBy: ctx.person.id, addedAt: ctx.who.at },
      ctx.who,
      'add target',
    );
    const alreadyJoined = alreadyJoinedText(args.state, ctx.today);
    return reply({
      tone: 'success',
      title: `Added ${args.state.name} to the top-15 list`,
      facts: [
        { label: 'CCM', value: ccmStatusText(args.state, ctx.today) },
        { label: 'Lead', value: args.lead ?? 'none yet' },
        { label: 'Places taken', value: `${listed + 1} of ${ctx.plan.targetListSize}` },
      ],
      lines: alreadyJoined ? [`Note: ${alreadyJoined}`] : undefined,
      actions: [undoButton(changeId)],
    });
  },
});
