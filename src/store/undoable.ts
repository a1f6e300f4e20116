/**
 * What undo works on: the tables whose rows members change, and what one recorded change set in
 * its row. Shared by the history that records and reverses changes (history.ts), the audit trail
 * that lists them (audit-trail.ts) and the store as it stood at an instant (as-of.ts).
 */
import type { AuditRow } from './repositories/rows.ts';
import * as schema from './schema.ts';

/** The tables whose rows members change, and how to withdraw a row created by mistake. */
export const UNDOABLE = {
  entries: { table: schema.entries, key: schema.entries.id, withdraw: 'withdrawnAt' },
  barriers: { table: schema.barriers, key: schema.barriers.id, withdraw: 'withdrawnAt' },
  barrierMessages: { table: schema.barrierMessages, key: schema.barrierMessages.id, withdraw: 'withdrawnAt' },
  targets: { table: schema.targets, key: schema.targets.id, withdraw: 'removedAt' },
  milestones: { table: schema.milestones, key: schema.milestones.key, withdraw: undefined },
  subscriptions: { table: schema.subscriptions, key: schema.subscriptions.id, withdraw: 'removedAt' },
  echoes: { table: schema.echoes, key: schema.echoes.id, withdraw: 'removedAt' },
  settings: { table: schema.personSettings, key: schema.personSettings.id, withdraw: 'removedAt' },
  roles: { table: schema.personRoles, key: schema.personRoles.id, withdraw: 'removedAt' },
  overrides: { table: schema.stateOverrides, key: schema.stateOverrides.id, withdraw: 'withdrawnAt' },
  holds: { table: schema.holds, key: schema.holds.id, withdraw: 'removedAt' },
} as const;
export type Entity = keyof typeof UNDOABLE;

type Row = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The columns a change set and the values it left in them. A creation set every column. */
export function valuesSet(change: Pick<AuditRow, 'before' | 'after'>): Row {
  const after = JSON.parse(change.after ?? '{}') as Row;
  const before = change.before === null ? undefined : (JSON.parse(change.before) as Row);
  return Object.fromEntries(Object.entries(after).filter(([column, value]) => column !== 'id' && (!before || !same(before[column], value))));
}

/** The columns a change set that no longer hold what it left there: a later change to them blocks its undo. */
export function columnsChangedSince(change: Pick<AuditRow, 'before' | 'after'>, current: Row): string[] {
  return Object.entries(valuesSet(change))
    .filter(([column, value]) => !same(current[column], value))
    .map(([column]) => column);
}
