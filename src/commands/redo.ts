import { defineCommand } from '../core/command.ts';
import { closedChangeGuard } from './cycle.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply, reply } from '../core/reply.ts';
import type { AuditRow, Reversal } from '../store/store.ts';
import { commandOf, entryTitle, refusal, reverseBatch, undoButton } from './undo.ts';

export const redo = defineCommand<{ undo: AuditRow }>({
  name: 'redo',
  usage: 'redo',
  summary: 'Put back the last change you undid (again for the one before), e.g. bring back an entry you withdrew. Recorded like any change.',
  examples: ['redo'],
  writes: true,
  guard: (args, ctx) => closedChangeGuard(args.undo, ctx),
  parse(rest, ctx) {
    const tokens = words(rest);
    if (tokens.length === 0) {
      const undo = ctx.store.changes.lastUndo(ctx.person.id);
      if (!undo) {
        return fail(
          errorReply('nothing-to-redo', 'You have nothing to redo.', {
            lines: ['`redo` puts back a change you undid with `undo`. Nothing was changed.'],
          }),
        );
      }
      return { ok: true, args: { undo } };
    }
    // `redo change 58` is what Redo buttons send: it names one undo exactly.
    if (tokens[0]?.toLowerCase() === 'change' && tokens.length === 2) {
      const id = Number(tokens[1]);
      const undo = Number.isInteger(id) ? ctx.store.changes.byId(id) : undefined;
      if (undo?.action !== 'undo') return fail(errorReply('no-change', `There is no undo ${tokens[1]} to redo.`));
      if (undo.personId !== ctx.person.id) return fail(errorReply('not-yours', 'Only the person who undid a change can redo it.'));
      if (undo.undoneBy !== null) return fail(errorReply('already-redone', 'That change was already put back.'));
      return { ok: true, args: { undo } };
    }
    return fail(errorReply('bad-syntax', '`redo` takes nothing after it.', { lines: ['It puts back the last change you undid. Nothing was changed.'] }));
  },
  run({ undo }, ctx) {
    const what = commandOf(undo, ctx);
    let result: Reversal;
    let batch: Reversal[];
    try {
      const reversed = reverseBatch(undo, ctx, 'redo');
      batch = reversed.results;
      result = reversed.failed ?? reversed.results[0]!;
    } catch (error) {
      // E.g. a state put back on the top-15 list after someone added it again.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        return errorReply('cannot-redo', `Cannot redo "${what}": the same thing was done again since.`);
      }
      throw error;
    }
    if (!result.ok) return refusal(result, 'redo', what, ctx);
    const restored = undo.entity === 'entries' && Boolean(result.before.withdrawnAt) && !result.row.withdrawnAt;
    return reply({
      tone: 'success',
      title:
        batch.length > 1
          ? `Restored ${batch.length} entries: ${batch
              .flatMap((r) => (r.ok ? [Number(r.row.id)] : []))
              .sort((a, b) => a - b)
              .map((id) => `#${id}`)
              .join(', ')} ("${what}")`
          : restored
            ? entryTitle('Restored', result.row, ctx)
            : `Redone: ${what}`,
      lines: [
        restored
          ? 'It counts again. The audit trail keeps the entry, its withdrawal and this redo.'
          : 'The audit trail keeps the change, its undo and this redo.',
      ],
      actions: [undoButton(result.changeId)],
    });
  },
});
