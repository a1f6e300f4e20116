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
import type { AuditRow, EntryRow } from '../store/store.ts';
import { cycleName, topListName } from '../domain/plan-book.ts';
import { closingOn, isClosed, lastOpenDay } from '../domain/plan-closing.ts';

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

/**
 * The plan a change applies to: the one in force, or the one named by a plan id at the end of
 * the command (`milestone framing-note done ccm-universalization-2025-2026`), as the reports
 * take it; `tokens` are the words before that id.
 */
export interface PlanToChange {
  plan: Plan;
  named: boolean;
}

export function trailingPlan(tokens: readonly string[], ctx: CommandContext): PlanToChange & { tokens: string[] } {
  const last = tokens.at(-1);
  const plan = last === undefined ? undefined : ctx.plans.byId(last.toLowerCase());
  return plan ? { plan, named: true, tokens: tokens.slice(0, -1) } : { plan: ctx.plan, named: false, tokens: [...tokens] };
}

/**
 * The refusal of a change to a closed plan that was not named: its milestones, list and figures
 * are final. Undefined when the plan is open, or named (then only an admin may: see
 * {@link closedPlanGuard}). An admin is offered the correction as a button only where it would
 * run as typed (`correctionParses`): one with an unclear date gets the line that says how.
 */
export function refuseClosedPlan(choice: PlanToChange, ctx: CommandContext, correctionParses: () => boolean = () => true): ParseResult<never> | undefined {
  const { plan } = choice;
  if (choice.named || !isClosed(plan, ctx.today)) return undefined;
  const correction = `${ctx.text} ${plan.id}`;
  return fail(
    errorReply(
      'plan-closed',
      `The ${cycleName(plan)} plan (${plan.id}) closed on ${formatDate(lastOpenDay(plan))}: its milestones, ${topListName(plan)} and figures are final.`,
      {
        lines: [
          'Nothing was changed. For the next cycle, write its plan with `ccm plan new` and install it (see docs/using.md, "Starting the next cycle").',
          `An admin can still correct this plan by naming it: \`${correction}\`.`,
        ],
        ...(ctx.role === 'admin' && correctionParses() ? { suggestions: [{ label: `Correct the ${cycleName(plan)} plan`, command: correction }] } : {}),
      },
    ),
  );
}

/** A correction of a closed plan, named: only admins may make it (a guard's answer); undefined otherwise. */
export function closedPlanGuard(choice: PlanToChange, ctx: CommandContext): { role: 'admin'; doing: string } | undefined {
  return isClosed(choice.plan, ctx.today)
    ? { role: 'admin', doing: `correct the ${cycleName(choice.plan)} plan, which closed on ${formatDate(lastOpenDay(choice.plan))}` }
    : undefined;
}

/**
 * An undo or redo of a change to a closed plan's milestones or list, or to an entry it counts:
 * only admins may, as only they correct a closed plan (a guard's answer); undefined for any other change.
 */
export function closedChangeGuard(change: AuditRow, ctx: CommandContext): { role: 'admin'; doing: string } | undefined {
  if (change.entity === 'entries') {
    const entry = ctx.store.entries.byId(Number(change.entityId));
    return entry ? closedEntryGuard(entry, ctx) : undefined;
  }
  const planId = ctx.store.changes.planOf(change);
  const plan = planId === undefined ? undefined : ctx.plans.byId(planId);
  return plan ? closedPlanGuard({ plan, named: true }, ctx) : undefined;
}

/**
 * A change to an entry a closed plan counts, or would count once moved to `movedTo` (dated in
 * the plan's period and logged before it closed): its figures are final, so only an admin may
 * (a guard's answer); undefined for an entry no closed plan counts.
 */
export function closedEntryGuard(
  entry: Pick<EntryRow, 'id' | 'occurredOn' | 'createdAt'>,
  ctx: CommandContext,
  movedTo?: string,
): { role: 'admin'; doing: string } | undefined {
  for (const day of [entry.occurredOn, movedTo]) {
    const plan = day === undefined ? undefined : ctx.plans.plans.find((p) => p.period.from <= day && day <= p.period.to);
    const closing = plan && closingOn(plan, ctx.today, ctx.timeZone);
    if (plan && closing && entry.createdAt <= closing.at) {
      return { role: 'admin', doing: `change #${entry.id}, which the ${cycleName(plan)} plan counts: it closed on ${formatDate(closing.on)}` };
    }
  }
  return undefined;
}
