import { randomBytes } from 'node:crypto';

/**
 * One name for this test run, which every Postgres schema the tests make begins with: the
 * schemas are dropped together once every test file is done. Dropping each one as its file
 * finished raced kysely's migrator in other files, whose catalogue scan fails on a schema
 * dropped under it.
 */
export default function globalSetup(): void {
  process.env.RAPPORT_TEST_RUN = randomBytes(4).toString('hex');
}
