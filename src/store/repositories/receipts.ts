/**
 * Commands already carried out, by the key the platform gives a delivery, so that a retried or
 * double-submitted command gets the first answer and changes nothing twice.
 */
import { eq, param, prepared } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';

export class ReceiptRepository {
  private readonly db: Db;
  private readonly getQuery = prepared(() =>
    this.db
      .select()
      .from(schema.receipts)
      .where(eq(schema.receipts.key, param('key')))
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
    this.db.insert(schema.receipts).values({ key, reply, at }).run();
  }
}
