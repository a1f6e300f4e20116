/**
 * Commands already carried out, by the key the platform gives a delivery, so that a retried or
 * double-submitted command gets the first answer and changes nothing twice.
 */
import { eq } from '../orm.ts';
import type { Db } from '../database.ts';
import * as schema from '../schema.ts';

export class ReceiptRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** The reply first given for a delivery key, as JSON. */
  get(key: string): string | undefined {
    return this.db.select().from(schema.receipts).where(eq(schema.receipts.key, key)).get()?.reply;
  }

  save(key: string, reply: string, at: string): void {
    this.db.insert(schema.receipts).values({ key, reply, at }).run();
  }
}
