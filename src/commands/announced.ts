import { defineCommand } from '../core/command.ts';
import { logOutcome, parseOutcome } from './outcome.ts';

export const announced = defineCommand({
  name: 'announced',
  usage: 'announced <state> [on <date>] — what was announced, where',
  summary: 'Record that a state announced its intent to join; it counts toward the new-State-Party deliverable.',
  examples: ['announced Angola on 2026-03-02 — Minister at the Conference on Disarmament'],
  writes: true,
  parse: (rest, ctx) => parseOutcome(rest, ctx, 'announced'),
  run: (args, ctx) => logOutcome('announced', args, ctx),
});
