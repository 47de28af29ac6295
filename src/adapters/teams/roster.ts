import type { ChannelRoster } from '../../scheduler/job';
import { pagedMembers } from './connector';
import { saveAccounts, type TeamsDirectory } from './directory';

/**
 * Who is in a channel, for rounds that take everyone in it: a standard channel has its team's
 * members, read page by page (and kept in the directory on the way).
 */
export function teamsRoster(dir: TeamsDirectory): ChannelRoster {
  return {
    async members(workspace, channelId) {
      const channel = await dir.store.conversation(workspace.id, channelId);
      if (!channel) throw new Error(`Rapport has not seen the Teams channel ${channelId}`);
      const client = await dir.connectorFor(channel.serviceUrl);
      const ids: string[] = [];
      let token: string | undefined;
      do {
        const page = await pagedMembers(client, channel.teamId ?? channelId, token);
        const users = await saveAccounts(dir, workspace.id, workspace.externalId, page.members);
        ids.push(...users.map((u) => u.userId));
        token = page.continuationToken;
      } while (token);
      return ids;
    },
  };
}
