/**
 * `barrier message <category> — text`: the recommended engagement message for a barrier
 * category, shown with the barrier map. One current message per category; a new text replaces
 * it through the audit trail, so `undo` brings the previous one back.
 */
import type { CommandContext, ParseResult } from '../core/command.ts';
import { fail } from '../core/parse.ts';
import { errorReply, type Reply, reply } from '../core/reply.ts';
import { BARRIER_TEXT, type BarrierCategory, barrierCategory, categoriesText } from '../domain/barriers.ts';
import { undoButton } from './undo.ts';

export type MessageArgs = { action: 'message'; category: BarrierCategory; text: string } | { action: 'clear-message'; category: BarrierCategory };

const EXAMPLE = 'barrier message legal — offer the model instrument and the ratification steps note';

/** Reads what follows `barrier message`: a category, then the text as a note, or `clear`. */
export function parseMessage(tokens: readonly string[], text: string | undefined): ParseResult<MessageArgs> {
  const [typed, ...rest] = tokens;
  const category = barrierCategory(typed ?? '');
  if (!category) {
    return fail(
      errorReply('bad-barrier', typed ? `"${typed}" is not a barrier category.` : 'Which barrier category is the message for?', {
        lines: [`Categories: ${categoriesText()}.`, `Example: \`${EXAMPLE}\`. Nothing was saved.`],
      }),
    );
  }
  const clear = rest.length === 1 && rest[0]!.toLowerCase() === 'clear';
  if (clear && text === undefined) return { ok: true, args: { action: 'clear-message', category } };
  if (rest.length > 0 || text === undefined) {
    return fail(
      errorReply('bad-syntax', 'Give the message after a dash.', {
        lines: [`Write \`barrier message ${category} — <text>\`, or \`barrier message ${category} clear\` to remove it. Nothing was saved.`],
      }),
    );
  }
  return { ok: true, args: { action: 'message', category, text } };
}

export function runMessage(args: MessageArgs, ctx: CommandContext): Reply {
  const title = BARRIER_TEXT[args.category];
  const current = ctx.store.barriers.message(args.category);
  if (args.action === 'clear-message') {
    if (!current) return errorReply('no-message', `${title} has no recommended message.`, { lines: ['Nothing was changed.'] });
    const { changeId } = ctx.store.changes.update('barrierMessages', current.id, { withdrawnAt: ctx.who.at }, ctx.who, 'clear barrier message');
    return reply({
      tone: 'success',
      title: `Removed the recommended message for ${title}`,
      facts: [{ label: 'Message it had', value: current.message }],
      lines: ['The audit trail keeps it; `undo` puts it back.'],
      actions: [undoButton(changeId)],
    });
  }
  if (!current) {
    const { changeId } = ctx.store.changes.create(
      'barrierMessages',
      { category: args.category, message: args.text, personId: ctx.person.id, createdAt: ctx.who.at },
      ctx.who,
      'record barrier message',
    );
    return reply({
      tone: 'success',
      title: `Recommended message recorded for ${title}`,
      facts: [{ label: 'Message', value: args.text }],
      lines: ['It is shown with the barrier map: `barriers`.'],
      actions: [undoButton(changeId)],
    });
  }
  if (current.message === args.text) {
    return reply({ tone: 'info', code: 'already-recorded', title: `${title} already has this recommended message`, lines: ['Nothing was changed.'] });
  }
  const { changeId } = ctx.store.changes.update(
    'barrierMessages',
    current.id,
    { message: args.text, personId: ctx.person.id },
    ctx.who,
    'replace barrier message',
  );
  return reply({
    tone: 'success',
    title: `Recommended message replaced for ${title}`,
    facts: [
      { label: 'Message', value: args.text },
      { label: 'Previous message', value: current.message },
    ],
    lines: ['The audit trail keeps the previous message; `undo` brings it back.'],
    actions: [undoButton(changeId)],
  });
}
