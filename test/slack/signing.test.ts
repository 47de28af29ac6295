import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { form, postSigned, SIGNING_SECRET, slackSignature } from '../support/slack-requests';

describe(`Slack request verification (${databaseLabel})`, () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await SlackTestApp.start();
    await app.directorySynced();
  });
  afterAll(() => app?.close());
  beforeEach(() => app.quiet());

  const kudosCount = async () =>
    Number(
      (
        await app.db
          .selectFrom('kudos')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const now = () => Math.floor(Date.now() / 1000);

  const refused: Array<[string, Parameters<SlackTestApp['command']>[2]]> = [
    ['a signature made with another secret', { sign: { secret: 'not-the-signing-secret' } }],
    ['a timestamp six minutes old', { sign: { timestamp: now() - 6 * 60 } }],
    ['no signature headers', { sign: { unsigned: true } }],
    [
      'a signature header but no timestamp',
      { sign: { unsigned: true, headers: { 'x-slack-signature': 'v0=abc' } } },
    ],
    ['a malformed signature', { sign: { headers: { 'x-slack-signature': 'v0=not-hex-at-all' } } }],
  ];

  it.each(refused)(
    'answers a command with %s with 401 and changes nothing',
    async (_n, options) => {
      const before = await kudosCount();
      const sent = await app.command('/kudos', '<@ULI> thanks for the deploy', options);
      expect(sent.status).toBe(401);
      // A correctly signed command afterwards is answered, so the refused one had its chance.
      const control = await app.command('/rapport', 'help');
      expect(control.status).toBe(200);
      await control.reply();
      expect(sent.replies()).toHaveLength(0);
      expect(await kudosCount()).toBe(before);
      expect(app.fake.callsTo('chat.postMessage')).toHaveLength(0);
    },
  );

  it('refuses a body changed after it was signed', async () => {
    const before = await kudosCount();
    const timestamp = now();
    const signed = form({ team_id: 'T0ACME', user_id: 'UANA', command: '/kudos', text: 'a' });
    const tampered = form({
      team_id: 'T0ACME',
      user_id: 'UANA',
      command: '/kudos',
      text: '<@ULI> thanks',
    });
    const response = await postSigned(
      `${app.url}/slack/events`,
      tampered,
      'application/x-www-form-urlencoded',
      {
        unsigned: true,
        headers: {
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp, signed),
        },
      },
    );
    expect(response.status).toBe(401);
    expect(await kudosCount()).toBe(before);
  });

  it('refuses an unsigned event and an unsigned interaction', async () => {
    const event = await app.event(
      { type: 'app_home_opened', user: 'UANA', tab: 'home', channel: 'DUANA' },
      { sign: { unsigned: true } },
    );
    const action = await app.interaction({ type: 'block_actions' }, { unsigned: true });
    expect([event.status, action.status]).toEqual([401, 401]);
    expect(app.fake.callsTo('views.publish')).toHaveLength(0);
  });

  it('accepts a correctly signed command', async () => {
    const before = await kudosCount();
    const sent = await app.command('/kudos', '<@ULI> thanks for the deploy', { user: 'UANA' });
    expect(sent.status).toBe(200);
    expect((await sent.reply()).body.response_type).toBe('in_channel');
    expect(await kudosCount()).toBe(before + 1);
  });
});
