import type { Kysely } from 'kysely';
import {
  recipientsOf,
  type DeliveryTarget,
  type OutboundMessage,
} from '../../../core/domain/outbound';
import type { MemberDataRepository } from '../../../core/member-data-ports';
import type { Database } from '../../schema';
import { collectMemberRecords } from './collect';
import { eraseMember } from './erase';
import { isForgotten, unforget } from './forgotten';
import { deliveryNames } from './naming';

/** A member's data: read for their export, rewritten and deleted when they ask to be forgotten. */
export function memberDataRepository(db: Kysely<Database>): MemberDataRepository {
  return {
    collect: (workspaceId, userId) => collectMemberRecords(db, workspaceId, userId),
    async waitingDeliveriesNaming(workspaceId, userId) {
      const rows = await db
        .selectFrom('deliveries')
        .select(['id', 'target', 'message'])
        .where('workspace_id', '=', workspaceId)
        .where('status', 'in', ['pending', 'sending'])
        .where(deliveryNames(userId))
        .forUpdate()
        .execute();
      return rows.map((r) => ({
        id: r.id,
        target: r.target as DeliveryTarget,
        message: r.message as OutboundMessage,
      }));
    },
    async rewriteDelivery(workspaceId, d) {
      await db
        .updateTable('deliveries')
        .set({
          target: JSON.stringify(d.target),
          message: JSON.stringify(d.message),
          member_ids: recipientsOf(d.target),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', d.id)
        .execute();
    },
    erase: (workspaceId, member, at) => eraseMember(db, workspaceId, member, at),
    isForgotten: (workspaceId, userId) => isForgotten(db, workspaceId, userId),
    unforget: (workspaceId, userId) => unforget(db, workspaceId, userId),
  };
}
