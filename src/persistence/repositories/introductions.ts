import type { Kysely, Selectable } from 'kysely';
import type { Introduction, IntroductionRepository } from '../../core/relationship-ports';
import type { Database, IntroductionsTable } from '../schema';

const OPEN = ['asked', 'asking_mutual'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const toIntroduction = (r: Selectable<IntroductionsTable>): Introduction => ({
  id: r.id,
  requesterId: r.requester_id,
  targetId: r.target_id,
  mutualId: r.mutual_id,
  status: r.status,
  origin: r.origin,
  mutualJoins: r.mutual_joins,
  createdAt: r.created_at,
  answeredAt: r.answered_at,
});

export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export function introductionRepository(db: Kysely<Database>): IntroductionRepository {
  return {
    async create(workspaceId, intro) {
      const row = await db
        .insertInto('introductions')
        .values({
          workspace_id: workspaceId,
          requester_id: intro.requesterId,
          target_id: intro.targetId,
          pair_key: pairKey(intro.requesterId, intro.targetId),
          mutual_id: intro.mutualId,
          status: 'asked',
          origin: intro.origin,
          source_ref: intro.sourceRef,
          created_at: intro.at,
        })
        // One open request per pair (a partial unique index), one per source key.
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toIntroduction(row) : null;
    },

    async lock(workspaceId, id) {
      if (!UUID.test(id)) return null;
      const row = await db
        .selectFrom('introductions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toIntroduction(row) : null;
    },

    async update(workspaceId, id, change) {
      await db
        .updateTable('introductions')
        .set({
          ...(change.status && { status: change.status }),
          ...(change.mutualJoins !== undefined && { mutual_joins: change.mutualJoins }),
          ...(change.answeredAt && { answered_at: change.answeredAt }),
          ...(change.openedAt && { opened_at: change.openedAt }),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
    },

    async openWith(workspaceId, userId) {
      const rows = await db
        .selectFrom('introductions')
        .select(['requester_id', 'target_id'])
        .where('workspace_id', '=', workspaceId)
        .where('status', 'in', OPEN)
        .where((eb) => eb.or([eb('requester_id', '=', userId), eb('target_id', '=', userId)]))
        .execute();
      return new Set(rows.map((r) => (r.requester_id === userId ? r.target_id : r.requester_id)));
    },

    async openFor(workspaceId, userId) {
      const rows = await db
        .selectFrom('introductions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'asked'), eb('target_id', '=', userId)]),
            eb.and([eb('status', '=', 'asking_mutual'), eb('mutual_id', '=', userId)]),
            eb.and([eb('status', 'in', OPEN), eb('requester_id', '=', userId)]),
          ]),
        )
        .orderBy('created_at')
        .execute();
      return rows.map(toIntroduction);
    },

    async openPairs(workspaceId) {
      const rows = await db
        .selectFrom('introductions')
        .select(['requester_id', 'target_id'])
        .where('workspace_id', '=', workspaceId)
        .where('status', 'in', OPEN)
        .execute();
      return rows.map((r) => [r.requester_id, r.target_id] as [string, string]);
    },

    async waitingOnMutual(workspaceId, before) {
      const rows = await db
        .selectFrom('introductions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('status', '=', 'asking_mutual')
        .where('answered_at', '<', before)
        .orderBy('answered_at')
        .execute();
      return rows.map(toIntroduction);
    },
  };
}

/** Where an introduction stands now, for a message about it waiting in the queue. */
export async function introductionStatus(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('introductions')
    .select('status')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.status ?? null;
}
