/**
 * Every command the README shows, typed as a newcomer would copy it, on the day of the test
 * clock: each must work as written, or fail only for the reason the README gives.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { commands } from '../src/commands/index.ts';
import { createTestBot, type TestBot } from './support/harness.ts';
import { slackActor, slackPlace } from './support/places.ts';

const readme = readFileSync(resolve(import.meta.dirname, '../README.md'), 'utf8');
const commandsSection = readme.slice(readme.indexOf('## Commands'), readme.indexOf('## Reminders'));

let bot: TestBot | undefined;
afterEach(() => bot?.close());

/** Failures that are no fault of the example: acting on an entry a fresh log does not have yet, or a question the README announces. */
const ACCEPTABLE = ['no-entry', 'not-a-next-step', 'not-a-target', 'nothing-to-undo', 'nothing-to-redo', 'already-undone', 'confirm-date'];

/** Examples the README shows being refused, with the refusal; the buttons each offers must run. */
const REFUSED = new Map([
  ['contacted Kenya, Uganda and Tanzania', 'several-states'],
  ['meeting Angola held on 10/03/2026', 'bad-date'],
  ['contacted Jamaica in March', 'bad-date'],
]);

/**
 * Backticked spans that start with a command word and say more than it: in the command table
 * `done #12`, elsewhere whole commands of three words or more (`contacted Kenya yesterday`),
 * so date forms such as `next Friday` are not taken for commands.
 */
function examples(names: Set<string>): string[] {
  const found = commandsSection.split('\n').flatMap((line) => {
    const inTable = line.startsWith('| `');
    const text = inTable ? (line.split(' | ')[1] ?? '') : line;
    return [...text.matchAll(/`([^`|<>[\]…]+)`/g)]
      .map((m) => m[1]!.trim())
      .filter((span) => names.has(span.split(' ')[0]!.toLowerCase()) && span.split(' ').length >= (inTable ? 2 : 3));
  });
  return [...new Set(found)];
}

it('runs every command example of the Commands section as written', () => {
  const names = new Set(commands.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
  const all = examples(names);
  expect(all).toEqual(
    expect.arrayContaining(['meeting Lao PDR held', 'contacted Kenya yesterday', 'next Thailand follow up by next Friday', 'done #12', ...REFUSED.keys()]),
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
