/**
 * What every report about a plan shares: naming another cycle's plan by its id
 * (`deliverables ccm-universalization-2025-2026`), and the one line that says which cycle is
 * shown when it is not the one in force, or that every cycle has ended.
 */
import type { CommandContext, ParseResult } from '../core/command.ts';
import { fail, words } from '../core/parse.ts';
import { errorReply } from '../core/reply.ts';
import { formatDate } from '../domain/dates.ts';
import type { Plan } from '../domain/plan.ts';
import { cycleName } from '../domain/plan-book.ts';

/** Reads `[<plan id>]` after a report's name: the plan named, or the one in force today. */
export function parsePlanChoice(rest: string, ctx: CommandContext, command: string): ParseResult<Plan> {
  const [typed, ...extra] = words(rest);
  if (typed === undefined) return { ok: true, args: ctx.plan };
  const plan = ctx.plans.byId(typed.toLowerCase());
  if (plan && extra.length === 0) return { ok: true, args: plan };
  return fail(
    errorReply(plan ? 'bad-syntax' : 'unknown-plan', plan ? `\`${command}\` takes at most a plan id after it.` : `There is no plan "${typed}".`, {
      lines: [`The plans: ${ctx.plans.plans.map((p) => `${p.id} (${cycleName(p)})`).join(', ')}. Without an id, \`${command}\` shows the plan in force.`],
      suggestions: ctx.plans.plans.slice(-3).map((p) => ({ label: cycleName(p), command: `${command} ${p.id}` })),
    }),
  );
}

/** The report's plan in context: the same command context, reporting on `plan`. */
export function reportingOn(ctx: CommandContext, plan: Plan): CommandContext {
  return plan === ctx.plan ? ctx : { ...ctx, plan };
}

/** The lines a report about `plan` starts with: which cycle it is when not the one in force, and whether every cycle has ended. */
export function cycleLines(ctx: CommandContext, plan: Plan): string[] {
  const lines: string[] = [];
  if (plan.id !== ctx.plan.id) {
    lines.push(`The ${cycleName(plan)} plan (${formatDate(plan.period.from)} to ${formatDate(plan.period.to)}); the plan in force is ${ctx.plan.id}.`);
  }
  const ended = ctx.plans.endedNotice(ctx.today);
  if (ended) lines.push(ended);
  return lines;
}
