import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { migrateToLatest } from '../../src/persistence/migrate';
import { testSchemaPrefix } from './database';
import { spawnServer, type ServerProcess } from './processes';

/** The real Postgres the multi-process tests need; they are skipped without one. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL;

/** A schema of its own on the real Postgres, and the URL that puts a process in it. */
export async function sharedDatabase(): Promise<{
  handle: DatabaseHandle;
  url: string;
  /** Closes it; the schema goes with the run's others at the end (global-teardown.ts). */
  close(): Promise<void>;
}> {
  const schema = `${testSchemaPrefix()}replicas_${process.pid}_${randomBytes(4).toString('hex')}`;
  const handle = await openDatabase({ url: POSTGRES_URL, schema });
  await migrateToLatest(handle.db);
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    handle,
    url: url.toString(),
    close: () => handle.close(),
  };
}

/** A clock the test moves for every process at once (see src/clock.ts). */
export function sharedClock(path: string) {
  const set = (iso: string) => writeFileSync(path, JSON.stringify({ at: iso, setAt: Date.now() }));
  return { path, set };
}

export interface Replica extends ServerProcess {
  name: string;
}

/**
 * Starts `npm start`'s entry point as a real process and waits until it is ready; one that
 * never gets there is killed, so it cannot hold the database or the test run.
 */
export async function startReplica(
  name: string,
  env: Record<string, string>,
  cwd?: string,
  timeoutMs = 60_000,
): Promise<Replica> {
  const started = await spawnServer(env, { cwd });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (started.child.exitCode !== null)
      throw new Error(`${name} exited early:\n${started.output()}`);
    const ready = await fetch(`${started.url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await started.stop('SIGKILL');
      throw new Error(`${name} did not become ready:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { name, ...started };
}
