import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../schema';

/**
 * What is kept of a person who asked to be forgotten: HMAC-SHA-256 of their platform user id,
 * keyed by the workspace's id (a random uuid Rapport gave the workspace). One-way: the id cannot
 * be read back from it, and the same person has unrelated hashes in two workspaces. Anyone who
 * already knows an id and holds the database can still test whether it was forgotten; that is
 * what the hash is for (a directory sync must recognise them).
 */
export const userHash = (workspaceId: string, userId: string): string =>
  createHmac('sha256', workspaceId).update(userId, 'utf8').digest('hex');

export async function isForgotten(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('forgotten_members')
    .select('user_hash')
    .where('workspace_id', '=', workspaceId)
    .where('user_hash', '=', userHash(workspaceId, userId))
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberForgotten(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
  at: Date,
): Promise<void> {
  await db
    .insertInto('forgotten_members')
    .values({
      workspace_id: workspaceId,
      user_hash: userHash(workspaceId, userId),
      forgotten_at: at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_hash']).doNothing())
    .execute();
}

/** A forgotten person starts again as new: the directory may add them once more. */
export async function unforget(
  db: Kysely<Database>,
  workspaceId: string,
  userId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('forgotten_members')
    .where('workspace_id', '=', workspaceId)
    .where('user_hash', '=', userHash(workspaceId, userId))
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
