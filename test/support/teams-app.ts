import { platformParts } from '../../src/adapters/registry';
import { loadConfig } from '../../src/config';
import { systemClock } from '../../src/clock';
import type { Clock } from '../../src/core/ports';
import { deliveryWorker, type DeliveryWorker } from '../../src/delivery/worker';
import { createLogger } from '../../src/logger';
import type { JobContext } from '../../src/scheduler/job';
import { startServer, type RunningServer } from '../../src/server';
import { useCasesFor } from '../../src/services';
import { composerFor } from './composer';
import { openTestDatabase, type TestDatabase } from './database';
import { FakeConnector, type SentActivity } from './fake-connector';
import { button, type CardButton } from './teams-cards';
import type { LogCapture } from './log-capture';
import { TeamsActivities, type Place } from './teams-activities';
import { teamsFixture, type TeamsFixture, type TeamsUser } from './teams-fixture';
import { postActivity } from './teams-requests';
import { until } from './wait';

export interface TeamsTestAppOptions {
  /** With the bot's credentials, every request needs a token; otherwise anonymous. */
  credentials?: boolean;
  clock?: Clock;
  env?: Record<string, string>;
  logs?: LogCapture;
  /** Sends the queue as the server's background does; false for tests that drive a worker. */
  queue?: boolean;
  /** Shares a database (Slack and Teams in one process). */
  database?: TestDatabase;
  fixture?: TeamsFixture;
}

/**
 * Rapport's real HTTP server with its Teams adapter, whose Bot Connector is a fake on loopback
 * (every activity's serviceUrl points at it), on a database of its own.
 */
export class TeamsTestApp {
  private constructor(
    readonly fake: FakeConnector,
    readonly database: TestDatabase,
    readonly server: RunningServer,
    readonly clock: Clock,
    readonly fx: TeamsFixture,
    readonly queue: { worker: DeliveryWorker } | null,
  ) {}

  /** Builds activities as Teams posts them, pointing at the fake connector. */
  get activities(): TeamsActivities {
    return new TeamsActivities(this.fx, this.fake.serviceUrl);
  }

  get teams() {
    return this.server.adapter('teams')!;
  }

  get url(): string {
    return this.server.url;
  }

  get db() {
    return this.database.db;
  }

  static async start(options: TeamsTestAppOptions = {}): Promise<TeamsTestApp> {
    const fake = await FakeConnector.start();
    const fx = options.fixture ?? teamsFixture();
    fake.roster.addFixture(fx);
    const database = options.database ?? (await openTestDatabase());
    const loaded = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: options.logs ? 'info' : (process.env.TEST_LOG_LEVEL ?? 'silent'),
      ...(options.credentials
        ? { MICROSOFT_APP_ID: fx.bot.appId, MICROSOFT_APP_PASSWORD: 'bot-secret-value' }
        : { RAPPORT_TEAMS_ANONYMOUS: 'true' }),
      ...options.env,
    });
    if (!loaded.ok) throw new Error(loaded.message);
    // The server and the queue's worker log to one place, as in one real process.
    const logger = createLogger(loaded.config.LOG_LEVEL, options.logs);
    const server = await startServer({
      config: { ...loaded.config, PORT: 0 },
      logger,
      database,
      host: '127.0.0.1',
      // A test has its answers before it closes the server: nothing is still on its way.
      quietMs: 0,
      ...(options.clock && { clock: options.clock }),
      directoryPacing: { pageIntervalMs: 0, profileIntervalMs: 0 },
    });
    const clock = options.clock ?? systemClock;
    const app = new TeamsTestApp(fake, database, server, clock, fx, null);
    if (options.queue === false) return app;
    const worker = deliveryWorker({
      db: database.db,
      clock,
      compose: composerFor(database.db, clock),
      // Every platform the server runs (Slack too, when the test connects both).
      senders: platformParts(server.adapters).senders,
      logger,
      workerId: 'teams-test',
      concurrency: 2,
      pollMs: 20,
      leaseMs: 10_000,
      maxAttempts: 3,
      retryBaseMs: 50,
    });
    worker.start();
    return new TeamsTestApp(fake, database, server, clock, fx, { worker });
  }

  /**
   * Posts an activity to /api/messages as the Bot Connector does and, since a message is
   * answered before its turn runs, waits for the bot to finish what it started.
   */
  async post(activity: object, token?: string) {
    const result = await postActivity(this.url, activity, token === undefined ? {} : { token });
    await this.teams.idle();
    return result;
  }

  /**
   * Presses a card's button as `person` (an Action.Execute invoke, as Teams sends it) and
   * returns the invoke's answer; `inputs` are what the card's inputs hold, for a form.
   */
  press(
    person: TeamsUser,
    sent: Pick<SentActivity, 'id' | 'activity'>,
    title: string | ((b: CardButton) => boolean),
    inputs: Record<string, unknown> = {},
    place: Place = { in: 'personal' },
  ) {
    const b = button(sent.activity, title);
    return this.post(
      this.activities.cardAction(
        person,
        { verb: b.verb!, data: { ...b.data, ...inputs }, replyToId: sent.id },
        place,
      ),
    );
  }

  /** What scheduled jobs get in the server, for running one directly. */
  jobContext(): JobContext {
    return {
      db: this.db,
      clock: this.clock,
      useCases: useCasesFor(this.database, this.clock),
      logger: createLogger('silent'),
      platforms: new Set(['teams']),
      rosters: { teams: this.teams.roster! },
    };
  }

  async workspaceId(): Promise<string> {
    const row = await this.db
      .selectFrom('workspaces')
      .select('id')
      .where('platform', '=', 'teams')
      .where('external_id', '=', this.fx.tenantId)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Waits until the queue has nothing due by the clock left to send. */
  async settled(): Promise<void> {
    this.queue?.worker.wake();
    await until(async () => {
      const open = await this.db
        .selectFrom('deliveries')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .where('next_attempt_at', '<=', this.clock.now())
        .executeTakeFirst();
      return !open;
    });
    await this.teams.idle();
  }

  async close(): Promise<void> {
    await this.queue?.worker.stop();
    await this.server.close();
    await this.fake.close();
    await this.database.close();
  }
}
