/**
 * One plan after another on one database: the next cycle inherits nothing that belongs to a
 * plan (milestone dates and completions, the top-15 list, what it counts), the log is shared,
 * and an older cycle's figures stay what they were.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { createTestBot, progress, tempDir, type TestBot } from './support/harness.ts';

const FIRST = 'ccm-universalization-2025-2026';
const NEXT = 'ccm-universalization-2027-2028';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The shipped plan and a next cycle written from it with the same milestone ids ("wg1"), its
 * period starting the day after the first ends, its months two years later.
 */
function twoPlans(): string {
  const folder = join(dir, `plans-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder);
  const shipped = readFileSync(SHIPPED_PLAN, 'utf8');
  writeFileSync(join(folder, '2025-2026.yaml'), shipped);
  const next = shipped
    .replace(`id: ${FIRST}`, `id: ${NEXT}`)
    .replace(/\b2026-(0[1-9]|1[0-2])\b/g, '2028-$1')
    .replace('period: { from: 2025-09-20, to: 2028-09-30 }', 'period: { from: 2026-10-01, to: 2028-09-30 }');
  writeFileSync(join(folder, '2027-2028.yaml'), next);
  return folder;
}

let bot: TestBot | undefined;
afterEach(() => bot?.close());

describe('a next cycle that reuses the milestone ids', () => {
  it('inherits no dates, completions or list, counts only its own period, and leaves the first cycle as it was', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z', env: { CCM_PLAN: twoPlans() } });
    bot.say('milestone wg1 done on 2026-02-12');
    bot.say('milestone wg3 date 2026-05-12');
    bot.say('target add Indonesia lead Norway');
    bot.say('meeting Kenya held on 2026-03-05 in geneva');
    const firstThen = bot.say('deliverables');
    expect(progress(firstThen, 'Bilateral outreach meetings')?.current).toBe(1);

    // Into the next cycle.
    bot.setNow('2026-11-28T09:00:00Z');
    bot.say('meeting Uganda held on 2026-11-20 in capital');
    const milestones = bot.say('milestones');
    expect(milestones.title).toContain('2025–2026'); // the title of the copied file, unchanged
    const items = milestones.sections?.flatMap((s) => s.items) ?? [];
    expect(items.find((i) => i.text.endsWith('[wg1]'))?.detail).toBe('Feb 2028 (date not set) · upcoming');
    expect(items.find((i) => i.text.endsWith('[wg3]'))?.detail).toBe('Apr–Jun 2028 (date not set) · upcoming');
    expect(bot.say('targets').title).toBe('Top-15 engagement list (0 of 15)');
    // Kenya's meeting belongs to the first cycle's period; Uganda's to the next.
    expect(progress(bot.say('deliverables'), 'Bilateral outreach meetings')?.current).toBe(1);
    const nextCycle = bot.say('deliverable bilateral-meetings');
    expect(nextCycle.sections?.[0]?.items.map((i) => i.text.split(' · ')[2])).toEqual(['Uganda']);
    // The earlier cycle's log is summed up in one line, not listed entry by entry as "not counted".
    expect(nextCycle.sections?.[1]).toMatchObject({ heading: 'Bilateral outreach meetings: not counted (0)', items: [] });
    expect(nextCycle.lines).toContain("1 earlier entry, before this plan's period, is not listed.");

    // The first cycle, by its id: the same figures as before, and its own list and calendar.
    // The figures are the same; only "open" became "past due" as the due dates passed.
    const figures = (reply: typeof firstThen) => reply.progress?.map((p) => [p.label, p.current, p.target]);
    const firstNow = bot.say(`deliverables ${FIRST}`);
    expect(figures(firstNow)).toEqual(figures(firstThen));
    expect(firstNow.lines?.[0]).toBe(`The 2025–2026 plan (20 Sep 2025 to 30 Sep 2026); the plan in force is ${NEXT}.`);
    expect(bot.say(`targets ${FIRST}`).sections?.[0]?.items.map((i) => i.text.split(':')[0])).toEqual(['Indonesia']);
    // The first cycle's count-by-count reasons, by its id: Kenya counted, Uganda after its due date.
    const firstDeliverable = bot.say(`deliverable bilateral-meetings ${FIRST}`);
    expect(firstDeliverable.lines?.[0]).toBe(`The 2025–2026 plan (20 Sep 2025 to 30 Sep 2026); the plan in force is ${NEXT}.`);
    expect(firstDeliverable.sections?.[0]?.items.map((i) => i.text.split(' · ')[2])).toEqual(['Kenya']);
    expect(firstDeliverable.sections?.[1]?.items.map((i) => [i.text.split(' · ')[2], i.detail?.split(' · ')[0]])).toEqual([
      ['Uganda', 'not counted: after the due date (30 Sep 2026)'],
    ]);
    const wrongPlan = bot.say(`deliverable nonsense ${FIRST}`);
    expect(wrongPlan).toMatchObject({ code: 'unknown-deliverable' });
    expect(wrongPlan.suggestions?.[0]?.command).toMatch(new RegExp(` ${FIRST}$`));
    const firstItems = bot.say(`milestones ${FIRST}`).sections?.flatMap((s) => s.items) ?? [];
    expect(firstItems.find((i) => i.text.endsWith('[wg1]'))?.detail).toBe('Feb 2026 (date not set) · done 12 Feb 2026');
  });

  it('starts the new list from the old one with `target copy`, each addition undoable', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z', env: { CCM_PLAN: twoPlans() } });
    bot.say('target add Indonesia lead Norway');
    bot.say('target add Viet Nam lead Costa Rica');
    bot.say('target add Kenya lead Norway');
    bot.say('joined Kenya on 2026-03-09');
    bot.setNow('2026-11-28T09:00:00Z');
    bot.say('target add Viet Nam lead ISU');
    const copied = bot.say(`target copy ${FIRST}`);
    expect(copied.title).toBe('Copied 1 state from the 2025–2026 list');
    expect(copied.sections?.[0]?.items).toEqual([{ text: 'Indonesia', detail: 'lead Norway' }]);
    // Kenya joined during the first cycle: it stays on that list, and the new one is for states not party.
    expect(copied.sections?.[1]).toEqual({ heading: 'Not added: States Parties now (the list is for states not party)', items: [{ text: 'Kenya' }] });
    expect(bot.say(`targets ${FIRST}`).sections?.[0]?.items.map((i) => i.text.split(' · ')[0])).toContain('Kenya: joined');
    expect(bot.say('targets').title).toBe('Top-15 engagement list (2 of 15)');
    bot.say('undo');
    expect(bot.say('targets').title).toBe('Top-15 engagement list (1 of 15)');
    expect(bot.say('target copy nonsense')).toMatchObject({ tone: 'error', code: 'unknown-plan' });
    expect(bot.say(`target copy ${NEXT}`)).toMatchObject({ tone: 'error', code: 'same-plan' });
  });
});

describe("in the old plan's grace days, with the next plan in force", () => {
  it("takes a coordinator's change to the old plan named by its id, and leaves the next plan's alone", () => {
    bot = createTestBot({ now: '2026-10-12T09:00:00Z', env: { CCM_PLAN: twoPlans() } });
    bot.say('help', 'cory');
    bot.say('role @cory coordinator');
    expect(bot.say(`milestone rc-messaging done on 2026-09-25 ${FIRST}`, 'cory').tone).toBe('success');
    expect(bot.say(`target add Malaysia lead Norway ${FIRST}`, 'cory').tone).toBe('success');
    expect(progress(bot.say(`deliverables ${FIRST}`), 'Framing note, PM segments and Review Conference messaging')?.current).toBe(1);
    expect(bot.say(`targets ${FIRST}`).title).toBe('Top-15 engagement list (1 of 15)');
    expect(progress(bot.say('deliverables'), 'Framing note, PM segments and Review Conference messaging')?.current).toBe(0);
    expect(bot.say('targets').title).toBe('Top-15 engagement list (0 of 15)');
  });
});

describe('after the last plan ended', () => {
  it('says so in one line in every report', () => {
    bot = createTestBot({ now: '2026-11-28T09:00:00Z' });
    const notice = 'The 2025–2026 plan ended on 30 Sep 2026; see docs/using.md, "Starting the next cycle".';
    for (const report of ['deliverables', 'deliverable bilateral-meetings', 'milestones', 'targets', 'digest']) {
      const reply = bot.say(report);
      expect(reply.lines, report).toContain(notice);
    }
  });

  it('names the plans when an unknown plan is asked for', () => {
    bot = createTestBot({ now: '2026-11-28T09:00:00Z' });
    const reply = bot.say('deliverables 2027');
    expect(reply).toMatchObject({ tone: 'error', code: 'unknown-plan', title: 'There is no plan "2027".' });
    expect(reply.lines?.[0]).toContain(`${FIRST} (2025–2026)`);
  });
});

const CCM = resolve(import.meta.dirname, '../bin/ccm.js');
function ccm(args: string[], input: string, env: Record<string, string>, cwd = dir) {
  const result = spawnSync(process.execPath, [CCM, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: dir, CCM_USER: 'ana', ...env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('rehearsal: ccm shell --today', () => {
  it('follows the plan in force across the boundary between two cycles, and says every reply is a rehearsal', () => {
    const env = { CCM_PLAN: twoPlans(), CCM_DB_PATH: join(dir, `rehearsal-${Math.random().toString(36).slice(2)}.sqlite`) };
    const before = ccm(['shell', '--today', '2026-09-30'], 'deliverables\nmeeting Kenya held\n', env);
    expect(before.code).toBe(0);
    expect(before.out).toContain('Deliverables: 0 of 8 met');
    expect(before.out).not.toContain('the plan in force is');
    expect(before.out).toContain('Date: 30 Sep 2026');
    expect(before.out.match(/Rehearsal as of 30 Sep 2026/g)).toHaveLength(2);
    const after = ccm(['shell', '--today', '2026-10-01'], `deliverables ${FIRST}\n`, env);
    expect(after.out).toContain(`the plan in force is ${NEXT}`);
    expect(after.out).toContain('Bilateral outreach meetings: 1 of 10');
    expect(after.out).toContain('Rehearsal as of 1 Oct 2026');
  });

  it('refuses changes to the ended plan once its grace days are over, and keeps its figures', () => {
    const env = { CCM_DB_PATH: join(dir, `rehearsal-${Math.random().toString(36).slice(2)}.sqlite`) };
    const out = ccm(['shell', '--today', '2026-12-07'], 'milestone framing-note done\ntarget add Malaysia\ndeliverables\n', env).out;
    expect(out.match(/The 2025–2026 plan \(ccm-universalization-2025-2026\) closed on 30 Oct 2026/g)).toHaveLength(2);
    expect(out).toContain('Framing note, PM segments and Review Conference messaging: 0 of 4');
    expect(out).toContain('States on the list: 0 of 15');
  });

  it('refuses the real log, a date it cannot read, and a chat platform', () => {
    const cwd = join(dir, `cwd-${Math.random().toString(36).slice(2)}`);
    mkdirSync(cwd);
    const real = ccm(['shell', '--today', '2026-01-30'], 'meeting Kenya held\n', {}, cwd);
    expect(real.code).toBe(1);
    expect(real.err).toContain('--today would write fake-dated entries into the real log (./data/ccm.sqlite)');
    expect(existsSync(join(cwd, 'data', 'ccm.sqlite'))).toBe(false);
    const db = { CCM_DB_PATH: join(cwd, 'copy.sqlite') };
    expect(ccm(['shell', '--today', '30 Jan'], '', db, cwd).err).toContain('--today expects a date such as 2026-01-30, got "30 Jan"');
    const chat = ccm(['--today', '2026-01-30'], '', { ...db, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'signing-secret-for-test' }, cwd);
    expect(chat.code).toBe(1);
    expect(chat.err).toContain('--today runs only the local shell');
  });
});
