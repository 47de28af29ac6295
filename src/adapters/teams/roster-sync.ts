import { latestDailySlot } from '../../core/domain/schedule';
import { installedWorkspaceById } from '../../persistence/repositories/workspaces';
import { workspaceSchedules } from '../../persistence/repositories/workspace-schedules';
import { recordFiring } from '../../scheduler/coordinator';
import type { JobDefinition } from '../../scheduler/job';
import type { Clock } from '../../core/ports';
import { readRoster, type TeamsDirectory } from './directory';

export const ROSTER_JOB = 'teams-roster-sync';
/** The daily read's hour in the tenant's timezone. */
const SYNC_HOUR = 4;

/**
 * Reads a team's roster when Rapport is added to it, and records the read as that day's sync:
 * otherwise the scheduler would read everyone again within a minute.
 */
export async function readAtInstall(
  dir: TeamsDirectory,
  clock: Clock,
  workspace: { id: string; tenantId: string },
  serviceUrl: string,
  conversationId: string,
): Promise<void> {
  const seen = await readRoster(dir, workspace.id, workspace.tenantId, serviceUrl, conversationId);
  const [schedule] = await workspaceSchedules(dir.db, workspace.id);
  if (!schedule) return;
  const slot = latestDailySlot(clock.now(), SYNC_HOUR, schedule.timezone);
  await recordFiring(
    { db: dir.db, clock },
    ROSTER_JOB,
    { scope: workspace.id, slot },
    'teams install',
    `read ${seen} members`,
  );
}

/**
 * Reads every team Rapport is installed in once a day: membersAdded and membersRemoved keep
 * the directory current in between, and this catches what a missed event would not.
 */
export function rosterSyncJob(dir: TeamsDirectory): JobDefinition {
  return {
    name: ROSTER_JOB,
    description: 're-reads the members of each Teams team Rapport is installed in',
    catchUpMs: 20 * 60 * 60 * 1000,
    async firings(now, ctx) {
      const schedules = await workspaceSchedules(ctx.db);
      return schedules
        .filter((s) => s.platform === 'teams')
        .map((s) => ({ scope: s.workspaceId, slot: latestDailySlot(now, SYNC_HOUR, s.timezone) }));
    },
    async run({ scope }, ctx) {
      const workspace = await installedWorkspaceById(ctx.db, scope);
      if (!workspace) return { queued: 0, note: 'not installed: nothing read' };
      let seen = 0;
      for (const team of await dir.store.teams(scope))
        seen += await readRoster(dir, scope, workspace.externalId, team.serviceUrl, team.teamId!);
      return { queued: 0, note: `read ${seen} members` };
    },
  };
}
