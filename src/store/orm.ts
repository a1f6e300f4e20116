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
