import { databaseLabel } from '../support/database';
import { TeamsTestApp } from '../support/teams-app';
import { postActivity } from '../support/teams-requests';

/**
 * A message activity is answered as soon as its turn has a place, as Slack's commands are
 * acknowledged before their work: Teams gives up on an answer after 15 s and sends again, and a
 * sender waiting on every turn is what made Teams miss the load benchmark's goals. An invoke's
 * answer is its body, so an invoke still waits for its turn.
 */
describe(`answering a Teams activity before its turn has run (${databaseLabel})`, () => {
  let app: TeamsTestApp;

  beforeAll(async () => {
    // One turn at a time, so that a held turn keeps the next one waiting.
    app = await TeamsTestApp.start({ env: { RAPPORT_INBOUND_CONCURRENCY: '1' } });
    await app.post(app.activities.botAddedToTeam(app.fx.people.ana));
  });
  afterAll(() => app?.close());

  const replies = () => app.fake.callsTo('sendToConversation').length;

  /**
   * Sends Ana's "help" and holds its reply at the connector, so that its turn (the one turn
   * allowed at a time) is under way until `release`; `answered` is that message's answer.
   */
  async function oneTurnHeld() {
    const release = app.fake.hold('sendToConversation');
    const before = replies();
    const answered = postActivity(
      app.url,
      app.activities.personalMessage(app.fx.people.ana, 'help'),
    );
    await app.fake.waitFor(() => replies() > before);
    return { release, before, answered };
  }

  it('answers a message 200 while its reply is still on its way, and the reply arrives once', async () => {
    const { release, before, answered } = await oneTurnHeld();
    let status: number | undefined;
    try {
      status = (await answered).status;
    } finally {
      release();
    }
    expect(status).toBe(200);
    await app.teams.idle();
    expect(replies()).toBe(before + 1);
  });

  it('answers a message waiting behind another turn, and runs it once that one ends', async () => {
    const { release, before, answered } = await oneTurnHeld();
    try {
      const second = await postActivity(
        app.url,
        app.activities.personalMessage(app.fx.people.li, 'help'),
      );
      expect([(await answered).status, second.status]).toEqual([200, 200]);
      // The second turn has not started: only the first reply has been asked for.
      expect(replies()).toBe(before + 1);
    } finally {
      release();
    }
    await app.teams.idle();
    expect(replies()).toBe(before + 2);
  });

  it('still refuses an activity the SDK would refuse, even when its turn would have to wait', async () => {
    const { release, before, answered } = await oneTurnHeld();
    try {
      const noConversation: Record<string, unknown> = {
        ...app.activities.personalMessage(app.fx.people.ana, 'help'),
      };
      delete noConversation.conversation;
      const refused = await postActivity(app.url, noConversation);
      expect(refused).toEqual({ status: 400, body: { error: 'not_an_activity' } });
      expect((await answered).status).toBe(200);
    } finally {
      release();
    }
    await app.teams.idle();
    expect(replies()).toBe(before + 1);
  });

  it('lets an invoke wait for its turn, whose answer is the body', async () => {
    const { ana } = app.fx.people;
    const press = await postActivity(
      app.url,
      app.activities.cardAction(ana, {
        verb: 'round_join',
        data: { c: app.fx.team.general.id },
        replyToId: '1',
      }),
    );
    expect(press.status).toBe(200);
    expect(press.body).toMatchObject({ statusCode: 200, type: expect.any(String) });
  });
});
