import { defineCommand } from '../core/command.ts';
import { logEngagement, parseEngagement } from './engagement.ts';

export const contacted = defineCommand({
  name: 'contacted',
  aliases: ['contact'],
  usage: 'contacted <state> [on <date>] [via geneva|capital|regional] [again] [— note]',
  summary: 'Log that a state was contacted (the first step of the follow-up log).',
  examples: [
    'contacted Viet Nam via capital — raised at bilateral consultations',
    'contacted Kenya yesterday via geneva',
    'contacted Thailand on last Friday via capital',
    'contacted the Philippines 3 days ago — a call with the mission',
  ],
  writes: true,
  parse: (rest, ctx) => parseEngagement(rest, ctx, 'contacted'),
  run: (args, ctx) => logEngagement('contacted', args, ctx),
});
