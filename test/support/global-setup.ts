import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startPglite } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';

/**
 * One name for this test run, which every Postgres schema the tests make begins with: the
 * schemas are dropped together once every test file is done. Dropping each one as its file
 * finished raced kysely's migrator in other files, whose catalogue scan fails on a schema
 * dropped under it.
 *
 * On the embedded database, one migrated PGlite is written to a file that every test file's
 * database starts from (see database.ts): initdb and the migrations took seconds of CPU each.
 */
export default async function globalSetup(): Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env.RAPPORT_TEST_RUN = run;
  if (process.env.TEST_DATABASE_URL) return;
  const template = path.join(os.tmpdir(), `rapport-test-${run}.tar`);
  const pglite = await PGlite.create('memory://');
  const handle = startPglite(pglite);
  try {
    await migrateToLatest(handle.db);
    const dump = await pglite.dumpDataDir('none');
    await writeFile(template, Buffer.from(await dump.arrayBuffer()));
    process.env.RAPPORT_TEST_PGLITE_TEMPLATE = template;
  } finally {
    await handle.close();
  }
}
