import { sql, type Kysely } from 'kysely';
import type { ChannelWeeks } from '../../core/domain/insights-rules';
import type { InsightsHeadline } from '../../core/domain/insights';
import type { InsightsRepository } from '../../core/ports';
import type { Database } from '../schema';

/**
 * The members insights count, as `isInNetwork` sees them and guests excluded: not bots, not
 * deactivated, not opted out, from this organisation.
 */
const counted = (workspaceId: string) => sql`counted as (
  select user_id, name, department_id from members
  where workspace_id = ${workspaceId} and not is_bot and not is_deactivated and not opted_out
    and external_org is null
)`;

/** The `counted` condition on one alias of members (a constant alias, never input). */
const countedAs = (alias: 'ca' | 'cb') =>
  sql.raw(
    `not ${alias}.is_bot and not ${alias}.is_deactivated and not ${alias}.opted_out and ${alias}.external_org is null`,
  );

/**
 * Cross-department interactions between counted members up to `to`, with both departments.
 * It joins members itself rather than `counted`: a CTE read twice is materialised without
 * statistics, and the planner, guessing one row, paired every member with every other.
 */
const crossInteractions = (workspaceId: string, to: Date) => sql`cross_interactions as (
  select i.member_id, i.other_member_id, i.source, i.occurred_at,
         ca.department_id as department_a, cb.department_id as department_b
  from interactions i
  join members ca on ca.workspace_id = i.workspace_id and ca.user_id = i.member_id
  join members cb on cb.workspace_id = i.workspace_id and cb.user_id = i.other_member_id
  where i.workspace_id = ${workspaceId} and i.occurred_at <= ${to}
    and ${countedAs('ca')} and ${countedAs('cb')}
    and ca.department_id <> cb.department_id
)`;

export function insightsRepository(db: Kysely<Database>): InsightsRepository {
  return {
    async departments(workspaceId) {
      const { rows } = await sql<{ id: string | null; name: string | null; members: number }>`
        with ${counted(workspaceId)}
        select c.department_id as id, d.name, count(*)::int as members
        from counted c left join departments d on d.id = c.department_id
        group by c.department_id, d.name
      `.execute(db);
      const withDepartment = rows.filter((r) => r.id !== null);
      return {
        members: rows.reduce((n, r) => n + r.members, 0),
        withoutDepartment: rows.find((r) => r.id === null)?.members ?? 0,
        departments: withDepartment.map((r) => ({ id: r.id!, name: r.name!, members: r.members })),
      };
    },

    async links(workspaceId, { from, to }, rule) {
      const weights = Object.entries(rule.weights).map(
        ([source, weight]) => sql`(${source}::text, ${weight}::float8)`,
      );
      // Interactions are stored once per direction: least/greatest make each pair one row.
      const { rows } = await sql<{ a: string; b: string; pairs: number; meaningful: number }>`
        with ${crossInteractions(workspaceId, to)},
        weights(source, weight) as (values ${sql.join(weights)}),
        pairs as (
          select least(i.department_a, i.department_b) as a,
                 greatest(i.department_a, i.department_b) as b,
                 bool_or(i.occurred_at >= ${from}) as in_period,
                 sum(coalesce(w.weight, 1) * power(0.5,
                   extract(epoch from (${to}::timestamptz - i.occurred_at)) / 86400.0
                     / ${rule.halfLifeDays}::float8))::float8 as strength
          from cross_interactions i left join weights w on w.source = i.source
          group by least(i.member_id, i.other_member_id), greatest(i.member_id, i.other_member_id),
                   1, 2
        )
        select a::text, b::text, count(*)::int as pairs,
               count(*) filter (
                 where round(strength::numeric, 2) >= ${rule.threshold}
               )::int as meaningful
        from pairs where in_period
        group by a, b
      `.execute(db);
      return rows.map((r) => ({ a: r.a, b: r.b, all: r.pairs, meaningful: r.meaningful }));
    },

    async reach(workspaceId, { from, to }) {
      const { rows } = await sql<{
        total: number;
        at_start: number;
        at_end: number;
        ids: string[];
        names: string[];
      }>`
        with ${counted(workspaceId)}, ${crossInteractions(workspaceId, to)},
        firsts as (
          select v.user_id, min(i.occurred_at) as first_at
          from cross_interactions i
          cross join lateral (values (i.member_id), (i.other_member_id)) as v(user_id)
          group by v.user_id
        )
        select count(*)::int as total,
               count(*) filter (where f.first_at <= ${from})::int as at_start,
               count(f.first_at)::int as at_end,
               coalesce(array_agg(c.user_id order by c.user_id)
                 filter (where f.first_at is null), '{}') as ids,
               coalesce(array_agg(c.name order by c.user_id)
                 filter (where f.first_at is null), '{}') as names
        from counted c left join firsts f on f.user_id = c.user_id
        where c.department_id is not null
      `.execute(db);
      const r = rows[0]!;
      return {
        of: r.total,
        start: r.at_start,
        end: r.at_end,
        isolated: r.ids.map((userId, i) => ({ userId, name: r.names[i]! })),
      };
    },

    async kudos(workspaceId, { from, to }) {
      const inPeriod = sql`k.workspace_id = ${workspaceId}
        and k.created_at >= ${from} and k.created_at <= ${to}`;
      const byValue = await sql<{ value: string; count: number }>`
        select v.value, count(*)::int as count
        from kudos k cross join lateral unnest(k.values) as v(value)
        where ${inPeriod}
        group by v.value
      `.execute(db);
      const given = await sql<{ department_id: string | null; count: number }>`
        with ${counted(workspaceId)}
        select c.department_id::text, count(*)::int as count
        from kudos k left join counted c on c.user_id = k.giver_id
        where ${inPeriod}
        group by c.department_id
      `.execute(db);
      // One row per thanks: a kudos to three people is three thanks.
      const received = await sql<{
        department_id: string | null;
        count: number;
        known: number;
        crossed: number;
      }>`
        with ${counted(workspaceId)}
        select rc.department_id::text, count(*)::int as count,
               count(*) filter (where gc.department_id is not null
                 and rc.department_id is not null)::int as known,
               count(*) filter (where gc.department_id <> rc.department_id)::int as crossed
        from kudos k
        join kudos_recipients r on r.kudos_id = k.id
        left join counted gc on gc.user_id = k.giver_id
        left join counted rc on rc.user_id = r.recipient_id
        where ${inPeriod}
        group by rc.department_id
      `.execute(db);
      const byDepartment = (rows: Array<{ department_id: string | null; count: number }>) =>
        rows.flatMap((r) =>
          r.department_id ? [{ departmentId: r.department_id, count: r.count }] : [],
        );
      return {
        total: given.rows.reduce((n, r) => n + r.count, 0),
        byValue: byValue.rows,
        given: byDepartment(given.rows),
        received: byDepartment(received.rows),
        crossing: {
          with: received.rows.reduce((n, r) => n + r.crossed, 0),
          of: received.rows.reduce((n, r) => n + r.known, 0),
        },
      };
    },

    async rounds(workspaceId, { from, to }) {
      // Told: a sent intro lists the member, whether it went to the group or to each alone.
      const { rows } = await sql<{
        channel_id: string;
        slot: Date;
        matched: number;
        told: number;
        met: number;
        paused: number;
        sat_out: number;
      }>`
        select rc.channel_id, r.slot, p.matched, p.told, p.met, a.paused, a.sat_out
        from rounds r
        join round_channels rc on rc.id = r.round_channel_id
        cross join lateral (
          select count(*)::int as matched,
                 count(*) filter (where g.outcome = 'met')::int as met,
                 count(*) filter (where exists (
                   select 1 from deliveries d
                   where d.workspace_id = r.workspace_id and d.status = 'sent'
                     and d.dedupe_key in ('round:' || r.id || ':intro:' || g.position,
                                          'round:' || r.id || ':intro:' || g.position || ':' || m.user_id)
                     and m.user_id = any(d.member_ids)
                 ))::int as told
          from round_groups g join round_group_members m on m.group_id = g.id
          where g.round_id = r.id
        ) p
        cross join lateral (
          select count(*) filter (where reason = 'paused')::int as paused,
                 count(*) filter (where reason <> 'paused')::int as sat_out
          from round_absences where round_id = r.id
        ) a
        where r.workspace_id = ${workspaceId} and r.slot >= ${from} and r.slot <= ${to}
        order by rc.channel_id, r.slot
      `.execute(db);
      const channels = new Map<string, ChannelWeeks>();
      for (const r of rows) {
        const channel = channels.get(r.channel_id) ?? { channelId: r.channel_id, weeks: [] };
        channel.weeks.push({
          slot: new Date(r.slot),
          matched: r.matched,
          told: r.told,
          met: r.met,
          satOut: r.sat_out,
          paused: r.paused,
        });
        channels.set(r.channel_id, channel);
      }
      return [...channels.values()];
    },

    async saveHeadline(workspaceId, headline, at) {
      const row = { figures: JSON.stringify(headline), computed_at: at };
      await db
        .insertInto('insights_headlines')
        .values({ workspace_id: workspaceId, weeks: headline.weeks, ...row })
        .onConflict((oc) => oc.columns(['workspace_id', 'weeks']).doUpdateSet(row))
        .execute();
    },

    async headline(workspaceId, weeks) {
      const row = await db
        .selectFrom('insights_headlines')
        .select(['figures', 'computed_at'])
        .where('workspace_id', '=', workspaceId)
        .where('weeks', '=', weeks)
        .executeTakeFirst();
      return row
        ? { headline: row.figures as InsightsHeadline, computedAt: new Date(row.computed_at) }
        : null;
    },
  };
}
