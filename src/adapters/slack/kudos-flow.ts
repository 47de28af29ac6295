import type { WebClient } from '@slack/web-api';
import { MAX_RECIPIENTS } from '../../core/domain/kudos';
import type { KudosRecord } from '../../core/ports';
import type { SlackDeps } from './deps';
import { ensureMembers } from './directory';
import { channelLink } from './text';
import { kudosDm, kudosPost } from './views/kudos';

export interface KudosAsk {
  workspaceId: string;
  teamId: string;
  userId: string;
  /** Where the giver asked, if anywhere. */
  channelId: string | null;
  recipientIds: string[];
  groupMentions: string[];
  message: string;
  sourceKey: string;
}

export interface KudosReplies {
  /** A message only the giver sees. */
  private(text: string): Promise<void>;
  /** Posts publicly where the giver asked (a slash command's response_url works in any channel). */
  publicHere?(message: ReturnType<typeof kudosPost>): Promise<void>;
}

/** Records a kudos from Slack, then celebrates it in public and tells each recipient. */
export async function giveKudosOnSlack(
  deps: SlackDeps,
  client: WebClient,
  ask: KudosAsk,
  replies: KudosReplies,
) {
  const { workspaceId } = ask;
  // More than the limit is rejected anyway: no need to look anyone up first.
  const lookup = ask.recipientIds.length <= MAX_RECIPIENTS ? ask.recipientIds : [];
  await ensureMembers(deps.directory, client, workspaceId, ask.teamId, [ask.userId, ...lookup]);

  const result = await deps.useCases.giveKudos({
    workspaceId,
    giverId: ask.userId,
    recipientIds: ask.recipientIds,
    groupMentions: ask.groupMentions,
    message: ask.message,
    channelId: ask.channelId,
    sourceKey: ask.sourceKey,
  });
  if (!result.ok) return replies.private(result.rejection.message);
  if (result.replayed) return;

  await announce(deps, client, result.kudos, result.announceChannelId, ask, replies);
  for (const recipient of result.recipients) {
    try {
      const dm = await client.conversations.open({ users: recipient.userId });
      await client.chat.postMessage({
        ...kudosDm(result.kudos, result.announceChannelId),
        channel: dm.channel!.id!,
      });
    } catch (error) {
      deps.logger.warn(
        { err: error, workspaceId, recipient: recipient.userId },
        'kudos DM not delivered',
      );
    }
  }
}

async function announce(
  deps: SlackDeps,
  client: WebClient,
  kudos: KudosRecord,
  channelId: string | null,
  ask: KudosAsk,
  replies: KudosReplies,
) {
  const post = kudosPost(kudos);
  try {
    if (channelId === ask.channelId && replies.publicHere) return await replies.publicHere(post);
    if (channelId) await client.chat.postMessage({ ...post, channel: channelId });
  } catch (error) {
    deps.logger.warn({ err: error, channelId }, 'kudos post not delivered');
    const where = channelId ? ` in ${channelLink(channelId)}` : '';
    await replies.private(
      `Your kudos is recorded, but I couldn't post it${where}. ` +
        'Invite me to the channel with `/invite @Rapport` and try the next one there.',
    );
    return;
  }
  // Celebrated somewhere the giver is not looking: tell them where.
  if (channelId !== ask.channelId) {
    await replies.private(
      channelId
        ? `Thanks for celebrating! Your kudos is posted in ${channelLink(channelId)}.`
        : 'Thanks for celebrating! Your kudos is recorded and each person has been told.',
    );
  }
}
