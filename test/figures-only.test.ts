/**
 * A channel subscribed for figures only (`subscribe`, outside the group) receives the plan's
 * reminders, set-date prompts and digests with no state named but the coordinators, and no
 * person, even when the plan file's own titles name states: such a title is shown by its kind.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { type Calendar, type Received, startChannel } from './support/calendar.ts';
import { tempDir } from './support/harness.ts';
import { forbiddenNamesIn } from './support/names.ts';

const dir = tempDir();

/** The shipped plan with more titles naming states, beside the ASEAN workshop's "through Lao PDR's leadership role". */
function planNamingStates(): string {
  const text = readFileSync(SHIPPED_PLAN, 'utf8')
    .replace('title: Second meeting of the Informal Working Group on Universalisation', 'title: Second meeting, at the Permanent Mission of Kenya')
    .replace('title: Third meeting of the Informal Working Group on Universalisation', 'title: "Third meeting: outreach to Viet Nam and Thailand"')
    .replace('title: Finalise the top-15 list of prioritised countries', 'title: Finalise the top-15 list, Malaysia first')
    .replace('title: Top-15 engagement list of prioritised states, each with a lead', 'title: Top-15 list led by Indonesia');
  const path = join(dir, 'plan.yaml');
  writeFileSync(path, text);
  return path;
}

let calendar: Calendar;
let received: Received[];
beforeAll(async () => {
  calendar = await startChannel({ now: '2026-02-01T09:00:00Z', planPath: planNamingStates() });
  calendar.bot.setNow('2026-02-10T10:00:00Z');
  for (const [command, as] of [
    ['meeting Kenya held — with the ambassador', 'Ana Ortiz'],
    ['next Thailand send the Q&A by 2026-02-20', 'Ana Ortiz'],
    ['target add Malaysia lead Norway', 'alice'],
  ] as const) {
    expect(calendar.bot.say(command, as).tone, command).toBe('success');
  }
  received = await calendar.receive('2026-02-20', '2026-03-31', { threads: true });
});
afterAll(async () => {
  await calendar.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a channel subscribed for figures only, on a plan whose titles name states', () => {
  it('gets its reminders, prompts and digest', () => {
    const titles = received.map((r) => r.title);
    expect(titles).toContain('Coming up: Working group meeting 2');
    expect(titles).toContain('Within 14 days: due by "Deadline 2"');
    expect(titles).toContain('Set the dates of 7 meetings');
    expect(titles).toContain('Progress digest for the next working group meeting (wg3 or wg4, date not set)');
    const prompt = received.find((r) => r.title.startsWith('Set the dates'))!;
    expect(prompt.body).toContain('Regional workshop 1');
    expect(prompt.body).toContain('Working group meeting 3');
    // The digest's thread replies came too: one per deliverable, the top-15 under its generic title.
    expect(titles).toContain('Deliverable 6');
  });

  it('names no state but the coordinators, and no person, anywhere in what it received', () => {
    expect(received.length).toBeGreaterThan(10);
    expect(forbiddenNamesIn(calendar.bot, received.map((r) => `${r.title}\n${r.body}`).join('\n'))).toEqual([]);
    // The check finds what it must: the group's own digest names them.
    expect(forbiddenNamesIn(calendar.bot, calendar.bot.sayText('digest wg3'))).toEqual(expect.arrayContaining(['Viet Nam', 'Thailand']));
  });
});
