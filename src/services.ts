import { systemClock } from './clock';
import type { Clock } from './core/ports';
import { createUseCases, type UseCases } from './core/use-cases';
import type { Config } from './config';
import type { Logger } from './logger';
import { openDatabase, type DatabaseHandle } from './persistence/database';
import { migrateToLatest, newerMigrations } from './persistence/migrate';
import { unitOfWork } from './persistence/repositories';

export { createUseCases, type UseCases };

/** Opens the configured database (embedded unless DATABASE_URL is set) and brings it up to date. */
export async function openMigratedDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'RAPPORT_DATA_DIR'>,
  logger?: Logger,
): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.RAPPORT_DATA_DIR,
    logger,
  });
  try {
    await migrateToLatest(handle.db);
    const newer = await newerMigrations(handle.db);
    if (newer.length > 0)
      logger?.warn(
        { newer },
        'the database has migrations of a newer release; running on it while the upgrade finishes',
      );
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

export function useCasesFor(handle: DatabaseHandle, clock: Clock = systemClock): UseCases {
  return createUseCases(unitOfWork(handle.db, clock), clock);
}
