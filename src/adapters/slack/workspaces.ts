import { sql, type Kysely } from 'kysely';
import type { Database } from '../../persistence/schema';

/** Maps Slack team ids to Rapport workspace ids, creating the workspace on first contact. */
export function workspaceResolver(db: Kysely<Database>) {
  const cache = new Map<string, string>();
  return {
    async forTeam(teamId: string, name?: string): Promise<string> {
      const cached = cache.get(teamId);
      if (cached && !name) return cached;
      const row = await db
        .insertInto('workspaces')
        .values({ platform: 'slack', external_id: teamId, name: name ?? teamId })
        .onConflict((oc) =>
          oc.columns(['platform', 'external_id']).doUpdateSet({
            // A name Slack told us beats the team id we used as a placeholder.
            name: name ? name : sql`workspaces.name`,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      cache.set(teamId, row.id);
      return row.id;
    },

    /** The workspace's work stops from `at` (the first uninstall event wins). */
    async markUninstalled(teamId: string, at: Date): Promise<string> {
      const workspaceId = await this.forTeam(teamId);
      await db
        .updateTable('workspaces')
        .set({ uninstalled_at: sql`coalesce(uninstalled_at, ${at})` })
        .where('id', '=', workspaceId)
        .execute();
      return workspaceId;
    },

    async markInstalled(teamId: string, name?: string): Promise<string> {
      const workspaceId = await this.forTeam(teamId, name);
      await db
        .updateTable('workspaces')
        .set({ uninstalled_at: null })
        .where('id', '=', workspaceId)
        .execute();
      return workspaceId;
    },
  };
}

export type WorkspaceResolver = ReturnType<typeof workspaceResolver>;
