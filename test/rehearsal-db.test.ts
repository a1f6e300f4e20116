/**
 * Rehearsals never touch the real log: a database is marked, when made, as the real log or a
 * rehearsal's. `ccm shell --today` opens only a rehearsal's (a new file becomes one and stays
 * one; `--copy-of` starts one from a copy of the real log); the real log is refused whatever
 * its path and wherever CCM_DB_PATH came from, and left byte for byte as it was. The bot with
 * Slack or Teams, and `ccm tick` when it posts, refuse a rehearsal's database; commands that
 * only read it say what it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ccm as ccmInProcess } from './support/ccm.ts';
import { createTestBot, tempDir, type TestBot } from './support/harness.ts';
import { SIGNING_SECRET } from './support/slack.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name: string) => join(dir, `${name}-${++n}.sqlite`);

/** `ccm <argv>` in this process, as bin/ccm.js runs it, with `input` typed into the shell. */
function ccm(argv: string[], env: Record<string, string>, input = '') {
  return ccmInProcess(argv, { CCM_USER: 'ana', CCM_LOG_LEVEL: 'silent', ...env }, input);
}

/** The database file and its -wal as bytes (undefined for a file that is not there). */
function bytesOf(path: string): (Buffer | undefined)[] {
  return [path, `${path}-wal`].map((file) => (existsSync(file) ? readFileSync(file) : undefined));
}

let running: TestBot | undefined;
afterEach(() => running?.close());

/** The real log, open in a running bot with entries still in its -wal, as on the server. */
function realLogInUse(): TestBot {
  running = createTestBot({ dir: join(dir, `real-${++n}`) });
  running.say('meeting Kenya held on 2026-01-12');
  running.say('meeting Chad held on 2026-01-13');
  return running;
}

const REFUSED = /is the real log, not a rehearsal database: a rehearsal would write fake-dated entries into it/;

describe('ccm shell --today and the real log', () => {
  it('refuses the real log named in CCM_DB_PATH, leaving it and its -wal byte for byte as they were', async () => {
    const real = realLogInUse().dbPath;
    const before = bytesOf(real);
    expect(before[1]?.length).toBeGreaterThan(0);
    const refused = await ccm(['shell', '--today', '2026-01-30'], { CCM_DB_PATH: real }, 'meeting Niger held\n');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(REFUSED);
    expect(refused.err).toContain(`--copy-of ${real}`);
    expect(refused.out).toBe('');
    expect(bytesOf(real)).toEqual(before);
  });

  it('takes a database made before databases were marked for the real log', async () => {
    const old = createTestBot({ dir: join(dir, `old-${++n}`) });
    old.say('meeting Kenya held');
    old.close();
    const unmarked = new Database(old.dbPath);
    unmarked.pragma('application_id = 0');
    unmarked.close();
    const before = bytesOf(old.dbPath);
    const refused = await ccm(['--today', '2026-01-30'], { CCM_DB_PATH: old.dbPath }, 'log\n');
    expect(refused.err).toMatch(REFUSED);
    expect(bytesOf(old.dbPath)).toEqual(before);
  });

  it('makes no rehearsal database where a restore left the real log aside', async () => {
    const real = realLogInUse();
    running = undefined;
    real.close();
    const path = join(real.dir, 'ccm.sqlite');
    renameSync(path, `${path}.before-restore-2026-01-29T10-00-00-000Z`);
    const refused = await ccm(['shell', '--today', '2026-01-30'], { CCM_DB_PATH: path }, 'meeting Niger held\n');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('a restore kept the one it replaced as');
    expect(existsSync(path)).toBe(false);
  });

  it('refuses the real log named in a .env file, in the real ccm process', () => {
    const real = realLogInUse().dbPath;
    const cwd = join(dir, `cwd-${++n}`);
    mkdirSync(cwd);
    writeFileSync(join(cwd, '.env'), `CCM_DB_PATH=${real}\n`);
    const before = bytesOf(real);
    const result = spawnSync(process.execPath, [resolve(import.meta.dirname, '../bin/ccm.js'), 'shell', '--today', '2026-01-30'], {
      cwd,
      input: 'meeting Niger held\n',
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: cwd, CCM_USER: 'ana' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(REFUSED);
    expect(bytesOf(real)).toEqual(before);
  });
});

describe('a rehearsal database', () => {
  it('is made from a new path and kept, so that a week is rehearsed step by step', async () => {
    const path = fresh('week');
    const monday = await ccm(['shell', '--today', '2026-01-26'], { CCM_DB_PATH: path }, 'meeting Kenya held\n');
    expect(monday.code).toBe(0);
    expect(monday.out).toContain(`Rehearsal as of 26 Jan 2026 (${path}): not the real log, nothing is posted.`);
    const friday = await ccm(['shell', '--today', '2026-01-30'], { CCM_DB_PATH: path }, 'meeting Chad held\nlog\n');
    expect(friday.code).toBe(0);
    expect(friday.out).toContain('#1 · 26 Jan 2026 · Meeting held · Kenya');
    expect(friday.out).toContain('#2 · 30 Jan 2026 · Meeting held · Chad');
  });

  it('starts from a consistent copy of the real log with --copy-of, leaving the real log as it was', async () => {
    const real = realLogInUse().dbPath;
    const before = bytesOf(real);
    const path = fresh('copy');
    const copied = await ccm(['shell', '--today', '2026-01-30', '--copy-of', real], { CCM_DB_PATH: path }, 'meeting Niger held\nlog\n');
    expect(copied.code).toBe(0);
    // The entries still in the running bot's -wal are in the copy too.
    expect(copied.out).toMatch(
      /#3 · 30 Jan 2026 · Meeting held · Niger[\s\S]*#2 · 13 Jan 2026 · Meeting held · Chad[\s\S]*#1 · 12 Jan 2026 · Meeting held · Kenya/,
    );
    expect(bytesOf(real)).toEqual(before);
    expect(running!.sayText('log')).not.toContain('Niger');
    // A second --copy-of would replace the rehearsal's entries: refused, and without it the rehearsal goes on.
    const again = await ccm(['shell', '--today', '2026-01-31', '--copy-of', real], { CCM_DB_PATH: path }, 'log\n');
    expect(again).toMatchObject({ code: 1, out: '' });
    expect(again.err).toContain(`--copy-of makes a new rehearsal database, and ${path} already is one`);
    expect((await ccm(['shell', '--today', '2026-01-31'], { CCM_DB_PATH: path }, 'log\n')).out).toContain('Niger');
    const missing = await ccm(['shell', '--today', '2026-01-31', '--copy-of', join(dir, 'nothing.sqlite')], { CCM_DB_PATH: fresh('none') }, '');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--copy-of');
    expect(missing.err).toContain('there is no database at');
  });

  it('is refused by the bot with a chat platform and by ccm tick when it posts, and said to be one by commands that read it', async () => {
    const path = fresh('refused');
    await ccm(['shell', '--today', '2026-01-30'], { CCM_DB_PATH: path }, 'meeting Kenya held\n');
    const before = bytesOf(path);
    const slack = {
      CCM_DB_PATH: path,
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    };
    const teams = {
      CCM_DB_PATH: path,
      PORT: '0',
      MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001',
      MICROSOFT_APP_PASSWORD: 'secret',
      MICROSOFT_APP_TENANT_ID: '00000000-0000-0000-0000-000000000002',
    };
    for (const [env, platform] of [
      [slack, 'Slack'],
      [teams, 'Microsoft Teams'],
    ] as const) {
      const started = await ccm([], env);
      expect(started.code).toBe(1);
      expect(started.err).toContain(
        `${path} is a rehearsal database (made by ccm shell --today), not the real log: ccm-bot does not serve ${platform} from it.`,
      );
    }
    const tick = await ccm(['tick'], slack);
    expect(tick.code).toBe(1);
    expect(tick.err).toContain('ccm-bot does not post to Slack from it');
    expect(bytesOf(path)).toEqual(before);
    const notice = `ccm: ${path} is a rehearsal database (made by ccm shell --today), not the real log.\n`;
    for (const argv of [['digest', '--at', '2026-02-01T09:00:00Z'], ['reminders'], ['report', '--public'], ['export'], ['tick']]) {
      const read = await ccm(argv, { CCM_DB_PATH: path });
      expect(read.code, argv.join(' ')).toBe(0);
      expect(read.err, argv.join(' ')).toBe(notice);
    }
    expect((await ccm(['export'], { CCM_DB_PATH: path })).out).toContain('Kenya');
  });

  it('leaves the real log unremarked: read-only commands on it say nothing of rehearsals', async () => {
    const real = realLogInUse().dbPath;
    const read = await ccm(['export'], { CCM_DB_PATH: real });
    expect(read.code).toBe(0);
    expect(read.err).toBe('');
  });
});

describe("a rehearsal's suggestions", () => {
  it('name its database and day, so that the ccm command offered reads the rehearsal as it stood then', async () => {
    const path = fresh('suggested');
    const rehearsed = await ccm(['shell', '--today', '2026-01-30'], { CCM_DB_PATH: path }, 'meeting Kenya held\nexport\nmap\nbarriers\n');
    expect(rehearsed.code).toBe(0);
    const offered = [...rehearsed.out.matchAll(/`(CCM_DB_PATH=\S+ ccm [^`]+)`/g)].map((m) => m[1]!);
    expect(offered.map((command) => command.split(' ').slice(0, 4).join(' '))).toEqual([
      `CCM_DB_PATH=${path} ccm export --at`,
      `CCM_DB_PATH=${path} ccm map --at`,
      `CCM_DB_PATH=${path} ccm barriers --at`,
    ]);
    // Run as offered: the rehearsal's database, as of its day (the export holds its entry, the map names its day).
    const [exported, map] = offered.map((command) => {
      const [assignment, , ...argv] = command.split(' ');
      // The file named after --out, written into the test's folder.
      return { env: { CCM_DB_PATH: assignment!.slice('CCM_DB_PATH='.length) }, argv: [...argv.slice(0, -1), join(dir, `${n}-${argv.at(-1)!}`)] };
    });
    expect(exported!.argv[2]).toMatch(/^2026-01-30T\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    const run = await ccm(exported!.argv, exported!.env);
    expect(run.code).toBe(0);
    expect(readFileSync(exported!.argv.at(-1)!, 'utf8')).toContain('Kenya');
    expect((await ccm(map!.argv, map!.env)).code).toBe(0);
    expect(existsSync(map!.argv.at(-1)!)).toBe(true);
  });
});
