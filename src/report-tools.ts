/**
 * `ccm export`, `ccm barriers` and `ccm report --public`: the group's records as files, written
 * by the operator from the same code as the chat commands (`export`, `barriers`, `report public`).
 *
 * Files are written readable by their owner only: the log and the barrier map name states and
 * members. The public report names none, and is checked for that before it is written.
 */
import type { Writable } from 'node:stream';
import type { Bot } from './bot.ts';
import { parseIsoDate, todayIn } from './domain/dates.ts';
import type { Plan } from './domain/plan.ts';
import { cycleName } from './domain/plan-book.ts';
import { parseInstant, parseOptions, UsageError, viewAt } from './operator.ts';
import { barrierCountText, barrierMapCsv, barrierMapMarkdown, buildBarrierMap } from './reports/barrier-map.ts';
import { exportCsv, exportJson, exportRows } from './reports/log-export.ts';
import type { ReportContext } from './reports/progress.ts';
import { publicReport, withheldText } from './reports/public-report.ts';
import { writePrivateFile } from './store/private-file.ts';

export const REPORT_SUBCOMMANDS = ['export', 'barriers', 'report'];

/** Where an operator command writes: its output, and its errors and notes. */
export interface Output {
  out: Writable;
  err: Writable;
}

/** Runs `ccm export|barriers|report …`; resolves to the exit code. Usage mistakes throw {@link UsageError}. */
export function runReportCommand(bot: Bot, subcommand: string, args: readonly string[], io: Output): number {
  // `--at <instant>`: the log as it stood then (what a rehearsal's replies name), rebuilt on a copy in memory.
  const { at: typedAt, rest } = takeAt(args);
  const at = typedAt === undefined ? bot.now() : parseInstant(typedAt, bot.config.timeZone, 'at');
  const view = typedAt === undefined ? undefined : viewAt(bot, at);
  try {
    const today = todayIn(bot.config.timeZone, at);
    const ctx: ReportContext = { store: view?.store ?? bot.store, plan: bot.plans.activeOn(today), states: bot.states, today, timeZone: bot.config.timeZone };
    if (subcommand === 'export') return exportLog(ctx, rest, io);
    if (subcommand === 'barriers') return barrierMap(ctx, rest, io);
    return report(bot, ctx, rest, io);
  } finally {
    view?.close();
  }
}

/** `--at <instant>` taken out of the arguments, which every file command accepts. */
function takeAt(args: readonly string[]): { at?: string; rest: string[] } {
  const index = args.indexOf('--at');
  if (index < 0) return { rest: [...args] };
  const at = args[index + 1];
  if (at === undefined || at.startsWith('--')) throw new UsageError('--at needs an instant, e.g. --at 2026-01-30T09:00:00+01:00');
  return { at, rest: [...args.slice(0, index), ...args.slice(index + 2)] };
}

function format<F extends string>(value: string | true | undefined, allowed: readonly F[]): F {
  if (value === undefined) return allowed[0]!;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format expects ${allowed.join(' or ')}, got "${value}"`);
}

/** Writes `content` to --out (readable by its owner only) or to standard output; `what` is said once it is written. */
export function deliver(content: string | Buffer, out: string | true | undefined, what: string, io: Output): number {
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

function exportLog(ctx: ReportContext, args: readonly string[], io: Output): number {
  const options = parseOptions(args, { format: 'value', since: 'value', out: 'value' });
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

function barrierMap(ctx: ReportContext, args: readonly string[], io: Output): number {
  const options = parseOptions(args, { format: 'value', out: 'value' });
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

function report(bot: Bot, ctx: ReportContext, args: readonly string[], io: Output): number {
  const options = parseOptions(args, { public: 'flag', plan: 'value', out: 'value' });
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
