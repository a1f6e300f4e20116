/**
 * `ccm plan check` and `ccm plan new` as the coordinators run them (`ccm`'s real `main`, in
 * this process), on a machine with no database and no configuration, before the plan is installed.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { PLAN_SKELETON } from '../src/plan-tools.ts';
import { ccm as ccmInProcess } from './support/ccm.ts';
import { tempDir } from './support/harness.ts';

const shipped = readFileSync(SHIPPED_PLAN, 'utf8');
/** The line of the shipped plan where `text` first stands: the plan file's comments may grow. */
const lineOf = (text: string) => shipped.slice(0, shipped.indexOf(text)).split('\n').length;
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `ccm …` with no CCM_PLAN and no configuration, its database where a start in an empty
 * folder of its own would put it (`cwd`: that folder stays empty unless something is written).
 */
function ccm(...args: string[]) {
  return ccmWith({}, ...args);
}

async function ccmWith(env: Record<string, string>, ...args: string[]) {
  const cwd = join(dir, `run-${readdirSync(dir).length}`);
  mkdirSync(cwd);
  return { ...(await ccmInProcess(args, { HOME: dir, CCM_DB_PATH: join(cwd, 'data', 'ccm.sqlite'), ...env })), cwd };
}

/** What `ccm plan new` prints with every TODO done as a coordinator would: values filled in, TODO comments gone. */
function filledSkeleton(): string {
  return readFileSync(PLAN_SKELETON, 'utf8')
    .replace(/ +# TODO.*$/gm, '')
    .replace('ccm-universalization-todo', 'ccm-universalization-2026-2027')
    .replace('TODO coordinator, TODO coordinator', 'Norway, Costa Rica')
    .replaceAll('"TODO: ', '"');
}

/** What `ccm plan check` prints for a file that is not a valid plan, with these problems. */
function refusal(path: string, problems: readonly string[]): string {
  return [
    `✗ ${path} is not a valid plan: ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
    ...problems.map((p) => `  ${p}`),
    '',
    'Each problem names the field (milestones[0] is the first milestone, deliverables[1] the second deliverable) and its line.',
    `Fix, then check again: ccm plan check ${path}`,
    '',
  ].join('\n');
}

function planFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('ccm plan check', () => {
  it('says back the shipped plan: calendar, counting rules and reminders, and opens no database', async () => {
    const run = await ccm('plan', 'check', SHIPPED_PLAN);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toBe(`✓ ${SHIPPED_PLAN} is a valid plan.`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Work plan on the universalization of the CCM 2025–2026 (Third Review Conference cycle)',
        '  Plan id: ccm-universalization-2025-2026',
        '  Coordinators: Norway, Costa Rica',
        '  Period: 20 Sep 2025 to 30 Sep 2026; only log entries in between count.',
        '  Closes: after 30 Oct 2026 (30 grace days after the period), its milestones, top-15 list and figures are final. Milestones done after their due date: counted, shown as met late.',
        // The calendar, in date order, meetings and deadlines before the tasks.
        '  - First meeting of the Informal Working Group on Universalisation [wg1]: working group meeting, Feb 2026 (date not set)',
        '  - Third meeting of the Informal Working Group on Universalisation [wg3]: working group meeting, Apr–Jun 2026 (date not set)',
        '  - Finalise the top-15 list of prioritised countries [top-15]: deadline, Mar 2026 (date not set)',
        '  - Third Review Conference (follow-up during the Conference) [review-conference]: conference, Sep 2026 (date not set)',
        '  - Universalization framing note for outreach (with ISU support) [framing-note]: task, Jan–Aug 2026 (date not set)',
        // Each deliverable, its due date and each figure's counting rule in words.
        '  - Documented bilateral outreach meetings (Geneva and/or capital level) [bilateral-meetings]',
        '    Due by review-conference: 30 Sep 2026 (the last day of its window; date not set). Source: Section 4, High-impact diplomatic outreach.',
        '    · Bilateral outreach meetings: meetings with states not party on the day, at Geneva or capital level, one per state and day, from 20 Sep 2025 to the due date 30 Sep 2026; target 10',
        '    · Regional engagements: meetings with states not party on the day, at regional level, one per day, from 20 Sep 2025 to the due date 30 Sep 2026; target 1–2',
        '    · States Parties engaged: contacts and meetings with States Parties on the day, at any level, each state once, from 20 Sep 2025 to the due date 30 Sep 2026; no numeric target',
        '    · Package components and endorsement: the 5 milestones sp-steps-note, sp-model-instrument, sp-qa, sp-model-legislation and support-package marked done; target all 5',
        '    · Listed states with a lead assigned: states on the top-15 list with a lead; target 15',
        "    · Top-15 states with a barrier recorded: states on the top-15 list with a barrier recorded; target 15 — the group's own measure, not in the plan: shown, but never decides whether the deliverable is met",
        // The reminder settings in words.
        'Reminders and digests, posted at 09:00 (CCM_TIMEZONE) to the channels that subscribed',
        '  - Meetings (working group meetings, Preparatory Meetings, conferences, workshops): 7 days and 1 day before.',
        '  - Due dates (deadlines, and the milestones deliverables are due by): 14 days and 3 days before.',
        '  - A meeting with no date and a window of several months: instead of reminders, the channels are asked to set its date 14 days before its window opens, then monthly until it is set.',
        '  - Progress digest: 2 days before each working group meeting.',
      ]),
    );
    expect(lines.indexOf('  - Finalise the top-15 list of prioritised countries [top-15]: deadline, Mar 2026 (date not set)')).toBeLessThan(
      lines.indexOf('  - Third meeting of the Informal Working Group on Universalisation [wg3]: working group meeting, Apr–Jun 2026 (date not set)'),
    );
    // A title naming a state is valid, but figures-only posts and the public report do not show it as is.
    expect(run.out).toContain(
      'Warnings (the plan is valid, but check these)\n  ! milestones[10].title (workshop-asean) names Lao People\'s Democratic Republic: figures-only posts and the public report name no State, so they show this title as "Regional workshop 1".\n',
    );
    expect(run.out.match(/^ {2}! /gm)).toHaveLength(1);
    // No database, no data folder: the plan is checked before anything is installed.
    expect(readdirSync(run.cwd)).toEqual([]);
  });

  it('names each mistake with its place in the file, and exits 1', async () => {
    const path = planFile('broken.yaml', shipped.replace('from: 2026-02, to: 2026-02', 'from: 2026-13, to: 2026-02'));
    const run = await ccm('plan', 'check', path);
    expect(run.code).toBe(1);
    expect(run.out).toBe(refusal(path, [`milestones[0].window.from: month 13 (line ${lineOf('from: 2026-02, to: 2026-02')})`]));
  });

  it('refuses a coordinator who is not a State Party it knows, with the name it may have meant', async () => {
    const path = planFile('coordinators.yaml', shipped.replace('coordinators: [Norway, Costa Rica]', 'coordinators: [Norway, Costa Rca, KEN, Congo]'));
    const run = await ccm('plan', 'check', path);
    expect(run.code).toBe(1);
    expect(run.out).toBe(
      refusal(path, [
        `coordinators[1]: "Costa Rca" is not a state I know: did you mean Costa Rica? (line ${lineOf('coordinators: [Norway')})`,
        `coordinators[2]: Kenya is a signatory that has not ratified (data/states.csv): the coordinators are States Parties (line ${lineOf('coordinators: [Norway')})`,
        `coordinators[3]: "Congo" could mean Congo or Democratic Republic of the Congo: write the one you mean in full (line ${lineOf('coordinators: [Norway')})`,
      ]),
    );
    // Aliases and codes are names the grammar reads too.
    expect(
      (await ccm('plan', 'check', planFile('aliases.yaml', shipped.replace('coordinators: [Norway, Costa Rica]', 'coordinators: [Norge, CRI]')))).code,
    ).toBe(0);
  });

  it('says what is wrong with text that is not YAML', async () => {
    const run = await ccm('plan', 'check', planFile('not-yaml.yaml', 'milestones: [unclosed'));
    expect(run.code).toBe(1);
    expect(run.out).toContain('is not valid YAML');
  });

  it('says plainly that a file does not exist, and exits 1', async () => {
    const run = await ccm('plan', 'check', join(dir, 'nope.yaml'));
    expect(run.code).toBe(1);
    expect(run.out).toBe(`✗ Cannot read ${join(dir, 'nope.yaml')}: there is no such file or folder.\n`);
  });

  it('shows the usage when no file is given, and exits 2', async () => {
    const run = await ccm('plan', 'check');
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toMatch(/^ccm: ccm plan check needs one plan file \(or a folder of plan files\): ccm plan check data\/plans\/<file>\.yaml\n\nUsage: ccm/);
    const bare = await ccm('plan');
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/^ccm: ccm plan needs "check <file>" or "new"\.\n\nUsage: ccm/);
  });

  it('checks every plan of a folder and their periods together', async () => {
    const folder = join(dir, 'plans');
    mkdirSync(folder);
    copyFileSync(SHIPPED_PLAN, join(folder, '2025-2026.yaml'));
    const next = filledSkeleton();
    writeFileSync(join(folder, '2026-2027.yaml'), next);
    const fine = await ccm('plan', 'check', folder);
    expect(fine.code).toBe(0);
    expect(fine.out).toContain('✓ 2025-2026.yaml: ccm-universalization-2025-2026, 20 Sep 2025 to 30 Sep 2026\n');
    expect(fine.out).toContain('✓ 2026-2027.yaml: ccm-universalization-2026-2027, 1 Oct 2026 to 30 Sep 2027\n');
    expect(fine.out).toContain('✓ The periods do not overlap: on any day one plan is in force.');

    writeFileSync(join(folder, '2026-2027.yaml'), next.replace('from: 2026-10-01', 'from: 2026-09-01'));
    const overlapping = await ccm('plan', 'check', folder);
    expect(overlapping.code).toBe(1);
    expect(overlapping.out).toContain(
      '✗ The periods of plans "ccm-universalization-2025-2026" in 2025-2026.yaml (to 2026-09-30) and "ccm-universalization-2026-2027" in 2026-2027.yaml (from 2026-09-01) overlap: ' +
        'on any day exactly one plan is in force. Let the new period start the day after the old one ends.\n',
    );
    expect(overlapping.out).not.toContain('✓ The periods do not overlap');

    writeFileSync(join(folder, '2026-2027.yaml'), next.replace('ccm-universalization-2026-2027', 'ccm-universalization-2025-2026'));
    const sameId = await ccm('plan', 'check', folder);
    expect(sameId.code).toBe(1);
    expect(sameId.out).toContain(
      '✗ Two plan files (2025-2026.yaml and 2026-2027.yaml) use the id "ccm-universalization-2025-2026": each cycle needs its own id.\n',
    );
  });

  it('fails a folder in which one plan still has a TODO, naming the file', async () => {
    const folder = join(dir, 'plans-todo');
    mkdirSync(folder);
    copyFileSync(SHIPPED_PLAN, join(folder, '2025-2026.yaml'));
    writeFileSync(join(folder, '2026-2027.yaml'), filledSkeleton().replace('source: "section', 'source: "TODO section'));
    const run = await ccm('plan', 'check', folder);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      /^✗ 2026-2027\.yaml is not a valid plan:\n {4}deliverables\[0\]\.source: "TODO section of the plan" is a placeholder from `ccm plan new`: replace it with the plan's own value \(line \d+\)\n/m,
    );
  });
});

describe('ccm plan new', () => {
  it('prints the annotated skeleton, which fails the check until every TODO is replaced', async () => {
    const printed = await ccm('plan', 'new');
    expect(printed.code).toBe(0);
    expect(printed.out).toBe(readFileSync(PLAN_SKELETON, 'utf8'));
    expect(printed.out.split('\n')[1]).toBe('# `ccm plan check` fails, and the bot does not start with this file, until every TODO below is replaced.');
    expect(printed.out).toContain("# The cycle's first and last day.");

    const path = planFile('2026-2027.yaml', printed.out);
    const unedited = await ccm('plan', 'check', path);
    expect(unedited.err).toBe('');
    expect(unedited.code).toBe(1);
    expect(unedited.out).toContain(`✗ ${path} is not a valid plan: 10 problems.\n`);
    expect(unedited.out).toContain(
      '  id: "ccm-universalization-todo" is a placeholder from `ccm plan new` (TODO: e.g. ccm-universalization-2026-2027): replace it with the plan\'s own value (line 17)\n' +
        '  title: "TODO: Work plan on the universalization of the CCM, years of the cycle" is a placeholder from `ccm plan new`: replace it with the plan\'s own value (line 18)\n' +
        '  coordinators[0]: "TODO coordinator" is a placeholder from `ccm plan new`: replace it with the plan\'s own value (line 19)\n',
    );
    // A real date marked only by the comment beside it is a placeholder too: no date is taken on trust.
    expect(unedited.out).toMatch(
      /^ {2}period: the comment beside it says "TODO: the real first and last day": make the value the plan's own, then delete that comment \(line \d+\)$/m,
    );
    expect(unedited.out).toMatch(/^ {2}milestones\[3\]\.date: the comment beside it says "TODO: the real day/m);
    expect(unedited.out).not.toContain('Plan id:');
    // The bot refuses the same file at start-up, by the same rules, before it opens a database.
    const started = await ccmWith({ CCM_PLAN: path, CCM_DB_PATH: join(dir, 'never.sqlite') }, 'shell');
    expect(started.code).toBe(1);
    expect(started.err).toContain(`ccm: Plan file ${path} has 10 problem(s):\n  - id: "ccm-universalization-todo" is a placeholder from \`ccm plan new\``);
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);

    const filled = await ccm('plan', 'check', planFile('2026-2027-filled.yaml', filledSkeleton()));
    expect(filled.code).toBe(0);
    expect(filled.out).toContain('  Coordinators: Norway, Costa Rica');
    expect(filled.out).toContain('  Period: 1 Oct 2026 to 30 Sep 2027; only log entries in between count.');
    // One deliverable of each measure.
    expect(filled.out).toContain(
      '    · Bilateral outreach meetings: meetings with states not party on the day, at Geneva or capital level, one per state and day, from 1 Oct 2026 to the due date 14 Sep 2027; target 10',
    );
    expect(filled.out).toContain('    · Steps note: the milestone steps-note marked done; target done');
    expect(filled.out).toContain('    · Listed states with a lead assigned: states on the top-15 list with a lead; target 15');
    expect(filled.out).not.toContain('TODO');
    expect(existsSync(join(printed.cwd, 'data'))).toBe(false);
  });

  it('is listed by ccm help', async () => {
    const help = await ccm('help');
    expect(help.out).toContain('ccm plan check <file or folder>');
    expect(help.out).toContain('ccm plan new   print an annotated plan to start the next cycle from');
  });
});
