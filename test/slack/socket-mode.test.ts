import { databaseLabel } from '../support/database';
import { LogCapture } from '../support/log-capture';
import { parsePrometheus, valueOf } from '../support/prometheus';
import { SlackTestApp } from '../support/slack-app';
import { BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { form, postSigned } from '../support/slack-requests';
import { celebration, kudosNote, pings, texts } from '../support/slack-messages';

/** A /kudos as Socket Mode carries it: the slash command's fields as the payload. */
const kudosCommand = (user: string, text: string, responseUrl: string, triggerId: string) => ({
  team_id: TEAM_ID,
  team_domain: 'acme',
  channel_id: 'CGENERAL',
  user_id: user,
  command: '/kudos',
  text,
  api_app_id: 'A0RAPPORT',
  is_enterprise_install: 'false',
  response_url: responseUrl,
  trigger_id: triggerId,
});

/** Someone opening Rapport's Home tab, as an Events API payload. */
const homeOpened = (user: string, eventId: string) => ({
  token: 'legacy',
  team_id: TEAM_ID,
  api_app_id: 'A0RAPPORT',
  type: 'event_callback',
  event_id: eventId,
  event_time: Math.floor(Date.now() / 1000),
  event: { type: 'app_home_opened', user, tab: 'home', channel: `D${user}` },
  authorizations: [{ team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true }],
});

const METRICS_TOKEN = 'socket-metrics-token-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe(`Slack over Socket Mode (${databaseLabel})`, () => {
  let app: SlackTestApp;
  // At debug, so that Bolt's lines about the socket are captured.
  const logs = new LogCapture();
  beforeAll(async () => {
    app = await SlackTestApp.start({
      mode: 'socket',
      logs,
      env: { RAPPORT_METRICS_TOKEN: METRICS_TOKEN, LOG_LEVEL: 'debug' },
    });
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
    const ack = await app.fake.sendEnvelope(
      'slash_commands',
      kudosCommand(
        'UANA',
        '<@USAM> thanks for the socket work #craft',
        responseUrl,
        'trigger.socket.1',
      ),
    );
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

  it('gives an envelope a request id, as over HTTP: on its log lines and the deliveries it queues, and times its acknowledgement', async () => {
    const scrape = async () => {
      const response = await fetch(`${app.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      return parsePrometheus(await response.text());
    };
    const acks = async () =>
      valueOf(await scrape(), 'rapport_ack_duration_seconds_count', { platform: 'slack' });
    const before = await acks();
    const responseUrl = app.fake.responseUrl('socket-ids');
    await app.fake.sendEnvelope(
      'slash_commands',
      kudosCommand(
        'UPRIYA',
        '<@UBEN> thanks for the socket metrics #craft',
        responseUrl,
        'trigger.s.ids',
      ),
    );
    expect(await acks()).toBe(before + 1);
    const dm = await app.fake.waitFor(() =>
      app.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'UBEN'),
    );
    expect(dm).toBeDefined();
    const deliveries = await app.db
      .selectFrom('deliveries')
      .select(['request_id', 'member_ids'])
      .execute();
    const queued = deliveries.find((d) => d.member_ids.includes('UBEN'))!;
    expect(queued.request_id).toMatch(UUID);
    // Its handling logged under the same id: Bolt's acknowledgement over the socket among it.
    const handling = logs.lines.filter((l) => l.requestId === queued.request_id);
    expect(handling.map((l) => l.msg)).toContainEqual(
      expect.stringMatching(/^ack\(\) call begins/),
    );
    // Every envelope has an id of its own: an event's too, which Bolt acknowledges itself.
    await app.fake.sendEnvelope('events_api', homeOpened('UBEN', 'EvSOCKETIDS'));
    expect(await acks()).toBe(before + 2);
    const acked = logs.lines.filter((l) => /^ack\(\) call begins/.test(String(l.msg)));
    expect(acked.length).toBeGreaterThanOrEqual(2);
    expect(new Set(acked.map((l) => l.requestId)).size).toBe(acked.length);
    expect(acked.every((l) => typeof l.requestId === 'string')).toBe(true);
  });

  it('takes events over the socket', async () => {
    const ack = await app.fake.sendEnvelope('events_api', homeOpened('UPRIYA', 'EvSOCKET1'));
    expect(ack.envelope_id).toMatch(/^env-/);
    const published = await app.fake.waitFor(() =>
      app.fake.callsTo('views.publish').find((c) => c.args.user_id === 'UPRIYA'),
    );
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
