import { sql } from 'kysely';
import type { Db } from './database';
import { pendingMigrations } from './migrate';

/** Ready when the database answers and no migration is pending; never throws. */
export async function databaseReady(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return (await pendingMigrations(db)).length === 0;
  } catch {
    return false;
  }
}
