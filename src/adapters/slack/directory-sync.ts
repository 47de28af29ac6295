import type { WebClientOptions } from '@slack/web-api';
import { latestDailySlot } from '../../core/domain/schedule';
import type { JobDefinition } from '../../scheduler/job';
import { workspaceSchedules } from '../../scheduler/workspace-schedules';
import type { SlackDeps } from './deps';
import { syncDirectory } from './directory';
import { MethodNamingClient } from './failures';

/** Reads directories from Slack: one team on install, and every installed team once a day. */
export function directorySyncer(
  deps: SlackDeps,
  clientOptions: WebClientOptions,
  tokenFor: (teamId: string) => Promise<string>,
) {
  async function syncTeam(token: string, teamId: string): Promise<number> {
    const workspaceId = await deps.workspaces.forTeam(teamId);
    const client = new MethodNamingClient(token, clientOptions);
    return syncDirectory(deps.directory, client, workspaceId, teamId);
  }

  /** Single-workspace start-up: reads the team's directory if we hold none of it yet. */
  async function readIfEmpty(token: string, teamId: string): Promise<void> {
    const workspaceId = await deps.workspaces.forTeam(teamId);
    const known = await deps.db
      .selectFrom('members')
      .select('user_id')
      .where('workspace_id', '=', workspaceId)
      .limit(1)
      .executeTakeFirst();
    if (!known) await syncTeam(token, teamId);
  }

  const job: JobDefinition = {
    name: 'directory-sync',
    description: "re-reads each Slack workspace's members, titles, timezones and departments",
    catchUpMs: 20 * 60 * 60 * 1000,
    async firings(now, ctx) {
      const schedules = await workspaceSchedules(ctx.db);
      return schedules
        .filter((s) => s.platform === 'slack')
        .map((s) => ({ scope: s.workspaceId, slot: latestDailySlot(now, 4, s.timezone) }));
    },
    async run({ scope }, ctx) {
      const workspace = await ctx.db
        .selectFrom('workspaces')
        .select('external_id')
        .where('id', '=', scope)
        .executeTakeFirstOrThrow();
      const seen = await syncTeam(await tokenFor(workspace.external_id), workspace.external_id);
      return { queued: 0, note: `read ${seen} members` };
    },
  };

  return { syncTeam, readIfEmpty, job };
}

export type DirectorySyncer = ReturnType<typeof directorySyncer>;
