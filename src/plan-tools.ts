/**
 * `ccm plan check` and `ccm plan new`: the coordinators' tools for writing the next cycle's plan.
 *
 * They work on files alone, with no configuration and no database, so a plan can be written and
 * checked on any machine before it is installed. `check` says back, in words, what the bot will
 * do with the plan (its calendar, how each figure is counted, when it posts), because a plan that
 * is valid can still count the wrong thing.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Subcommand } from './cli/subcommand.ts';
import { STATES_FILE } from './config.ts';
import { addDays, formatDate } from './domain/dates.ts';
import { loadPlanFile, type Plan, PlanError } from './domain/plan.ts';
import { cycleName, PlanBook } from './domain/plan-book.ts';
import { loadStatesCsv, StateDirectory } from './domain/states.ts';
import { describePlan, periodText, planWarnings } from './plan-description.ts';

/** The annotated plan `ccm plan new` prints; outside data/plans, so the bot never loads it as a plan. */
export const PLAN_SKELETON = resolve(import.meta.dirname, '../data/plan-skeleton.yaml');

export const planCheckSubcommand: Subcommand = {
  name: 'plan check',
  usage: [
    {
      synopsis: '<file or folder>',
      description: [
        'check a work plan file before installing it (no database needed): its',
        'calendar, how each figure is counted, when the bot posts; or each mistake',
        'with its place in the file. A folder: every plan file, periods together',
      ],
    },
  ],
  options: {},
  positionals: {
    min: 1,
    max: 1,
    name: '<file>',
    wrongCount: 'ccm plan check needs one plan file (or a folder of plan files): ccm plan check data/plans/<file>.yaml',
  },
  needs: 'nothing',
  run: ({ positionals: [path] }, io) => checkPlans(path!, new StateDirectory(loadStatesCsv(STATES_FILE)), io.out),
};

export const planNewSubcommand: Subcommand = {
  name: 'plan new',
  usage: [
    {
      synopsis: '',
      description: [
        'print an annotated plan to start the next cycle from:',
        'ccm plan new > data/plans/<years>.yaml (see docs/using.md, "Starting the next cycle")',
      ],
    },
  ],
  options: {},
  positionals: { min: 0, max: 0, wrongCount: 'ccm plan new takes no arguments; save what it prints with: ccm plan new > data/plans/<years>.yaml' },
  needs: 'nothing',
  run(_args, io) {
    io.out.write(readFileSync(PLAN_SKELETON, 'utf8'));
    return 0;
  },
};

/** `ccm plan check <path>`: what it prints, and 0 for a valid plan (or folder of plans), else 1. */
export function checkPlans(path: string, states: StateDirectory, out: Writable): number {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    out.write(`✗ Cannot read ${path}: there is no such file or folder.\n`);
    return 1;
  }
  return isFolder ? checkFolder(path, states, out) : checkFile(path, states, out);
}

type Loaded = { ok: true; plan: Plan } | { ok: false; error: PlanError };

function load(path: string, states: StateDirectory): Loaded {
  try {
    return { ok: true, plan: loadPlanFile(path, states) };
  } catch (error) {
    if (error instanceof PlanError) return { ok: false, error };
    throw error;
  }
}

/** The problems of a file that is not a valid plan, one per line, or the reason it could not be read. */
function problemLines(error: PlanError, indent: string): string[] {
  return error.problems.length > 0 ? error.problems.map((p) => `${indent}${p}`) : [`${indent}${error.message}`];
}

const HOW_TO_READ = 'Each problem names the field (milestones[0] is the first milestone, deliverables[1] the second deliverable) and its line.';

function checkFile(path: string, states: StateDirectory, out: Writable): number {
  const loaded = load(path, states);
  if (!loaded.ok) {
    const count = loaded.error.problems.length;
    out.write(`✗ ${path} is not a valid plan${count > 0 ? `: ${count} problem${count === 1 ? '' : 's'}` : ''}.\n`);
    out.write(`${problemLines(loaded.error, '  ').join('\n')}\n\n`);
    out.write(`${count > 0 ? `${HOW_TO_READ}\n` : ''}Fix, then check again: ccm plan check ${path}\n`);
    return 1;
  }
  out.write(`✓ ${path} is a valid plan.\n\n${describePlan(loaded.plan, states).join('\n')}\n`);
  return 0;
}

/** Every plan file of a folder, as the bot would load them (CCM_PLAN naming the folder), periods included. */
function checkFolder(folder: string, states: StateDirectory, out: Writable): number {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  if (files.length === 0) {
    out.write(`✗ The folder ${folder} holds no .yaml plan file.\n`);
    return 1;
  }
  const plans: Plan[] = [];
  for (const name of files) {
    const loaded = load(join(folder, name), states);
    if (!loaded.ok) {
      out.write(`✗ ${name} is not a valid plan:\n${problemLines(loaded.error, '    ').join('\n')}\n`);
      continue;
    }
    plans.push(loaded.plan);
    out.write(`✓ ${name}: ${loaded.plan.id}, ${periodText(loaded.plan)}\n`);
    for (const warning of planWarnings(loaded.plan, states)) out.write(`    ! ${warning}\n`);
  }
  if (plans.length < files.length) {
    out.write(`\n${HOW_TO_READ}\nFix, then check again: ccm plan check ${folder}\n`);
    return 1;
  }
  try {
    const book = new PlanBook(plans, files);
    out.write(`✓ The periods do not overlap: on any day one plan is in force.\n`);
    book.plans.slice(1).forEach((plan, i) => {
      const previous = book.plans[i]!;
      if (addDays(previous.period.to, 1) < plan.period.from) {
        out.write(
          `    ! No plan covers ${formatDate(addDays(previous.period.to, 1))} to ${formatDate(addDays(plan.period.from, -1))}: the bot follows the ${cycleName(plan)} plan's calendar then, and counts nothing toward either plan.\n`,
        );
      }
    });
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    out.write(`✗ ${error.message}\n`);
    return 1;
  }
  out.write(`\nFor a plan's calendar and counting rules: ccm plan check ${join(folder, files.at(-1)!)}\n`);
  return 0;
}
