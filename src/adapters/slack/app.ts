import type { RequestListener } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { Config } from '../../config';
import { secretBox } from '../../persistence/secret-box';
import { authorizeFromStore } from './authorize';
import { boltLogger } from './bolt-logger';
import type { SlackDeps } from './deps';
import { syncDirectory } from './directory';
import { postgresInstallationStore, type SlackInstallation } from './installation-store';
import { registerListeners } from './listeners';

/** The least the features need: commands, posting and DMs, reading the directory and its fields. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'im:write',
  'users:read',
  'users.profile:read',
];

export interface SlackAdapter {
  /** Serves /slack/events, /slack/install and /slack/oauth_redirect; null in Socket Mode. */
  requestListener: RequestListener | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

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
>;

export function createSlackAdapter(config: SlackConfig, deps: SlackDeps): SlackAdapter {
  const logger = boltLogger(deps.logger);
  const clientOptions = { slackApiUrl: config.SLACK_API_URL, logger };
  const oauth = Boolean(config.SLACK_CLIENT_ID);
  const store = oauth
    ? postgresInstallationStore(deps.db, secretBox(config.RAPPORT_ENCRYPTION_KEY!))
    : null;

  const sync = (token: string, teamId: string) =>
    deps.workspaces
      .forTeam(teamId)
      .then((workspaceId) =>
        syncDirectory(deps.directory, new WebClient(token, clientOptions), workspaceId, teamId),
      )
      .catch((error: unknown) =>
        deps.logger.error({ err: error, teamId }, 'directory sync failed'),
      );

  if (config.SLACK_APP_TOKEN) {
    const app = new App({
      socketMode: true,
      appToken: config.SLACK_APP_TOKEN,
      token: config.SLACK_BOT_TOKEN,
      signingSecret: config.SLACK_SIGNING_SECRET,
      clientOptions,
      logger,
    });
    registerListeners(app, deps, null);
    return {
      requestListener: null,
      start: async () => {
        await app.start();
        syncFromToken(config.SLACK_BOT_TOKEN!, clientOptions, sync, deps);
      },
      stop: async () => {
        await app.stop();
      },
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
            if (i.bot?.token && i.team?.id) void sync(i.bot.token, i.team.id);
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(
              '<html><body><h1>Rapport is installed.</h1><p>Type <code>/rapport help</code> in Slack to begin.</p></body></html>',
            );
          },
        },
      },
    }),
  });
  if (oauth) {
    // Bolt would use the installer's own authorize; ours serialises token refreshes.
    receiver.installer!.authorize = authorizeFromStore({
      db: deps.db,
      store: store!,
      clientId: config.SLACK_CLIENT_ID!,
      clientSecret: config.SLACK_CLIENT_SECRET!,
      slackApiUrl: config.SLACK_API_URL,
      logger: deps.logger,
    });
  }
  const app = new App({
    receiver,
    token: oauth ? undefined : config.SLACK_BOT_TOKEN,
    clientOptions,
    logger,
  });
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'Slack request failed');
  });
  registerListeners(app, deps, store);
  return {
    requestListener: receiver.requestListener,
    start: async () => {
      if (!oauth) syncFromToken(config.SLACK_BOT_TOKEN!, clientOptions, sync, deps);
    },
    stop: async () => undefined,
  };
}

/** Single-workspace mode: learn the team from the token, then fill the directory, in the background. */
function syncFromToken(
  token: string,
  clientOptions: ConstructorParameters<typeof WebClient>[1],
  sync: (token: string, teamId: string) => Promise<unknown>,
  deps: SlackDeps,
): void {
  new WebClient(token, clientOptions).auth.test().then(
    (auth) => (auth.team_id ? sync(token, auth.team_id) : undefined),
    (error: unknown) =>
      deps.logger.error({ err: error }, 'could not reach Slack to sync the directory'),
  );
}
