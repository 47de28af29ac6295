import { databaseLabel } from '../support/database';
import { LogCapture } from '../support/log-capture';
import { SlackTestApp } from '../support/slack-app';
import { TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';

describe(`Slack OAuth install, uninstall and token rotation (${databaseLabel})`, () => {
  let app: SlackTestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await SlackTestApp.start({ mode: 'oauth', logs });
  });
  afterAll(() => app?.close());

  const installation = () =>
    app.db
      .selectFrom('slack_installations')
      .selectAll()
      .where('install_key', '=', TEAM_ID)
      .executeTakeFirst();

  const uninstalledAt = async () =>
    (
      await app.db
        .selectFrom('workspaces')
        .select('uninstalled_at')
        .where('external_id', '=', TEAM_ID)
        .executeTakeFirstOrThrow()
    ).uninstalled_at;

  async function install(grant: { rotate?: boolean; expiresIn?: number } = {}) {
    const done = await app.install(grant);
    expect(done.scopes).toContain('users.profile:read');
    return done;
  }

  async function kudosWorks(user: string) {
    const sent = await app.command('/kudos', '<@ULI> thanks for the install', { user });
    const reply = (await sent.reply()).body;
    expect(reply.response_type).toBe('in_channel');
  }

  const lifecycle = (type: 'app_uninstalled' | 'tokens_revoked', eventTime: number, id: string) =>
    app.event(
      type === 'app_uninstalled' ? { type } : { type, tokens: { oauth: [], bot: ['UBOT'] } },
      { eventId: id, eventTime },
    );
  const seconds = () => Math.floor(Date.now() / 1000);

  /**
   * Waits until the app has taken the event and finished the work it started: it recorded the
   * event's id, or dropped it because no installed workspace is left to act on.
   */
  const handled = async (eventId: string) => {
    await until(
      async () =>
        logs.lines.some((l) => l.eventId === eventId) ||
        (await app.db
          .selectFrom('inbound_events')
          .select('event_id')
          .where('event_id', '=', eventId)
          .executeTakeFirst()),
    );
    await app.slack.idle();
  };

  it('refuses a redirect whose state was not issued to this browser, and stores nothing', async () => {
    app.fake.addOAuthCode('stolen-code', { teamId: TEAM_ID });
    const response = await fetch(`${app.url}/slack/oauth_redirect?code=stolen-code&state=forged`, {
      redirect: 'manual',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(app.fake.callsTo('oauth.v2.access')).toHaveLength(0);
    expect(await installation()).toBeUndefined();
  });

  it('installs with OAuth, keeps the tokens encrypted, syncs the directory and serves /kudos', async () => {
    const done = await install();
    expect(done.status).toBe(200);
    expect(done.body).toContain('Rapport is installed');
    const row = (await installation())!;
    expect(row.bot_user_id).toBe('UBOT');
    expect(row.secret).not.toMatch(/xox[bpe]-/);
    expect(row.secret).toMatch(/^v1:/);
    expect(await uninstalledAt()).toBeNull();
    await app.directorySynced();
    await kudosWorks('UANA');
  });

  it('deletes the tokens on app_uninstalled then tokens_revoked', async () => {
    expect((await lifecycle('app_uninstalled', seconds(), 'EvUN1')).status).toBe(200);
    // The tokens go first and the workspace stops after: wait for both.
    await handled('EvUN1');
    expect(await installation()).toBeUndefined();
    expect(await uninstalledAt()).not.toBeNull();
    await lifecycle('tokens_revoked', seconds(), 'EvRV1');
    await handled('EvRV1');
    expect(await installation()).toBeUndefined();
    expect(await uninstalledAt()).not.toBeNull();
  });

  it('deletes the tokens on tokens_revoked then app_uninstalled, after a reinstall', async () => {
    expect((await install()).status).toBe(200);
    expect(await installation()).toBeDefined();
    expect(await uninstalledAt()).toBeNull();

    await lifecycle('tokens_revoked', seconds(), 'EvRV2');
    await handled('EvRV2');
    expect(await installation()).toBeUndefined();
    const stoppedAt = await uninstalledAt();
    expect(stoppedAt).not.toBeNull();
    await lifecycle('app_uninstalled', seconds(), 'EvUN2');
    await handled('EvUN2');
    expect(await uninstalledAt()).toEqual(stoppedAt);
  });

  it('ignores a late uninstall from before a reinstall, whether retried or copied', async () => {
    const before = seconds() - 30;
    expect((await install()).status).toBe(200);
    const installedAt = (await installation())!.installed_at;
    // Slack's retry of an uninstall already handled, and a copy under a new id.
    await lifecycle('app_uninstalled', before, 'EvUN2');
    await lifecycle('app_uninstalled', before, 'EvUN-copy');
    await handled('EvUN-copy');
    await kudosWorks('UPRIYA');
    expect((await installation())?.installed_at).toEqual(installedAt);
    expect(await uninstalledAt()).toBeNull();
  });

  it('refreshes a rotating token once, however many requests need it at the same time', async () => {
    // Nothing left over from earlier installs may use (and so refresh) the new token first:
    // the notes of earlier kudos go out through the queue.
    await app.quiet();
    expect((await install({ rotate: true, expiresIn: 60 })).status).toBe(200);
    await app.quiet();
    const sent = await Promise.all(
      ['UANA', 'USAM', 'UBEN'].map((user) =>
        app.command('/kudos', `<@UPRIYA> thanks from ${user}`, { user }),
      ),
    );
    for (const s of sent) expect((await s.reply()).body.response_type).toBe('in_channel');
    const refreshes = app.fake
      .callsTo('oauth.v2.access')
      .filter((c) => c.args.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    // Every note to Priya went out, through the queue, with the refreshed token.
    const refreshed = app.fake.issuedTokens.at(-1);
    const dms = await app.fake.waitFor(() => {
      const posted = app.fake
        .callsTo('chat.postMessage')
        .filter((c) => c.args.channel === 'UPRIYA');
      return posted.length === 3 && posted;
    });
    expect(dms.map((c) => c.token)).toEqual([refreshed, refreshed, refreshed]);
    expect(dms.every((c) => c.at > refreshes[0]!.at)).toBe(true);
    expect(app.fake.callsTo('oauth.v2.access')).toHaveLength(1);
  });
});
