/**
 * A milestone done after its due date is met late, and every report says so with the day and
 * how late: `deliverables`, `deliverable <id>` and the digest (in chat and `ccm digest --at`).
 * The plan's `lateMilestones` decides whether it counts.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_PLAN } from '../src/config.ts';
import { runDigest } from './support/cli.ts';
import { createTestBot, fact, progress, tempDir, type TestBot } from './support/harness.ts';

const PACKAGE = 'Package components and endorsement';
const LATE = 'met 15 Apr 2026, 15 days late';

let bot: TestBot;
afterEach(() => bot?.close());
const planDir = tempDir();
afterAll(() => rmSync(planDir, { recursive: true, force: true }));

/**
 * The support package, due 31 Mar 2026 with its four components, finished 10–15 Apr; the framing
 * note done in time; wg3 dated, so the digest has a meeting to go to.
 */
function packageDoneLate(env: Record<string, string> = {}): void {
  bot = createTestBot({ now: '2026-04-16T09:00:00Z', env });
  for (const command of [
    'milestone sp-steps-note done on 2026-04-10',
    'milestone sp-model-instrument done on 2026-04-12',
    'milestone sp-qa done on 2026-04-14',
    'milestone sp-model-legislation done on 2026-04-15',
    'milestone support-package done on 2026-04-15',
    'milestone framing-note done on 2026-04-01',
    'milestone wg3 date 2026-05-12',
  ]) {
    expect(bot.say(command).tone, command).toBe('success');
  }
}

describe('a milestone done after its due date', () => {
  it('shows as met late in `deliverables`, `deliverable <id>` and the digest', () => {
    packageDoneLate();
    const deliverables = bot.say('deliverables');
    const item = progress(deliverables, PACKAGE);
    expect(item).toMatchObject({ current: 5, target: 5, status: 'done' });
    expect(item?.group?.detail).toBe(`due 31 Mar 2026 · ${LATE}`);
    expect(item?.detail).toBe(
      'late: Support package: short ratification steps note met 10 Apr 2026, 10 days late; ' +
        'Support package: model instrument of accession template met 12 Apr 2026, 12 days late; ' +
        'Support package: basic Q&A on defence and legal concerns met 14 Apr 2026, 14 days late; ' +
        'Support package: model legislative elements (if needed) met 15 Apr 2026, 15 days late; ' +
        'Finalise the universalisation support package met 15 Apr 2026, 15 days late',
    );
    expect(bot.sayText('deliverables')).toContain(LATE);
    // Done in time: no mark.
    const framing = progress(deliverables, 'Framing note, PM segments and Review Conference messaging');
    expect(framing?.detail).not.toContain('late');

    expect(fact(bot.say('deliverable support-package'), 'Due')).toBe(`31 Mar 2026 · ${LATE}`);
    expect(bot.sayText('deliverable support package')).toContain('Support package: basic Q&A on defence and legal concerns met 14 Apr 2026, 14 days late');

    const digest = bot.sayText('digest');
    expect(digest).toContain(`Due: 31 Mar 2026 · ${LATE}`);
    const operator = runDigest(bot, ['--at', '2026-04-20T09:00:00+02:00']);
    expect(operator.code).toBe(0);
    expect(operator.out).toContain(`Due: 31 Mar 2026 · ${LATE}`);
    // As of the day before the last component, the package was not met yet: nothing was late to show.
    expect(runDigest(bot, ['--at', '2026-04-14T09:00:00+02:00']).out).toContain('Due: 31 Mar 2026 · past due, not met');
  });

  it('does not count where the plan says `lateMilestones: exclude`, and says it is left out', () => {
    const path = join(planDir, 'exclude.yaml');
    writeFileSync(path, readFileSync(SHIPPED_PLAN, 'utf8').replace('lateMilestones: count', 'lateMilestones: exclude'));
    packageDoneLate({ CCM_PLAN: path });
    const item = progress(bot.say('deliverables'), PACKAGE);
    expect(item).toMatchObject({ current: 0, target: 5, status: 'behind' });
    expect(item?.group?.detail).toBe('due 31 Mar 2026 · past due, not met');
    expect(item?.detail).toMatch(/^late, not counted: Support package: short ratification steps note met 10 Apr 2026, 10 days late; /);
  });
});
