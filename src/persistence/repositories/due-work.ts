import type { Kysely } from 'kysely';
import type { Platform } from '../../core/domain/member';
import type { Database } from '../schema';

/** Which installed workspaces, on the platforms this process serves, have work due: the jobs' queries. */
export function dueWork(db: Kysely<Database>) {
  return {
    /** Workspaces with follow-up reminders due by `now` and not queued yet. */
    async remindersDue(now: Date, platforms: readonly Platform[]): Promise<string[]> {
      if (platforms.length === 0) return [];
      const rows = await db
        .selectFrom('reminders as r')
        .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
        .select('r.workspace_id')
        .distinct()
        .where('r.status', '=', 'pending')
        .where('r.queued_at', 'is', null)
        .where('r.due_at', '<=', now)
        .where('w.uninstalled_at', 'is', null)
        .where('w.platform', 'in', platforms)
        .execute();
      return rows.map((r) => r.workspace_id);
    },

    /** Workspaces with an introduction waiting on the person both know. */
    async waitingOnMutual(): Promise<string[]> {
      const rows = await db
        .selectFrom('introductions')
        .select('workspace_id')
        .distinct()
        .where('status', '=', 'asking_mutual')
        .execute();
      return rows.map((r) => r.workspace_id);
    },

    /** Workspaces with new members' welcomes due by `now`. */
    async welcomesDue(now: Date, platforms: readonly Platform[]): Promise<string[]> {
      if (platforms.length === 0) return [];
      const rows = await db
        .selectFrom('welcomes as r')
        .innerJoin('workspaces as w', 'w.id', 'r.workspace_id')
        .select('r.workspace_id')
        .distinct()
        .where('r.queued_at', 'is', null)
        .where('r.due_at', '<=', now)
        .where('w.uninstalled_at', 'is', null)
        .where('w.platform', 'in', platforms)
        .execute();
      return rows.map((r) => r.workspace_id);
    },

    /** The enabled round channels of these workspaces, with what their schedule needs. */
    async roundSchedules(workspaceIds: string[]) {
      if (workspaceIds.length === 0) return [];
      return db
        .selectFrom('round_channels')
        .select(['id', 'workspace_id', 'every_weeks', 'weekday', 'hour', 'timezone'])
        .where('enabled', '=', true)
        .where('workspace_id', 'in', workspaceIds)
        .execute();
    },

    /** A round channel with its workspace's platform ids, for the round job. */
    roundChannel(id: string) {
      return db
        .selectFrom('round_channels as c')
        .innerJoin('workspaces as w', 'w.id', 'c.workspace_id')
        .select([
          'c.workspace_id',
          'c.channel_id',
          'c.participation',
          'w.platform',
          'w.external_id',
        ])
        .where('c.id', '=', id)
        .executeTakeFirstOrThrow();
    },
  };
}
