/**
 * The `ccm` command line: its usage text comes from the subcommands' declarations, so it shows
 * every subcommand with every option it accepts and none it refuses; a mistake on the command
 * line (an unknown option, a missing value, a stray word) is said specifically, with the usage,
 * exit code 2, and nothing opened or created.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBCOMMANDS } from '../src/cli/index.ts';
import { main } from '../src/main.ts';
import { collector } from './support/cli.ts';
import { tempDir } from './support/harness.ts';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'ccm.sqlite');

/** `ccm <argv>` in this process, as bin/ccm.js runs it, on a database that does not exist yet. */
async function ccm(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const [out, err] = [collector(), collector()];
  const code = await main(argv, { CCM_DB_PATH: dbPath, CCM_ADAPTERS: 'shell' }, { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream });
  return { code, out: out.text(), err: err.text() };
}

/** How an entry of the usage text starts: `ccm export [--format csv|json] …`. */
function entryHead(name: string, synopsis: string): string {
  return ['ccm', name === 'start' ? '' : name, synopsis].filter((part) => part !== '').join(' ');
}

describe('ccm help', () => {
  it('shows every subcommand with its synopsis, and every option each one accepts, and no other', async () => {
    const help = await ccm('help');
    expect(help.code).toBe(0);
    for (const command of SUBCOMMANDS) {
      for (const form of command.usage) expect(help.out).toContain(`  ${entryHead(command.name, form.synopsis)}`);
      const shown = command.usage.flatMap((form) => form.synopsis.match(/--[a-z-]+/g) ?? []);
      expect(new Set(shown), `ccm ${command.name}`).toEqual(new Set(Object.keys(command.options).map((option) => `--${option}`)));
    }
  });

  it('lays the text out as before: the subcommands on the first line, descriptions in their column, the notes last', async () => {
    const { out } = await ccm('--help');
    expect(out).toMatch(
      /^Usage: ccm \[shell \| reminders \| tick \| digest \| export \| barriers \| report \| chart \| map \| plan \| data \| backup \| restore \| init \| doctor \| help\]\n\n/,
    );
    expect(out).toContain('  ccm shell      start the local shell: one command per line, e.g. "meeting Lao PDR held"\n');
    expect(out).toContain('  ccm plan new   print an annotated plan to start the next cycle from:\n                 ccm plan new > data/plans/<years>.yaml');
    expect(out).toContain('  ccm tick [--at <ISO timestamp>]\n                 one scheduler pass as of that time: post what is due');
    expect(out).toMatch(/\n--at reads the log and milestones as they stood at that instant \(later changes left out\)\.\n$/);
    expect((await ccm('-h')).out).toBe(out);
  });

  it('says what plain `ccm` starts without naming any chat platform or its variables', async () => {
    const { out } = await ccm('help');
    expect(out).toContain(
      '  ccm            start ccm-bot: every chat platform whose credentials are set (see\n' +
        '                 docs/operating.md, "Configuration"), or the adapters named in CCM_ADAPTERS, else the local shell\n',
    );
    expect(out).not.toMatch(/slack|teams|microsoft/i);
  });

  it('shows one subcommand’s usage alone, or every action of a group', async () => {
    const exportHelp = await ccm('help', 'export');
    expect(exportHelp.code).toBe(0);
    expect(exportHelp.out).toMatch(/^Usage:\n {2}ccm export \[--format csv\|json\] \[--since <date>\] \[--at <ISO timestamp>\] \[--out <file>\]\n/);
    expect(exportHelp.out).not.toContain('ccm barriers');
    const plan = (await ccm('help', 'plan')).out;
    expect(plan).toContain('ccm plan check <file or folder>');
    expect(plan).toContain('ccm plan new');
    expect(plan).not.toContain('ccm data import');
    expect((await ccm('help', 'plan', 'new')).out).not.toContain('ccm plan check');
  });

  it('refuses help on a subcommand there is not, naming those there are', async () => {
    const run = await ccm('help', 'exprot');
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/^ccm help: no subcommand "exprot"; the subcommands: shell, reminders, tick, .*, help\n\nUsage: ccm /);
  });
});

describe('a mistake on the command line', () => {
  it.each([
    [['export', '--form', 'csv'], 'ccm export: unknown option "--form"; did you mean --format?'],
    [['reminders', '--since', '2026-05-01'], 'ccm reminders: unknown option "--since"'],
    [['map', '--pub'], 'ccm map: unknown option "--pub"; did you mean --public?'],
    [['tick', '--x'], 'ccm tick: unknown option "--x"'],
    [['map', '--plan', 'x'], 'ccm map: unknown option "--plan"'],
    [['tick', '--at'], 'ccm tick: --at needs a value: --at <ISO timestamp>'],
    [['reminders', '--from', '--json'], 'ccm reminders: --from needs a value: --from <date>'],
    [['barriers', '--format'], 'ccm barriers: --format needs a value: --format md|csv'],
    [['reminders', '--json=yes'], 'ccm reminders: --json takes no value'],
    [['digest', 'tomorrow'], 'ccm digest: unexpected argument "tomorrow": ccm digest takes options only'],
    [['backup'], 'ccm backup: needs one file: ccm backup <file>'],
    [['restore', 'a.sqlite', 'b.sqlite'], 'ccm restore: needs one file: ccm restore <file>'],
    [['init', 'here.sqlite'], 'ccm init: takes no arguments: ccm init (the database is CCM_DB_PATH)'],
    [['data', 'import'], 'ccm: ccm data import needs one CSV file: ccm data import <file.csv> [--dry-run] [--problems <file>]'],
    [['data'], 'ccm: ccm data needs "import <file.csv>".'],
    [['data', 'export'], 'ccm: unknown command "ccm data export": ccm data has "import <file.csv>".'],
    [['shell', '--copy-of', 'data/ccm.sqlite'], 'ccm: --copy-of starts a rehearsal from a copy of the real log: it needs --today <date> too'],
    [['shell', '--verbose'], 'ccm: unknown option "--verbose"'],
    [['frobnicate', '--x'], 'ccm: unknown command "frobnicate --x".'],
  ])('ccm %j: exit 2, said specifically, then the usage; nothing opened', async (argv, said) => {
    const run = await ccm(...argv);
    expect(run.code).toBe(2);
    expect(run.err).toBe(`${said}\n\n${(await ccm('help')).out}`);
    expect(run.out).toBe('');
    expect(existsSync(dbPath)).toBe(false);
  });
});
