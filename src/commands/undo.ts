import { defineCommand } from '../core/command.ts';
import { fail, parseEntryId, words } from '../core/parse.ts';
import { type Action, errorReply, reply } from '../core/reply.ts';
import type { AuditRow } from '../store/store.ts';
import { KIND_TEXT } from './describe.ts';

type UndoArgs = { change: AuditRow; entryId?: number };

/**
 * The Undo button of a confirmation: it names the exact change (`undo change 57`), so a later
 * change by the same person never makes it undo the wrong thing.
 */
export function undoButton(changeId: number): Action {
  return { label: 'Undo', command: `undo change ${changeId}`, style: 'danger' };
}

/** The Undo button of a new log entry: withdraws that entry (`undo #12`). */
export function withdrawButton(entryId: number): Action {
  return { label: 'Undo', command: `undo #${entryId}`, style: 'danger' };
}

export const undo = defineCommand<UndoArgs>({
  name: 'undo',
  aliases: ['withdraw'],
  usage: 'undo [<entry id>]',
  summary: 'Undo your last change, or withdraw one of your entries by its number. It stays in the audit trail.',
  examples: ['undo', 'undo #12'],
  writes: true,
  parse(rest, ctx) {
    const tokens = words(rest);
    if (tokens.length === 0) {
      const [change, ...earlier] = ctx.store.undoableChanges(ctx.person.id, 6);
      if (!change) return fail(errorReply('nothing-to-undo', 'You have no change left to undo.'));
      if (!ctx.store.isCurrent(change)) {
        // Someone changed the same record since: undoing would wipe their change. Offer the
        // person's earlier changes instead of leaving plain `undo` stuck on this one.
        return fail(errorReply('changed-since', `Your last change ("${change.command}") was changed again since, so it cannot be undone.`, {
          lines: ['Nothing was changed. You can undo one of your earlier changes:'],
          suggestions: earlier.filter((c) => ctx.store.isCurrent(c)).slice(0, 3).map((c) => ({ label: `undo "${c.command}"`, command: `undo change ${c.id}` })),
        }));
      }
      return { ok: true, args: { change } };
    }
    // `undo change 57` is what Undo buttons send: it names one change exactly.
    if (tokens[0]?.toLowerCase() === 'change') {
      const id = Number(tokens[1]);
      const change = Number.isInteger(id) ? ctx.store.change(id) : undefined;
      if (!change || change.action === 'undo') return fail(errorReply('no-change', `There is no change ${tokens[1] ?? ''} to undo.`));
      if (change.personId !== ctx.person.id) return fail(errorReply('not-yours', 'Only the person who made a change can undo it.'));
      if (change.undoneBy !== null) return fail(errorReply('already-undone', 'That change was already undone.'));
      return { ok: true, args: { change } };
    }
    const id = parseEntryId(tokens[0]);
    if (!id.ok || tokens.length > 1) return id.ok ? fail(errorReply('bad-syntax', 'Write `undo` or `undo #12`.')) : id;
    const entry = ctx.store.entry(id.args);
    if (!entry) return fail(errorReply('no-entry', `There is no entry #${id.args}.`));
    if (entry.withdrawnAt) return fail(errorReply('already-undone', `#${entry.id} was already withdrawn.`));
    if (entry.personId !== ctx.person.id) {
      const owner = ctx.store.personById(entry.personId)?.displayName ?? 'someone else';
      return fail(errorReply('not-yours', `#${entry.id} was logged by ${owner}; only they can withdraw it.`));
    }
    const change = ctx.store.creationOf('entries', String(entry.id));
    if (!change) return fail(errorReply('no-change', `#${entry.id} has no recorded creation to undo.`));
    return { ok: true, args: { change, entryId: entry.id } };
  },
  run({ change }, ctx) {
    let result: ReturnType<typeof ctx.store.undo>;
    try {
      result = ctx.store.undo(change, ctx.who);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return errorReply('cannot-undo', `Cannot undo "${change.command}": the same thing was done again since.`);
      }
      throw error;
    }
    if (!result.ok) return errorReply('cannot-undo', `Cannot undo "${change.command}": ${result.reason}.`);
    if (change.entity === 'entries' && change.before === null) {
      const row = result.row as { id: number; kind: keyof typeof KIND_TEXT; stateIso3: string };
      return reply({
        tone: 'success',
        title: `Withdrew #${row.id}: ${KIND_TEXT[row.kind].toLowerCase()}, ${ctx.states.byCode(row.stateIso3).name}`,
        lines: ['It no longer counts anywhere; the audit trail keeps a record of it and of this undo.'],
      });
    }
    return reply({
      tone: 'success',
      title: `Undone: ${change.command}`,
      lines: ['The audit trail keeps a record of the change and of this undo.'],
    });
  },
});
