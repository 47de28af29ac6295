import type { WebClient } from '@slack/web-api';

/** Sends a person a message in their DM with Rapport. */
export async function sendDm(client: WebClient, userId: string, text: string): Promise<void> {
  const { channel } = await client.conversations.open({ users: userId });
  await client.chat.postMessage({ channel: channel!.id!, text });
}
