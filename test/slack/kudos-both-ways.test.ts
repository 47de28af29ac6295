import pg from 'pg';
import { APOLOGY } from '../support/words';
import { saveSettings } from '../../src/persistence/repositories/directory';
import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';

// Everyone active in Acme's directory (test/support/slack-team.ts) and of this organisation.
const PEOPLE = ['UANA', 'ULI', 'USAM', 'UPRIYA', 'UBEN', 'UEVE', 'UQUIET'];
const PAIRS = PEOPLE.flatMap((a, i) => PEOPLE.slice(i + 1).map((b) => [a, b] as const));
const REQUESTS = 200;
// Each task sends a pair's two kudos together: 8 tasks keep 16 requests in flight.
const TASKS_IN_FLIGHT = 8;

/** Deadlocks Postgres has detected in this database so far (every backend's, once flushed). */
async function deadlocks(): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ deadlocks: number }>(
      'select deadlocks from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]!.deadlocks);
  } finally {
    await client.end();
  }
}

describe(`two people thanking each other at once (${databaseLabel})`, () => {
  let app: SlackTestApp | undefined;

  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
    // Each person gives about 30 kudos here: the allowance must never be what refuses one.
    await saveSettings(app.db, await app.workspaceId(), { dailyKudosLimit: 100 });
    await app.quiet();
  });
  afterAll(() => app?.close());

  it('records every kudos once and answers each request once, without a deadlock', async () => {
    const running = app!;
    const before = databaseLabel === 'postgres' ? await deadlocks() : 0;

    const thank = (from: string, to: string) =>
      running.command('/kudos', `<@${to}> thanks for covering for me #teamwork`, {
        user: from,
        channel: 'CTEAM',
      });
    const sent: Array<Awaited<ReturnType<typeof thank>>> = [];
    let next = 0;
    const task = async () => {
      while (next < REQUESTS / 2) {
        const [a, b] = PAIRS[next++ % PAIRS.length]!;
        const both = await Promise.all([thank(a, b), thank(b, a)]);
        sent.push(...both);
        // Waits are long: on the current code a deadlock stalls the others for a second each.
        await Promise.all(
          both.map((command) => running.fake.waitFor(() => command.replies()[0], 60_000)),
        );
      }
    };
    await Promise.all(Array.from({ length: TASKS_IN_FLIGHT }, task));
    // Whatever a request still had running (a second answer, say) has finished.
    await running.slack.idle();

    const answers = sent.map((command) => command.replies());
    const kudos = await running.db.selectFrom('kudos').select('source_key').execute();
    const interactions = await running.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let deadlocked = 0;
    if (databaseLabel === 'postgres') {
      // A backend reports its statistics when it ends at the latest: close the app's pool first.
      await running.close();
      app = undefined;
      deadlocked = (await deadlocks()) - before;
    }

    expect({
      deadlocked,
      requests: sent.length,
      notAcknowledged: sent.filter((command) => command.status !== 200).length,
      notAnsweredOnce: answers.filter((replies) => replies.length !== 1).length,
      apologies: answers.flat().filter((reply) => reply.body.text === APOLOGY).length,
      notCelebrated: answers.filter(([reply]) => reply?.body.response_type !== 'in_channel').length,
      kudos: kudos.length,
      interactions: Number(interactions.n),
    }).toEqual({
      deadlocked: 0,
      requests: REQUESTS,
      notAcknowledged: 0,
      notAnsweredOnce: 0,
      apologies: 0,
      notCelebrated: 0,
      kudos: REQUESTS,
      interactions: REQUESTS,
    });
    expect(new Set(kudos.map((k) => k.source_key))).toEqual(
      new Set(sent.map((command) => `slack:command:${command.triggerId}`)),
    );
  });
});
