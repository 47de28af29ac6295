import { FakeSlack } from '../support/fake-slack';
import { POSTGRES_URL, sharedDatabase, startReplica, type Replica } from '../support/replicas';
import { SIGNING_SECRET } from '../support/slack-requests';
import { slackCrowd } from '../support/slack-crowd';
import { until } from '../support/wait';

const COUNT = 1000;

// A process killed mid-send and another started on the same queue: the real Postgres.
(POSTGRES_URL ? describe : describe.skip)('a replica killed while sending', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let queueHello: (prefix: string) => Promise<number>;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    ({ fake, database, queueHello } = await slackCrowd(COUNT, 'xoxb-crash'));
    const queued = await queueHello('crash');
    expect(queued).toBe(COUNT);
  });

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop('SIGKILL')));
    await database?.close();
    await fake?.close();
  });

  const env = () => ({
    DATABASE_URL: database.url,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-crash',
    SLACK_API_URL: fake.apiUrl,
    RAPPORT_SLACK_POSTS_PER_MINUTE: '6000',
    RAPPORT_SLACK_HISTORY_PER_MINUTE: '6000',
    RAPPORT_DELIVERY_CONCURRENCY: '8',
    RAPPORT_DELIVERY_POLL_MS: '50',
    RAPPORT_DELIVERY_LEASE_MS: '3000',
  });

  it('delivers every one of 1,000 messages exactly once after a SIGKILL and a restart', async () => {
    const first = await startReplica('first', env());
    replicas.push(first);
    await fake.waitFor(() => fake.messages.length >= 300, 60_000);
    await first.stop('SIGKILL');

    const inFlight = await database.handle.db
      .selectFrom('deliveries')
      .select(['id', 'uncertain'])
      .where('status', '=', 'sending')
      .execute();
    // The kill landed mid-send: some deliveries were claimed, some with a call on the wire.
    expect(inFlight.length).toBeGreaterThan(0);
    const sentBeforeRestart = fake.messages.length;
    expect(sentBeforeRestart).toBeLessThan(COUNT);

    replicas.push(await startReplica('second', env()));
    await until(async () => {
      const open = await database.handle.db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '!=', 'sent')
        .executeTakeFirst();
      return !open;
    }, 90_000);

    const ids = (await database.handle.db.selectFrom('deliveries').select('id').execute()).map(
      (r) => r.id,
    );
    const arrived = fake.messages.map((m) => m.metadata?.event_payload.delivery as string);
    expect(arrived).toHaveLength(COUNT);
    expect(new Set(arrived).size).toBe(COUNT);
    expect([...arrived].sort()).toEqual([...ids].sort());
    // Each person got their own message, once.
    expect(new Set(fake.messages.map((m) => m.channel)).size).toBe(COUNT);
  }, 180_000);
});
