import type { Kysely } from 'kysely';
import type { SuggestionSnoozeRepository } from '../../core/relationship-ports';
import type { Database } from '../schema';

export function suggestionSnoozeRepository(db: Kysely<Database>): SuggestionSnoozeRepository {
  return {
    async snooze(workspaceId, memberId, otherId, until) {
      await db
        .insertInto('suggestion_snoozes')
        .values({ workspace_id: workspaceId, member_id: memberId, other_member_id: otherId, until })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'member_id', 'other_member_id']).doUpdateSet({ until }),
        )
        .execute();
    },

    async active(workspaceId, now, memberId) {
      let query = db
        .selectFrom('suggestion_snoozes')
        .select(['member_id', 'other_member_id'])
        .where('workspace_id', '=', workspaceId)
        .where('until', '>', now);
      if (memberId) query = query.where('member_id', '=', memberId);
      const result = new Map<string, Set<string>>();
      for (const r of await query.execute()) {
        const set = result.get(r.member_id) ?? new Set<string>();
        set.add(r.other_member_id);
        result.set(r.member_id, set);
      }
      return result;
    },
  };
}
