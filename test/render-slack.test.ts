/**
 * Block Kit output of every reply kind, checked against Slack's limits with the longest
 * realistic content, plus snapshots of what members see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.ts';
import { escapeMrkdwn, renderSlack, SLACK_LIMITS } from '../src/adapters/slack/render.ts';
import { expectWithinSlackLimits } from './support/block-kit.ts';
import { createTestBot, type TestBot } from './support/harness.ts';

let bot: TestBot;
const LONG_NOTE = `${'Raised the ratification bill, the stockpile question and the regional workshop; '.repeat(13)}`.slice(0, 1000);

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
  const names = [
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
  ];
  for (const name of names) bot.say(`target add ${name} lead ${'Norway and Costa Rica with the Presidency '.repeat(5)}`);
});
afterAll(() => bot.close());

describe('Block Kit within Slack limits', () => {
  it.each([
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
    `meeting ${'Lao PRD '.repeat(40)} held`,
    'meeting Korea held',
    'frobnicate',
  ])('%s', (command) => {
    expectWithinSlackLimits(renderSlack(bot.say(command)));
  });

  it('cuts a reply far beyond the limits, and says what was left out', () => {
    const huge: Reply = {
      tone: 'info',
      visibility: 'private',
      title: 'T'.repeat(5000),
      facts: Array.from({ length: 35 }, (_, i) => ({ label: `Fact ${i}`, value: 'v'.repeat(2500) })),
      lines: ['l'.repeat(4000)],
      sections: Array.from({ length: 30 }, (_, i) => ({
        heading: `Section ${i}`,
        items: Array.from({ length: 100 }, (_, j) => ({ text: `item ${j} ${'x'.repeat(400)}`, detail: 'd'.repeat(400) })),
      })),
      suggestions: Array.from({ length: 30 }, (_, i) => ({ label: `Suggestion ${i} ${'s'.repeat(100)}`, command: `help ${i}` })),
    };
    const message = renderSlack(huge);
    expectWithinSlackLimits(message);
    const last = message.blocks.filter((b) => b.type === 'context').at(-1) as unknown as { elements: { text: string }[] };
    expect(last.elements[0]?.text).toMatch(/more lines did not fit in one Slack message/);
  });

  it('shows the state card of a state with 200 entries with a hint to the rest', () => {
    const message = renderSlack(bot.say('state Kenya'));
    expect(JSON.stringify(message.blocks)).toMatch(/"2\d\d more in Log: `log Kenya`"/);
  });
});

describe('Slack escaping', () => {
  it('escapes exactly the three markup characters', () => {
    expect(escapeMrkdwn('a & b < c > d <!channel> <@U1> <https://x|y>')).toBe('a &amp; b &lt; c &gt; d &lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt;');
  });

  it('marks every mrkdwn text verbatim, so Slack links and mentions nothing on its own', () => {
    const texts: { type: string; verbatim?: boolean }[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        if ((node as { type?: string }).type === 'mrkdwn') texts.push(node as { type: string; verbatim?: boolean });
        Object.values(node).forEach(collect);
      }
    };
    collect(renderSlack(bot.say('state Kenya')).blocks);
    collect(renderSlack(bot.say('deliverables')).blocks);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.every((t) => t.verbatim === true)).toBe(true);
  });

  it('never cuts an escaped text in the middle of an entity', () => {
    // A state not contacted earlier in this file: a second contact the same day would be refused.
    const reply = bot.say(`contacted Uganda — ${'&'.repeat(1000)}`);
    const message = renderSlack(reply);
    const note = JSON.stringify(message.blocks).match(/\*Note\*\\n([^"]*)"/)?.[1] ?? '';
    expect(note.endsWith('&amp;…')).toBe(true);
    expect(note.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
  });
});

describe('Block Kit snapshots', () => {
  it.each(['meeting Lao PDR held in capital — first meeting with the new ambassador', 'meeting Lao PRD held', 'deliverables'])('%s', (command) => {
    const fresh = createTestBot({ now: '2026-03-10T09:00:00Z' });
    try {
      expect(renderSlack(fresh.say(command))).toMatchSnapshot();
    } finally {
      fresh.close();
    }
  });
});
