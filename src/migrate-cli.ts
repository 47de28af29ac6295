import type { Config } from './config';
import { commandLogger, runCli } from './cli';
import { openDatabase } from './persistence/database';
import { migrateToLatest, newerMigrations } from './persistence/migrate';

async function main(config: Config): Promise<number> {
  const { DATABASE_URL, RAPPORT_DATA_DIR } = config;
  const handle = await openDatabase({
    url: DATABASE_URL,
    dataDir: RAPPORT_DATA_DIR,
    logger: commandLogger(config),
  });
  try {
    const applied = await migrateToLatest(handle.db);
    const newer = await newerMigrations(handle.db);
    const where =
      handle.kind === 'pglite' ? `embedded database in ${RAPPORT_DATA_DIR}` : 'Postgres';
    process.stdout.write(
      applied.length > 0
        ? `${where}: applied ${applied.join(', ')}\n`
        : newer.length > 0
          ? `${where}: already migrated by a newer release (${newer.join(', ')})\n`
          : `${where}: already up to date\n`,
    );
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(main, 'Migration failed');
