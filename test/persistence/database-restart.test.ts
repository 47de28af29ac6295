import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { APOLOGY } from '../support/words';
import { openDatabase } from '../../src/persistence/database';
import { FakeSlack } from '../support/fake-slack';
import { POSTGRES_URL, startReplica, type Replica } from '../support/replicas';
import { postSigned, SIGNING_SECRET, slashCommandForm } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';

// Postgres dropping every connection (a restart, a failover) needs a real Postgres and a
// database of the server's own: the server has no schema option.
(POSTGRES_URL ? describe : describe.skip)(
  'the server while Postgres drops its connections (real Postgres only: needs TEST_DATABASE_URL)',
  () => {
    const name = `rapport_restart_${randomBytes(4).toString('hex')}`;
    let admin: pg.Client;
    let fake: FakeSlack;
    let server: Replica;
    let commands = 0;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(POSTGRES_URL!);
      url.pathname = `/${name}`;
      fake = await FakeSlack.start();
      fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
      fake.addToken('xoxb-restart', TEAM_ID);
      server = await startReplica('restart', {
        DATABASE_URL: url.toString(),
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-restart',
        SLACK_API_URL: fake.apiUrl,
      });
    }, 90_000);

    afterAll(async () => {
      await server?.stop('SIGKILL');
      await fake?.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    const alive = () => server.child.exitCode === null && server.child.signalCode === null;

    const backends = async () =>
      (
        await admin.query<{ pid: number }>(
          'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [name],
        )
      ).rows.map((r) => r.pid);

    /** Ends every connection to the server's database, as a Postgres restart does. */
    const terminateAll = async () => {
      const pids = await backends();
      await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
      await until(async () => !(await backends()).some((pid) => pids.includes(pid)));
      return pids;
    };

    /** /readyz's status, 0 when nothing answers; fails at once if the server has exited. */
    const readyz = async () => {
      if (!alive()) throw new Error(`the server exited:\n${server.output().slice(0, 2000)}`);
      return fetch(`${server.url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
    };

    /** A signed `/rapport values` from Ana; resolves with what the app answered. */
    const values = async () => {
      const responseUrl = fake.responseUrl(`restart-${++commands}`);
      const body = slashCommandForm({
        command: '/rapport',
        text: 'values',
        responseUrl,
        triggerId: `trigger.restart.${commands}`,
        team: TEAM_ID,
      });
      const sent = await postSigned(
        `${server.url}/slack/events`,
        body,
        'application/x-www-form-urlencoded',
      );
      expect(sent.status).toBe(200);
      const path = new URL(responseUrl).pathname;
      return (await fake.waitFor(() => fake.responses.find((r) => r.path === path))).body;
    };

    it('stays up when Postgres terminates its connections, then reconnects and answers', async () => {
      expect(await readyz()).toBe(200);
      expect((await terminateAll()).length).toBeGreaterThan(0);

      await until(async () => (await readyz()) === 200);
      expect((await values()).text).toContain('Tag kudos with one of: #teamwork');
      expect(alive()).toBe(true);
      const reconnected = await admin.query<{ application_name: string }>(
        'select application_name from pg_stat_activity where datname = $1',
        [name],
      );
      expect(reconnected.rows.map((r) => r.application_name)).toContain('rapport');
      expect(server.output()).toMatch(
        /"level":40,.*"msg":"database connection lost; the next query reconnects"/,
      );
    }, 60_000);

    it('answers 503 and apologises while the database refuses connections, and recovers when it is back', async () => {
      await admin.query(`alter database ${name} allow_connections false`);
      try {
        await terminateAll();
        await until(async () => (await readyz()) === 503);
        expect((await values()).text).toBe(APOLOGY);
        expect(alive()).toBe(true);
      } finally {
        await admin.query(`alter database ${name} allow_connections true`);
      }

      await until(async () => (await readyz()) === 200);
      expect((await values()).text).toContain('Tag kudos with one of: #teamwork');
      expect(alive()).toBe(true);
    }, 60_000);
  },
);

(POSTGRES_URL ? describe : describe.skip)(
  'a connection Postgres terminates mid-transaction (real Postgres only: needs TEST_DATABASE_URL)',
  () => {
    it('fails that transaction only, and the next query reconnects', async () => {
      const admin = new pg.Client({ connectionString: POSTGRES_URL });
      await admin.connect();
      const handle = await openDatabase({ url: POSTGRES_URL });
      try {
        const transaction = handle.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          const pid = rows[0]!.pid;
          await admin.query('select pg_terminate_backend($1)', [pid]);
          await until(async () => {
            const left = await admin.query('select 1 from pg_stat_activity where pid = $1', [pid]);
            return left.rowCount === 0;
          });
          await sql`select 1`.execute(trx);
        });
        await expect(transaction).rejects.toThrow();
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
        expect(rows).toEqual([{ one: 1 }]);
      } finally {
        await handle.close();
        await admin.end();
      }
    });
  },
);
