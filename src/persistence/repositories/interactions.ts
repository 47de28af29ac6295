import { sql, type Kysely } from 'kysely';
import type { InteractionRepository } from '../../core/ports';
import type { Database } from '../schema';

export function interactionRepository(db: Kysely<Database>): InteractionRepository {
  return {
    async insertMany(workspaceId, interactions) {
      if (interactions.length === 0) return 0;
      const inserted = await db
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
        .returning('id')
        .execute();
      // Their own contacts changed: their people to meet are worked out again when next read.
      await db
        .deleteFrom('member_suggestions')
        .where('workspace_id', '=', workspaceId)
        .where('member_id', 'in', [
          ...new Set(interactions.flatMap((i) => [i.memberId, i.otherMemberId])),
        ])
        .execute();
      return inserted.length;
    },

    async eventsOf(workspaceId, userId) {
      // Both directions: a kudos given and a kudos received both belong to the pair.
      const rows = await db
        .selectFrom('interactions')
        .select(['member_id', 'other_member_id', 'source', 'occurred_at'])
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('member_id', '=', userId), eb('other_member_id', '=', userId)]))
        .execute();
      return rows.map((r) => ({
        otherId: r.member_id === userId ? r.other_member_id : r.member_id,
        source: r.source,
        at: r.occurred_at,
      }));
    },

    async pairStrengths(workspaceId, now, rule, around) {
      const weights = Object.entries(rule.weights).map(
        ([source, weight]) => sql`(${source}::text, ${weight}::float8)`,
      );
      // Only the member's pairs and those of the people they know, for one member's view: the
      // rows by either side, each read through its own index (an OR of the two reads the whole
      // workspace), a row with both sides near taken once.
      const scope = around
        ? sql`(
            select i.* from interactions i join near n on n.id = i.member_id
            where i.workspace_id = ${workspaceId}
            union all
            select i.* from interactions i join near n on n.id = i.other_member_id
            where i.workspace_id = ${workspaceId} and i.member_id not in (select id from near)
          )`
        : sql`interactions`;
      const { rows: pairs } = await sql<{ a: string; b: string; strength: number; last_at: Date }>`
        with weights(source, weight) as (values ${sql.join(weights)}),
        near(id) as (
          select ${around ?? null}::text
          union
          select case when member_id = ${around ?? null} then other_member_id else member_id end
          from interactions
          where workspace_id = ${workspaceId}
            and (member_id = ${around ?? null} or other_member_id = ${around ?? null})
        )
        select least(i.member_id, i.other_member_id) as a,
               greatest(i.member_id, i.other_member_id) as b,
               sum(coalesce(w.weight, 1) * power(0.5,
                 extract(epoch from (${now}::timestamptz - i.occurred_at)) / 86400.0
                   / ${rule.halfLifeDays}::float8))::float8 as strength,
               max(i.occurred_at) as last_at
        from ${scope} i
        left join weights w on w.source = i.source
        where i.workspace_id = ${workspaceId} and i.occurred_at <= ${now}
        group by 1, 2
      `.execute(db);
      return pairs.map((r) => ({
        a: r.a,
        b: r.b,
        strength: Number(r.strength),
        lastAt: new Date(r.last_at),
      }));
    },

    async lastWith(workspaceId, userId, otherIds) {
      if (otherIds.length === 0) return new Map();
      const { rows } = await sql<{ other_id: string; last_at: Date }>`
        select case when member_id = ${userId} then other_member_id else member_id end as other_id,
               max(occurred_at) as last_at
        from interactions
        where workspace_id = ${workspaceId}
          and ((member_id = ${userId} and other_member_id in (${sql.join(otherIds)}))
            or (other_member_id = ${userId} and member_id in (${sql.join(otherIds)})))
        group by 1
      `.execute(db);
      return new Map(rows.map((r) => [r.other_id, new Date(r.last_at)]));
    },
  };
}
