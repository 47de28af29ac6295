import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { systemClock } from '../../src/clock';
import type { JobContext } from '../../src/scheduler/job';
import { useCasesFor } from '../../src/services';
import type { Clock } from '../../src/core/ports';
import { FakeSlack } from './fake-slack';
import { slackQueue } from './slack-queue';
import type { LogCapture } from './log-capture';
import { openTestDatabase, type TestDatabase } from './database';
import {
  form,
  postSigned,
  SIGNING_SECRET,
  slashCommandForm,
  type SignOptions,
} from './slack-requests';
import { acmeUsers, BOT_USER_ID, TEAM_ID } from './slack-team';

export const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

export interface SlackTestAppOptions {
  /** One workspace with a bot token (over HTTP or Socket Mode), or many through OAuth. */
  mode?: 'single' | 'socket' | 'oauth';
  clock?: Clock;
  env?: Record<string, string>;
  /** Sets the fake Slack up before the app starts talking to it. */
  prepare?: (fake: FakeSlack) => void;
  /** Collects the app's log (at `info` unless `env` sets LOG_LEVEL). */
  logs?: LogCapture;
  /**
   * Sends the queue as the server's background does (kudos notes, posts elsewhere); false
   * for tests that drive a worker themselves.
   */
  queue?: boolean;
}

export interface CommandOptions {
  user?: string;
  channel?: string;
  team?: string;
  triggerId?: string;
  sign?: SignOptions;
}

export interface EventOptions {
  team?: string;
  eventId?: string;
  eventTime?: number;
  retryNum?: number;
  /** Replaces fields of the envelope: another organisation's team_id, authorizations, … */
  envelope?: Record<string, unknown>;
  sign?: SignOptions;
}

let sequence = 0;
const next = () => `${Date.now()}${++sequence}`;

/**
 * Rapport's real HTTP server with its Slack adapter, talking to a fake Slack on loopback, on
 * a database of its own. Requests reach it signed exactly as Slack signs them.
 */
export class SlackTestApp {
  private constructor(
    readonly fake: FakeSlack,
    readonly database: TestDatabase,
    readonly server: RunningServer,
    readonly clock: Clock,
    /** The delivery worker sending the queue, unless the test drives its own. */
    readonly queue: ReturnType<typeof slackQueue> | null,
  ) {}

  /** The running Slack adapter. */
  get slack() {
    return this.server.adapter('slack')!;
  }

  /** What scheduled jobs get in the server, for running one directly. */
  jobContext(): JobContext {
    return {
      db: this.db,
      clock: this.clock,
      useCases: useCasesFor(this.database, this.clock),
      logger: createLogger('silent'),
      platforms: new Set(['slack']),
      rosters: { slack: this.slack.roster! },
    };
  }

  static async start(options: SlackTestAppOptions = {}): Promise<SlackTestApp> {
    const fake = await FakeSlack.start();
    fake.addTeam({ id: TEAM_ID, name: 'Acme', botUserId: BOT_USER_ID, users: acmeUsers() });
    options.prepare?.(fake);
    const database = await openTestDatabase();
    const credentials =
      options.mode === 'oauth'
        ? {
            SLACK_CLIENT_ID: '1111.2222',
            SLACK_CLIENT_SECRET: 'client-secret-0123',
            SLACK_STATE_SECRET: 'state-secret-0123456789',
            RAPPORT_ENCRYPTION_KEY: ENCRYPTION_KEY,
          }
        : {
            SLACK_BOT_TOKEN: 'xoxb-acme-single',
            ...(options.mode === 'socket' && { SLACK_APP_TOKEN: 'xapp-1-acme-socket' }),
          };
    if (options.mode !== 'oauth') fake.addToken('xoxb-acme-single', TEAM_ID);
    if (options.mode === 'socket') fake.addToken('xapp-1-acme-socket', TEAM_ID);
    const loaded = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: options.logs ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      ...credentials,
      ...options.env,
    });
    if (!loaded.ok) throw new Error(loaded.message);
    const server = await startServer({
      config: { ...loaded.config, PORT: 0 },
      logger: createLogger(loaded.config.LOG_LEVEL, options.logs),
      database,
      host: '127.0.0.1',
      // A test has its answers before it closes the server: nothing is still on its way.
      quietMs: 0,
      ...(options.clock && { clock: options.clock }),
      directoryPacing: { pageIntervalMs: 0, profileIntervalMs: 0 },
    });
    const clock = options.clock ?? systemClock;
    const app: SlackTestApp = new SlackTestApp(fake, database, server, clock, null);
    if (options.queue === false) return app;
    const queue = slackQueue(app, clock, 'test-app');
    queue.start();
    return new SlackTestApp(fake, database, server, clock, queue);
  }

  get url(): string {
    return this.server.url;
  }

  get db() {
    return this.database.db;
  }

  async workspaceId(team = TEAM_ID): Promise<string> {
    const row = await this.db
      .selectFrom('workspaces')
      .select('id')
      .where('platform', '=', 'slack')
      .where('external_id', '=', team)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * Walks the OAuth install flow as a browser would: /slack/install, Slack's consent (which
   * hands out `grant`), the redirect back. Returns the consent URL and the final answer.
   */
  async install(grant: { teamId?: string; rotate?: boolean; expiresIn?: number } = {}) {
    const start = await fetch(`${this.url}/slack/install`, { redirect: 'manual' });
    if (start.status !== 302) throw new Error(`/slack/install answered ${start.status}`);
    const consent = new URL(start.headers.get('location')!);
    const state = consent.searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const code = `code-${next()}`;
    this.fake.addOAuthCode(code, { teamId: TEAM_ID, ...grant });
    const done = await fetch(
      `${this.url}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`,
      { headers: { cookie }, redirect: 'manual' },
    );
    return {
      consent,
      status: done.status,
      body: await done.text(),
      scopes: consent.searchParams.get('scope')?.split(',') ?? [],
    };
  }

  /** Waits until the directory holds `count` members of the team. */
  async directorySynced(count = acmeUsers().length, team = TEAM_ID): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const row = await this.db
        .selectFrom('members as m')
        .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
        .where('w.external_id', '=', team)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(row.n) >= count) return;
      if (Date.now() > deadline) throw new Error(`directory has ${row.n} of ${count} members`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Waits for work earlier requests started (DMs still going out) to finish, then forgets
   * every call the fake recorded, so that one test's tail cannot land in the next.
   */
  async quiet(): Promise<void> {
    await this.slack.idle();
    await this.queue?.settled();
    this.fake.reset();
  }

  /**
   * A full round trip through the app (a command and its answer), so that work started by
   * earlier requests has had its turn before a test checks that something did not happen.
   */
  async settle(): Promise<void> {
    await (await this.command('/rapport', 'values')).reply();
  }

  /** Sends a slash command; `responseUrl` is where the app's answers arrive. */
  async command(command: string, text: string, options: CommandOptions = {}) {
    const responseUrl = this.fake.responseUrl();
    const triggerId = options.triggerId ?? `trigger.${next()}`;
    const body = slashCommandForm({
      command,
      text,
      responseUrl,
      triggerId,
      team: options.team ?? TEAM_ID,
      channel: options.channel,
      user: options.user,
    });
    const response = await postSigned(
      `${this.url}/slack/events`,
      body,
      'application/x-www-form-urlencoded',
      options.sign,
    );
    const path = new URL(responseUrl).pathname;
    return {
      ...response,
      triggerId,
      responsePath: path,
      /** Everything the app sent to this command's response_url so far. */
      replies: () => this.fake.responses.filter((r) => r.path === path),
      /** Waits for the `n`th answer to this command. */
      reply: (n = 1) =>
        this.fake.waitFor(() => this.fake.responses.filter((r) => r.path === path)[n - 1]),
    };
  }

  /** Sends an Events API callback. */
  async event(event: Record<string, unknown>, options: EventOptions = {}) {
    const team = options.team ?? TEAM_ID;
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: team,
      api_app_id: 'A0RAPPORT',
      event: { event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...event },
      type: 'event_callback',
      event_id: options.eventId ?? `Ev${next()}`,
      event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
      authorizations: [
        { team_id: team, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      ...options.envelope,
    });
    const retry: Record<string, string> =
      options.retryNum !== undefined
        ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {};
    return postSigned(`${this.url}/slack/events`, body, 'application/json', {
      ...options.sign,
      headers: { ...retry, ...options.sign?.headers },
    });
  }

  /** Sends an interactivity payload (a button, a form submission). */
  async interaction(payload: Record<string, unknown>, sign?: SignOptions) {
    return postSigned(
      `${this.url}/slack/events`,
      form({ payload: JSON.stringify(payload) }),
      'application/x-www-form-urlencoded',
      sign,
    );
  }

  /**
   * Presses a message's button as `user` and returns what the app answered at the message's
   * response_url.
   */
  async press(user: string, actionId: string, value: string, extra: Record<string, unknown> = {}) {
    const responseUrl = this.fake.responseUrl(`${user}-${actionId}-${next()}`);
    await this.interaction({
      type: 'block_actions',
      team: { id: TEAM_ID },
      user: { id: user, team_id: TEAM_ID },
      api_app_id: 'A0RAPPORT',
      trigger_id: `trigger.${user}.${next()}`,
      channel: { id: `D${user}` },
      container: { type: 'message', message_ts: '1.1' },
      response_url: responseUrl,
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
      ...extra,
    });
    const path = new URL(responseUrl).pathname;
    return (await this.fake.waitFor(() => this.fake.responses.find((r) => r.path === path))).body;
  }

  async close(): Promise<void> {
    await this.queue?.stop();
    await this.server.close();
    await this.fake.close();
    await this.database.close();
  }
}
