import { sql, type Kysely } from 'kysely';
import type { RelationshipKind } from '../../core/domain/relationship-kind';
import type { Counterpart, InteractionRepository } from '../../core/ports';
import type { Database } from '../schema';

export function interactionRepository(db: Kysely<Database>): InteractionRepository {
  return {
    async insertMany(workspaceId, interactions) {
      if (interactions.length === 0) return;
      await db
        .insertInto('interactions')
        .values(
          interactions.map((i) => ({
            workspace_id: workspaceId,
            member_id: i.memberId,
            other_member_id: i.otherMemberId,
            kind: i.kind,
            source: i.source,
            source_ref: i.sourceRef,
            occurred_at: i.occurredAt,
          })),
        )
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'source', 'source_ref', 'member_id', 'other_member_id'])
            .doNothing(),
        )
        .execute();
    },

    async counterparts(workspaceId, userId): Promise<Counterpart[]> {
      // Interactions count in both directions; a pair's kind is the one recorded most recently.
      const result = await sql<{
        user_id: string;
        kind: RelationshipKind;
        department_name: string | null;
        interactions: number;
        last_at: Date;
      }>`
        with mine as (
          select case when member_id = ${userId} then other_member_id else member_id end as other_id,
                 kind, occurred_at
          from interactions
          where workspace_id = ${workspaceId} and (member_id = ${userId} or other_member_id = ${userId})
        ),
        per_person as (
          select other_id,
                 (array_agg(kind order by occurred_at desc))[1] as kind,
                 count(*)::int as interactions,
                 max(occurred_at) as last_at
          from mine group by other_id
        )
        select p.other_id as user_id, p.kind, d.name as department_name, p.interactions, p.last_at
        from per_person p
        join members m on m.workspace_id = ${workspaceId} and m.user_id = p.other_id
        left join departments d on d.workspace_id = m.workspace_id and d.id = m.department_id
        order by p.last_at desc
      `.execute(db);
      return result.rows.map((r) => ({
        userId: r.user_id,
        kind: r.kind,
        departmentName: r.department_name,
        interactions: Number(r.interactions),
        lastInteractionAt: new Date(r.last_at),
      }));
    },
  };
}
