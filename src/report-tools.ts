/**
 * `ccm export`, `ccm barriers` and `ccm report --public`: the group's records as files, written
 * by the operator from the same code as the chat commands (`export`, `barriers`, `report public`).
 *
 * Files are written readable by their owner only: the log and the barrier map name states and
 * members. The public report names none, and is checked for that before it is written.
 */
import type { Bot } from './bot.ts';
import { type OptionValues, type Output, type Subcommand, UsageError } from './cli/subcommand.ts';
import { parseIsoDate, todayIn } from './domain/dates.ts';
import type { Plan } from './domain/plan.ts';
import { cycleName } from './domain/plan-book.ts';
import { parseInstant, viewAt } from './operator.ts';
import { barrierCountText, barrierMapCsv, barrierMapMarkdown, buildBarrierMap } from './reports/barrier-map.ts';
import { exportCsv, exportJson, exportRows } from './reports/log-export.ts';
import type { ReportContext } from './reports/progress.ts';
import { publicReport, withheldText } from './reports/public-report.ts';
import { writePrivateFile } from './store/private-file.ts';

const FILE_OPTIONS = { at: { type: 'string' }, out: { type: 'string' } } as const;

export const exportSubcommand: Subcommand = {
  name: 'export',
  usage: [
    {
      synopsis: '[--format csv|json] [--since <date>] [--at <ISO timestamp>] [--out <file>]',
      description: ['the whole follow-up log, one row per entry (withdrawn entries marked);', 'it names states and members: keep it within the group'],
    },
  ],
  options: { format: { type: 'string' }, since: { type: 'string' }, ...FILE_OPTIONS },
  needs: 'bot',
  run: ({ values }, bot, io) => asOf(bot, values, (ctx) => exportLog(ctx, values, io)),
};

export const barriersSubcommand: Subcommand = {
  name: 'barriers',
  usage: [
    {
      synopsis: '[--format md|csv] [--at <ISO timestamp>] [--out <file>]',
      description: ['the 1-page internal barrier map: every category, its states with their', 'notes, and the recommended engagement messages'],
    },
  ],
  options: { format: { type: 'string' }, ...FILE_OPTIONS },
  needs: 'bot',
  run: ({ values }, bot, io) => asOf(bot, values, (ctx) => barrierMap(ctx, values, io)),
};

export const reportSubcommand: Subcommand = {
  name: 'report',
  usage: [
    {
      synopsis: '--public [--plan <id>] [--at <ISO timestamp>] [--out <file>]',
      description: [
        'the progress summary for Preparatory Meeting and Review Conference',
        'documents (Markdown): figures only, no State named but the coordinators',
      ],
    },
  ],
  options: { public: { type: 'boolean' }, plan: { type: 'string' }, ...FILE_OPTIONS },
  needs: 'bot',
  run: ({ values }, bot, io) => asOf(bot, values, (ctx) => report(bot, ctx, values, io)),
};

/**
 * Runs `write` on the group's records as of `--at` (the log as it stood then, what a
 * rehearsal's replies name, rebuilt on a copy in memory), or as they are.
 */
function asOf(bot: Bot, { at: typedAt }: OptionValues, write: (ctx: ReportContext) => number): number {
  const at = typeof typedAt === 'string' ? parseInstant(typedAt, bot.config.timeZone, 'at') : bot.now();
  const view = typeof typedAt === 'string' ? viewAt(bot, at) : undefined;
  try {
    const today = todayIn(bot.config.timeZone, at);
    return write({ store: view?.store ?? bot.store, plan: bot.plans.activeOn(today), states: bot.states, today, timeZone: bot.config.timeZone });
  } finally {
    view?.close();
  }
}

function format<F extends string>(value: string | boolean | undefined, allowed: readonly F[]): F {
  if (value === undefined) return allowed[0]!;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format expects ${allowed.join(' or ')}, got "${value}"`);
}

/** Writes `content` to --out (readable by its owner only) or to standard output; `what` is said once it is written. */
export function deliver(content: string | Buffer, out: string | boolean | undefined, what: string, io: Output): number {
  if (typeof out !== 'string') {
    io.out.write(content);
    return 0;
  }
  try {
    writePrivateFile(out, content);
  } catch (error) {
    io.err.write(`ccm: cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  io.out.write(`Wrote ${what} to ${out}.\n`);
  return 0;
}

function exportLog(ctx: ReportContext, options: OptionValues, io: Output): number {
  const kind = format(options.format, ['csv', 'json'] as const);
  let since: string | undefined;
  if (options.since !== undefined) {
    since = typeof options.since === 'string' ? parseIsoDate(options.since) : undefined;
    if (!since) throw new UsageError(`--since expects a date like 2026-01-01, got "${options.since}"`);
  }
  const rows = exportRows(ctx, since);
  const withdrawn = rows.filter((r) => r.withdrawn).length;
  const content = kind === 'csv' ? exportCsv(rows) : exportJson(rows);
  return deliver(content, options.out, `${rows.length} ${rows.length === 1 ? 'entry' : 'entries'} (${withdrawn} withdrawn, marked)`, io);
}

function barrierMap(ctx: ReportContext, options: OptionValues, io: Output): number {
  const kind = format(options.format, ['md', 'csv'] as const);
  const map = buildBarrierMap(ctx.store, ctx.states, ctx.timeZone);
  const content = kind === 'md' ? barrierMapMarkdown(map, ctx.today) : barrierMapCsv(map);
  return deliver(content, options.out, `the barrier map (${barrierCountText(map)})`, io);
}

/** The plan `--plan` names, or a usage error listing the plans there are. */
export function planNamed(bot: Bot, id: string): Plan {
  const plan = bot.plans.byId(id);
  if (!plan) throw new UsageError(`no plan "${id}"; the plans: ${bot.plans.plans.map((p) => `${p.id} (${cycleName(p)})`).join(', ')}`);
  return plan;
}

function report(bot: Bot, ctx: ReportContext, options: OptionValues, io: Output): number {
  if (!options.public)
    throw new UsageError('ccm report needs --public: the summary that names no State, for Preparatory Meeting and Review Conference documents');
  const plan = typeof options.plan === 'string' ? planNamed(bot, options.plan) : ctx.plan;
  const checked = publicReport({ ...ctx, plan });
  if (!checked.ok) {
    io.err.write(`ccm: ${withheldText(checked.names)}\n`);
    return 1;
  }
  return deliver(checked.markdown, options.out, `the public progress summary (${cycleName(plan)} plan)`, io);
}
