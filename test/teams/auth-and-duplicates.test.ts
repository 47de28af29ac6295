import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { forgedToken, malformedToken } from '../support/teams-requests';
import { wordsOf } from '../support/teams-cards';
import { LogCapture } from '../support/log-capture';

describe(`the same activity twice, and invokes nobody expected (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  const logs = new LogCapture();

  beforeAll(async () => {
    app = await TeamsTestApp.start({ logs });
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
    await app.teams.idle();
  });
  afterAll(() => app?.close());

  it('has one effect when Teams sends an activity again', async () => {
    const { ana, li } = app.fx.people;
    const message = app.activities.personalMessage(ana, ['kudos ', li, ' for the demo']);
    const [a, b] = await Promise.all([app.post(message), app.post(message)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await app.post(message)).status).toBe(200);
    await app.settled();
    expect(await app.db.selectFrom('kudos').select('id').execute()).toHaveLength(1);
    expect(app.fake.sentTo(li.aadObjectId)).toHaveLength(1);
  });

  it('answers a repeated press with the first one done, and changes nothing more', async () => {
    const { li } = app.fx.people;
    const note = app.fake.sentTo(li.aadObjectId)[0]!;
    await app.post(app.activities.personalMessage(li, 'suggest'));
    const press = app.activities.cardAction(li, {
      verb: 'round_join',
      data: { c: app.fx.team.general.id },
      replyToId: note.id,
    });
    const first = await app.post(press);
    const again = await app.post(press);
    expect(first.status).toBe(200);
    expect(again).toEqual({
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'That is already done.',
      },
    });
  });

  it('answers every invoke, even one Rapport has no use for, and a press it cannot read', async () => {
    const { ana } = app.fx.people;
    const base = app.activities.cardAction(ana, { verb: 'x', replyToId: '1' });
    const other = await app.post({ ...base, name: 'task/fetch', value: { data: {} } });
    expect(other.status).toBe(200);
    const unreadable = await app.post({
      ...base,
      value: { action: { type: 'Action.Execute', verb: 'no_such_action' } },
    });
    expect(unreadable.status).toBe(200);
    expect(unreadable.body.type).toBe('application/vnd.microsoft.activity.message');
    const empty = await app.post({ ...base, value: 'nonsense' });
    expect(empty.status).toBe(200);
  });

  it('answers what is not an activity with a 4xx, and changes nothing', async () => {
    const post = (body: string) =>
      fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const before = await app.db.selectFrom('inbound_events').select('event_id').execute();
    expect((await post('{not json')).status).toBe(400);
    expect((await post('"a string"')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 'message', text: 'hi' }))).status).toBe(400);
    expect((await post('x'.repeat(2 * 1024 * 1024))).status).toBe(413);
    expect((await fetch(`${app.url}/api/messages`)).status).toBe(405);
    expect(await app.db.selectFrom('inbound_events').select('event_id').execute()).toEqual(before);
  });

  it('apologises when a turn fails, logs it with its context, and still answers the invoke', async () => {
    const { ana } = app.fx.people;
    app.fake.fail('sendToConversation', { status: 500 }, { times: 1 });
    const help = app.activities.personalMessage(ana, 'help');
    await app.post(help);
    await app.settled();
    const said = app.fake.sentTo(ana.aadObjectId).map((a) => wordsOf(a.activity));
    expect(said.at(-1)).toMatch(/^Sorry, something went wrong on my side/);
    const logged = logs.atLeast('error').find((l) => l.activityId === help.id)!;
    expect(logged).toMatchObject({ msg: 'request failed', type: 'message' });
    expect(logged.userId).toBe(ana.aadObjectId);

    // A press whose card cannot be replaced: the invoke is answered with the apology.
    const card = app.fake.sentTo(ana.aadObjectId)[0]!;
    app.fake.fail('updateActivity', { status: 500 }, { times: 1 });
    const press = await app.post(
      app.activities.cardAction(ana, {
        verb: 'mentorship_undo',
        data: { id: 'none' },
        replyToId: card.id,
      }),
    );
    expect(press.status).toBe(200);
    expect(press.body).toMatchObject({
      type: 'application/vnd.microsoft.activity.message',
      value: expect.stringMatching(/^Sorry, something went wrong on my side/),
    });
  });
});

describe(`/api/messages with the bot's credentials (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    app = await TeamsTestApp.start({ credentials: true });
  });
  afterAll(() => app?.close());

  it('refuses a request without a token, with a malformed one and with a forged one, and does nothing', async () => {
    const { ana, li } = app.fx.people;
    const activity = () => app.activities.personalMessage(ana, ['kudos ', li, ' thanks']);
    const none = await app.post(activity());
    const malformed = await app.post(activity(), malformedToken());
    const forged = await app.post(
      activity(),
      forgedToken({ audience: app.fx.bot.appId, serviceUrl: app.fake.serviceUrl }),
    );
    const wrongAudience = await app.post(activity(), forgedToken({ audience: 'someone-else' }));
    expect([none.status, malformed.status, forged.status, wrongAudience.status]).toEqual([
      401, 401, 401, 401,
    ]);
    expect(await app.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
    expect(await app.db.selectFrom('inbound_events').select('event_id').execute()).toEqual([]);
    expect(app.fake.calls).toEqual([]);
  });
});
