import { slackConfigured, type Config } from '../../config';
import type { AdapterFactory, AdapterServices, PlatformAdapter } from '../contract';
import { createSlackAdapter } from './app';
import { workspaceResolver } from './workspaces';

export interface DirectoryPacing {
  pageIntervalMs: number;
  profileIntervalMs: number;
}

// users.list is Tier 2 (about 20 a minute), users.profile.get Tier 4 (about 100).
const SLACK_PACING: DirectoryPacing = { pageIntervalMs: 3000, profileIntervalMs: 600 };

/** The Slack adapter as the server and the job command build it from the configuration. */
export function slackAdapterFor(
  services: AdapterServices,
  pacing: DirectoryPacing = services.directoryPacing ?? SLACK_PACING,
): PlatformAdapter {
  const { config, database, logger, useCases, clock } = services;
  return createSlackAdapter(
    {
      ...config,
      limits: {
        postsPerMinute: config.RAPPORT_SLACK_POSTS_PER_MINUTE,
        historyPerMinute: config.RAPPORT_SLACK_HISTORY_PER_MINUTE,
      },
      inbound: {
        concurrency: config.RAPPORT_INBOUND_CONCURRENCY,
        backlog: config.RAPPORT_INBOUND_BACKLOG,
      },
      ...(services.acknowledged && {
        acknowledged: (seconds: number) => services.acknowledged!('slack', seconds),
      }),
    },
    {
      db: database.db,
      clock,
      logger,
      useCases,
      workspaces: workspaceResolver(database.db),
      directory: { db: database.db, logger, ...pacing, detectedFields: new Map() },
    },
  );
}

export const slackPlatform: AdapterFactory = {
  platform: 'slack',
  configured: (config: Config) => slackConfigured(config),
  jobNames: ['directory-sync'],
  create: (services) => slackAdapterFor(services),
};
