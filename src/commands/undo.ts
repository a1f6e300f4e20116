import { type CommandContext, defineCommand } from '../core/command.ts';
import { closedChangeGuard } from './cycle.ts';
import { fail, parseEntryId, words } from '../core/parse.ts';
import { type Action, errorReply, type Reply, reply } from '../core/reply.ts';
import type { AuditRow, Reversal } from '../store/store.ts';
import { KIND_TEXT, refuseUnlessOwner } from './describe.ts';

/**
 * The Undo button of a confirmation: it names the exact change (`undo change 57`), so a later
 * change by the same person never makes it undo the wrong thing.
 */
export function undoButton(changeId: number): Action {
  return { label: 'Undo', command: `undo change ${changeId}`, style: 'danger', settles: true };
}

/** The Undo button of a new log entry: withdraws that entry (`undo #12`). */
export function withdrawButton(entryId: number): Action {
  return { label: 'Undo', command: `undo #${entryId}`, style: 'danger', settles: true };
}

/** The Redo button of an undo: re-applies exactly that undo's change (`redo change 58`). */
function redoButton(undoId: number): Action {
  return { label: 'Redo', command: `redo change ${undoId}`, settles: true };
}

/** What a person typed to make a change, looking through undos and redos to the change itself. */
export function commandOf(change: AuditRow, ctx: CommandContext): string {
  return ctx.store.changes.original(change).command;
}

/** 'bob changed it since ("target add Kenya lead Chile")': who stands in the way of an undo or redo, and how. */
function changedSinceText(by: AuditRow | undefined, ctx: CommandContext): string {
  if (!by) return 'it was changed since';
  const who = by.personId === ctx.person.id ? 'you' : (ctx.store.people.byId(by.personId)?.displayName ?? 'someone else');
  const how = by.action === 'undo' || by.action === 'redo' ? `${by.action}ing "${commandOf(by, ctx)}"` : `"${by.command}"`;
  return `${who} changed it since (${how})`;
}

/** The refusal of an undo or redo that would wipe a later change, or of one that cannot be done. */
export function refusal(failed: Exclude<Reversal, { ok: true }>, verb: 'undo' | 'redo', what: string, ctx: CommandContext): Reply {
  const code = verb === 'undo' ? 'cannot-undo' : 'cannot-redo';
  if (failed.reason === 'not-undoable') return errorReply(code, `Cannot ${verb} "${what}": ${failed.message}.`);
  const mine = failed.by?.personId === ctx.person.id;
  return errorReply(code, `Cannot ${verb} "${what}": ${changedSinceText(failed.by, ctx)}.`, {
    lines: [mine ? `Nothing was changed. Undo that change first, then ${verb} this one.` : 'Nothing was changed.'],
  });
}

/** "Withdrew #12: meeting held, Kenya": the title of a change that took an entry out of the log or brought it back. */
export function entryTitle(verb: string, row: Record<string, unknown>, ctx: CommandContext): string {
  const entry = row as { id: number; kind: keyof typeof KIND_TEXT; stateIso3: string };
  return `${verb} #${entry.id}: ${KIND_TEXT[entry.kind].toLowerCase()}, ${ctx.states.byCode(entry.stateIso3).name}`;
}

/**
 * Reverses `change` and, unless `single`, the other changes of its batch (a workshop's entries),
 * marking the reversals as a batch in turn so that one `redo` puts them all back. Stops at the
 * first refusal; the command's transaction then rolls back what was reversed before it.
 */
export function reverseBatch(
  change: AuditRow,
  ctx: CommandContext,
  verb: 'undo' | 'redo',
  single = false,
): { results: Reversal[]; failed?: Exclude<Reversal, { ok: true }> } {
  const results: Reversal[] = [];
  for (const member of single ? [change] : ctx.store.changes.batchOf(change)) {
    const result = verb === 'undo' ? ctx.store.changes.undo(member, ctx.who) : ctx.store.changes.redo(member, ctx.who);
    if (!result.ok) return { results, failed: result };
    results.push(result);
  }
  ctx.store.changes.markBatch(results.flatMap((r) => (r.ok ? [r.changeId] : [])));
  return { results };
}

export const undo = defineCommand<{ change: AuditRow; single?: boolean }>({
  name: 'undo',
  aliases: ['withdraw'],
  usage: 'undo [<entry id>]',
  summary: 'Undo your last change (again to step further back), or withdraw one of your entries by its number. It stays in the audit trail.',
  examples: ['undo', 'undo #12'],
  writes: true,
  guard: (args, ctx) => closedChangeGuard(args.change, ctx),
  parse(rest, ctx) {
    const tokens = words(rest);
    if (tokens.length === 0) {
      const [change, ...earlier] = ctx.store.changes.undoable(ctx.person.id, 6);
      if (!change) return fail(errorReply('nothing-to-undo', 'You have no change left to undo.'));
      const blocked = ctx.store.changes.overwritten(change);
      if (blocked) {
        // Undoing would wipe a later change to the same field. Offer the person's earlier
        // changes instead of leaving plain `undo` stuck on this one.
        return fail(
          errorReply('changed-since', `Your last change ("${commandOf(change, ctx)}") cannot be undone: ${changedSinceText(blocked.by, ctx)}.`, {
            lines: ['Nothing was changed. You can undo one of your earlier changes:'],
            suggestions: earlier
              .filter((c) => !ctx.store.changes.overwritten(c))
              .slice(0, 3)
              .map((c) => ({ label: `undo "${commandOf(c, ctx)}"`, command: `undo change ${c.id}` })),
          }),
        );
      }
      return { ok: true, args: { change } };
    }
    // `undo change 57` is what Undo buttons send: it names one change exactly.
    if (tokens[0]?.toLowerCase() === 'change') {
      const id = Number(tokens[1]);
      const change = Number.isInteger(id) ? ctx.store.changes.byId(id) : undefined;
      if (!change || change.action === 'undo') return fail(errorReply('no-change', `There is no change ${tokens[1] ?? ''} to undo.`));
      if (change.personId !== ctx.person.id) return fail(errorReply('not-yours', 'Only the person who made a change can undo it.'));
      if (change.undoneBy !== null) return fail(errorReply('already-undone', 'That change was already undone.'));
      return { ok: true, args: { change } };
    }
    const id = parseEntryId(tokens[0]);
    if (!id.ok || tokens.length > 1) return id.ok ? fail(errorReply('bad-syntax', 'Write `undo` or `undo #12`.')) : id;
    const entry = ctx.store.entries.byId(id.args);
    if (!entry) return fail(errorReply('no-entry', `There is no entry #${id.args}.`));
    if (entry.withdrawnAt) return fail(errorReply('already-undone', `#${entry.id} was already withdrawn.`));
    const notYours = refuseUnlessOwner(entry, ctx, 'withdraw it');
    if (notYours) return notYours;
    // Its creation, or the redo that brought it back after an earlier withdrawal.
    const change = ctx.store.changes.lastArrival('entries', String(entry.id));
    if (!change) return fail(errorReply('no-change', `#${entry.id} has no recorded creation to undo.`));
    // `undo #12` names one entry: it withdraws that one even if it came with others (a workshop).
    return { ok: true, args: { change, single: true } };
  },
  run({ change, single }, ctx) {
    let result: Reversal;
    let batch: Reversal[];
    try {
      const reversed = reverseBatch(change, ctx, 'undo', single);
      batch = reversed.results;
      result = reversed.failed ?? reversed.results[0]!;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return errorReply('cannot-undo', `Cannot undo "${commandOf(change, ctx)}": the same thing was done again since.`);
      }
      throw error;
    }
    if (!result.ok) return refusal(result, 'undo', commandOf(change, ctx), ctx);
    const withdrew = change.entity === 'entries' && !result.before.withdrawnAt && Boolean(result.row.withdrawnAt);
    const ids = batch
      .flatMap((r) => (r.ok ? [Number(r.row.id)] : []))
      .sort((a, b) => a - b)
      .map((id) => `#${id}`);
    return reply({
      tone: 'success',
      title:
        batch.length > 1
          ? `Withdrew ${batch.length} entries: ${ids.join(', ')} ("${commandOf(change, ctx)}")`
          : withdrew
            ? entryTitle('Withdrew', result.row, ctx)
            : `Undone: ${commandOf(change, ctx)}`,
      lines: [
        withdrew
          ? 'It no longer counts anywhere; the audit trail keeps a record of it and of this undo. `redo` brings it back.'
          : 'The audit trail keeps a record of the change and of this undo. `redo` puts the change back.',
      ],
      actions: [redoButton(result.changeId)],
    });
  },
});
