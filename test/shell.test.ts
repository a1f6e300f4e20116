/**
 * The shell end to end: `ccm` as an operator types it (its real `main`, in this process),
 * commands piped in, replies read from stdout, and the same database used across restarts.
 * What only the executable does (the .env file, `npx ccm`) is in test/e2e/executable.test.ts.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ccm as ccmInProcess } from './support/ccm.ts';
import { tempDir } from './support/harness.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ccm(input: string, env: Record<string, string> = {}, args: string[] = []) {
  return ccmInProcess(args, { HOME: dir, CCM_DB_PATH: join(dir, 'shell.sqlite'), CCM_USER: 'ana', ...env }, input);
}

/**
 * A rehearsed day inside the 2025–2026 plan, whatever day the suite runs: on the real clock the
 * plan has closed (30 Oct 2026), and a meeting logged since no longer counts toward it.
 */
const IN_THE_CYCLE = ['shell', '--today', '2026-03-20'];

describe('the local shell', () => {
  it('logs, shows and persists across a restart', async () => {
    const first = await ccm(
      [
        '/ccm meeting Lao PDR held',
        '/ccm contacted Vietnam via capital — raised at bilateral consultations',
        'next Viet Nam share ratification steps note by 1 May',
        'state Laos',
        // Within the plan's period and before its due date, with a state not party: it counts.
        'meeting Kenya held on 10 Mar 2026 in capital',
        '',
      ].join('\n'),
      {},
      IN_THE_CYCLE,
    );
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain("✓ Logged #1: meeting held, Lao People's Democratic Republic");
    expect(first.out).toContain('✓ Logged #2: contacted, Viet Nam');
    expect(first.out).toContain('✓ Logged #3: next step agreed, Viet Nam');
    expect(first.out).toMatch(/Lao People's Democratic Republic \(LAO\)[\s\S]*#1 · .* · Meeting held \(Geneva\)\n {6}logged by ana/);

    const second = await ccm('state Viet Nam\ndeliverables\n', {}, IN_THE_CYCLE);
    expect(second.code).toBe(0);
    expect(second.out).toContain('#2 · ');
    expect(second.out).toContain('raised at bilateral consultations');
    expect(second.out).toMatch(/Open next steps\n {4}- #3 .*\n {6}share ratification steps note, by 1 May \d{4} — logged by ana/);
    expect(second.out).toContain('Bilateral outreach meetings: 1 of 10');
  });

  it('refuses unknown states and commands, then undo withdraws the last entry', async () => {
    const run = await ccm(
      'meeting Atlantis held\nmeeting Lao PRD held\nfrobnicate\nmeeting Kenya held on 11 Mar 2026\ndeliverables\nundo\ndeliverables\n',
      {},
      IN_THE_CYCLE,
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain('✗ I don\'t know a state called "Atlantis".');
    expect(run.out).toContain("meeting LAO held  (Lao People's Democratic Republic)");
    expect(run.out).toContain('✗ I don\'t know the command "frobnicate".');
    expect(run.out).toContain('Type `help`');
    const counts = [...run.out.matchAll(/Bilateral outreach meetings: (\d+) of 10/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([2, 1]);
    expect(run.out).toContain('✓ Withdrew #5: meeting held, Kenya');
  });

  it('writes its log to stderr as JSON lines at CCM_LOG_LEVEL, leaving stdout to the replies', async () => {
    const run = await ccm('meeting Kenya held — zanzibar-confidential\n', { CCM_LOG_LEVEL: 'info', CCM_DB_PATH: join(dir, 'logged.sqlite') });
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^✓ Logged #1: meeting held, Kenya\n/);
    expect(run.out).not.toContain('"level"');
    const lines = run.err
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', message: 'ready' }),
      expect.objectContaining({ level: 'info', message: 'command', command: 'meeting', platform: 'shell', requestId: expect.stringMatching(/^[0-9a-f]{8}$/) }),
    ]);
    // The note stays in the database.
    expect(run.err).not.toContain('zanzibar');
  });

  it('stops with a message naming a bad variable', async () => {
    const run = await ccm('help\n', { CCM_TIMEZONE: 'Mars/Olympus' });
    expect(run.code).toBe(1);
    expect(run.err).toContain('CCM_TIMEZONE');
    expect(run.out).toBe('');
  });

  it('stops with a message naming CCM_DB_PATH when the file is not a database', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database');
    const run = await ccm('help\n', { CCM_DB_PATH: notes });
    expect(run.code).toBe(1);
    expect(run.err).toBe(`ccm: Cannot open the database ${notes}: file is not a database. Check CCM_DB_PATH.\n`);
  });

  it('stops with the path of a broken plan file', async () => {
    const run = await ccm('help\n', { CCM_PLAN: join(dir, 'missing.yaml') });
    expect(run.code).toBe(1);
    expect(run.err).toContain('Cannot read plan file');
  });

  it('answers `ccm help` and rejects an unknown subcommand', async () => {
    expect((await ccm('', {}, ['help'])).out).toContain('ccm shell');
    const bad = await ccm('', {}, ['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown command');
  });
});
