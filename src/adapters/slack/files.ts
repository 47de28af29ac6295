import type { WebClient } from '@slack/web-api';
import type { ReplyFile } from '../../core/conversation/card';

/**
 * Uploads a reply's files to the person's DM with the app (files.uploadV2: one upload, shared
 * to the DM when it completes) and returns each file's Slack id by its file name, so that the
 * message can show a picture from it.
 */
export async function uploadToDm(
  client: WebClient,
  userId: string,
  files: ReplyFile[],
): Promise<Map<string, string>> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error(`no DM with ${userId} to upload to`);
  const result = (await client.files.uploadV2({
    channel_id: channel,
    file_uploads: files.map((f) => ({
      file: Buffer.from(f.content),
      filename: f.filename,
      title: f.title,
    })),
  })) as unknown as { files?: Array<{ files?: Array<{ id?: string }> }> };
  // One completion for the one channel, its files in the order they were given.
  const ids = (result.files ?? []).flatMap((r) => r.files ?? []).map((f) => f.id);
  return new Map(
    files.flatMap((f, i) => (ids[i] ? [[f.filename, ids[i]] as [string, string]] : [])),
  );
}
