import { mkdirSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger';
import { databaseConnectFailed, embeddedDatabaseFailed } from '../startup-messages';
import { lockDataDir } from './data-dir-lock';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** A Postgres URL; without one, an embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory. */
  dataDir?: string | undefined;
  /** A Postgres schema to work in (created if missing), so test runs can share one database. */
  schema?: string | undefined;
  /** Hears about connections the database dropped (a restart, a failover). */
  logger?: Pick<Logger, 'warn'> | undefined;
  /**
   * A PGlite data directory (from dumpDataDir) that a `memory://` database starts as, instead
   * of running initdb: the tests start dozens of databases from one migrated copy.
   */
  initialData?: Blob | undefined;
}

/** The connection pool's state now: connections open, of them idle, and queries waiting for one. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  pool(): PoolStats;
  close(): Promise<void>;
}

const statsOf = (pool: pg.Pool) => (): PoolStats => ({
  total: pool.totalCount,
  idle: pool.idleCount,
  waiting: pool.waitingCount,
});

// Dates and timestamps stay as JS Dates; bigint counts arrive as numbers (counts here stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.schema, options.logger);
  return openPglite(options.dataDir ?? './data', options.logger, options.initialData);
}

/**
 * Postgres ends connections when it restarts or fails over (or on pg_terminate_backend), and
 * pg reports that as an 'error' event on the client, checked out or idle, and on the pool for
 * an idle one: unheard, that event ends the process. The query in flight fails on its own; the
 * pool drops the dead client and opens a new one for the next query.
 */
function surviveDroppedConnections(pool: pg.Pool, logger?: Pick<Logger, 'warn'>): void {
  pool.on('error', (error) =>
    logger?.warn({ err: error }, 'database connection lost; the next query reconnects'),
  );
  // A checked-out client's loss surfaces as its query's error, where the caller reports it.
  pool.on('connect', (client) => client.on('error', () => undefined));
}

async function openPostgres(
  url: string,
  schema?: string,
  logger?: Pick<Logger, 'warn'>,
): Promise<DatabaseHandle> {
  if (schema) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const setup = new pg.Client({ connectionString: url });
    await explainConnectFailure(url, () => setup.connect());
    try {
      await setup.query(`create schema if not exists ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Names our connections in pg_stat_activity; an application_name in the URL wins.
    application_name: 'rapport',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  surviveDroppedConnections(pool, logger);
  try {
    (await explainConnectFailure(url, () => pool.connect())).release();
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', pool: statsOf(pool), close: () => db.destroy() };
}

/** Connects now, so that a database Rapport cannot use is named at start-up, not as a socket error. */
async function explainConnectFailure<T>(url: string, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    throw new Error(databaseConnectFailed(url, error), { cause: error });
  }
}

async function openPglite(
  dataDir: string,
  logger?: Pick<Logger, 'warn'>,
  initialData?: Blob,
): Promise<DatabaseHandle> {
  if (dataDir.startsWith('memory://')) {
    const pglite = initialData
      ? await PGlite.create({ dataDir, loadDataDir: initialData })
      : await PGlite.create(dataDir);
    return startPglite(pglite, logger);
  }
  const location = path.resolve(dataDir);
  mkdirSync(location, { recursive: true });
  const release = lockDataDir(location, dataDir);
  try {
    return startPglite(await PGlite.create(location), logger, release);
  } catch (error) {
    release();
    throw new Error(embeddedDatabaseFailed(location, error, freeMb(location)), { cause: error });
  }
}

/** Free space where the embedded database lives, in MB; null when it cannot be read. */
function freeMb(location: string): number | null {
  try {
    const { bavail, bsize } = statfsSync(location);
    return Math.floor((bavail * bsize) / 2 ** 20);
  } catch {
    return null;
  }
}

/** Rapport's database handle over a PGlite the caller started; closing it closes the PGlite. */
export function startPglite(
  pglite: PGlite,
  logger?: Pick<Logger, 'warn'>,
  release: () => void = () => undefined,
): DatabaseHandle {
  // PGlite has a single connection: the pool holds exactly one, so code inside a
  // transaction must use the transaction object, never `db`.
  const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
  surviveDroppedConnections(pool, logger);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool: statsOf(pool),
    close: async () => {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}
