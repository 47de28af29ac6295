import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { migrateToLatest } from '../../src/persistence/migrate';
import { databaseReadiness } from '../../src/persistence/readiness';
import { databaseLabel, openTestDatabase, type TestDatabase } from '../support/database';

describe(`health endpoints on ${databaseLabel}`, () => {
  let database: TestDatabase;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
    server = createHttpServer([databaseReadiness(database.db)], createLogger('silent'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  it('answers /healthz whenever the process is up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('is not ready until migrations are applied, then ready', async () => {
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: 'not ready',
      database: expect.stringMatching(/^\d+ migrations not applied$/),
    });
    await migrateToLatest(database.db);
    const after = await fetch(`${base}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ status: 'ready', database: 'ok' });
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  // Last: starting a second database can outlast the server's keep-alive (5 s), and a request
  // after it would reuse a connection the server is closing (ECONNRESET).
  it('is not ready when the database does not answer', async () => {
    const closed = await openTestDatabase({ migrate: true });
    await closed.close();
    expect(await databaseReadiness(closed.db).check()).toBe('cannot reach the database');
  });
});
