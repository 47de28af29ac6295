import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';

export interface TestDatabase extends DatabaseHandle {
  /** "pglite" or "postgres", for test names. */
  label: string;
}

/**
 * A database of its own for one test file: an in-memory PGlite by default, or a fresh schema
 * in the Postgres at TEST_DATABASE_URL, dropped again on close, so test files run in parallel.
 */
export async function openTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await openDatabase({ dataDir: 'memory://' });
    if (migrate) await migrateToLatest(handle.db);
    return { ...handle, label: 'pglite' };
  }
  const schema = `rapport_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ url, schema });
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    label: 'postgres',
    close: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

export const databaseLabel = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
