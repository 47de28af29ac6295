import { installWelcome, type InstalledIn } from '../../core/messages/install';
import { channelDataOf } from './activity';
import type { TeamsDeps, Turn } from './deps';
import { departed, firstAdmin, unknownTeamsIds, userIdsOf } from './directory';
import { readAtInstall } from './roster-sync';

const INSTALLED_IN: Record<Turn['where']['ref']['kind'], InstalledIn> = {
  personal: 'personal',
  channel: 'team',
  groupChat: 'groupChat',
};

/** The key that makes a conversation's welcome a one-off, until Rapport is removed from it. */
const welcomeKey = (turn: Turn) =>
  `teams:welcome:${turn.where.ref.teamId ?? turn.where.ref.conversationId}`;

/**
 * Rapport was added to a personal chat, a team or a group chat. Teams says so twice for a
 * personal install (installationUpdate and conversationUpdate): the welcome is said once. The
 * installer runs Rapport if nobody does yet, and a team's or a chat's members are read.
 */
async function installed(deps: TeamsDeps, turn: Turn): Promise<void> {
  const { ref } = turn.where;
  if (turn.actor) await firstAdmin(deps.directory, turn.workspace.id, turn.actor.userId);
  if (ref.kind !== 'personal') {
    const rosterOf = ref.teamId ?? ref.conversationId;
    deps.background(
      readAtInstall(deps.directory, deps.clock, turn.workspace, ref.serviceUrl, rosterOf),
      'roster read',
    );
  }
  if (!(await deps.inboundEvents.first(turn.workspace.id, welcomeKey(turn)))) return;
  await turn.post(
    installWelcome(INSTALLED_IN[ref.kind], turn.activity.recipient?.name || undefined),
  );
}

/** Rapport was removed: nothing more is sent there, and adding it back welcomes again. */
async function removed(deps: TeamsDeps, turn: Turn): Promise<void> {
  const { ref } = turn.where;
  await deps.store.removed(
    turn.workspace.id,
    ref.conversationId,
    ref.kind === 'channel' ? ref.teamId : null,
    deps.clock.now(),
  );
  await deps.inboundEvents.forget(turn.workspace.id, welcomeKey(turn));
  deps.logger.info(
    { workspaceId: turn.workspace.id, ...ref },
    'Rapport removed from a Teams scope',
  );
}

export async function onInstallationUpdate(deps: TeamsDeps, turn: Turn): Promise<void> {
  const action = turn.activity.action ?? '';
  if (action.startsWith('add')) return installed(deps, turn);
  if (action.startsWith('remove')) return removed(deps, turn);
}

/**
 * Members came or went. The bot itself among them is an install or a removal; anyone else is
 * read from Teams as they join (so a newcomer is welcomed and met) or marked as gone.
 */
export async function onConversationUpdate(deps: TeamsDeps, turn: Turn): Promise<void> {
  const a = turn.activity;
  const { botId } = turn.where.ref;
  const added = (a.membersAdded ?? []).map((m) => m.id).filter(Boolean) as string[];
  const left = (a.membersRemoved ?? []).map((m) => m.id).filter(Boolean) as string[];
  if (added.includes(botId)) await installed(deps, turn);
  const joined = added.filter((id) => id !== botId);
  if (joined.length > 0) {
    // Someone already in the directory (from another team, or back again) is not new here.
    const newcomers = await unknownTeamsIds(deps.directory, turn.workspace.id, joined);
    const ids = await userIdsOf(
      deps.directory,
      turn.workspace,
      {
        serviceUrl: turn.where.ref.serviceUrl,
        conversationId: turn.where.ref.teamId ?? turn.where.ref.conversationId,
      },
      joined,
      { reread: true },
    );
    for (const teamsId of newcomers) {
      const userId = ids.get(teamsId);
      if (userId) await deps.joined(turn.workspace.id, userId);
    }
  }
  if (left.includes(botId)) await removed(deps, turn);
  const gone = left.filter((id) => id !== botId);
  if (gone.length > 0) await departed(deps.directory, turn.workspace.id, gone);
  if (channelDataOf(a).eventType)
    deps.logger.debug({ eventType: channelDataOf(a).eventType }, 'Teams conversation changed');
}
