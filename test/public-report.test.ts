/**
 * The public progress summary quotes the group's progress without naming any State but the
 * coordinators, and no person. Ten bilateral meetings with ten States not party reach the plan's
 * target, and the target reads the same in `deliverables`, the digest and the public summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../src/render/text.ts';
import { publicReport } from '../src/reports/public-report.ts';
import { runCcm } from './support/cli.ts';
import { createTestBot, progress, type TestBot } from './support/harness.ts';
import { forbiddenNamesIn } from './support/names.ts';

/** Ten States not party, met at Geneva or capital level in March 2026, by two members. */
const MEETINGS = ['Kenya', 'Indonesia', 'Viet Nam', 'Thailand', 'Jamaica', 'Haiti', 'Brazil', 'Egypt', 'Myanmar', 'Papua New Guinea'].map(
  (state, i) => `meeting ${state} held on 2026-03-0${1 + (i % 9)} in ${i % 2 === 0 ? 'geneva' : 'capital'} — talked with the ambassador`,
);

let bot: TestBot;
beforeAll(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
  for (const [i, text] of MEETINGS.entries()) expect(bot.say(text, i % 2 === 0 ? 'Ana Ortiz' : 'Ben Okafor').tone, text).toBe('success');
  // A contact, a regional meeting and a meeting with a State Party, to fill the other figures.
  bot.say('contacted Kenya on 2026-03-09 via capital', 'Ana Ortiz');
  bot.say('meeting Lao PDR held on 2026-03-04 in regional — ASEAN workshop', 'Ben Okafor');
  bot.say('target add Kenya lead Norway');
  bot.say('barrier Kenya priority — elections');
});
afterAll(() => bot.close());

/** Every State (but Norway and Costa Rica) and every person the text names, by the rules of the brief. */
const namesIn = (text: string) => forbiddenNamesIn(bot, text);

describe('ten bilateral meetings with ten States not party', () => {
  it('meet the target in deliverables', () => {
    expect(progress(bot.say('deliverables'), 'Bilateral outreach meetings')).toMatchObject({
      current: 10,
      target: 10,
      status: 'done',
      detail: 'with 10 states',
      group: { detail: 'due 30 Sep 2026 · met' },
    });
  });

  it('meet it in the digest', () => {
    const part = bot.say('digest').sections?.find((s) => s.heading === 'Documented bilateral outreach meetings (Geneva and/or capital level)');
    expect(part?.items).toContainEqual({ text: 'Bilateral outreach meetings: 10 of 10', detail: 'with 10 states' });
  });

  it('meet it in the public summary, which names no State but the coordinators, and no person', () => {
    const { code, out } = runCcm(bot, 'report', ['--public']);
    expect(code).toBe(0);
    expect(out).toContain(
      '| Documented bilateral outreach meetings (Geneva and/or capital level) | 30 Sep 2026 | Bilateral outreach meetings: 10 of 10 | met |',
    );
    expect(out).toContain('coordinated by Norway and Costa Rica');
    expect(out).toContain('- Meetings held: 11, with 11 States\n  - at Geneva level: 5\n  - at capital level: 5\n  - at regional level: 1\n');
    expect(out).toContain('- States not party engaged: 10\n- States Parties engaged: 1\n');
    expect(namesIn(out)).toEqual([]);
    // The check itself finds what it must: the log's own words would fail it.
    expect(namesIn(bot.sayText('log'))).toEqual(expect.arrayContaining(['Kenya', 'Ana Ortiz']));
  });

  it('say the same in chat, also without a name', () => {
    const reply = bot.say('report public');
    expect(progress(reply, 'Bilateral outreach meetings')).toMatchObject({ current: 10, target: 10, status: 'done' });
    expect(reply.facts).toContainEqual({ label: 'States not party engaged', value: '10' });
    expect(namesIn(renderText(reply))).toEqual([]);
  });
});

describe('the public summary', () => {
  it('shows a title from the plan file that names a State by its kind, and names none', () => {
    const shipped = bot.plans.activeOn('2026-03-10');
    const plan = {
      ...shipped,
      title: 'Work plan, with a focus on Kenya',
      deliverables: shipped.deliverables.map((d, i) => (i === 0 ? { ...d, title: 'Bilateral meetings with Kenya, Viet Nam and others' } : d)),
    };
    const checked = publicReport({ store: bot.store, plan, states: bot.states, today: '2026-03-10', timeZone: 'Europe/Zurich' });
    if (!checked.ok) throw new Error(`withheld: ${checked.names.join(', ')}`);
    expect(checked.markdown).toContain('progress under the 2025–2026 work plan, from');
    expect(checked.markdown).toContain('| Deliverable 1 | 30 Sep 2026 | Bilateral outreach meetings: 10 of 10 | met |');
    expect(namesIn(`${checked.markdown}\n${renderText(checked.reply)}`)).toEqual([]);
  });

  it('is withheld when a figure label from the plan file would name a State', () => {
    const shipped = bot.plans.activeOn('2026-03-10');
    const [first, ...rest] = shipped.deliverables;
    const indicators = first!.indicators.map((i) => ({ ...i, label: 'Meetings with Kenya' }));
    const plan = { ...shipped, deliverables: [{ ...first!, indicators }, ...rest] };
    const checked = publicReport({ store: bot.store, plan, states: bot.states, today: '2026-03-10', timeZone: 'Europe/Zurich' });
    expect(checked).toEqual({ ok: false, names: ['Kenya'] });
  });

  it('reports on an earlier cycle by its id, and refuses an unknown one', () => {
    expect(runCcm(bot, 'report', ['--public', '--plan', 'ccm-universalization-2025-2026']).code).toBe(0);
    expect(() => runCcm(bot, 'report', ['--public', '--plan', 'nope'])).toThrow('no plan "nope"; the plans: ccm-universalization-2025-2026 (2025–2026)');
    expect(() => runCcm(bot, 'report')).toThrow('ccm report needs --public');
  });
});
