import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN, STATES_FILE } from '../src/config.ts';
import { loadPlanFile, parsePlan, PlanError } from '../src/domain/plan.ts';
import { loadStatesCsv, StateDirectory } from '../src/domain/states.ts';
import { createTestBot, tempDir } from './support/harness.ts';

const shipped = readFileSync(SHIPPED_PLAN, 'utf8');
/** The line of the shipped plan where `text` first stands: the plan file's comments may grow. */
const lineOf = (text: string) => shipped.slice(0, shipped.indexOf(text)).split('\n').length;
const states = new StateDirectory(loadStatesCsv(STATES_FILE));
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped 2025–2026 plan', () => {
  const plan = loadPlanFile(SHIPPED_PLAN, states);

  it('has the working group meetings of February, March and April–June (twice)', () => {
    const meetings = plan.milestones.filter((m) => m.kind === 'working-group-meeting');
    expect(meetings.map((m) => [m.id, m.window.from, m.window.to])).toEqual([
      ['wg1', '2026-02', '2026-02'],
      ['wg2', '2026-03', '2026-03'],
      ['wg3', '2026-04', '2026-06'],
      ['wg4', '2026-04', '2026-06'],
    ]);
  });

  it('has the March deadlines, the barrier paper in June–July and the Review Conference in September', () => {
    const window = (id: string) => plan.milestones.find((m) => m.id === id)?.window;
    expect(window('support-package')).toEqual({ from: '2026-03', to: '2026-03' });
    expect(window('top-15')).toEqual({ from: '2026-03', to: '2026-03' });
    expect(window('barrier-paper')).toEqual({ from: '2026-06', to: '2026-07' });
    expect(window('review-conference')).toEqual({ from: '2026-09', to: '2026-09' });
    expect(plan.milestones.filter((m) => m.kind === 'preparatory-meeting').map((m) => m.id)).toEqual(['pm1', 'pm2']);
  });

  it('measures the deliverables of sections 4 and 5 with their targets', () => {
    const indicator = (id: string) => plan.deliverables.find((d) => d.id === id)?.indicators[0];
    expect(indicator('bilateral-meetings')).toMatchObject({ measure: 'entries', kinds: ['meeting'], target: { min: 10 } });
    expect(indicator('regional-engagements')).toMatchObject({ levels: ['regional'], target: { min: 1, max: 2 } });
    expect(indicator('support-package')).toMatchObject({ measure: 'milestones' });
    expect(indicator('support-package')?.measure === 'milestones' && indicator('support-package')).toMatchObject({
      milestones: ['sp-steps-note', 'sp-model-instrument', 'sp-qa', 'sp-model-legislation', 'support-package'],
    });
    expect(plan.deliverables.map((d) => d.id)).toEqual(expect.arrayContaining(['barrier-map', 'new-state-party', 'top-15', 'prep-meeting-language']));
    expect(plan.targetListSize).toBe(15);
  });
});

describe('plan files with mistakes', () => {
  it.each([
    ['not YAML', 'milestones: [unclosed', /not valid YAML/],
    ['an empty file', '# only a comment\n', /Plan file broken\.yaml is empty\./],
    ['a missing field', shipped.replace('targetListSize: 15\n', ''), /targetListSize: required, but missing/],
    [
      'a month out of range',
      shipped.replace('from: 2026-02, to: 2026-02', 'from: 2026-13, to: 2026-02'),
      new RegExp(`milestones\\[0\\]\\.window\\.from: month 13 \\(line ${lineOf('from: 2026-02, to: 2026-02')}\\)`),
    ],
    [
      'a month written badly',
      shipped.replace('from: 2026-02, to: 2026-02', 'from: 2026-2, to: 2026-02'),
      /milestones\[0\]\.window\.from: Expected a month like 2026-03/,
    ],
    ['a day that does not exist', shipped.replace('period: { from: 2025-09-20', 'period: { from: 2025-02-30'), /period\.from: no day 30 in Feb 2025/],
    ['a reversed window', shipped.replace('from: 2026-04, to: 2026-06', 'from: 2026-06, to: 2026-04'), /window\.from must not be after window\.to/],
    [
      'an unknown milestone in a deliverable',
      shipped.replace('[sp-steps-note,', '[sp-step-note,'),
      /deliverables\[4\]\.indicators\[0\]\.milestones\[0\]: Unknown milestone "sp-step-note"/,
    ],
    ['a duplicate id', shipped.replace('id: wg2', 'id: wg1'), /milestones\[1\]\.id: Duplicate milestone id "wg1"/],
    [
      'an unknown field',
      shipped.replace('targetListSize: 15', 'targetListSize: 15\ntargetListSise: 16'),
      /targetListSise: unknown field \(check the spelling\)/,
    ],
    [
      'an unknown entry kind',
      shipped.replace('kinds: [meeting]\n        states', 'kinds: [meetings]\n        states'),
      /deliverables\[0\]\.indicators\[0\]\.kinds\[0\]: Invalid option/,
    ],
    ['an unknown counting unit', shipped.replace('distinct: state-day', 'distinct: meeting'), /deliverables\[0\]\.indicators\[0\]\.distinct/],
    [
      'a period that ends before it starts',
      shipped.replace('period: { from: 2025-09-20, to: 2026-09-30 }', 'period: { from: 2026-09-20, to: 2025-09-30 }'),
      /period\.from must not be after period\.to/,
    ],
  ])('%s is refused with the path of the problem', (_name, text, message) => {
    expect(() => parsePlan(text, 'broken.yaml', states)).toThrow(PlanError);
    expect(() => parsePlan(text, 'broken.yaml', states)).toThrow(message);
  });

  it('gives one problem for one typo, and lists several in the order of their lines', () => {
    const text = shipped
      .replace('from: 2026-02, to: 2026-02', 'from: 2026-13, to: 2026-02')
      .replace('distinct: state-day', 'distinct: meeting')
      .replace('coordinators: [Norway, Costa Rica]\n', '');
    const error = (() => {
      try {
        parsePlan(text, 'broken.yaml', states);
      } catch (caught) {
        return caught as PlanError;
      }
    })();
    expect(error?.problems).toEqual([
      `milestones[0].window.from: month 13 (line ${lineOf('from: 2026-02, to: 2026-02') - 1})`,
      `deliverables[0].indicators[0].distinct: Invalid option: expected one of "entry"|"state"|"state-day"|"day" (line ${lineOf('distinct: state-day') - 1})`,
      'coordinators: required, but missing',
    ]);
    expect(error?.message).toBe(`Plan file broken.yaml has 3 problem(s):\n${error?.problems.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('names a file that cannot be read', () => {
    expect(() => loadPlanFile(join(dir, 'nope.yaml'), states)).toThrow(/Cannot read plan file .*nope\.yaml: ENOENT/);
  });
});

describe('another plan file', () => {
  it('is followed with no code change (CCM_PLAN)', () => {
    const path = join(dir, 'next-cycle.yaml');
    writeFileSync(
      path,
      `id: next-cycle
title: Next cycle
coordinators: [Norway]
period: { from: 2027-01-01, to: 2027-12-31 }
targetListSize: 5
milestones:
  - { id: kickoff, title: Kick-off meeting, kind: working-group-meeting, window: { from: 2027-01, to: 2027-01 }, date: 2027-01-20 }
deliverables:
  - id: meetings
    title: Five meetings
    source: test
    due: kickoff
    indicators:
      - { label: Meetings, measure: entries, kinds: [meeting], target: { min: 5 } }
`,
    );
    const bot = createTestBot({ env: { CCM_PLAN: path }, now: '2027-01-05T10:00:00Z' });
    try {
      expect(bot.say('milestones').sections?.[0]?.items).toEqual([{ text: 'Kick-off meeting [kickoff]', detail: '20 Jan 2027 · upcoming' }]);
      bot.say('meeting Kenya held');
      expect(bot.say('deliverables').progress).toEqual([expect.objectContaining({ label: 'Meetings', current: 1, target: 5 })]);
      expect(bot.say('targets').title).toBe('Top-5 engagement list (0 of 5)');
    } finally {
      bot.close();
    }
  });
});
