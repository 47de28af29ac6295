import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { ChannelRoster } from '../../scheduler/job';

/** Who is in a channel, page by page (conversations.members is Tier 4). */
export function slackRoster(
  tokenFor: (teamId: string) => Promise<string>,
  clientOptions: WebClientOptions,
): ChannelRoster {
  return {
    async members(workspace, channelId) {
      const web = new WebClient(await tokenFor(workspace.externalId), clientOptions);
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await web.conversations.members({
          channel: channelId,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      return ids;
    },
  };
}
