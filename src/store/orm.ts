/**
 * drizzle-orm, as the store uses it, loaded from the package's CommonJS build.
 *
 * Its ES module build costs about half a second at every start (Node 22 and 24 alike): for each
 * of its ~110 files, Node's ES module loader looks up the package scope and parses the 180 KB
 * `exports` field of drizzle's package.json again. CommonJS files (`.cjs`) need no such lookup:
 * the same modules load in about a tenth of the time. Every drizzle import in src/ comes from
 * here, so only one copy of drizzle is ever loaded. Types still come from the package itself.
 */
import { createRequire } from 'node:module';
import type * as Core from 'drizzle-orm';
import type * as BetterSqlite3 from 'drizzle-orm/better-sqlite3';
import type * as Migrator from 'drizzle-orm/better-sqlite3/migrator';
import type * as SqliteCore from 'drizzle-orm/sqlite-core';
import type Sqlite from 'better-sqlite3';

const require = createRequire(import.meta.url);

export const { and, asc, desc, eq, getTableColumns, getTableName, gt, gte, inArray, isNull, lt, lte, ne, or, sql } = require('drizzle-orm') as typeof Core;
export const { index, integer, sqliteTable, text, uniqueIndex } = require('drizzle-orm/sqlite-core') as typeof SqliteCore;
export const { drizzle } = require('drizzle-orm/better-sqlite3') as typeof BetterSqlite3;
export const { migrate } = require('drizzle-orm/better-sqlite3/migrator') as typeof Migrator;
export type { SQL } from 'drizzle-orm';
export type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

/** A named parameter of a prepared query, given when it runs: `.get({ id })`. */
export const param = (name: string) => sql.placeholder(name);

/**
 * A query built and compiled on first use, then reused: a query that runs for every command
 * costs a fraction of one drizzle rebuilds and SQLite compiles each time. (On first use, not at
 * construction: repositories exist before some of their tables do, e.g. during migration.)
 */
export function prepared<T>(build: () => T): () => T {
  let query: T | undefined;
  return () => (query ??= build());
}
export type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

/** Column types whose values drizzle hands over as SQLite returns them (no JSON, booleans or dates). */
const UNMAPPED = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);

/**
 * A table's columns as a select list that gives each the name its row type has
 * (`"state_iso3" AS "stateIso3"`), so that better-sqlite3 returns rows already in that shape.
 * Throws for a column drizzle would convert on the way out, which such a list cannot.
 */
export function selectList(table: SqliteCore.SQLiteTable, alias?: string): string {
  const prefix = alias ? `${alias}.` : '';
  return Object.entries(getTableColumns(table))
    .map(([key, column]) => {
      if (!UNMAPPED.has(column.columnType)) throw new Error(`${getTableName(table)}.${column.name} is a ${column.columnType}: read it through drizzle`);
      return `${prefix}"${column.name}" AS "${key}"`;
    })
    .join(', ');
}

/**
 * A statement better-sqlite3 runs itself, with named parameters (`@iso3`); build it inside
 * {@link prepared}, so it is compiled once. For the rows every request reads: drizzle maps each
 * row it returns column by column, which costs more than SQLite finding them; a select list
 * from {@link selectList} gives the same rows directly.
 */
export function rawStatement<Row>(db: { $client: Sqlite.Database }, sql: string): RawStatement<Row> {
  return db.$client.prepare(sql) as unknown as RawStatement<Row>;
}

/** The calls the store makes on a {@link rawStatement}, typed by the row it reads. */
export interface RawStatement<Row> {
  get(params?: Record<string, unknown>): Row | undefined;
  all(params?: Record<string, unknown>): Row[];
  run(params?: Record<string, unknown>): { changes: number; lastInsertRowid: number | bigint };
}
