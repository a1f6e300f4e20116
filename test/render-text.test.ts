/**
 * What the shell prints, for each kind of reply. Snapshots: a change in wording or layout
 * shows up in review as a diff of what users will read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBot, type TestBot } from './support/harness.ts';

let bot: TestBot;
beforeAll(() => {
  bot = createTestBot({ now: '2026-03-10T09:00:00Z' });
  bot.say('meeting Lao PDR held on 2 Mar in regional — ASEAN workshop follow-up');
  bot.say('contacted Vietnam via capital — raised at bilateral consultations');
  bot.say('next Viet Nam share ratification steps note by 1 Apr');
  bot.say('target add Viet Nam lead Norway');
  bot.say('barrier Viet Nam defence — stockpile destruction costs');
  bot.say('milestone sp-qa done');
});
afterAll(() => bot.close());

describe('text replies', () => {
  it.each([
    'meeting Kenya held in geneva — first contact with the new ambassador',
    'meeting Lao PRD held',
    'meeting Korea held',
    'state Viet Nam',
    'log',
    'targets',
    'barriers',
    'milestones',
    'deliverables',
    'help next',
  ])('%s', (command) => {
    expect(bot.sayText(command)).toMatchSnapshot();
  });
});
