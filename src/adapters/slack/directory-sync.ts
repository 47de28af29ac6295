import type { Authorize } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackDeps } from './deps';
import { syncDirectory } from './directory';
import type { PostgresInstallationStore } from './installation-store';

export interface SyncSources {
  /** Single-workspace mode: the bot token from the environment. */
  singleToken: string | null;
  store: PostgresInstallationStore | null;
  authorize: Authorize<boolean> | null;
}

/** Reads directories from Slack: one team on install, every installed team once a day. */
export function directorySyncer(
  deps: SlackDeps,
  clientOptions: WebClientOptions,
  sources: SyncSources,
) {
  async function syncTeam(token: string, teamId: string): Promise<void> {
    try {
      const workspaceId = await deps.workspaces.forTeam(teamId);
      await syncDirectory(deps.directory, new WebClient(token, clientOptions), workspaceId, teamId);
    } catch (error) {
      deps.logger.error({ err: error, teamId }, 'directory sync failed');
    }
  }

  async function syncSingle(token: string): Promise<void> {
    try {
      const auth = await new WebClient(token, clientOptions).auth.test();
      if (!auth.team_id) return;
      // The token works, so the app is installed, whatever an earlier uninstall said.
      await deps.workspaces.markInstalled(auth.team_id, auth.team);
      await syncTeam(token, auth.team_id);
    } catch (error) {
      deps.logger.error({ err: error }, 'could not reach Slack to sync the directory');
    }
  }

  async function syncAll(): Promise<void> {
    if (sources.singleToken) return syncSingle(sources.singleToken);
    if (!sources.store || !sources.authorize) return;
    for (const key of await sources.store.keys()) {
      try {
        const auth = await sources.authorize({
          teamId: key,
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        });
        if (auth.botToken) await syncTeam(auth.botToken, key);
      } catch (error) {
        deps.logger.error({ err: error, key }, 'could not authorize the directory sync');
      }
    }
  }

  return { syncTeam, syncAll };
}
