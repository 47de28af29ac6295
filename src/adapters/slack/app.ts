import { App, AuthorizationError, HTTPReceiver } from '@slack/bolt';
import { pictures } from '../../charts/pictures';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config';
import { READY, type ReadinessCheck } from '../../readiness';
import { createConversation, type Conversation } from '../../core/conversation';
import { installedPage } from '../../core/messages/common';
import { workLimit } from '../../inbound/work-limit';
import { inboundEvents } from '../../persistence/repositories/inbound-events';
import { secretBox } from '../../persistence/secret-box';
import { slackDirectoryPort } from './directory-port';
import { authorizeFromStore } from './authorize';
import { boltLogger } from './bolt-logger';
import type { SlackDeps } from './deps';
import type { PlatformAdapter } from '../contract';
import { directorySyncer } from './directory-sync';
import {
  NotInstalledError,
  postgresInstallationStore,
  type SlackInstallation,
} from './installation-store';
import { registerListeners } from './listeners';
import { singleToken } from './single-token';
import { startSlack } from './start-up';
import { slackRoster } from './roster';
import { slackSender, type SlackLimits } from './sender';
import { workTracker } from '../../inbound/work-tracker';
import { socketModeReceiver } from './socket-mode-receiver';

/**
 * The least the features need: commands, posting and DMs, reading the directory and its
 * fields, and reading a conversation's recent history, which the delivery queue does only to
 * find its own message after a send whose outcome it could not know (a crash, a lost answer).
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'users.profile:read',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  // Rounds: who is in a round channel, and a group DM for each group.
  'channels:read',
  'groups:read',
  'mpim:write',
  // A member's data export and an admin's insights (a chart and tables), in their DM.
  'files:write',
];

/**
 * How long shutdown waits for acknowledged work to finish (within the 10 s a shutdown has,
 * after up to 3 s for the requests in hand).
 */
const DRAIN_MS = 5_000;

/** The core's words for the page after an install, as a small HTML page. */
function installedHtml(): string {
  const page = installedPage('Slack');
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = page.body
    .map((p) =>
      'text' in p ? (p.type === 'command' ? `<code>${escape(p.text)}</code>` : escape(p.text)) : '',
    )
    .join('');
  return `<html><body><h1>${escape(page.title)}</h1><p>${body}</p></body></html>`;
}

/** The Slack adapter: Bolt over the one HTTP server (or Socket Mode), drawing core cards. */
export type SlackAdapter = PlatformAdapter;

type SlackConfig = Pick<
  Config,
  | 'SLACK_SIGNING_SECRET'
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_CLIENT_ID'
  | 'SLACK_CLIENT_SECRET'
  | 'SLACK_STATE_SECRET'
  | 'SLACK_APP_TOKEN'
  | 'SLACK_API_URL'
  | 'RAPPORT_ENCRYPTION_KEY'
> & {
  limits: SlackLimits;
  inbound: { concurrency: number; backlog: number };
  /** Times a Socket Mode acknowledgement (over HTTP, the server times every request). */
  acknowledged?: (seconds: number) => void;
};

/** What the Slack adapter is built from; it makes its conversation and inbound limit itself. */
export type SlackBase = Omit<
  SlackDeps,
  'conversation' | 'inbound' | 'inboundEvents' | 'background'
>;

export function createSlackAdapter(config: SlackConfig, given: SlackBase): SlackAdapter {
  const tracker = workTracker();
  const limit = workLimit(config.inbound);
  const deps: SlackDeps = {
    ...given,
    directory: { ...given.directory, signal: tracker.signal },
    background: (work) => void tracker.track(work),
    // Filled in below, once the token's source is known.
    conversation: undefined as unknown as Conversation,
    inbound: {
      admit: (work) => limit.admit(() => tracker.track(work())),
      get load() {
        return limit.load;
      },
    },
    inboundEvents: inboundEvents(given.db),
  };
  const logger = boltLogger(deps.logger);
  const clientOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    logger,
    // Answers to a person: a couple of quick retries, never the SDK's half-hour default that
    // would post a celebration long after the fact (and Slack has no idempotency key).
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000, randomize: true },
  };
  const oauth = Boolean(config.SLACK_CLIENT_ID);
  const store = oauth
    ? postgresInstallationStore(deps.db, secretBox(config.RAPPORT_ENCRYPTION_KEY!))
    : null;
  const authorize = oauth
    ? authorizeFromStore({
        db: deps.db,
        store: store!,
        clientId: config.SLACK_CLIENT_ID!,
        clientSecret: config.SLACK_CLIENT_SECRET!,
        slackApiUrl: config.SLACK_API_URL,
        logger: deps.logger,
      })
    : null;
  const single = oauth ? null : singleToken(config.SLACK_BOT_TOKEN!, clientOptions);
  const tokenFor = async (teamId: string): Promise<string> => {
    if (!authorize) return config.SLACK_BOT_TOKEN!;
    const auth = await authorize({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    if (!auth.botToken) throw new Error(`no bot token for ${teamId}`);
    return auth.botToken;
  };
  deps.conversation = createConversation({
    useCases: deps.useCases,
    directory: slackDirectoryPort(deps, tokenFor, clientOptions),
    pictures,
    // People type someone by their name; Slack shows channels by id, so examples stay generic.
    typedPerson: (m) => `@${m.name}`,
    typedChannel: () => null,
  });
  // The workspaces these credentials work in now: every stored installation, or the one team
  // a single bot token belongs to.
  const installedKeys = store
    ? () => store.keys()
    : async () => [(await single!.identity()).teamId];
  const syncer = directorySyncer(deps, { clientOptions, tokenFor, installedKeys });
  const sender = slackSender(tokenFor, clientOptions, config.limits);
  const roster = slackRoster(tokenFor, clientOptions);
  const background = (work: Promise<unknown>, what: string) =>
    void tracker.track(
      work.catch((error: unknown) => deps.logger.error({ err: error }, `${what} failed`)),
    );
  const stop = async () => {
    await tracker.drain(DRAIN_MS);
  };
  let startUp: ReturnType<typeof startSlack> | null = null;
  const startUpWith = (connect?: () => Promise<unknown>) => {
    startUp = startSlack({
      ...(connect && { connect }),
      single,
      syncer,
      workspaces: deps.workspaces,
      logger: deps.logger.child({ component: 'slack' }),
      signal: tracker.signal,
    });
    void tracker.track(startUp.done);
  };
  const readiness: ReadinessCheck = {
    name: 'slack',
    // OAuth over HTTP has nothing to start: workspaces arrive by install.
    check: async () => (startUp ? startUp.state() : oauth ? READY : 'not started'),
  };
  const prepare = (app: App) => {
    app.error(async (error) => {
      // Bolt has acknowledged a request no installation authorises and called no listener;
      // anything else that failed on the way (the database, say) is an error.
      if (error instanceof AuthorizationError && error.original instanceof NotInstalledError) {
        deps.logger.info(
          { reason: error.message },
          'Slack request for no installed workspace dropped',
        );
        return;
      }
      deps.logger.error({ err: error }, 'Slack request failed');
    });
    // Bolt acknowledges first and runs listeners after; shutdown waits for them.
    app.use(async ({ next }) => {
      await tracker.track(next());
    });
    registerListeners(app, deps, store);
  };

  if (config.SLACK_APP_TOKEN) {
    const app = new App({
      socketMode: true,
      receiver: socketModeReceiver(
        { appToken: config.SLACK_APP_TOKEN, logger, clientOptions },
        config.acknowledged,
      ),
      signingSecret: config.SLACK_SIGNING_SECRET,
      clientOptions,
      logger,
      authorize: authorize ?? single!.authorize,
    });
    prepare(app);
    return {
      platform: 'slack',
      mounts: [],
      start: async () => startUpWith(() => app.start()),
      stop: async () => {
        // Draining aborts the start-up first, so that a retry cannot reconnect after this.
        const drained = stop();
        await app.stop();
        await drained;
      },
      sender,
      roster,
      jobs: [syncer.job],
      idle: tracker.idle,
      readiness,
    };
  }

  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET!,
    endpoints: '/slack/events',
    logger,
    ...(oauth && {
      clientId: config.SLACK_CLIENT_ID,
      clientSecret: config.SLACK_CLIENT_SECRET,
      stateSecret: config.SLACK_STATE_SECRET,
      scopes: BOT_SCOPES,
      installationStore: store!,
      installerOptions: {
        installPath: '/slack/install',
        redirectUriPath: '/slack/oauth_redirect',
        directInstall: true,
        clientOptions,
        callbackOptions: {
          success: (installation, _options, _req, res) => {
            const i = installation as SlackInstallation;
            if (i.bot?.token && i.team?.id)
              background(syncer.readNow(i.bot.token, i.team.id, 'slack install'), 'directory sync');
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(installedHtml());
          },
        },
      },
    }),
  });
  // Bolt would use the installer's own authorize; ours serialises token refreshes.
  if (authorize) receiver.installer!.authorize = authorize;
  const app = new App({
    receiver,
    ...(single && { authorize: single.authorize }),
    clientOptions,
    logger,
  });
  prepare(app);
  return {
    platform: 'slack',
    // Events, commands, interactivity and OAuth: everything under /slack/.
    mounts: [
      {
        prefix: '/slack/',
        listener: receiver.requestListener,
        routes: ['/slack/events', '/slack/install', '/slack/oauth_redirect'],
      },
    ],
    start: async () => {
      if (single) startUpWith();
    },
    stop,
    sender,
    roster,
    jobs: [syncer.job],
    idle: tracker.idle,
    readiness,
  };
}
