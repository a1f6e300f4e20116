/**
 * Every command docs/using.md writes out by hand (Commands and Dates, up to Reminders) and the
 * README's own, typed as a newcomer would copy them, on the day of the test
 * clock: each must work as written, or fail only for the reason the docs give.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { TABLE_END, TABLE_START } from '../scripts/command-docs.ts';
import { commands } from '../src/commands/index.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

const doc = (path: string) => readFileSync(resolve(import.meta.dirname, '..', path), 'utf8');
const using = doc('docs/using.md');
const commandsSection = `${using.slice(using.indexOf('## Commands'), using.indexOf('## Reminders'))}\n${doc('README.md')}`;

let bot: TestBot | undefined;
afterEach(() => bot?.close());

/** Failures that are no fault of the example: acting on an entry a fresh log does not have yet, or a question the docs announce. */
const ACCEPTABLE = ['no-entry', 'not-a-next-step', 'not-a-target', 'nothing-to-undo', 'nothing-to-redo', 'already-undone', 'confirm-date'];

/** Examples the docs show being refused, with the refusal; the buttons each offers must run. */
const REFUSED = new Map([
  ['contacted Kenya, Uganda and Tanzania', 'several-states'],
  ['meeting Angola held on 10/03/2026', 'bad-date'],
  ['contacted Jamaica in March', 'bad-date'],
]);

/** The text written by hand: the generated command table shows the declarations' examples, which test/commands.test.ts runs. */
const handWritten = commandsSection.slice(0, commandsSection.indexOf(TABLE_START)) + commandsSection.slice(commandsSection.indexOf(TABLE_END));

/**
 * Backticked spans that start with a command word and are whole commands of three words or
 * more (`contacted Kenya yesterday`), so date forms such as `next Friday` are not taken for commands.
 */
function examples(names: Set<string>): string[] {
  const found = handWritten
    .split('\n')
    .flatMap((line) =>
      [...line.matchAll(/`([^`|<>[\]…]+)`/g)]
        .map((m) => m[1]!.trim())
        .filter((span) => names.has(span.split(' ')[0]!.toLowerCase()) && span.split(' ').length >= 3),
    );
  return [...new Set(found)];
}

it('runs every command example of the docs as written', () => {
  const names = new Set(commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
  const all = examples(names);
  expect(all).toEqual(
    expect.arrayContaining([
      'meeting Lao PDR held',
      'contacted Kenya yesterday',
      'next Thailand follow up by next Friday',
      'snooze #12 1 week',
      ...REFUSED.keys(),
    ]),
  );
  const failures: string[] = [];
  for (const example of all) {
    // Each on a log of its own, as a newcomer would first type it.
    bot = createTestBot({ now: '2026-11-28T10:00:00Z' });
    const reply = bot.core.handle({
      text: example,
      actor: slackActor('U1', 'Ana'),
      place: slackPlace('C1'),
    });
    const refusal = REFUSED.get(example);
    if (refusal !== undefined) {
      if (reply.code !== refusal) failures.push(`${example}: ${reply.code} instead of ${refusal}`);
      for (const suggestion of reply.suggestions ?? []) {
        const ran = bot.core.handle({ text: suggestion.command, actor: slackActor('U1', 'Ana'), place: slackPlace('C1') });
        if (ran.tone === 'error') failures.push(`${example} → ${suggestion.command}: ${ran.code} ${ran.title}`);
      }
    } else if (reply.tone === 'error' && !ACCEPTABLE.includes(reply.code ?? '')) failures.push(`${example}: ${reply.code} ${reply.title}`);
    bot.close();
    bot = undefined;
  }
  expect(failures).toEqual([]);
  expect(all.length).toBeGreaterThanOrEqual(12);
});
