/**
 * Reading a file of treaty facts for `ccm data import`: CSV keyed by `iso3`, with any of the
 * columns ccm_status, ccm_date, apmbc, crpd, unga_ccm_vote, source, as_of. Every row is checked
 * (zod) before anything is written; a problem names its line and column. An empty cell leaves
 * that fact as it is, like a column left out; only the facts given are changed.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { parseIsoDate } from './dates.ts';
import { type FactRecord, UNGA_VOTES } from './facts.ts';
import { CCM_STATUSES, type StateRecord } from './state-record.ts';
import type { StateDirectory } from './states.ts';

const IMPORT_COLUMNS = ['iso3', 'ccm_status', 'ccm_date', 'apmbc', 'crpd', 'unga_ccm_vote', 'source', 'as_of'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

const APMBC = ['party', 'signatory', 'not_party', 'withdrawn', 'withdrawing'] as const;
const CRPD = ['party', 'signatory', 'not_party'] as const;

/** An empty cell is no value: the fact stays as it is. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), schema.optional());
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (issue) => `${shown(issue.input)} is not one of ${values.join(', ')}` });

/** A problem the file has, as shown (`text`, naming its line and column) and as counted (`kind`, the same for every row it affects). */
export interface ImportProblem {
  text: string;
  kind: string;
}

/** A cell echoed in a problem, quoted, and cut short: a file of long cells must not make a long report. */
function shown(value: unknown): string {
  const text = String(value);
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/** An issue's kind, when its message names the cell's value: set on the issue, else read from its code. */
function issueKind(issue: z.core.$ZodIssue): string {
  const given = (issue as { params?: { kind?: string } }).params?.kind;
  if (given) return given;
  if (issue.code === 'invalid_value') return `not one of ${issue.values.join(', ')}`;
  return issue.message;
}

function rowSchema(states: StateDirectory, today: string) {
  const day = z.string().superRefine((value, ctx) => {
    const date = parseIsoDate(value);
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(value))
      ctx.addIssue({ code: 'custom', message: `${shown(value)} is not a date like 2026-03-12`, params: { kind: 'not a date like 2026-03-12' } });
    else if (date > today) ctx.addIssue({ code: 'custom', message: `${value} is in the future`, params: { kind: 'a date in the future' } });
  });
  return z
    .object({
      iso3: z
        .string()
        .trim()
        .transform((v) => v.toUpperCase())
        .refine((v) => states.exact(v)?.iso3 === v, {
          error: (issue) => `${shown(issue.input)} is not the ISO 3166 alpha-3 code of a state in data/states.csv`,
          params: { kind: 'not the ISO 3166 alpha-3 code of a state in data/states.csv' },
        }),
      ccm_status: optional(oneOf(CCM_STATUSES)),
      ccm_date: optional(day),
      apmbc: optional(oneOf(APMBC)),
      crpd: optional(oneOf(CRPD)),
      unga_ccm_vote: optional(oneOf(UNGA_VOTES)),
      source: optional(z.string().max(1000, 'at most 1,000 characters')),
      as_of: optional(day),
    })
    .superRefine((row, ctx) => {
      // A party's status and its deposit date are one fact: the one never goes without the other.
      if (row.ccm_status === 'party' && !row.ccm_date)
        ctx.addIssue({ code: 'custom', path: ['ccm_date'], message: 'a party needs the date it deposited its instrument' });
      if (row.ccm_status && row.ccm_status !== 'party' && row.ccm_date)
        ctx.addIssue({ code: 'custom', path: ['ccm_date'], message: `only a party has a deposit date (ccm_status is ${row.ccm_status})` });
    });
}

export type ImportRow = z.infer<ReturnType<typeof rowSchema>> & { line: number };

export type ImportReading = { ok: true; rows: ImportRow[]; columns: ImportColumn[] } | { ok: false; problems: ImportProblem[] };

/** Checks the whole file; `current` gives a state's facts now, for a date given without a status. */
export function readImport(text: string, states: StateDirectory, today: string, current: (iso3: string) => StateRecord): ImportReading {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    return { ok: false, problems: [problem(`${lines ? `line ${lines}: ` : ''}not readable as CSV: ${(error as Error).message}`, 'not readable as CSV')] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [problem('the file is empty: it needs a header line (iso3 and the columns to change) and rows', 'empty file')] };
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  columns.forEach((column, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(column))
      problems.push(problem(`line 1: unknown column ${shown(header.record[i])} (the columns are ${IMPORT_COLUMNS.join(', ')})`, 'unknown column'));
    else if (columns.indexOf(column) !== i) problems.push(problem(`line 1: column "${column}" appears twice`, 'a column given twice'));
  });
  if (!columns.includes('iso3'))
    problems.push(problem('line 1: the iso3 column is missing; every row names its state by ISO 3166 alpha-3 code', 'no iso3 column'));
  if (body.length === 0) problems.push(problem('the file has no rows after the header line', 'no rows'));
  if (problems.length > 0) return { ok: false, problems };

  const schema = rowSchema(states, today);
  const rows: ImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== columns.length) {
      problems.push(problem(`line ${line}: ${record.length} cells, but the header has ${columns.length} columns`, 'a row whose cells do not match the header'));
      continue;
    }
    const result = schema.safeParse(Object.fromEntries(columns.map((c, i) => [c, record[i]])));
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = String(issue.path[0] ?? 'iso3');
        problems.push(problem(`line ${line}, column ${column}: ${issue.message}`, `column ${column}: ${issueKind(issue)}`));
      }
      continue;
    }
    const row = { ...result.data, line };
    const earlier = seen.get(row.iso3);
    if (earlier !== undefined)
      problems.push(problem(`line ${line}, column iso3: ${row.iso3} is also on line ${earlier}; give each state once`, 'column iso3: a state given twice'));
    seen.set(row.iso3, line);
    if (row.ccm_date && !row.ccm_status && current(row.iso3).ccmStatus !== 'party') {
      problems.push(
        problem(
          `line ${line}, column ccm_date: ${row.iso3} is not a party (${current(row.iso3).ccmStatus}); give ccm_status party with the date`,
          'column ccm_date: a deposit date for a state not party, without ccm_status party',
        ),
      );
    }
    rows.push(row);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, columns: columns as ImportColumn[] };
}

function problem(text: string, kind: string): ImportProblem {
  return { text, kind };
}

/** The facts a checked row records, as of its `as_of` (else `today`, the day of the import). */
export function importRecords(rows: readonly ImportRow[], today: string, file: string, recordedAt: string): (FactRecord & { line: number })[] {
  return rows.flatMap((row) => {
    const base = { iso3: row.iso3, asOf: row.as_of ?? today, source: row.source ?? null, origin: 'import' as const, id: 0, recordedAt, file, line: row.line };
    const facts: (FactRecord & { line: number })[] = [];
    if (row.ccm_status || row.ccm_date) {
      const status = row.ccm_status ?? 'party';
      facts.push({ ...base, column: 'ccm_status', value: status, ccmDate: status === 'party' ? (row.ccm_date ?? null) : null });
    }
    if (row.apmbc) facts.push({ ...base, column: 'apmbc', value: row.apmbc, ccmDate: null });
    if (row.crpd) facts.push({ ...base, column: 'crpd', value: row.crpd, ccmDate: null });
    if (row.unga_ccm_vote) facts.push({ ...base, column: 'unga_ccm_vote', value: row.unga_ccm_vote, ccmDate: null });
    return facts;
  });
}
