import type { WebClientOptions } from '@slack/web-api';
import { latestDailySlot } from '../../core/domain/schedule';
import { hasMembers } from '../../persistence/repositories/directory';
import { installedWorkspaceById } from '../../persistence/repositories/workspaces';
import { recordFiring } from '../../scheduler/coordinator';
import type { Firing, JobDefinition } from '../../scheduler/job';
import {
  workspaceSchedules,
  type WorkspaceSchedule,
} from '../../persistence/repositories/workspace-schedules';
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

export interface DirectorySyncOptions {
  clientOptions: WebClientOptions;
  tokenFor: (teamId: string) => Promise<string>;
  /** The keys of the workspaces this deployment's credentials are installed in now. */
  installedKeys: () => Promise<string[]>;
}

/** Reads directories from Slack: one team on install, and every installed team once a day. */
export function directorySyncer(deps: SlackDeps, options: DirectorySyncOptions) {
  const { clientOptions, tokenFor, installedKeys } = options;
  // One read per team at a time in this process. A read takes many minutes in a large
  // workspace, and the scheduler's firing for the day falls due during the first one (which is
  // recorded only when it ends): that firing joins the read instead of starting another.
  const reading = new Map<string, Promise<number>>();

  /** Reads a team's directory into its workspace, which its install has made. */
  function syncTeam(token: string, teamId: string): Promise<number> {
    const underway = reading.get(teamId);
    if (underway) return underway;
    const read = (async () => {
      const workspace = await deps.workspaces.forKey(teamId);
      if (!workspace) {
        deps.logger.warn({ teamId }, 'directory not read: the workspace is not installed');
        return 0;
      }
      const client = new MethodNamingClient(token, clientOptions);
      return syncDirectory(deps.directory, client, workspace.id, teamId);
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
    const workspace = await deps.workspaces.forKey(teamId);
    if (!workspace) return;
    // After the read: the workspace's timezone, and so its slot, is where most people are.
    const [schedule] = await workspaceSchedules(deps.db, workspace.id);
    if (!schedule) return;
    await recordFiring(deps, JOB, firingOf(schedule, deps.clock.now()), by, `read ${seen} members`);
  }

  /** Single-workspace start-up: reads the team's directory if we hold none of it yet. */
  async function readIfEmpty(token: string, teamId: string): Promise<void> {
    const workspace = await deps.workspaces.forKey(teamId);
    if (workspace && !(await hasMembers(deps.db, workspace.id)))
      await readNow(token, teamId, 'slack start-up');
  }

  const job: JobDefinition = {
    name: JOB,
    description: "re-reads each Slack workspace's members, titles, timezones and departments",
    catchUpMs: 20 * 60 * 60 * 1000,
    async firings(now, ctx) {
      // Only workspaces these credentials are installed in: never read a directory into any other.
      const keys = new Set(await installedKeys());
      const schedules = await workspaceSchedules(ctx.db);
      return schedules
        .filter((s) => s.platform === 'slack' && keys.has(s.externalId))
        .map((s) => firingOf(s, now));
    },
    async run({ scope }, ctx) {
      const workspace = await installedWorkspaceById(ctx.db, scope);
      if (!workspace || !(await installedKeys()).includes(workspace.externalId))
        return { queued: 0, note: 'not installed: nothing read' };
      const seen = await syncTeam(await tokenFor(workspace.externalId), workspace.externalId);
      return { queued: 0, note: `read ${seen} members` };
    },
  };

  return { syncTeam, readNow, readIfEmpty, job };
}

export type DirectorySyncer = ReturnType<typeof directorySyncer>;
