import type { Config } from '../../config';
import type { Clock } from '../../core/ports';
import type { Logger } from '../../logger';
import type { DatabaseHandle } from '../../persistence/database';
import type { UseCases } from '../../services';
import { createSlackAdapter, type SlackAdapter } from './app';
import { workspaceResolver } from './workspaces';

export interface DirectoryPacing {
  pageIntervalMs: number;
  profileIntervalMs: number;
}

/** The Slack adapter as the server and the job command build it from the configuration. */
export function slackAdapterFor(
  config: Config,
  database: DatabaseHandle,
  logger: Logger,
  useCases: UseCases,
  clock: Clock,
  // users.list is Tier 2 (about 20 a minute), users.profile.get Tier 4 (about 100).
  pacing: DirectoryPacing = { pageIntervalMs: 3000, profileIntervalMs: 600 },
): SlackAdapter {
  return createSlackAdapter(
    {
      ...config,
      limits: {
        postsPerMinute: config.RAPPORT_SLACK_POSTS_PER_MINUTE,
        historyPerMinute: config.RAPPORT_SLACK_HISTORY_PER_MINUTE,
      },
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
