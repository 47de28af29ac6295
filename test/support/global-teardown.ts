import { rmSync } from 'node:fs';
import pg from 'pg';

/** Drops every schema this test run made on the real Postgres, or the PGlite template (see global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.RAPPORT_TEST_PGLITE_TEMPLATE;
  if (template) rmSync(template, { force: true });
  const url = process.env.TEST_DATABASE_URL;
  const run = process.env.RAPPORT_TEST_RUN;
  if (!url || !run) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname like $1`,
      [`rapport_test_${run}_%`],
    );
    for (const { name } of rows) await client.query(`drop schema if exists ${name} cascade`);
  } finally {
    await client.end();
  }
}
