import { WebClient, type WebClientOptions } from '@slack/web-api';
import { latestDailySlot } from '../../core/domain/schedule';
import { hasMembers } from '../../persistence/repositories/directory';
import { installedWorkspaceById } from '../../persistence/repositories/workspaces';
import type { JobDefinition } from '../../scheduler/job';
import { workspaceSchedules } from '../../scheduler/workspace-schedules';
import type { SlackDeps } from './deps';
import { syncDirectory } from './directory';

/** The team a bot token works in, as auth.test names it. */
export interface TokenTeam {
  id?: string | undefined;
  name?: string | undefined;
}

export interface DirectorySyncOptions {
  clientOptions: WebClientOptions;
  tokenFor: (teamId: string) => Promise<string>;
  /** The keys of the workspaces this deployment's credentials are installed in now. */
  installedKeys: () => Promise<string[]>;
}

/** Reads directories from Slack: one team on install, and every installed team once a day. */
export function directorySyncer(deps: SlackDeps, options: DirectorySyncOptions) {
  const { clientOptions, tokenFor, installedKeys } = options;

  /** Reads a team's directory into its workspace, which its install has made. */
  async function syncTeam(token: string, teamId: string): Promise<number> {
    const workspace = await deps.workspaces.forKey(teamId);
    if (!workspace) {
      deps.logger.warn({ teamId }, 'directory not read: the workspace is not installed');
      return 0;
    }
    return syncDirectory(deps.directory, new WebClient(token, clientOptions), workspace.id, teamId);
  }

  /**
   * Single-workspace mode at start-up: the token works, so the app is installed in the team
   * auth.test named, whatever an earlier uninstall said. Its directory is read if new to us.
   */
  async function installFromToken(token: string, team: TokenTeam): Promise<void> {
    if (!team.id) return;
    const workspaceId = await deps.workspaces.markInstalled(team.id, team.name);
    if (await hasMembers(deps.db, workspaceId)) return;
    const sync = syncTeam(token, team.id).catch((error: unknown) =>
      deps.logger.error({ err: error, workspaceId }, 'directory sync failed'),
    );
    deps.background?.(sync);
  }

  const job: JobDefinition = {
    name: 'directory-sync',
    description: "re-reads each Slack workspace's members, titles, timezones and departments",
    catchUpMs: 20 * 60 * 60 * 1000,
    async firings(now, ctx) {
      // Only workspaces these credentials are installed in: never read a directory into any other.
      const keys = new Set(await installedKeys());
      const schedules = await workspaceSchedules(ctx.db);
      return schedules
        .filter((s) => s.platform === 'slack' && keys.has(s.externalId))
        .map((s) => ({ scope: s.workspaceId, slot: latestDailySlot(now, 4, s.timezone) }));
    },
    async run({ scope }, ctx) {
      const workspace = await installedWorkspaceById(ctx.db, scope);
      if (!workspace || !(await installedKeys()).includes(workspace.externalId))
        return { queued: 0, note: 'not installed: nothing read' };
      const seen = await syncTeam(await tokenFor(workspace.externalId), workspace.externalId);
      return { queued: 0, note: `read ${seen} members` };
    },
  };

  return { syncTeam, installFromToken, job };
}
