import { sql } from 'kysely';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { until } from '../support/wait';

/** More transactions than the pool has connections (10 on Postgres, 1 embedded). */
const HOLDERS = 12;

describe(`acknowledging a command while the database is busy (${databaseLabel})`, () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  it('acknowledges at once while work holds every database connection, and answers once they are free', async () => {
    await app.quiet();
    // A first command: the workspace has been looked up once.
    await (await app.command('/rapport', 'values')).reply();

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = Array.from({ length: HOLDERS }, () =>
      app.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        await gate;
      }),
    );
    try {
      await until(async () => {
        const pool = app.database.pool();
        return pool.idle === 0 && pool.waiting > 0;
      });
      const started = Date.now();
      const sent = await Promise.race([
        app.command('/rapport', 'values', { user: 'ULI' }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000).unref()),
      ]);
      expect(sent).not.toBeNull();
      expect({ status: sent!.status, text: sent!.text }).toEqual({ status: 200, text: '' });
      expect(Date.now() - started).toBeLessThan(3000);
      // The work after the acknowledgement is what waits for the database.
      expect(sent!.replies()).toHaveLength(0);
      release();
      expect((await sent!.reply()).body.text).toContain('Tag kudos with one of');
    } finally {
      release();
      await Promise.all(held);
    }
  });
});
