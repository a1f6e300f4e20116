/**
 * Adaptive Cards for Teams: every reply kind parsed by the official Adaptive Cards library for
 * schema 1.5 and kept under Teams' message size, user text shown exactly as typed and never
 * formatted, linked or mentioning, buttons that carry their command, and snapshots of what
 * members read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.ts';
import { buttonFromTeamsValue, renderTeams, renderTeamsEcho, TEAMS_LIMITS, type TeamsActivity, teamsSize } from '../src/adapters/teams/render.ts';
import { cut, isMarkdownInert, neutralize, visibleText, WORD_JOINER } from '../src/adapters/teams/card-text.ts';
import { cardProblems } from './support/adaptive-cards.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { outline } from './support/teams-outline.ts';

const LONG_NOTE = `${'Raised the ratification bill, the stockpile question and the regional workshop; '.repeat(13)}`.slice(0, 1000);
const HOSTILE =
  '**bold** _x_ [click](https://evil.example) <at>Everyone</at> @channel https://evil.example x@y.org # heading > quote `code` {{DATE(2026-03-10T09:00:00Z, SHORT)}}';

/** One reply of each kind: the list the Slack renderer is checked with, plus the error with a button and Undo. */
const REPLIES = [
  'state Kenya',
  'log',
  'log Kenya',
  'targets',
  'barriers',
  'milestones',
  'deliverables',
  'digest',
  'help',
  'help edit',
  `contacted Kenya — ${LONG_NOTE}`,
  'contacted Kenya — a second call', // already logged today: an error with a button that logs it anyway
  'meeting Lao PRD held',
  `meeting ${'Lao PRD '.repeat(40)} held`,
  'meeting Korea held',
  'frobnicate',
  'undo',
];

const card = (activity: TeamsActivity) => activity.attachments[0].content;

/** What every message must be for Teams to take it and the library to read it as sent. */
function expectValidTeamsMessage(activity: TeamsActivity): void {
  expect(cardProblems(card(activity))).toEqual([]);
  expect(teamsSize(activity)).toBeLessThan(TEAMS_LIMITS.messageSize);
  expect(activity.summary.length).toBeGreaterThan(0);
  expect(activity).not.toHaveProperty('text');
  const json = JSON.stringify(card(activity).body);
  expect(json).not.toMatch(/"text":""/);
  // Facts are Markdown in Teams: only text Markdown has nothing to act on goes there.
  for (const set of card(activity).body.filter((e) => e.type === 'FactSet')) {
    for (const fact of set.facts) expect(isMarkdownInert(fact.title) && isMarkdownInert(fact.value)).toBe(true);
  }
}

describe('Adaptive Cards within Teams limits, as the Adaptive Cards library reads them', () => {
  let bot: TestBot;
  beforeAll(() => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    // The heaviest realistic state: 200 log entries with notes of the maximum length.
    const insert = bot.database.sqlite.prepare(
      "INSERT INTO entries (kind, state_iso3, occurred_on, level, note, person_id, created_at, platform) VALUES ('meeting', 'KEN', ?, 'geneva', ?, 1, 'x', 'shell')",
    );
    bot.say('help');
    for (let i = 0; i < 200; i++) insert.run(`2026-0${1 + (i % 2)}-${String(1 + (i % 28)).padStart(2, '0')}`, LONG_NOTE);
    for (let i = 0; i < 12; i++) bot.say(`next Kenya ${'send the ratification steps note and the model instrument '.repeat(15).slice(0, 900)} ${i} by 1 Apr`);
    for (const category of ['legal', 'defence', 'regional', 'awareness', 'priority']) bot.say(`barrier Kenya ${category} — ${LONG_NOTE}`);
    for (const name of [
      'Angola',
      'Kenya',
      'Indonesia',
      'Jamaica',
      'Haiti',
      'Uganda',
      'Liberia',
      'Djibouti',
      'Cyprus',
      'Viet Nam',
      'Brazil',
      'Argentina',
      'Bhutan',
      'Thailand',
      'Singapore',
    ]) {
      bot.say(`target add ${name} lead ${'Norway and Costa Rica with the Presidency '.repeat(5)}`);
    }
  });
  afterAll(() => bot.close());

  it.each(REPLIES.map((command) => [cut(command, 60), command]))('%s', (_, command) => {
    expectValidTeamsMessage(renderTeams(bot.say(command)));
  });

  it('shows the state card of a state with 200 entries, cut, with the command that shows the rest', () => {
    const activity = renderTeams(bot.say('state Kenya'));
    expect(teamsSize(activity)).toBeGreaterThan(TEAMS_LIMITS.budgetSize / 2);
    expect(outline(activity)).toMatch(/(…and 2\d\d more: |2\d\d more in Log: )`log Kenya`/);
  });

  it('cuts a reply far beyond the limits, and says what was left out', () => {
    const huge: Reply = {
      tone: 'info',
      visibility: 'private',
      title: 'T'.repeat(5000),
      facts: Array.from({ length: 35 }, (_, i) => ({ label: `Fact ${i}`, value: 'v'.repeat(2500) })),
      lines: ['l'.repeat(4000)],
      progress: Array.from({ length: 60 }, (_, i) => ({
        label: `Figure ${i}`,
        current: i,
        target: 60,
        status: 'on-track' as const,
        group: { title: `Deliverable ${i % 7}` },
      })),
      sections: Array.from({ length: 30 }, (_, i) => ({
        heading: `Section ${i}`,
        items: Array.from({ length: 100 }, (_, j) => ({ text: `item ${j} ${'x'.repeat(400)}`, detail: 'd'.repeat(1000) })),
        more: { count: 7, hint: `log section ${i}` },
      })),
      suggestions: Array.from({ length: 30 }, (_, i) => ({ label: `Suggestion ${i} ${'s'.repeat(100)}`, command: `help ${i}` })),
    };
    const activity = renderTeams(huge);
    expectValidTeamsMessage(activity);
    const view = outline(activity);
    expect(view).toMatch(/^~ \d+ more lines did not fit in one Teams message; narrow the command \(e\.g\. `log since <date>`\)\.$/m);
    expect(view).toContain('7 more in Section 0: `log section 0`');
    expect(view.split('\n')[1]).toBe(`# ${'T'.repeat(TEAMS_LIMITS.title - 1)}…`);
    expect(card(activity).actions).toHaveLength(TEAMS_LIMITS.actions);
  });
});

describe('user text in Teams', () => {
  let bot: TestBot;
  beforeAll(() => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say(`contacted Kenya — ${HOSTILE}`);
    bot.say(`next Kenya ${HOSTILE} by 1 Apr`);
    bot.say('target add Kenya lead <at>Everyone</at> **Norway**');
  });
  afterAll(() => bot.close());

  it.each(['state Kenya', 'log', 'targets', `meeting Kenya held — ${HOSTILE}`])(
    '%s shows hostile text as typed, and it formats, links and mentions nothing',
    (command) => {
      const activity = renderTeams(bot.say(command));
      expectValidTeamsMessage(activity);
      const body = JSON.stringify(card(activity).body);
      expect(outline(activity)).toContain(command === 'targets' ? '<at>Everyone</at> **Norway**' : HOSTILE);
      // Teams finds mentions, links, e-mail addresses and templates by these patterns; none is left whole.
      for (const pattern of ['<at>', 'https://', 'evil.example', 'x@y.org', '@channel', '{{DATE']) expect(body).not.toContain(pattern);
      // Shown as typed: no backslash escapes a phone would display.
      expect(body).not.toMatch(/\\\\[*_[#>`]/);
      // A note's backticks are the person's own: no code formatting for them.
      expect(body).not.toMatch(/"text":"code","fontType":"Monospace"/);
    },
  );

  it('sets commands in bot text as code, and only there', () => {
    const activity = renderTeams(bot.say('next Kenya call the mission back about `ratification` by 2 Apr'));
    const runs = card(activity).body.flatMap((e) => (e.type === 'RichTextBlock' ? e.inlines : []));
    expect(runs).toContainEqual({ type: 'TextRun', text: 'done #4', fontType: 'Monospace' });
    expect(outline(activity)).toContain('Mark it done with `done #4`.');
    expect(runs.some((run) => run.fontType === 'Monospace' && run.text.includes('ratification'))).toBe(false);
  });

  it('neutralises links, mentions, tags and templates with invisible joiners only', () => {
    const text = '<at>A</at> https://a.example/x?y=1 x@y.org @channel {{TIME(2026-03-10T09:00:00Z)}} www.evil.com 3.5';
    expect(visibleText(neutralize(text))).toBe(text);
    expect(neutralize(text)).toBe(
      ['<⁠at>A<⁠/at>', 'https⁠://a.⁠example/x?y=1', 'x⁠@⁠y.⁠org', '⁠@⁠channel', '{⁠{TIME(2026-03-10T09:00:00Z)}}', 'www.⁠evil.⁠com', '3.⁠5'].join(' '),
    );
    expect(neutralize('Kenya (KEN), 10 Mar 2026 — ASEAN: done!')).toBe('Kenya (KEN), 10 Mar 2026 — ASEAN: done!');
    expect(WORD_JOINER).toBe('\u2060');
  });

  it('keeps only Markdown-inert text in facts', () => {
    for (const inert of ["Lao People's Democratic Republic (LAO)", '10 Mar 2026', '0 of 8 met, 8 in progress (2 at risk)', 'Asia-Pacific', '1 of 1–2'])
      expect(isMarkdownInert(inert)).toBe(true);
    for (const active of [
      '**b**',
      '_i_',
      '[a](b)',
      '# h',
      '> q',
      '- item',
      '1. item',
      '`c`',
      '<at>',
      'a & b',
      'x@y.org',
      'evil.com',
      'https://x',
      '{{DATE(x)}}',
      'a\\b',
    ]) {
      expect(isMarkdownInert(active)).toBe(false);
    }
  });
});

describe('Teams buttons', () => {
  const base: Reply = { tone: 'success', visibility: 'private', title: 'Logged #1' };

  it('carry their command as Action.Submit data, styled by what they do', () => {
    const activity = renderTeams({
      ...base,
      actions: [
        { label: 'Undo', command: 'undo #1', style: 'danger' },
        { label: 'Mark done', command: 'done #1', style: 'primary' },
      ],
      suggestions: [{ label: 'Kenya', command: 'state KEN' }],
    });
    expect(card(activity).actions).toEqual([
      { type: 'Action.Submit', title: 'Undo', data: { ccm: 'undo #1' }, style: 'destructive' },
      { type: 'Action.Submit', title: 'Mark done', data: { ccm: 'done #1' }, style: 'positive' },
      { type: 'Action.Submit', title: 'Kenya', data: { ccm: 'state KEN' } },
    ]);
  });

  it('say when pressing one settles its card, so that the card can be replaced with the outcome', () => {
    const activity = renderTeams({ ...base, actions: [{ label: 'Undo', command: 'undo #1', style: 'danger', settles: true }] });
    expect(card(activity).actions).toEqual([{ type: 'Action.Submit', title: 'Undo', data: { ccm: 'undo #1', settles: true }, style: 'destructive' }]);
    expect(cardProblems(card(activity))).toEqual([]);
  });

  it('come back as a command from a Submit message, and nothing else does', () => {
    expect(buttonFromTeamsValue({ ccm: 'undo #1', settles: true })).toEqual({ command: 'undo #1', settles: true });
    expect(buttonFromTeamsValue({ ccm: 'state KEN' })).toEqual({ command: 'state KEN', settles: false });
    for (const other of [undefined, null, 'undo', {}, { ccm: 3 }, { ccm: '  ' }, { action: { verb: 'ccm', data: { ccm: 'undo' } } }])
      expect(buttonFromTeamsValue(other)).toBeUndefined();
  });

  it('are measured in UTF-16 code units, as Microsoft counts a message: accented text is not cut at half the size', () => {
    // 19,000 letters: 19,000 UTF-16 code units, 38,000 UTF-8 bytes.
    const activity = renderTeams({ ...base, lines: Array.from({ length: 10 }, () => 'é'.repeat(1900)) });
    expect(outline(activity)).not.toContain('did not fit');
    expect(teamsSize(activity)).toBeLessThan(TEAMS_LIMITS.messageSize);
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeGreaterThan(TEAMS_LIMITS.messageSize);
  });

  it('list the commands beyond five as text, and give none to a command too long to carry', () => {
    const suggestions = Array.from({ length: 7 }, (_, i) => ({ label: `Option ${i}`, command: `help ${i}` }));
    const activity = renderTeams({ ...base, suggestions: [{ label: 'Too long', command: `contacted Kenya — ${'x'.repeat(2100)}` }, ...suggestions] });
    expect(card(activity).actions?.map((a) => a.data.ccm)).toEqual(['help 0', 'help 1', 'help 2', 'help 3', 'help 4']);
    expect(outline(activity)).toContain('Also: `help 5`, `help 6`');
  });
});

describe('the Teams channel notice', () => {
  it('is plain text that reads as written and links or mentions nobody', () => {
    const echo = renderTeamsEcho('<at>Everyone</at> **Ana** logged a meeting (#3) https://evil.example');
    expect(echo).toMatchObject({ type: 'message', textFormat: 'plain' });
    expect(visibleText(echo.text)).toBe('<at>Everyone</at> **Ana** logged a meeting (#3) https://evil.example');
    expect(echo.text).not.toContain('<at>');
    expect(echo.text).not.toContain('https://');
  });
});

describe('Teams cards as members read them', () => {
  let bot: TestBot;
  beforeAll(() => {
    bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
    bot.say('meeting Lao PDR held on 2 Mar in regional — ASEAN workshop follow-up');
    bot.say('next Viet Nam share ratification steps note by 1 Apr');
    bot.say('target add Viet Nam lead Norway');
    bot.say('barrier Viet Nam defence — stockpile destruction costs');
  });
  afterAll(() => bot.close());

  it.each(REPLIES.map((command) => command.replace('Kenya', 'Viet Nam')).map((command) => [cut(command, 60), command]))('%s', (_, command) => {
    const activity = renderTeams(bot.say(command));
    expectValidTeamsMessage(activity);
    expect(outline(activity)).toMatchSnapshot();
  });

  it.each(['contacted Kenya — first contact with the new ambassador', 'meeting Lao PRD held'])('the whole activity: %s', (command) => {
    expect(renderTeams(bot.say(command))).toMatchSnapshot();
  });
});
