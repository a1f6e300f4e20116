/**
 * `ccm chart` and `ccm map`: the digest's pictures as PNG files, written by the operator from
 * the same code as the chat (`map`) and the digest. With `--at`, as the log, milestones and
 * top-15 list stood then (see store/as-of.ts).
 *
 * The map with the top-15 list names the group's targets: it is written readable by its owner
 * only, like every file the operator commands write. `--public` gives the status map alone.
 */
import type { Bot } from './bot.ts';
import type { Picture } from './core/picture.ts';
import { todayIn } from './domain/dates.ts';
import { parseInstant, parseOptions, viewAt } from './operator.ts';
import { renderPicture } from './render/pictures/index.ts';
import { progressChartPicture, worldMapPicture } from './reports/pictures.ts';
import type { ReportContext } from './reports/progress.ts';
import { deliver, type Output, planNamed } from './report-tools.ts';
import { topListName } from './domain/plan-book.ts';

export const PICTURE_SUBCOMMANDS = ['chart', 'map'];

/** Runs `ccm chart|map …`; resolves to the exit code. Usage mistakes throw {@link UsageError}. */
export async function runPictureCommand(bot: Bot, subcommand: string, args: readonly string[], io: Output): Promise<number> {
  const options = parseOptions(args, subcommand === 'chart' ? { plan: 'value', at: 'value', out: 'value' } : { public: 'flag', at: 'value', out: 'value' });
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
