import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

/** Where one copy of a message went: its conversation and the platform's id for it. */
export interface SentCopy {
  conversationId: string;
  ref: string;
}

/**
 * The other copies of a message sent to each member of a group alone (a Teams round's
 * check-in): deliveries whose key is the pressed one's with another member's id at the end.
 * A message sent once (to a channel, a group DM) has none.
 */
export async function otherCopies(
  db: Kysely<Database>,
  workspaceId: string,
  pressedRef: string,
): Promise<SentCopy[]> {
  const pressed = await db
    .selectFrom('deliveries')
    .select(['dedupe_key', 'target'])
    .where('workspace_id', '=', workspaceId)
    .where('platform_ref', '=', pressedRef)
    .executeTakeFirst();
  const target = pressed?.target as { type?: string; userId?: string } | undefined;
  if (!pressed || target?.type !== 'member' || !target.userId) return [];
  const suffix = `:${target.userId}`;
  if (!pressed.dedupe_key.endsWith(suffix)) return [];
  const group = pressed.dedupe_key.slice(0, -suffix.length);
  const rows = await db
    .selectFrom('deliveries')
    .select(['conversation_id', 'platform_ref', 'dedupe_key'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'sent')
    .where('dedupe_key', 'like', sql<string>`${group.replace(/[\\%_]/g, '\\$&')} || ':%'`)
    .where('platform_ref', '<>', pressedRef)
    .execute();
  // Only keys of the same shape: the group's key and one member id, nothing deeper.
  return rows.flatMap((r) =>
    r.conversation_id && r.platform_ref && !r.dedupe_key.slice(group.length + 1).includes(':')
      ? [{ conversationId: r.conversation_id, ref: r.platform_ref }]
      : [],
  );
}
