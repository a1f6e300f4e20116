/**
 * `ccm data import <file.csv> [--dry-run]`: the ISU updates treaty facts without a release.
 * The file is checked whole before anything is written; then its facts are added to the
 * `state_overrides` table (never to the shipped mirror), each through the audit trail, in one
 * transaction, and the diff printed is computed the way the bot reads the facts, so it is
 * exactly what changed. The running bot reads them at its next command; no restart is needed.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { Bot } from './bot.ts';
import type { Subcommand } from './cli/subcommand.ts';
import { ANSWER_BUDGET_MS } from './core/dispatch.ts';
import { todayIn } from './domain/dates.ts';
import { columnValue } from './domain/facts.ts';
import { type ImportProblem, importRecords, readImport } from './domain/state-import.ts';
import { treatyFacts } from './reports/facts.ts';
import { retryWhileBusy } from './store/busy.ts';
import { writePrivateFile } from './store/private-file.ts';

/** How many problems a refused import shows in full; the rest are counted by kind (all of them with --problems). */
const PROBLEMS_SHOWN = 20;

const SYNOPSIS = '<file.csv> [--dry-run] [--problems <file>]';

export const dataImportSubcommand: Subcommand = {
  name: 'data import',
  usage: [
    {
      synopsis: SYNOPSIS,
      description: [
        'update treaty facts without a release: a CSV keyed by iso3 with any of',
        'ccm_status, ccm_date, apmbc, crpd, unga_ccm_vote, source, as_of. The whole',
        'file is checked first (a bad row changes nothing and is named by line and',
        'column: the first 20 problems, then a count of each kind; --problems writes',
        'every one to <file>); then it prints what changed (state, column, old → new)',
      ],
    },
  ],
  options: { 'dry-run': { type: 'boolean' }, problems: { type: 'string' } },
  // The file may come before or after the options.
  positionals: {
    min: 1,
    max: 1,
    name: '<file.csv>',
    wrongCount: `ccm data import needs one CSV file: ccm data import ${SYNOPSIS}`,
  },
  needs: 'bot',
  run: ({ positionals: [file], values }, bot, io) =>
    importFile(bot, file!, io.out, bot.now(), {
      dryRun: values['dry-run'] === true,
      problemsFile: typeof values.problems === 'string' ? values.problems : undefined,
    }),
};

/**
 * The first {@link PROBLEMS_SHOWN} problems in full, then every problem counted by kind, most
 * frequent first: a bad file of 50,000 rows makes a few dozen lines, not megabytes.
 */
function problemSummary(problems: readonly ImportProblem[], path: string, problemsFile: string | undefined): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => `  ${p.text}\n`);
  if (problems.length <= PROBLEMS_SHOWN) return shown.join('');
  const kinds = new Map<string, number>();
  for (const { kind } of problems) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  const byKind = [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `    ${n.toLocaleString('en-US')} × ${kind}\n`);
  const where =
    problemsFile === undefined
      ? `  For every problem in a file: ccm data import ${path} --problems <file>\n`
      : `  Every problem, one a line: ${problemsFile}\n`;
  return [
    ...shown,
    `  … and ${(problems.length - PROBLEMS_SHOWN).toLocaleString('en-US')} more. All ${problems.length.toLocaleString('en-US')} by kind:\n`,
    ...byKind,
    where,
  ].join('');
}

/** Writes every problem, one a line, readable by the operator only (a problem quotes the file's cells); says so when it cannot. */
function writeProblems(file: string, problems: readonly ImportProblem[], out: Writable): void {
  try {
    writePrivateFile(file, problems.map((p) => `${p.text}\n`).join(''));
  } catch (error) {
    out.write(`Cannot write the problems to ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.\n`);
  }
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

async function importFile(
  bot: Bot,
  path: string,
  out: Writable,
  now: Date,
  { dryRun, problemsFile }: { dryRun: boolean; problemsFile: string | undefined },
): Promise<number> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    out.write(`✗ Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Nothing was changed.\n`);
    return 1;
  }
  const { store, states } = bot;
  const today = todayIn(bot.config.timeZone, now);
  const at = now.toISOString();
  const file = basename(path);
  const before = treatyFacts(store, states);
  const reading = readImport(text, states, today, (iso3) => before.of(iso3));
  if (!reading.ok) {
    out.write(`✗ ${path} was not imported: ${count(reading.problems.length, 'problem')}. Nothing was changed.\n`);
    out.write(problemSummary(reading.problems, path, problemsFile));
    if (problemsFile !== undefined) writeProblems(problemsFile, reading.problems, out);
    return 1;
  }
  // Asked for, the file is written either way, so that it never holds the problems of an earlier run.
  if (problemsFile !== undefined) writeProblems(problemsFile, [], out);
  const records = importRecords(reading.rows, today, file, at);
  const after = before.with(records);
  const changed: string[] = [];
  const kept: string[] = [];
  let confirmed = 0;
  for (const record of records) {
    const [old, next] = [before.of(record.iso3), after.of(record.iso3)];
    const stands =
      next.provenance[record.column].origin === 'import' && next.provenance[record.column].file === file && next.provenance[record.column].asOf === record.asOf;
    if (!stands) {
      const p = old.provenance[record.column];
      kept.push(
        `${old.iso3} ${old.name}, ${record.column}: kept ${columnValue(old, record.column)} (${p.origin === 'joined' ? `joined entry #${p.entryId}` : `import of ${p.file}`}, as of ${p.asOf}, is later than this file's ${record.asOf})`,
      );
      continue;
    }
    const columns = record.column === 'ccm_status' ? (['ccm_status', 'ccm_date'] as const) : [record.column];
    const diffs = columns.filter((c) => columnValue(old, c) !== columnValue(next, c));
    if (diffs.length === 0) confirmed++;
    for (const c of diffs) changed.push(`${old.iso3} ${old.name}, ${c}: ${columnValue(old, c) || '(none)'} → ${columnValue(next, c) || '(none)'}`);
  }
  if (!dryRun) {
    // While another program holds the write lock, tried again as a chat command is; then the busy error reaches main.ts.
    await retryWhileBusy(
      () =>
        store.transaction(() => {
          const person = store.people.meet({ platform: 'cli', userId: bot.config.localUser, displayName: bot.config.localUser }, at);
          const who = { person, platform: 'cli', channelId: null, command: `ccm data import ${file}`, at };
          for (const r of records) {
            store.changes.create(
              'overrides',
              {
                stateIso3: r.iso3,
                column: r.column,
                value: r.value,
                ccmDate: r.ccmDate,
                asOf: r.asOf,
                source: r.source,
                file,
                line: r.line,
                personId: person.id,
                createdAt: at,
              },
              who,
              'import state facts',
            );
          }
        }),
      performance.now() + ANSWER_BUDGET_MS,
    );
  }
  const verb = dryRun ? 'would change' : 'changed';
  out.write(
    `${dryRun ? 'Dry run: nothing was written. ' : '✓ '}${file}: ${reading.rows.length} row${reading.rows.length === 1 ? '' : 's'}, ${changed.length} value${changed.length === 1 ? '' : 's'} ${verb}.\n`,
  );
  if (changed.length > 0) out.write(`${changed.map((line) => `  ${line}\n`).join('')}`);
  if (confirmed > 0) out.write(`${confirmed} fact${confirmed === 1 ? '' : 's'} unchanged, ${dryRun ? 'would be' : 'now'} dated as of this file.\n`);
  if (kept.length > 0) out.write(`Not applied, a later record stands:\n${kept.map((line) => `  ${line}\n`).join('')}`);
  if (!reading.rows.some((r) => r.as_of)) out.write(`No as_of column: the facts are dated ${today}, the day of the import.\n`);
  if (!dryRun) out.write('State cards show the new facts with their as-of date and source from now on; shipped data/states.csv is unchanged.\n');
  return 0;
}
