import { sql, type Kysely } from 'kysely';
import type { KudosRecord, KudosRepository } from '../../core/ports';
import type { Database } from '../schema';

/** Kudos with who was thanked, for one workspace; callers add the where and order. */
export function kudosWithRecipients(db: Kysely<Database>, workspaceId: string) {
  return db
    .selectFrom('kudos as k')
    .where('k.workspace_id', '=', workspaceId)
    .select([
      'k.id',
      'k.giver_id',
      'k.message',
      'k.values',
      'k.channel_id',
      'k.source_key',
      'k.created_at',
      (eb) =>
        eb
          .selectFrom('kudos_recipients as r')
          .whereRef('r.kudos_id', '=', 'k.id')
          .select(
            sql<string[]>`coalesce(array_agg(r.recipient_id order by r.recipient_id), '{}')`.as(
              'ids',
            ),
          )
          .as('recipient_ids'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof kudosWithRecipients>['executeTakeFirstOrThrow']>>;

export function toRecord(row: Row): KudosRecord {
  return {
    id: row.id,
    giverId: row.giver_id,
    recipientIds: row.recipient_ids ?? [],
    message: row.message,
    values: row.values,
    channelId: row.channel_id,
    sourceKey: row.source_key,
    createdAt: row.created_at,
  };
}

export function kudosRepository(db: Kysely<Database>): KudosRepository {
  return {
    async findBySourceKey(workspaceId, sourceKey) {
      const row = await kudosWithRecipients(db, workspaceId)
        .where('k.source_key', '=', sourceKey)
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },
    async countRecipientsGivenSince(workspaceId, giverId, since) {
      const row = await db
        .selectFrom('kudos as k')
        .innerJoin('kudos_recipients as r', 'r.kudos_id', 'k.id')
        .where('k.workspace_id', '=', workspaceId)
        .where('k.giver_id', '=', giverId)
        .where('k.created_at', '>=', since)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insert(workspaceId, kudos) {
      const inserted = await db
        .insertInto('kudos')
        .values({
          workspace_id: workspaceId,
          giver_id: kudos.giverId,
          message: kudos.message,
          values: kudos.values,
          channel_id: kudos.channelId,
          source_key: kudos.sourceKey,
          created_at: kudos.createdAt,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'source_key']).doNothing())
        .returning(['id', 'created_at'])
        .executeTakeFirst();
      if (!inserted) return null;
      if (kudos.recipientIds.length > 0) {
        await db
          .insertInto('kudos_recipients')
          .values(
            kudos.recipientIds.map((id) => ({
              kudos_id: inserted.id,
              workspace_id: workspaceId,
              recipient_id: id,
            })),
          )
          .execute();
      }
      return { ...kudos, id: inserted.id, createdAt: inserted.created_at };
    },
    async countGiven(workspaceId, userId) {
      const row = await db
        .selectFrom('kudos as k')
        .innerJoin('kudos_recipients as r', 'r.kudos_id', 'k.id')
        .where('k.workspace_id', '=', workspaceId)
        .where('k.giver_id', '=', userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async recent(workspaceId, userId, limit) {
      const given = await kudosWithRecipients(db, workspaceId)
        .where('k.giver_id', '=', userId)
        .orderBy('k.created_at', 'desc')
        .limit(limit)
        .execute();
      // From the member's own recipient rows: an EXISTS let the planner walk the workspace's
      // kudos newest first until three were theirs, 16,000 rows for someone thanked a year ago.
      const received = await kudosWithRecipients(db, workspaceId)
        .where('k.id', 'in', (eb) =>
          eb
            .selectFrom('kudos_recipients as mine')
            .where('mine.workspace_id', '=', workspaceId)
            .where('mine.recipient_id', '=', userId)
            .select('mine.kudos_id'),
        )
        .orderBy('k.created_at', 'desc')
        .limit(limit)
        .execute();
      return { given: given.map(toRecord), received: received.map(toRecord) };
    },
    async between(workspaceId, from, to) {
      const rows = await kudosWithRecipients(db, workspaceId)
        .where('k.created_at', '>=', from)
        .where('k.created_at', '<', to)
        .orderBy('k.created_at')
        .execute();
      const ids = [...new Set(rows.flatMap((r) => [r.giver_id, ...(r.recipient_ids ?? [])]))];
      const departments = new Map<string, string | null>();
      if (ids.length > 0) {
        const people = await db
          .selectFrom('members as m')
          .leftJoin('departments as d', (j) =>
            j.onRef('d.id', '=', 'm.department_id').onRef('d.workspace_id', '=', 'm.workspace_id'),
          )
          .where('m.workspace_id', '=', workspaceId)
          .where('m.user_id', 'in', ids)
          .select(['m.user_id', 'd.name'])
          .execute();
        for (const p of people) departments.set(p.user_id, p.name);
      }
      return rows.map((row) => {
        const record = toRecord(row);
        return {
          ...record,
          giverDepartment: departments.get(record.giverId) ?? null,
          recipientDepartments: record.recipientIds.map((id) => departments.get(id) ?? null),
        };
      });
    },
    async countReceived(workspaceId, userId) {
      const row = await db
        .selectFrom('kudos_recipients')
        .where('workspace_id', '=', workspaceId)
        .where('recipient_id', '=', userId)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
