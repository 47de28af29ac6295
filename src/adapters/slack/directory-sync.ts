import type { WebClientOptions } from '@slack/web-api';
import { latestDailySlot } from '../../core/domain/schedule';
import { recordFiring } from '../../scheduler/coordinator';
import type { Firing, JobDefinition } from '../../scheduler/job';
import { workspaceSchedules, type WorkspaceSchedule } from '../../scheduler/workspace-schedules';
import type { SlackDeps } from './deps';
import { syncDirectory } from './directory';
import { MethodNamingClient } from './failures';

const JOB = 'directory-sync';
/** The daily sync's hour in the workspace's timezone. */
const SYNC_HOUR = 4;

const firingOf = (s: WorkspaceSchedule, now: Date): Firing => ({
  scope: s.workspaceId,
  slot: latestDailySlot(now, SYNC_HOUR, s.timezone),
});

/** Reads directories from Slack: one team on install, and every installed team once a day. */
export function directorySyncer(
  deps: SlackDeps,
  clientOptions: WebClientOptions,
  tokenFor: (teamId: string) => Promise<string>,
) {
  // One read per team at a time in this process. A read takes many minutes in a large
  // workspace, and the scheduler's firing for the day falls due during the first one (which is
  // recorded only when it ends): that firing joins the read instead of starting another.
  const reading = new Map<string, Promise<number>>();

  function syncTeam(token: string, teamId: string): Promise<number> {
    const underway = reading.get(teamId);
    if (underway) return underway;
    const read = (async () => {
      const workspaceId = await deps.workspaces.forTeam(teamId);
      const client = new MethodNamingClient(token, clientOptions);
      return syncDirectory(deps.directory, client, workspaceId, teamId);
    })().finally(() => reading.delete(teamId));
    reading.set(teamId, read);
    return read;
  }

  /**
   * Reads a team's directory outside the schedule (at install, or at start-up) and records it
   * as that day's sync: otherwise the scheduler would read everyone again within a minute.
   */
  async function readNow(token: string, teamId: string, by: string): Promise<void> {
    const seen = await syncTeam(token, teamId);
    const workspaceId = await deps.workspaces.forTeam(teamId);
    // After the read: the workspace's timezone, and so its slot, is where most people are.
    const [schedule] = await workspaceSchedules(deps.db, workspaceId);
    if (!schedule) return;
    await recordFiring(deps, JOB, firingOf(schedule, deps.clock.now()), by, `read ${seen} members`);
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
    if (!known) await readNow(token, teamId, 'slack start-up');
  }

  const job: JobDefinition = {
    name: JOB,
    description: "re-reads each Slack workspace's members, titles, timezones and departments",
    catchUpMs: 20 * 60 * 60 * 1000,
    async firings(now, ctx) {
      const schedules = await workspaceSchedules(ctx.db);
      return schedules.filter((s) => s.platform === 'slack').map((s) => firingOf(s, now));
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

  return { syncTeam, readNow, readIfEmpty, job };
}

export type DirectorySyncer = ReturnType<typeof directorySyncer>;
