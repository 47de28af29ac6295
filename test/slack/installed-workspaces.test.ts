import { databaseLabel } from '../support/database';
import { LEVELS, LogCapture } from '../support/log-capture';
import { SlackTestApp } from '../support/slack-app';
import { BOT_USER_ID, TEAM_ID } from '../support/slack-team';
import { until } from '../support/wait';

const PARTNER = 'T0PARTNER';
const STRANGER = 'T0NEVER';
const ORG = 'E0ORG';

/**
 * Only an installation makes a workspace: events from another organisation in a Slack Connect
 * channel belong to the workspace the authorization names, and requests no installation
 * authorises are acknowledged and dropped, leaving no trace.
 */
describe.each(['single', 'oauth'] as const)(
  `Slack requests resolve to installed workspaces only, %s mode (${databaseLabel})`,
  (mode) => {
    let app: SlackTestApp;
    let workspaceId: string;
    const logs = new LogCapture();

    beforeAll(async () => {
      app = await SlackTestApp.start({ mode, logs });
      if (mode === 'oauth') expect((await app.install()).status).toBe(200);
      await app.directorySynced();
      workspaceId = await app.workspaceId();
    });
    afterAll(() => app?.close());
    let mark = 0;
    /** What a test expects logged at error level, reset before each. */
    let expectedErrors: unknown[] = [];
    beforeEach(async () => {
      await app.quiet();
      mark = logs.lines.length;
      expectedErrors = [];
    });
    afterEach(() =>
      expect(logs.lines.slice(mark).filter((l) => l.level >= LEVELS.error)).toEqual(expectedErrors),
    );

    const DROPPED = 'Slack request for no installed workspace dropped';
    const dropped = () => logs.lines.filter((l) => l.msg === DROPPED && l.level === 30).length;
    /** Runs `send` and waits until the app has dropped `count` requests it sent. */
    async function expectDropped<T>(count: number, send: () => Promise<T>): Promise<T> {
      const before = dropped();
      const sent = await send();
      await logs.waitFor(() => dropped() >= before + count);
      expect(dropped()).toBe(before + count);
      return sent;
    }

    const workspaces = async () =>
      (await app.db.selectFrom('workspaces').select('external_id').execute()).map(
        (w) => w.external_id,
      );
    const memberName = async (userId: string) =>
      (
        await app.db
          .selectFrom('members')
          .select('name')
          .where('workspace_id', '=', workspaceId)
          .where('user_id', '=', userId)
          .executeTakeFirst()
      )?.name;
    const installedStill = async () =>
      (
        await app.db
          .selectFrom('workspaces')
          .select('uninstalled_at')
          .where('id', '=', workspaceId)
          .executeTakeFirstOrThrow()
      ).uninstalled_at === null;

    /**
     * Another organisation's user changes their name in a channel shared with Acme. The payload
     * leaves out `deleted`, so each delivery that is handled asks Slack with users.info.
     */
    const slackConnectEvent = (eventId: string, retryNum?: number) =>
      app.event(
        {
          type: 'user_change',
          user: { id: 'UKIM', team_id: PARTNER, real_name: 'Kim Lee-Park', profile: {} },
        },
        {
          eventId,
          ...(retryNum !== undefined && { retryNum }),
          envelope: {
            team_id: PARTNER,
            authorizations: [
              {
                team_id: TEAM_ID,
                user_id: BOT_USER_ID,
                is_bot: true,
                is_enterprise_install: false,
              },
            ],
            is_ext_shared_channel: true,
          },
        },
      );

    /** Requests from a workspace that never installed Rapport: an event, a command, a button. */
    async function fromStranger() {
      const envelope = {
        team_id: STRANGER,
        authorizations: [
          { team_id: STRANGER, user_id: 'USTRBOT', is_bot: true, is_enterprise_install: false },
        ],
      };
      const home = await app.event(
        { type: 'app_home_opened', user: 'USTRANGER', tab: 'home', channel: 'DSTRANGER' },
        { team: STRANGER, envelope },
      );
      const join = await app.event(
        {
          type: 'team_join',
          user: { id: 'USTRANGER2', team_id: STRANGER, real_name: 'Stranger', profile: {} },
        },
        { team: STRANGER, envelope },
      );
      const command = await app.command('/rapport', 'values', {
        team: STRANGER,
        user: 'USTRANGER',
      });
      const button = await app.interaction({
        type: 'block_actions',
        team: { id: STRANGER, domain: 'stranger' },
        user: { id: 'USTRANGER', team_id: STRANGER },
        api_app_id: 'A0RAPPORT',
        trigger_id: 'trigger.stranger',
        container: { type: 'view', view_id: 'VSTRANGER' },
        view: { id: 'VSTRANGER', type: 'home' },
        actions: [{ type: 'button', action_id: 'open_settings', block_id: 'b', action_ts: '1' }],
      });
      return { statuses: [home, join, command, button].map((r) => r.status), command };
    }

    /** Enterprise-level uninstall events that name no team, for an org that never installed. */
    const orgLifecycle = () =>
      Promise.all([
        app.event(
          { type: 'tokens_revoked', tokens: { oauth: [], bot: ['UORGBOT'] } },
          { envelope: { team_id: undefined, enterprise_id: ORG, authorizations: undefined } },
        ),
        app.event(
          { type: 'app_uninstalled' },
          { envelope: { team_id: undefined, enterprise_id: ORG, authorizations: undefined } },
        ),
      ]);

    it('handles a Slack Connect event for the installed workspace, once, and makes none for the other organisation', async () => {
      const kim = app.fake.teams.get(TEAM_ID)!.users.find((u) => u.id === 'UKIM')!;
      kim.real_name = 'Kim Lee-Park';
      kim.profile = { ...kim.profile, real_name: 'Kim Lee-Park' };
      const first = await slackConnectEvent('EvSHARED1');
      const retried = await slackConnectEvent('EvSHARED1', 1);
      expect([first.status, retried.status]).toEqual([200, 200]);
      await until(async () => (await memberName('UKIM')) === 'Kim Lee-Park');
      await app.settle();
      expect(app.fake.callsTo('users.info').map((c) => c.args.user)).toEqual(['UKIM']);
      expect(await workspaces()).toEqual([TEAM_ID]);
    });

    it('acknowledges requests from a workspace that never installed Rapport and does nothing', async () => {
      const { statuses, command } = await expectDropped(4, fromStranger);
      expect(statuses).toEqual([200, 200, 200, 200]);
      await app.settle();
      expect(await workspaces()).toEqual([TEAM_ID]);
      expect(command.replies()).toEqual([]);
      expect(app.fake.calls.map((c) => c.method)).toEqual([]);
    });

    it('makes nothing of enterprise-level tokens_revoked and app_uninstalled that name no team', async () => {
      const responses = await expectDropped(2, orgLifecycle);
      expect(responses.map((r) => r.status)).toEqual([200, 200]);
      await app.settle();
      expect(await workspaces()).toEqual([TEAM_ID]);
      expect(await installedStill()).toBe(true);
    });

    it('runs the daily directory sync only for the installed workspace after all of those', async () => {
      await slackConnectEvent(`EvSHARED-${Date.now()}`);
      await expectDropped(4, fromStranger);
      await expectDropped(2, orgLifecycle);
      await app.settle();
      await app.quiet();

      const job = app.slack.jobs.find((j) => j.name === 'directory-sync')!;
      const ctx = app.jobContext();
      const firings = await job.firings(new Date(), ctx);
      expect(firings.map((f) => f.scope)).toEqual([workspaceId]);
      for (const firing of firings) await job.run(firing, ctx);

      const listed = app.fake.callsTo('users.list');
      expect(listed.length).toBeGreaterThan(0);
      const elsewhere = await app.db
        .selectFrom('members')
        .select('workspace_id')
        .where('workspace_id', '!=', workspaceId)
        .execute();
      expect(elsewhere).toEqual([]);
      expect(await workspaces()).toEqual([TEAM_ID]);
    });

    if (mode === 'oauth')
      it('logs as an error, not as a drop, a request whose installation could not be read', async () => {
        // Reading installations fails: the database lost the table for this one request.
        await app.db.schema
          .alterTable('slack_installations')
          .renameTo('installations_away')
          .execute();
        try {
          const before = dropped();
          const sent = await app.command('/rapport', 'values');
          expect(sent.status).toBe(200);
          await logs.waitFor((l) => l.msg === 'Slack request failed');
          expect(dropped()).toBe(before);
        } finally {
          await app.db.schema
            .alterTable('installations_away')
            .renameTo('slack_installations')
            .execute();
        }
        expectedErrors = [expect.objectContaining({ msg: 'Slack request failed' })];
      });
  },
);
