/**
 * The bot's own offers run: for a corpus of near-miss lines (typos of states and commands,
 * ambiguous names, dates in figures, periods, far-away days, missing words, several states on
 * one line), every "Try:" suggestion and every action button the reply carries is run through
 * the test bot as shown, by the person it was offered to.
 *
 * "Runs as shown" means: it is read without any question (no parse or date error, no second
 * "which one?"), so it either does what its label says or gets an answer about the log as it
 * stands: the one such answer here is "you already logged this" (`already-logged`), whose own
 * button logs it anyway. A button labelled with a date logs or sets exactly that date.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../src/core/reply.ts';
import { createTestBot, fact, type TestBot } from './support/harness.ts';

/** Answers about the log as it stands, which a well-formed command may still get. */
const ANSWERS_ABOUT_THE_LOG = ['already-logged'];

/**
 * A near-miss line, typed by a member; or one typed by `as` (an admin, for milestone dates), or
 * built from what the person logged first (`setup`, giving an entry id to act on).
 */
type NearMiss = string | { setup?: string; text: string | ((entryId: number) => string); as?: string };

const CORPUS: NearMiss[] = [
  // States: typos, ambiguous and shared names, names holding "and", several states on a line.
  'contacted Jamica',
  'contacted Viet Nma via capital',
  'meeting Lao PRD held',
  'meeting Korea held',
  'contacted Congo yesterday',
  'next Congo send the note',
  'next Korea send the note by 1 Apr',
  'next Dominica Republic send the note',
  'next Kenia send the note by 1 May',
  'contacted Guinea Bisau',
  'contacted Trinidad Tobago',
  'meeting Bosnia held',
  'contacted Antigua via capital',
  'contacted the Republc of Korea',
  'meeting with Kenia held yesterday',
  'contacted Kenya, Uganda and Tanzania',
  'contacted Kenya and Uganda via capital — raised the model instrument',
  'meeting Kenya, Trinidad and Tobago held yesterday in capital',
  'contacted Barbados and Antigua and Barbuda on 2 Mar',
  'meeting Kenya & Uganda held',
  'next Kenya and Uganda send the note by 5 Mar',
  'next Kenya and Uganda send the note by 3/4 — at their request',
  'interim Kenya, Chad statement of support on 1 Aug',
  'contacted Kenya and Uganda 3/4',
  'interim Kenia statement of support',
  'interim Korea statement of support',
  'announced Angla on 2026-03-02 — Minister at the Conference on Disarmament',
  'state Kenia',
  'state Korea',
  'log Kenia',
  'history Kenia',
  'barrier Kenia legal — parliament busy',
  'workshop ASEAN with Myanmr, Thailand — accession pathway',
  // Dates: periods, figures, typos, far back and far ahead, impossible days.
  'contacted Jamaica in March',
  'contacted Jamaica in February via capital',
  'contacted Kenya in December — by phone',
  'contacted Kenya in June',
  'meeting Kenya held on March',
  'contacted Kenya March',
  'meeting Angola held on 10/03/2026',
  'meeting Angola held on 03/10/2026',
  'meeting Kenya held on 3/4',
  'contacted Kenya 3/4',
  'contacted Kenya on 10.03.26 via capital',
  'meeting Kenya held on Fryday',
  'contacted Kenya on Decmber 12',
  'meeting Kenya held on 1 Aug',
  'meeting Kenya held on 28 Apr in capital — met the minister',
  'contacted Kenya 1 Sep',
  'contacted Kenya on 29 Feb',
  'next Uganda send note by 5 Mar',
  'next Kenya call by 29 Feb',
  'next Kenya send the note by 1 Jan',
  'next Kenya send the note by 3/4',
  'next Kenya send the note by 10/04/2026',
  'next Kenya send the note by Fryday',
  'next Kenya send the note by March',
  'next Kenya send the note by end of Febuary',
  'interim Kenya statement on 3/4',
  'interim Kenya statement on 1 Aug',
  'log since March',
  'log since 3/4',
  'export since 1 Jun',
  { text: 'milestone wg3 date 3/4', as: 'alice' },
  { text: 'milestone wg3 date May', as: 'alice' },
  { text: 'milestone wg3 date 1 Feb', as: 'alice' },
  'away until 3/4',
  { text: 'quiet 3/4 to 5/4', as: 'alice' },
  // A member is told that only coordinators may, rather than offered buttons that refuse.
  'milestone wg3 date 3/4',
  'quiet 3/4 to 5/4',
  { text: 'quiet 21 Dec to 4/1', as: 'alice' },
  // Missing words.
  'meeting Kenya',
  'meeting Kenya on Monday in capital — met the minister',
  'log 3/4',
  'log March',
  'log Friday',
  // Other words a command does not take.
  'deliverable meetngs',
  'deliverable xyz',
  'deliverables 2025',
  'targets last-cycle',
  'milestone wg',
  'milestone xyz',
  'digest xyz',
  'map foo',
  'report foo',
  'help contaced',
  // Unknown commands.
  'contaced Kenya yesterday',
  'meting Kenya held',
  'nxt Kenya send the note',
  'hlep',
  'deliverabels',
  // Replies to an entry already logged: duplicates, edits and done with dates to ask about.
  { setup: 'contacted Kenya yesterday', text: () => 'contacted Kenya yesterday' },
  { setup: 'meeting Kenya held 3 days ago in capital', text: () => 'meeting KEN held 3 days ago' },
  { setup: 'next Kenya send the note', text: (id) => `edit #${id} by 3/4` },
  { setup: 'next Kenya send the note', text: (id) => `edit #${id} by 5 Mar` },
  { setup: 'next Kenya send the note', text: (id) => `edit #${id} on 3/4` },
  { setup: 'contacted Kenya yesterday', text: (id) => `edit #${id} state Kenia` },
  { setup: 'next Kenya send the note', text: (id) => `done #${id} on 3/4` },
  { setup: 'next Kenya send the note', text: (id) => `snooze #${id} until 3/4` },
  // Lines that work, for their buttons (Undo).
  'contacted Kenya yesterday via capital',
  'next Haiti send the note in 2 weeks',
];

let bot: TestBot | undefined;
afterEach(() => bot?.close());

/** Every command a reply offers to run: its suggestions and its action buttons. */
function offers(reply: Reply): { label: string; command: string }[] {
  return [...(reply.suggestions ?? []), ...(reply.actions ?? [])];
}

/** What is wrong with the answer to an offered command, if anything. */
function problemWith(label: string, answer: Reply): string | undefined {
  if (answer.tone === 'error' && !ANSWERS_ABOUT_THE_LOG.includes(answer.code ?? '')) return `${answer.code}: ${answer.title}`;
  // A button labelled with a date logs, or sets, that date (an edit shows "before → after").
  const shown = (fact(answer, 'Date') ?? fact(answer, 'Due') ?? fact(answer, 'Done on'))?.split(' → ').at(-1);
  if (/^\d{1,2} [A-Z][a-z]{2} \d{4}$/.test(label) && answer.tone === 'success' && shown !== undefined && shown !== label) {
    return `labelled ${label}, but ${shown}`;
  }
  return undefined;
}

describe('every command the bot offers runs as shown', () => {
  // Tuesday 10 Mar 2026, the day the tester typed the lines above; and Saturday 28 Nov 2026,
  // late in the year, where other days are far back or ahead.
  it.each(['2026-03-10', '2026-11-28'])('on %s, for each near miss of the corpus, its suggestions and buttons', (today) => {
    const b = createTestBot({ now: `${today}T09:00:00Z` });
    bot = b;
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    const failures: string[] = [];
    let offered = 0;
    CORPUS.forEach((nearMiss, index) => {
      // Each line from a person of its own, so that one line's entries are no duplicates of another's.
      const line = typeof nearMiss === 'string' ? { text: nearMiss } : nearMiss;
      const person = line.as ?? `tester${index}`;
      let entryId = 0;
      if (line.setup) {
        const setup = b.say(line.setup, person);
        entryId = Number(/#(\d+)/.exec(setup.title)?.[1]);
        if (setup.tone !== 'success') throw new Error(`setup failed: ${line.setup}: ${setup.title}`);
      }
      const text = typeof line.text === 'string' ? line.text : line.text(entryId);
      const reply = b.say(text, person);
      for (const offer of offers(reply)) {
        offered++;
        const answer = b.say(offer.command, person);
        const problem = problemWith(offer.label, answer);
        if (problem) failures.push(`${text} → [${offer.label}] ${offer.command} → ${problem}`);
        // What the offer did can be undone by its own button too; a button that settles the
        // message (Undo) is pressed last, as the message's other buttons are gone after it.
        const buttons = answer.tone === 'success' ? (answer.actions ?? []).toSorted((a, b) => Number(a.settles ?? false) - Number(b.settles ?? false)) : [];
        for (const button of buttons) {
          const undone = b.say(button.command, person);
          if (undone.tone === 'error') failures.push(`${offer.command} → [${button.label}] ${button.command} → ${undone.code}: ${undone.title}`);
        }
      }
    });
    expect(failures).toEqual([]);
    expect(offered).toBeGreaterThanOrEqual(CORPUS.length);
  });
});
