import type { WebClient } from '@slack/web-api';

/** Sends a person a message in their DM with Rapport (a user id posts there). */
export async function sendDm(
  client: WebClient,
  userId: string,
  message: { text: string; blocks?: unknown[] },
): Promise<void> {
  await client.chat.postMessage({ channel: userId, ...(message as { text: string }) });
}
