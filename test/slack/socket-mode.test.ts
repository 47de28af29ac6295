import { databaseLabel } from '../support/database';
import { SlackTestApp } from '../support/slack-app';
import { BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { form, postSigned } from '../support/slack-requests';
import { celebration, kudosNote, pings, texts } from '../support/slack-messages';

describe(`Slack over Socket Mode (${databaseLabel})`, () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await SlackTestApp.start({ mode: 'socket' });
    await app.directorySynced();
  });
  afterAll(() => app?.close());

  it('opens its connection with the app-level token', () => {
    const opened = app.fake.callsTo('apps.connections.open');
    expect(opened.length).toBeGreaterThanOrEqual(1);
    expect(opened[0]!.token).toBe('xapp-1-acme-socket');
    expect(app.fake.connections.length).toBeGreaterThanOrEqual(1);
  });

  it('takes /kudos over the socket: acknowledges the envelope, celebrates, DMs and stores', async () => {
    const responseUrl = app.fake.responseUrl('socket-kudos');
    const ack = await app.fake.sendEnvelope('slash_commands', {
      team_id: TEAM_ID,
      team_domain: 'acme',
      channel_id: 'CGENERAL',
      user_id: 'UANA',
      command: '/kudos',
      text: '<@USAM> thanks for the socket work #craft',
      api_app_id: 'A0RAPPORT',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: 'trigger.socket.1',
    });
    expect(ack.envelope_id).toMatch(/^env-/);
    const post = await app.fake.waitFor(
      () => app.fake.responses.find((r) => r.path === '/respond/socket-kudos')?.body,
    );
    const kudos = {
      giverId: 'UANA',
      recipientIds: ['USAM'],
      message: 'thanks for the socket work #craft',
      values: ['craft'],
    };
    expect(post).toEqual({ response_type: 'in_channel', ...celebration(kudos) });
    expect(pings(texts(post.blocks)[0]!)).toEqual(['UANA', 'USAM']);
    // The note to Sam goes through the queue, to Sam's user id.
    const dm = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'USAM'),
    );
    expect(dm.args).toMatchObject(kudosNote(kudos, 'CGENERAL'));
    const stored = await app.db.selectFrom('kudos').select(['giver_id', 'message']).execute();
    expect(stored).toEqual([{ giver_id: 'UANA', message: 'thanks for the socket work #craft' }]);
  });

  it('takes events over the socket', async () => {
    const ack = await app.fake.sendEnvelope('events_api', {
      token: 'legacy',
      team_id: TEAM_ID,
      api_app_id: 'A0RAPPORT',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'UPRIYA', tab: 'home', channel: 'DUPRIYA' },
      authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
    });
    expect(ack.envelope_id).toMatch(/^env-/);
    const published = await app.fake.waitFor(() => app.fake.callsTo('views.publish')[0]);
    expect(published.args.user_id).toBe('UPRIYA');
  });

  it('serves nothing of Slack over HTTP', async () => {
    const response = await postSigned(
      `${app.url}/slack/events`,
      form({ command: '/kudos', text: '<@ULI> thanks', team_id: TEAM_ID, user_id: 'UANA' }),
      'application/x-www-form-urlencoded',
    );
    expect(response.status).toBe(404);
  });
});
