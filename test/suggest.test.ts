import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.ts';
import { STATES_FILE } from '../src/config.ts';
import { parsePlan } from '../src/domain/plan.ts';
import { loadStatesCsv, StateDirectory } from '../src/domain/states.ts';
import { describePlan } from '../src/plan-description.ts';
import { createTestBot, tempDir, type TestBot } from './support/harness.ts';
import { importCsv } from './support/import.ts';

let bot: TestBot;
afterEach(() => bot?.close());

/** The ranking as a user reads it: name, score and the breakdown's parts. */
function ranking(reply: Reply) {
  const items = reply.sections?.find((s) => s.heading === 'Ranking')?.items ?? [];
  return items.map((item) => {
    const [, name, iso3, score] = /^\d+\. (.+) \(([A-Z]{3})\): (\d+) points?/.exec(item.text)!;
    const [parts, total] = item.detail!.split(' = ');
    const points = parts!.split(' + ').map((p) => Number(/ (\d+)(?: \(|$)/.exec(p)?.[1] ?? 0));
    return { name, iso3, score: Number(score), parts: parts!, points, total: Number(total) };
  });
}

const unused = (reply: Reply) => reply.sections?.find((s) => s.heading === 'Signals not used')?.items.map((i) => i.text) ?? [];

describe('suggest', () => {
  it('on a fresh log puts the twelve signatories first, each score the sum of its parts', () => {
    bot = createTestBot();
    const signatories = bot.states.all
      .filter((s) => s.ccmStatus === 'signatory')
      .map((s) => s.iso3)
      .sort();
    // data/STATES-SOURCES.md: "Signatories (12)".
    expect(signatories).toHaveLength(12);
    const reply = bot.say('suggest 15');
    expect(reply.title).toBe('Suggested targets: the top 15 of 85 states not party');
    const rows = ranking(reply);
    expect(rows).toHaveLength(15);
    expect(
      rows
        .slice(0, 12)
        .map((r) => r.iso3)
        .sort(),
    ).toEqual(signatories);
    expect(rows[12]!.score).toBeLessThan(rows[11]!.score);
    for (const row of rows) {
      expect(row.points.reduce((a, b) => a + b, 0)).toBe(row.score);
      expect(row.total).toBe(row.score);
    }
    expect(rows.find((r) => r.iso3 === 'AGO')!.parts).toBe('signatory 40 + Mine Ban Convention 10 + CRPD 5');
    expect(unused(reply)).toContain('UNGA votes: not loaded (import them with `ccm data import`)');
    expect(unused(reply).join('\n')).toMatch(/Interim steps: none in the log/);
  });

  it("shows the plan's list size by default, and refuses what is not a number", () => {
    bot = createTestBot();
    expect(ranking(bot.say('suggest'))).toHaveLength(15);
    expect(ranking(bot.say('suggest 3'))).toHaveLength(3);
    expect(bot.say('suggest many')).toMatchObject({ tone: 'error', code: 'bad-syntax' });
  });

  it('ranks by an imported UNGA vote as the weights say', () => {
    bot = createTestBot();
    const before = ranking(bot.say('suggest 85'));
    const algeria = before.find((r) => r.iso3 === 'DZA')!;
    expect(algeria.score).toBe(15);
    expect(importCsv(bot, 'iso3,unga_ccm_vote\nDZA,yes\nARG,abstain\n').code).toBe(0);
    const reply = bot.say('suggest 85');
    const after = ranking(reply);
    const moved = after.find((r) => r.iso3 === 'DZA')!;
    expect(moved.score).toBe(15 + 10);
    expect(moved.parts).toBe('Mine Ban Convention 10 + CRPD 5 + UNGA vote for 10');
    // First after the twelve signatories; an abstention scores nothing.
    expect(after[12]!.iso3).toBe('DZA');
    expect(after.find((r) => r.iso3 === 'ARG')!.score).toBe(15);
    expect(unused(reply).join('\n')).not.toMatch(/UNGA votes/);
  });

  it('follows the weights in the plan file', () => {
    const plan = readFileSync(resolve(import.meta.dirname, '../data/plans/2025-2026.yaml'), 'utf8')
      .replace('ungaVote: 10 ', 'ungaVote: 50 ')
      .replace('crpd: 5 ', 'crpd: 0 ');
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), plan);
    bot = createTestBot({ env: { CCM_PLAN: join(dir, 'plan.yaml') }, dir });
    importCsv(bot, 'iso3,unga_ccm_vote\nDZA,yes\n');
    const reply = bot.say('suggest 3');
    expect(ranking(reply)[0]).toMatchObject({ iso3: 'DZA', score: 60, parts: 'Mine Ban Convention 10 + UNGA vote for 50' });
    expect(unused(reply)).toContain('party to the CRPD: weight 0 in the plan');
  });

  it('scores interim steps, improving engagement and a regional champion from the log', () => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('interim Thailand statement of support at the First Committee on 2026-03-01');
    bot.say('contacted Thailand on 2026-02-01 via capital');
    bot.say('meeting Philippines held on 2026-03-02 in capital');
    const thailand = ranking(bot.say('suggest 85')).find((r) => r.iso3 === 'THA')!;
    expect(thailand.parts).toBe(
      'Mine Ban Convention 10 + CRPD 5 + interim steps 10 (1, latest 1 Mar 2026)' +
        ' + engagement improving 5 (1 contact or meeting in the last 6 months, 0 before)' +
        ' + regional champion 5 (Philippines (ASEAN), engaged 2 Mar 2026)',
    );
    expect(thailand.score).toBe(35);
  });
});

describe("the plan's targeting block", () => {
  const shipped = readFileSync(resolve(import.meta.dirname, '../data/plans/2025-2026.yaml'), 'utf8');
  const directory = new StateDirectory(loadStatesCsv(STATES_FILE));

  it('is said back by ccm plan check', () => {
    const lines = describePlan(parsePlan(shipped, 'plan.yaml', directory), directory);
    expect(lines).toContain('  - signatory that has not ratified: 40 points');
    expect(lines).toContain('  - voted for the annual UNGA CCM resolution: 10 points');
  });

  it('defaults when left out, and refuses a weight that is not a whole number of points', () => {
    const without = shipped.slice(0, shipped.indexOf('# How `suggest` ranks'));
    expect(parsePlan(without, 'plan.yaml', directory).targeting.weights.signatory).toBe(40);
    expect(() => parsePlan(shipped.replace('crpd: 5 ', 'crpd: 2.5 '), 'plan.yaml', directory)).toThrow(/targeting\.weights\.crpd/);
  });
});
