import { defineCommand } from '../core/command.ts';
import { logEngagement, parseEngagement } from './engagement.ts';

export const meeting = defineCommand({
  name: 'meeting',
  aliases: ['met'],
  usage: 'meeting <state> held [on <date>] [in geneva|capital|regional] [again] [— note]',
  summary: 'Log a meeting that was held with a state; bilateral meetings count toward the deliverable of 10.',
  examples: [
    'meeting Lao PDR held',
    'meeting Indonesia held on Tuesday in capital — ratification bill before parliament',
    'meeting with the Republic of Korea held yesterday',
  ],
  writes: true,
  parse: (rest, ctx) => parseEngagement(rest, ctx, 'meeting'),
  run: (args, ctx) => logEngagement('meeting', args, ctx),
});
