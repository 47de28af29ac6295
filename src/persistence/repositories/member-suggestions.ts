import type { Kysely } from 'kysely';
import type { Suggestion } from '../../core/domain/network';
import type { MemberSuggestionRepository } from '../../core/relationship-ports';
import type { Database } from '../schema';

/** Rows per insert: five parameters each, well under Postgres's 65,535. */
const CHUNK = 2000;

const columns = (suggestions: Suggestion[]) => ({
  suggested_ids: suggestions.map((s) => s.userId),
  mutual_ids: suggestions.map((s) => s.mutualId),
  mutual_counts: suggestions.map((s) => s.mutualCount),
});

export function memberSuggestionRepository(db: Kysely<Database>): MemberSuggestionRepository {
  return {
    async replaceAll(workspaceId, at, lists) {
      await db.deleteFrom('member_suggestions').where('workspace_id', '=', workspaceId).execute();
      const rows = [...lists];
      for (let start = 0; start < rows.length; start += CHUNK)
        await db
          .insertInto('member_suggestions')
          .values(
            rows.slice(start, start + CHUNK).map(([memberId, suggestions]) => ({
              workspace_id: workspaceId,
              member_id: memberId,
              ...columns(suggestions),
              computed_at: at,
            })),
          )
          .execute();
      return rows.length;
    },

    async put(workspaceId, memberId, at, suggestions) {
      const row = { ...columns(suggestions), computed_at: at };
      await db
        .insertInto('member_suggestions')
        .values({ workspace_id: workspaceId, member_id: memberId, ...row })
        .onConflict((oc) => oc.columns(['workspace_id', 'member_id']).doUpdateSet(row))
        .execute();
    },

    async of(workspaceId, memberId) {
      const row = await db
        .selectFrom('member_suggestions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        computedAt: new Date(row.computed_at),
        suggestions: row.suggested_ids.map((userId, k) => ({
          userId,
          mutualId: row.mutual_ids[k] ?? null,
          mutualCount: row.mutual_counts[k] ?? 0,
        })),
      };
    },
  };
}
