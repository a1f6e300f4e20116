import { defineCommand } from '../core/command.ts';
import { logOutcome, parseOutcome } from './outcome.ts';

export const joined = defineCommand({
  name: 'joined',
  aliases: ['deposited'],
  usage: 'joined <state> on <date> [— source]',
  summary: 'Record that a state deposited its instrument: its card shows it joined from that day, and it counts as a new State Party.',
  examples: ['joined Angola on 2026-03-02 — UN depositary notification'],
  writes: true,
  role: 'coordinator',
  parse: (rest, ctx) => parseOutcome(rest, ctx, 'joined'),
  run: (args, ctx) => logOutcome('joined', args, ctx),
});
