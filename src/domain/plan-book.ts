/**
 * The work plans of every cycle, and which one is in force on a given day.
 *
 * A cycle is a plan file with its own `period`. The Third Review Conference closes the
 * 2025–2026 plan and the coordinators write the next one: they add its file beside the first,
 * and ccm-bot follows it from its first day on, while the old plan's figures stay what they were.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatDate } from './dates.ts';
import { loadPlanFile, type Plan, PlanError } from './plan.ts';
import type { StateDirectory } from './states.ts';

export class PlanBook {
  /** The plans in the order of their periods. */
  readonly plans: readonly Plan[];

  /**
   * `files[i]`, when given, is the file `plans[i]` was read from, for the refusals below to name:
   * the coordinators fix files, not plan ids.
   */
  constructor(plans: readonly Plan[], files: readonly string[] = []) {
    if (plans.length === 0) throw new PlanError('No plan file found: CCM_PLAN must name a plan file or a folder holding at least one.');
    const fileOf = new Map(plans.map((plan, i) => [plan, files[i]]));
    const named = (plan: Plan) => `"${plan.id}"${fileOf.get(plan) ? ` in ${fileOf.get(plan)}` : ''}`;
    this.plans = [...plans].sort((a, b) => a.period.from.localeCompare(b.period.from));
    const ids = new Map<string, Plan>();
    this.plans.forEach((plan, i) => {
      const sameId = ids.get(plan.id);
      if (sameId) {
        const where = fileOf.get(plan) ? ` (${fileOf.get(sameId)} and ${fileOf.get(plan)})` : '';
        throw new PlanError(`Two plan files${where} use the id "${plan.id}": each cycle needs its own id.`);
      }
      ids.set(plan.id, plan);
      const previous = this.plans[i - 1];
      if (previous && plan.period.from <= previous.period.to) {
        throw new PlanError(
          `The periods of plans ${named(previous)} (to ${previous.period.to}) and ${named(plan)} (from ${plan.period.from}) overlap: ` +
            'on any day exactly one plan is in force. Let the new period start the day after the old one ends.',
        );
      }
    });
  }

  byId(id: string): Plan | undefined {
    return this.plans.find((plan) => plan.id === id);
  }

  /**
   * The plan in force on `today`: the one whose period contains it; before the first period or
   * between two, the next plan to start (its calendar is what comes); after the last, the last.
   */
  activeOn(today: string): Plan {
    return this.plans.find((plan) => plan.period.to >= today) ?? this.plans.at(-1)!;
  }

  /** When every plan's period is over on `today`: the one line each report adds. */
  endedNotice(today: string): string | undefined {
    const last = this.plans.at(-1)!;
    if (today <= last.period.to) return undefined;
    return `The ${cycleName(last)} plan ended on ${formatDate(last.period.to)}; see docs/using.md, "Starting the next cycle".`;
  }
}

/** "2025–2026": the years a plan's period spans, as people name a cycle. */
export function cycleName(plan: Plan): string {
  const from = plan.period.from.slice(0, 4);
  const to = plan.period.to.slice(0, 4);
  return from === to ? from : `${from}–${to}`;
}

/** "top-15 list" ("Top-15 list" to start a line or label): the engagement list as a plan sizes it (`targetListSize`). */
export function topListName(plan: Pick<Plan, 'targetListSize'>, options: { startOfLine?: boolean } = {}): string {
  return `${options.startOfLine ? 'Top' : 'top'}-${plan.targetListSize} list`;
}

/** Reads one plan file, or every `.yaml`/`.yml` file of a folder, each checked against the known `states`. */
export function loadPlans(path: string, states: StateDirectory): PlanBook {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch (error) {
    throw new PlanError(`Cannot read plan file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!isFolder) return new PlanBook([loadPlanFile(path, states)]);
  const files = readdirSync(path)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  if (files.length === 0) throw new PlanError(`The plan folder ${path} holds no .yaml file.`);
  const paths = files.map((name) => join(path, name));
  return new PlanBook(
    paths.map((file) => loadPlanFile(file, states)),
    paths,
  );
}
