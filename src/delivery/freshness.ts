import type { Kysely } from 'kysely';
import type { OutboundMessage } from '../core/domain/outbound';
import type { Database } from '../persistence/schema';

export type Freshness = { skip: string } | { message: OutboundMessage } | null;

/**
 * Some messages can go stale between queueing and sending (hours, for someone's working
 * day): a reminder answered or snoozed meanwhile. Returns why to skip it, a fresher message
 * to send instead, or null to send it as queued.
 */
export async function freshen(
  db: Kysely<Database>,
  workspaceId: string,
  message: OutboundMessage,
): Promise<Freshness> {
  if (message.kind === 'followup_reminder') {
    const row = await db
      .selectFrom('reminders')
      .select(['status', 'version'])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', message.reminderId)
      .executeTakeFirst();
    if (!row || row.status !== 'pending') return { skip: 'the reminder was answered' };
    if (row.version !== message.version) return { skip: 'the reminder was snoozed' };
  }
  return null;
}
