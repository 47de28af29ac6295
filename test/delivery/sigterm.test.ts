import http from 'node:http';
import { FakeSlack } from '../support/fake-slack';
import { POSTGRES_URL, sharedDatabase, startReplica, type Replica } from '../support/replicas';
import { SIGNING_SECRET, slackSignature, slashCommandForm } from '../support/slack-requests';
import { slackCrowd } from '../support/slack-crowd';
import { TEAM_ID } from '../support/slack-team';
import { APOLOGY } from '../support/words';

const PEOPLE = 200;
/** One request this often, on a connection of its own, until the server stops listening. */
const EVERY_MS = 40;

/** `dropped: <why>` names the status or socket error, so a failure says what happened. */
type Outcome = 'answered' | 'turned away' | `dropped: ${string}`;

/**
 * A signed `/rapport values` on a fresh connection: `turned away` when the server says it is
 * shutting down (503) or takes no connections, `dropped` when the connection was cut or the
 * answer was anything else.
 */
function values(url: string, fake: FakeSlack, n: number): { path: string; done: Promise<Outcome> } {
  const responseUrl = fake.responseUrl(`term-${n}`);
  const body = slashCommandForm({
    command: '/rapport',
    text: 'values',
    responseUrl,
    triggerId: `trigger.term.${n}`,
    team: TEAM_ID,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const done = new Promise<Outcome>((resolve) => {
    const request = http.request(
      `${url}/slack/events`,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve(
            response.statusCode === 200
              ? 'answered'
              : response.statusCode === 503
                ? 'turned away'
                : `dropped: ${response.statusCode}`,
          ),
        );
        response.on('error', (error: NodeJS.ErrnoException) =>
          resolve(`dropped: ${error.code ?? error.message}`),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'turned away' : `dropped: ${error.code}`),
    );
    request.end(body);
  });
  return { path: new URL(responseUrl).pathname, done };
}

// The queue's table is read from outside the process: the real Postgres.
(POSTGRES_URL ? describe : describe.skip)('SIGTERM while the server is under load', () => {
  let fake: FakeSlack;
  let database: Awaited<ReturnType<typeof sharedDatabase>>;
  let server: Replica;

  beforeAll(async () => {
    const crowd = await slackCrowd(PEOPLE, 'xoxb-term');
    ({ fake, database } = crowd);
    await crowd.queueHello('term');
    server = await startReplica('term', {
      DATABASE_URL: database.url,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-term',
      SLACK_API_URL: fake.apiUrl,
      // A post a second and sixteen claimed at once: most of them wait for their turn, up to
      // sixteen seconds, when the signal comes.
      RAPPORT_SLACK_POSTS_PER_MINUTE: '60',
      RAPPORT_DELIVERY_CONCURRENCY: '16',
      RAPPORT_DELIVERY_POLL_MS: '50',
      LOG_LEVEL: 'info',
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    await database?.close();
    await fake?.close();
  });

  it('finishes what it accepted and what is on the wire, hands back the rest, and exits 0 within 10 s', async () => {
    await fake.waitFor(() => fake.messages.length >= 2, 30_000);
    const requests: Array<ReturnType<typeof values>> = [];
    let loading = true;
    // Like a load balancer, the load stops going to the server once it is turned away.
    let turnedAway = false;
    const load = (async () => {
      for (let n = 0; loading && !turnedAway; n += 1) {
        const request = values(server.url, fake, n);
        void request.done.then((o) => (turnedAway ||= o === 'turned away'));
        requests.push(request);
        await new Promise((r) => setTimeout(r, EVERY_MS));
      }
    })();
    await new Promise((r) => setTimeout(r, 1000));

    // A send on the wire when the signal comes, answered a second later.
    const release = fake.hold('chat.postMessage');
    const held = fake.callsTo('chat.postMessage').length;
    await fake.waitFor(() => fake.callsTo('chat.postMessage').length > held, 10_000);
    const signalled = Date.now();
    const exited = server.stop('SIGTERM');
    setTimeout(release, 1000);
    const code = await exited;
    const took = Date.now() - signalled;
    loading = false;
    await load;
    const outcomes = await Promise.all(requests.map((r) => r.done));

    const answered = requests.filter((_r, i) => outcomes[i] === 'answered');
    const replies = answered.map((r) => fake.responses.filter((x) => x.path === r.path));
    const rows = await database.handle.db
      .selectFrom('deliveries')
      .select(['id', 'status', 'claimed_by', 'lease_until', 'next_attempt_at', 'uncertain'])
      .execute();
    const sentIds = fake.messages.map((m) => m.metadata?.event_payload.delivery as string);
    const pending = rows.filter((r) => r.status === 'pending');

    expect({
      code,
      withinTenSeconds: took < 10_000,
      dropped: outcomes.filter((o) => o.startsWith('dropped')),
      answeredThenTurnedAway: answered.length > 0 && outcomes.at(-1) === 'turned away',
      repliesNotOneAnswer: replies.filter((r) => r.length !== 1 || r[0]!.body.text === APOLOGY)
        .length,
      // The held send finished and was recorded; nothing is left claimed.
      sent: rows
        .filter((r) => r.status === 'sent')
        .map((r) => r.id)
        .sort(),
      stillClaimed: rows.filter((r) => r.status === 'sending').length,
      handedBackWithALease: pending.filter(
        (r) => r.claimed_by !== null || r.lease_until !== null || r.uncertain,
      ).length,
      handedBackForLater: pending.filter((r) => r.next_attempt_at.getTime() > Date.now()).length,
    }).toEqual({
      code: 0,
      withinTenSeconds: true,
      dropped: [],
      answeredThenTurnedAway: true,
      repliesNotOneAnswer: 0,
      sent: [...sentIds].sort(),
      stillClaimed: 0,
      handedBackWithALease: 0,
      handedBackForLater: 0,
    });
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect(server.output()).toContain('delivery handed back at shutdown');
  }, 60_000);
});
