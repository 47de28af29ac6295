import type { Kysely } from 'kysely';
import type { WelcomeRepository } from '../../core/relationship-ports';
import type { Database } from '../schema';

export function welcomeRepository(db: Kysely<Database>): WelcomeRepository {
  const one = (workspaceId: string, userId: string) =>
    db
      .updateTable('welcomes')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId);
  return {
    async schedule(workspaceId, userId, joinedAt, dueAt) {
      await db
        .insertInto('welcomes')
        .values({ workspace_id: workspaceId, user_id: userId, joined_at: joinedAt, due_at: dueAt })
        .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
        .execute();
    },
    async claimDue(workspaceId, now, limit) {
      const rows = await db
        .selectFrom('welcomes')
        .select('user_id')
        .where('workspace_id', '=', workspaceId)
        .where('queued_at', 'is', null)
        .where('due_at', '<=', now)
        .orderBy('due_at')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      return rows.map((r) => ({ userId: r.user_id }));
    },
    async markQueued(workspaceId, userId, at) {
      await one(workspaceId, userId).set({ queued_at: at }).execute();
    },
    async postpone(workspaceId, userId, dueAt) {
      await one(workspaceId, userId).set({ due_at: dueAt }).execute();
    },
  };
}
