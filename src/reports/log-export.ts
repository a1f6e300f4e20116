/**
 * The whole follow-up log as a file: one row per entry, withdrawn entries included and marked,
 * for the group's own records and spreadsheets. Shared by the `export` command and `ccm export`.
 *
 * It names states and people: it is the log itself, for the group only.
 */
import { isoWithOffset } from '../domain/time.ts';
import type { ReportContext } from './progress.ts';
import { toCsv } from './files.ts';

/** The columns, in order: the CSV header and the JSON keys. */
const EXPORT_COLUMNS = [
  'id',
  'date',
  'state_iso3',
  'state',
  'kind',
  'level',
  'lead',
  'note',
  'next_step',
  'due',
  'done',
  'logged_by',
  'logged_at',
  'withdrawn',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean | null>;

/**
 * The log's entries that happened on or after `since` (all, without it), oldest number first.
 * `lead` is the state's lead on the top-15 list of the plan in force, if it is listed.
 */
export function exportRows(ctx: ReportContext, since?: string): ExportRow[] {
  const leads = new Map(ctx.store.targets.active(ctx.plan.id).map((t) => [t.stateIso3, t.lead]));
  const names = new Map<number, string>();
  const who = (personId: number) => {
    if (!names.has(personId)) names.set(personId, ctx.store.people.byId(personId)?.displayName ?? 'unknown');
    return names.get(personId)!;
  };
  return ctx.store.entries.everything(since).map((e) => ({
    id: e.id,
    date: e.occurredOn,
    state_iso3: e.stateIso3,
    state: ctx.states.byCode(e.stateIso3).name,
    kind: e.kind,
    level: e.level,
    lead: leads.get(e.stateIso3) ?? null,
    note: e.note,
    next_step: e.step,
    due: e.dueOn,
    done: e.completedOn,
    logged_by: who(e.personId),
    logged_at: isoWithOffset(new Date(e.createdAt), ctx.timeZone),
    withdrawn: e.withdrawnAt !== null,
  }));
}

/** The rows as CSV (RFC 4180, see `toCsv`); `withdrawn` is yes or no. */
export function exportCsv(rows: readonly ExportRow[]): string {
  return toCsv(
    EXPORT_COLUMNS,
    rows.map((row) =>
      EXPORT_COLUMNS.map((column) => {
        const value = row[column];
        return typeof value === 'boolean' ? (value ? 'yes' : 'no') : value;
      }),
    ),
  );
}

/** The rows as a JSON array, values as they are (null for none, `withdrawn` true or false). */
export function exportJson(rows: readonly ExportRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** `ccm-log-2026-03-10.csv`, or `ccm-log-since-2026-01-01-2026-03-10.csv`: what the file is and when it was made. */
export function exportFileName(today: string, since: string | undefined, extension: 'csv' | 'json'): string {
  return `ccm-log-${since ? `since-${since}-` : ''}${today}.${extension}`;
}
