/**
 * What a person is told when the database refused their command (see store/storage-problem.ts):
 * that nothing was saved, why in plain words, and whether trying again can help.
 */
import type { StorageProblem } from '../store/storage-problem.ts';
import { errorReply, type Reply } from './reply.ts';

/** `command`: what the person typed, run again by the "Try again" button of a busy refusal. */
export function storageProblemReply(problem: StorageProblem, reference: string, command: string): Reply {
  switch (problem.kind) {
    case 'busy':
      return errorReply('log-busy', 'The log is busy right now: nothing was saved.', {
        lines: [`Another program is writing to the database. Please try again in a moment; if it keeps happening, tell the ISU (reference ${reference}).`],
        actions: [{ label: 'Try again', command }],
      });
    case 'read-only':
      return errorReply('log-read-only', 'The log is read-only right now: nothing was saved.', {
        lines: [`The bot cannot write to its database. Please tell the ISU (reference ${reference}); trying again will not help until they fix it.`],
      });
    case 'unwritable':
      return errorReply('log-unwritable', 'The log cannot be written right now: nothing was saved.', {
        lines: [`The bot's disk is full or failing. Please tell the ISU (reference ${reference}); trying again will not help until they fix it.`],
      });
  }
}
