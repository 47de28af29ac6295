import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ReplyFile } from '../../core/conversation/card';
import type { Database } from '../schema';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A file to fetch once, by whoever holds its address. */
export interface StoredFile {
  filename: string;
  mimeType: string;
  content: Uint8Array;
}

/** Files handed over by link: kept until they expire, found by an unguessable token. */
export function fileLinks(db: Kysely<Database>) {
  return {
    /** Keeps a file for `ttlMs` and returns the token of its address. */
    async offer(
      workspaceId: string,
      userId: string,
      file: ReplyFile,
      now: Date,
      ttlMs: number,
    ): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await db
        .insertInto('file_links')
        .values({
          token_hash: hashOf(token),
          workspace_id: workspaceId,
          user_id: userId,
          filename: file.filename,
          mime_type: file.mimeType,
          content: Buffer.from(file.content),
          expires_at: new Date(now.getTime() + ttlMs),
        })
        .execute();
      return token;
    },

    /** The file at a token, while it has not expired. */
    async find(token: string, now: Date): Promise<StoredFile | null> {
      const row = await db
        .selectFrom('file_links')
        .select(['filename', 'mime_type', 'content'])
        .where('token_hash', '=', hashOf(token))
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? { filename: row.filename, mimeType: row.mime_type, content: row.content } : null;
    },
  };
}

export type FileLinks = ReturnType<typeof fileLinks>;
