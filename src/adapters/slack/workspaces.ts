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
  };
}

export type WorkspaceResolver = ReturnType<typeof workspaceResolver>;
