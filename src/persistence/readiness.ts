import { sql } from 'kysely';
import { READY, type ReadinessCheck } from '../readiness';
import type { Db } from './database';
import { pendingMigrations } from './migrate';

/** Ready when the database answers and no migration is pending. */
export function databaseReadiness(db: Db): ReadinessCheck {
  return {
    name: 'database',
    async check() {
      try {
        await sql`select 1`.execute(db);
      } catch {
        return 'cannot reach the database';
      }
      try {
        const pending = await pendingMigrations(db);
        return pending.length === 0 ? READY : `${pending.length} migrations not applied`;
      } catch {
        return 'cannot read the migrations';
      }
    },
  };
}
