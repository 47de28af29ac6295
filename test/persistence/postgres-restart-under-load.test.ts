import { openDatabase, type DatabaseHandle } from '../../src/persistence/database';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { FakeSlack } from '../support/fake-slack';
import { hasPostgresServer, PrivatePostgres } from '../support/private-postgres';
import { startReplica, type Replica } from '../support/replicas';
import { postSigned, SIGNING_SECRET, slashCommandForm } from '../support/slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';
import { APOLOGY } from '../support/words';

const PEOPLE = ['UANA', 'ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET'];
/** One /kudos this often, whatever the app is doing: a steady load, not a request at a time. */
const EVERY_MS = 150;
/** How long Postgres stays down: long enough for /readyz and for requests to see it. */
const DOWN_MS = 2000;

interface Sent {
  trigger: string;
  path: string;
  status: number | null;
}

// A restart needs a Postgres the test owns: a private cluster, never the shared server. About
// 20 s with the cluster's and the server's start: CI runs it on its Postgres pass.
(hasPostgresServer && process.env.RAPPORT_SLOW_TESTS ? describe : describe.skip)(
  'the server while its Postgres restarts under load (slow: RAPPORT_SLOW_TESTS; needs Postgres server programs)',
  () => {
    let cluster: PrivatePostgres;
    let fake: FakeSlack;
    let server: Replica;
    let handle: DatabaseHandle;

    beforeAll(async () => {
      cluster = await PrivatePostgres.start();
      fake = await FakeSlack.start();
      fake.pageSize = 100;
      fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
      fake.addToken('xoxb-restart', TEAM_ID);
      server = await startReplica('restart', {
        DATABASE_URL: cluster.url,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-restart',
        SLACK_API_URL: fake.apiUrl,
        RAPPORT_DELIVERY_POLL_MS: '50',
        // A send whose outcome could not be written is taken over after its lease, checked
        // against Slack's history, and not sent again.
        RAPPORT_DELIVERY_LEASE_MS: '3000',
        RAPPORT_SLACK_POSTS_PER_MINUTE: '6000',
        RAPPORT_SLACK_HISTORY_PER_MINUTE: '6000',
      });
      handle = await openDatabase({ url: cluster.url });
      const workspace = await until(() =>
        handle.db
          .selectFrom('workspaces')
          .select('id')
          .where('external_id', '=', TEAM_ID)
          .executeTakeFirst(),
      );
      await saveSettings(handle.db, workspace.id, { dailyKudosLimit: 100 });
      // A first kudos, so that the load meets a server that has served one already.
      const responseUrl = fake.responseUrl('warm-up');
      await postSigned(
        `${server.url}/slack/events`,
        slashCommandForm({
          command: '/kudos',
          text: '<@ULI> thanks for warming up #teamwork',
          responseUrl,
          triggerId: 'trigger.warm-up',
          team: TEAM_ID,
          channel: 'CTEAM',
        }),
        'application/x-www-form-urlencoded',
      );
      const path = new URL(responseUrl).pathname;
      await fake.waitFor(() => fake.responses.find((r) => r.path === path), 30_000);
    }, 120_000);

    afterAll(async () => {
      await server?.stop('SIGKILL');
      await handle?.close();
      await fake?.close();
      await cluster?.destroy();
    });

    it('apologises while it is down, records every acknowledged kudos once, and DMs each once', async () => {
      const pid = server.child.pid;
      const readiness: number[] = [];
      const sent: Sent[] = [];
      let loading = true;

      const watchReadiness = (async () => {
        while (loading) {
          const status = await fetch(`${server.url}/readyz`).then(
            (r) => r.status,
            () => 0,
          );
          if (readiness.at(-1) !== status) readiness.push(status);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();

      const requests: Promise<void>[] = [];
      const load = (async () => {
        for (let n = 0; loading; n += 1) {
          const giver = PEOPLE[n % PEOPLE.length]!;
          const recipient = PEOPLE[(n + 1 + (n % 3)) % PEOPLE.length]!;
          const trigger = `trigger.load.${n}`;
          const responseUrl = fake.responseUrl(`load-${n}`);
          const entry: Sent = { trigger, path: new URL(responseUrl).pathname, status: null };
          sent.push(entry);
          const body = slashCommandForm({
            command: '/kudos',
            text: `<@${recipient}> thanks for request ${n} #teamwork`,
            responseUrl,
            triggerId: trigger,
            team: TEAM_ID,
            user: giver,
            channel: 'CTEAM',
          });
          requests.push(
            postSigned(`${server.url}/slack/events`, body, 'application/x-www-form-urlencoded')
              .then((r) => void (entry.status = r.status))
              .catch(() => void (entry.status = 0)),
          );
          await new Promise((r) => setTimeout(r, EVERY_MS));
        }
      })();

      // Enough kudos celebrated before and after the restart that the load spans it.
      const celebratedSoFar = () =>
        sent.filter((e) =>
          fake.responses.some((r) => r.path === e.path && r.body.response_type === 'in_channel'),
        ).length;
      try {
        await until(async () => celebratedSoFar() >= 5, 30_000);
        await cluster.down();
        await until(async () => readiness.includes(503));
        await new Promise((r) => setTimeout(r, DOWN_MS));
        await cluster.up();
        await until(async () => readiness.at(-1) === 200, 30_000);
        const before = celebratedSoFar();
        await until(async () => celebratedSoFar() >= before + 5, 30_000);
      } finally {
        loading = false;
      }
      await Promise.all([load, watchReadiness, ...requests]);

      // Every request has its one answer: a celebration, or the apology.
      const answers = await until(async () => {
        const all = sent.map((s) => fake.responses.filter((r) => r.path === s.path));
        return all.every((a) => a.length >= 1) && all;
      }, 30_000);
      const celebrated = sent.filter(
        (_s, i) => answers[i]![0]!.body.response_type === 'in_channel',
      );
      const apologised = sent.filter((_s, i) => answers[i]![0]!.body.text === APOLOGY);

      const recorded = async () =>
        (await handle.db.selectFrom('kudos').select('source_key').execute()).map(
          (k) => k.source_key,
        );
      // Every recorded kudos' DM is out, and nothing is still held.
      await until(async () => {
        const open = await handle.db
          .selectFrom('deliveries')
          .select('id')
          .where('status', '!=', 'sent')
          .executeTakeFirst();
        return !open;
      }, 60_000);
      const deliveries = await handle.db.selectFrom('deliveries').select('id').execute();
      const dms = fake.messages.map((m) => m.metadata?.event_payload.delivery as string);

      expect({
        sameProcess: server.child.pid === pid && server.child.exitCode === null,
        readiness,
        notAcknowledged: sent.filter((s) => s.status !== 200).length,
        answeredTwice: answers.filter((a) => a.length !== 1).length,
        neitherCelebratedNorApologised: sent.length - celebrated.length - apologised.length,
        someApologised: apologised.length > 0,
        recorded: (await recorded()).filter((k) => k.includes('.load.')).sort(),
        dmsDelivered: [...dms].sort(),
        celebratedBeforeAndAfter: celebrated.length >= 10,
      }).toEqual({
        sameProcess: true,
        readiness: [200, 503, 200],
        notAcknowledged: 0,
        answeredTwice: 0,
        neitherCelebratedNorApologised: 0,
        someApologised: true,
        recorded: celebrated.map((s) => `slack:command:${s.trigger}`).sort(),
        dmsDelivered: deliveries.map((d) => d.id).sort(),
        celebratedBeforeAndAfter: true,
      });
      // One DM per recorded kudos (each has one recipient), the warm-up's included.
      expect(deliveries).toHaveLength(celebrated.length + 1);
    }, 120_000);
  },
);
