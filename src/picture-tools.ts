/**
 * `ccm chart` and `ccm map`: the digest's pictures as PNG files, written by the operator from
 * the same code as the chat (`map`) and the digest. With `--at`, as the log, milestones and
 * top-15 list stood then (see store/as-of.ts).
 *
 * The map with the top-15 list names the group's targets: it is written readable by its owner
 * only, like every file the operator commands write. `--public` gives the status map alone.
 */
import type { Bot } from './bot.ts';
import type { OptionValues, Output, Subcommand } from './cli/subcommand.ts';
import type { Picture } from './core/picture.ts';
import { todayIn } from './domain/dates.ts';
import { parseInstant, viewAt } from './operator.ts';
import { renderPicture } from './render/pictures/index.ts';
import { progressChartPicture, worldMapPicture } from './reports/pictures.ts';
import type { ReportContext } from './reports/progress.ts';
import { deliver, planNamed } from './report-tools.ts';
import { topListName } from './domain/plan-book.ts';

const PICTURE_OPTIONS = { at: { type: 'string' }, out: { type: 'string' } } as const;

export const chartSubcommand: Subcommand = {
  name: 'chart',
  usage: [
    {
      synopsis: '[--plan <id>] [--at <ISO timestamp>] [--out <file.png>]',
      description: ["the progress chart of the digest (PNG): every deliverable's figures", 'against their targets, met / in progress / at risk / past due'],
    },
  ],
  options: { plan: { type: 'string' }, ...PICTURE_OPTIONS },
  needs: 'bot',
  run: ({ values }, bot, io) => writePicture(bot, 'chart', values, io),
};

export const mapSubcommand: Subcommand = {
  name: 'map',
  usage: [
    {
      synopsis: '[--public] [--at <ISO timestamp>] [--out <file.png>]',
      description: [
        "the world map of CCM status (PNG), with the plan's top list outlined and",
        "each listed state's stage; --public: the status map alone, to share",
      ],
    },
  ],
  options: { public: { type: 'boolean' }, ...PICTURE_OPTIONS },
  needs: 'bot',
  run: ({ values }, bot, io) => writePicture(bot, 'map', values, io),
};

/** Draws the chart or the map and writes it; resolves to the exit code. */
async function writePicture(bot: Bot, subcommand: 'chart' | 'map', options: OptionValues, io: Output): Promise<number> {
  const tz = bot.config.timeZone;
  const at = typeof options.at === 'string' ? parseInstant(options.at, tz, 'at') : bot.now();
  const today = todayIn(tz, at);
  const plan = typeof options.plan === 'string' ? planNamed(bot, options.plan) : bot.plans.activeOn(today);
  const view = options.at === undefined ? undefined : viewAt(bot, at);
  let picture: Picture;
  try {
    const ctx: ReportContext = { store: view?.store ?? bot.store, plan, states: bot.states, today, timeZone: tz };
    picture = subcommand === 'chart' ? progressChartPicture(ctx) : worldMapPicture(ctx, options.public ? 'status-only' : 'with-targets');
  } finally {
    view?.close();
  }
  const rendered = await renderPicture(picture);
  const which = subcommand === 'chart' ? 'progress chart' : options.public ? 'status map' : `map with the ${topListName(plan)}`;
  const what = `the ${which} (${rendered.width} × ${rendered.height} pixels)`;
  if (deliver(rendered.png, options.out, what, io) !== 0) return 1;
  // Notes go to standard error when the picture itself goes to standard output.
  const notes = typeof options.out === 'string' ? io.out : io.err;
  if (rendered.notDrawn.length > 0) notes.write(`Not on the map (the map data has no shape for it), named under it: ${rendered.notDrawn.join(', ')}.\n`);
  return 0;
}
