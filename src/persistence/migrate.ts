import { Migrator, NO_MIGRATIONS, sql, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations';
import type { Db } from './database';

async function currentSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

async function migrator(db: Db): Promise<Migrator> {
  // Kysely looks for its bookkeeping tables in every schema unless told which one; name the
  // current schema so databases that share a server (one schema per test run) stay apart.
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: await currentSchema(db),
  });
}

/**
 * Applies every pending migration; throws with the failing migration's name on error. On a
 * database a newer release has already migrated (a rolling upgrade, where this is an old
 * replica restarting) there is nothing to apply: see newerMigrations.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const newer = await newerMigrations(db);
  const chosen = await migrator(db);
  if (newer.length === 0) return unwrap(await chosen.migrateToLatest());
  const missing = (await chosen.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
  if (missing.length > 0)
    throw new Error(
      `the database has migrations of a newer release (${newer.join(', ')}) but not ${missing.join(', ')}`,
    );
  return [];
}

/**
 * Migrations the database has run that this code does not know, all newer than its own: a
 * newer release migrated it. Kysely refuses to start on such a database ("previously executed
 * migration is missing"), which would stop a replica of the previous release from restarting
 * in the middle of an upgrade; migrations keep that release working for one release, so it
 * runs. An unknown migration older than this code's newest is not that, and stays an error.
 */
export async function newerMigrations(db: Db): Promise<string[]> {
  const schema = await currentSchema(db);
  const { rows: table } = await sql<{ found: boolean }>`
    select exists (select 1 from information_schema.tables
      where table_schema = ${schema} and table_name = 'kysely_migration') as found`.execute(db);
  if (!table[0]?.found) return [];
  const { rows } = await sql<{ name: string }>`
    select name from ${sql.table(`${schema}.kysely_migration`)} order by name`.execute(db);
  const known = Object.keys(migrations).sort();
  const unknown = rows.map((r) => r.name).filter((name) => !(name in migrations));
  return unknown.every((name) => name > known.at(-1)!) ? unknown : [];
}

export async function migrateDownAll(db: Db): Promise<string[]> {
  return unwrap(await (await migrator(db)).migrateTo(NO_MIGRATIONS));
}

export async function pendingMigrations(db: Db): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

function unwrap({ error, results }: MigrationResultSet): string[] {
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${reason}` : reason);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
