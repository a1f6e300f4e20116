/**
 * The engagement list is as long as the plan says (`targetListSize`), and every reply, help text
 * and map caption that names it says so: a plan of 12 reads "top-12", never "top-15".
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { createTestBot, fact, tempDir, type TestBot } from './support/harness.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The shipped plan with a list of 12. Titles and labels written in the plan file are its author's words, left as they are. */
function planOfTwelve(): string {
  mkdirSync(join(dir, 'plans'), { recursive: true });
  const path = join(dir, 'plans', 'twelve.yaml');
  writeFileSync(path, readFileSync(SHIPPED_PLAN, 'utf8').replace('targetListSize: 15', 'targetListSize: 12'));
  return path;
}

let bot: TestBot | undefined;
afterEach(() => bot?.close());

it('names the list by the plan’s size wherever the bot words it', () => {
  bot = createTestBot({ env: { CCM_PLAN: planOfTwelve() } });
  expect(bot.say('target add Kenya lead Norway').title).toBe('Added Kenya to the top-12 list');
  expect(bot.say('target add Kenya').title).toBe('Kenya is already on the top-12 list (lead Norway).');
  expect(bot.say('target remove Chad').title).toBe('Chad is not on the top-12 list.');
  expect(bot.say('targets').title).toBe('Top-12 engagement list (1 of 12)');
  expect(fact(bot.say('state Kenya'), 'Top-12 list')).toBe('on the list, lead Norway');
  const map = bot.say('map');
  expect(map.title).toBe('World map: CCM status, with the top-12 list outlined');
  expect(map.sections?.[0]?.heading).toBe("Outlined: the top-12 list, with each state's stage");
  expect(bot.say('map nonsense').lines?.[0]).toContain('`map` shows the top-12 list on the map');
  expect(bot.sayText('suggest')).toContain('Kenya (KEN): ');
  expect(bot.sayText('suggest')).toContain('· on the top-12 list');
  expect(bot.say('history Kenya').sections?.[0]?.items[0]?.text).toContain('add target (top-12 list)');
  // What the bot itself writes never names another size; the plan file's own titles aside.
  const said = ['targets', 'state Kenya', 'map', 'map public', 'suggest', 'history Kenya', 'help', 'help map', 'help target', 'help targets', 'help state'].map(
    (command) => bot!.sayText(command),
  );
  for (const text of said) expect(text).not.toMatch(/top-15/i);
});
