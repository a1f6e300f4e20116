/**
 * Commands already carried out, by the key the platform gives a delivery, so that a retried or
 * double-submitted command gets the first answer and changes nothing twice.
 */
import { param, prepared, rawStatement } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';

export class ReceiptRepository {
  private readonly db: Db;
  // Looked up for every command (see `rawStatement`).
  private readonly getQuery = prepared(() => rawStatement<{ reply: string }>(this.db, 'SELECT reply FROM receipts WHERE key = @key'));
  private readonly saveQuery = prepared(() =>
    this.db
      .insert(schema.receipts)
      .values({ key: param('key'), reply: param('reply'), at: param('at') })
      .prepare(),
  );

  constructor(db: Db) {
    this.db = db;
  }

  /** The reply first given for a delivery key, as JSON. */
  get(key: string): string | undefined {
    return this.getQuery().get({ key })?.reply;
  }

  save(key: string, reply: string, at: string): void {
    this.saveQuery().run({ key, reply, at });
  }
}
