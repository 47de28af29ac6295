import type { Kysely } from 'kysely';
import type { MentorshipRepository } from '../../core/ports';
import type { Database } from '../schema';

export function mentorshipRepository(db: Kysely<Database>): MentorshipRepository {
  return {
    async declare(workspaceId, m) {
      const row = await db
        .insertInto('mentorships')
        .values({
          workspace_id: workspaceId,
          mentor_id: m.mentorId,
          mentee_id: m.menteeId,
          declared_by: m.declaredBy,
          created_at: m.at,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'mentor_id', 'mentee_id']).doNothing())
        .returning('mentor_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async remove(workspaceId, a, b) {
      const result = await db
        .deleteFrom('mentorships')
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or([
            eb.and([eb('mentor_id', '=', a), eb('mentee_id', '=', b)]),
            eb.and([eb('mentor_id', '=', b), eb('mentee_id', '=', a)]),
          ]),
        )
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async partnersOf(workspaceId, userId) {
      const rows = await db
        .selectFrom('mentorships')
        .select(['mentor_id', 'mentee_id'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
        .execute();
      return new Set(rows.map((r) => (r.mentor_id === userId ? r.mentee_id : r.mentor_id)));
    },
  };
}
