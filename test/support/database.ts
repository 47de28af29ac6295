import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';

export interface TestDatabase extends DatabaseHandle {
  /** "pglite" or "postgres", for test names. */
  label: string;
}

/** The prefix of this run's schemas, which the global teardown drops together. */
export const testSchemaPrefix = () => `rapport_test_${process.env.RAPPORT_TEST_RUN ?? 'solo'}_`;

/**
 * A database of its own for one test file: an in-memory PGlite by default, or a fresh schema
 * in the Postgres at TEST_DATABASE_URL (dropped with the run's others once every file is
 * done), so test files run in parallel.
 */
export async function openTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const initialData = migrate ? migratedTemplate() : undefined;
    const handle = await openDatabase({ dataDir: 'memory://', initialData });
    // Also without a template (a file run outside jest's global set-up) and as a check on it.
    if (migrate) await migrateToLatest(handle.db);
    return { ...handle, label: 'pglite' };
  }
  // Migrating a new schema while other files create theirs now and then fails in kysely's
  // catalogue scan ("relation … does not exist"): a fresh schema on a second try is unaffected.
  for (let attempt = 1; ; attempt += 1) {
    const schema = `${testSchemaPrefix()}${process.pid}_${randomBytes(4).toString('hex')}`;
    const handle = await openDatabase({ url, schema });
    try {
      if (migrate) await migrateToLatest(handle.db);
      return { ...handle, label: 'postgres' };
    } catch (error) {
      await handle.close();
      if (attempt >= 3 || !/does not exist/.test(String(error))) throw error;
    }
  }
}

let template: Blob | undefined;

/** The migrated PGlite that global-setup.ts wrote for this run, read once per test file. */
function migratedTemplate(): Blob | undefined {
  const file = process.env.RAPPORT_TEST_PGLITE_TEMPLATE;
  if (!file || !existsSync(file)) return undefined;
  template ??= new Blob([readFileSync(file)]);
  return template;
}

export const databaseLabel = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
