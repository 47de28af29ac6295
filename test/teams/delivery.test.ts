import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { personalConversationId } from '../support/teams-fixture';
import { until } from '../support/wait';

/**
 * The delivery queue's Teams sender against the Bot Connector's refusals: a person who blocked
 * the app, Teams' rate limit, a chat it no longer knows, and an answer lost on the way back.
 */
describe(`sending to Teams through the queue (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start();
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
    await app.teams.idle();
  });
  afterAll(() => app?.close());

  type Person = keyof TeamsTestApp['fx']['people'];
  /** Someone thanks someone in their own chat (Ana unless said): a note goes through the queue. */
  const thank = async (to: Person, words: string, from: Person = 'ana') => {
    await app.post(
      app.activities.personalMessage(app.fx.people[from], [
        'kudos ',
        app.fx.people[to],
        ` ${words}`,
      ]),
    );
    await app.settled();
  };
  /** The note queued for someone about the kudos whose message ends with `words`. */
  const noteTo = async (userId: string, words: string) => {
    const kudos = await app.db
      .selectFrom('kudos')
      .select('id')
      .where('message', 'like', `%${words}`)
      .executeTakeFirstOrThrow();
    return app.db
      .selectFrom('deliveries')
      .select(['status', 'attempts', 'last_error'])
      .where('dedupe_key', '=', `kudos:${kudos.id}:to:${userId}`)
      .executeTakeFirstOrThrow();
  };
  /** Calls that try to reach a person: opening their chat, or posting in it. */
  const callsFor = (person: { id: string }) =>
    app.fake.calls.filter((c) =>
      c.route === 'createConversation'
        ? c.body?.members?.[0]?.id === person.id
        : c.conversationId === personalConversationId(person.id),
    );
  const chatOf = (person: { id: string }) => ({
    conversationId: personalConversationId(person.id),
  });

  it('paces to Teams: every tenant at its rate, every conversation twice a second', () => {
    const delivery = (target: object) => ({ target }) as never;
    expect(app.teams.sender.pacing(delivery({ type: 'member', userId: 'a' }))).toEqual([
      { bucket: 'send', intervalMs: 25 },
      { bucket: 'member:a', intervalMs: 500 },
    ]);
    expect(app.teams.sender.pacing(delivery({ type: 'channel', channelId: 'c' }))).toEqual([
      { bucket: 'send', intervalMs: 25 },
      { bucket: 'conversation:c', intervalMs: 500 },
    ]);
  });

  it('marks someone who blocked the app unreachable at the first 403, and never retries', async () => {
    const { priya } = app.fx.people;
    app.fake.block(priya.aadObjectId);
    await thank('priya', 'for the numbers');
    expect(await noteTo(priya.aadObjectId, 'for the numbers')).toMatchObject({
      status: 'dead',
      attempts: 1,
    });
    expect(callsFor(priya).map((c) => [c.route, c.status])).toEqual([['createConversation', 403]]);
    const member = await app.db
      .selectFrom('members')
      .select('unreachable_since')
      .where('user_id', '=', priya.aadObjectId)
      .executeTakeFirstOrThrow();
    expect(member.unreachable_since).not.toBeNull();

    // Later messages for her are not even tried.
    await thank('priya', 'for the forecast');
    expect(await noteTo(priya.aadObjectId, 'for the forecast')).toMatchObject({
      status: 'skipped',
    });
    expect(callsFor(priya)).toHaveLength(1);
  });

  it('waits as long as a 429 asks, then delivers once', async () => {
    const { sam } = app.fx.people;
    app.fake.fail('sendToConversation', { status: 429, retryAfter: 1 }, chatOf(sam));
    await thank('sam', 'for the design review');
    await until(
      async () => (await noteTo(sam.aadObjectId, 'for the design review')).status === 'sent',
    );
    const calls = callsFor(sam).filter((c) => c.route === 'sendToConversation');
    expect(calls.map((c) => c.status)).toEqual([429, 201]);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(app.fake.sentTo(sam.aadObjectId)).toHaveLength(1);
    expect(await noteTo(sam.aadObjectId, 'for the design review')).toMatchObject({
      status: 'sent',
    });
  });

  it('opens a chat again, once, when Teams no longer knows the stored one', async () => {
    const { sam } = app.fx.people;
    const opened = app.fake.callsTo('createConversation').length;
    app.fake.fail('sendToConversation', { status: 404 }, chatOf(sam));
    await thank('sam', 'for the launch');
    expect(app.fake.callsTo('createConversation').length).toBe(opened + 1);
    expect(await noteTo(sam.aadObjectId, 'for the launch')).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
    expect(app.fake.sentTo(sam.aadObjectId)).toHaveLength(2);
  });

  it('sends again after an answer lost on the way: at least once, never lost', async () => {
    const { li } = app.fx.people;
    // Teams posted the note, but the connection dropped before it said so.
    await thank('li', 'for the review', 'sam');
    app.fake.fail('sendToConversation', { drop: true, delivered: true }, chatOf(li));
    await thank('li', 'for the pairing', 'sam');
    await until(async () => (await noteTo(li.aadObjectId, 'for the pairing')).status === 'sent');
    expect(await noteTo(li.aadObjectId, 'for the pairing')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    const notes = app.fake.sentTo(li.aadObjectId).slice(1);
    expect(notes).toHaveLength(2);
    expect(notes[0]!.activity.summary).toBe(notes[1]!.activity.summary);
    expect(notes[0]!.activity.summary).toContain('for the pairing');
  });
});
