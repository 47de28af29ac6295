import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Card } from '../../core/conversation/card';
import { alreadyDone, apology, note, summaryOf } from '../../core/messages/common';
import { otherCopies } from '../../persistence/repositories/delivery-copies';
import { heardFrom } from '../../persistence/repositories/directory';
import {
  installedWorkspace,
  markWorkspaceInstalled,
} from '../../persistence/repositories/workspaces';
import { clientTimezone, whereabouts, type Whereabouts } from './activity';
import { onCardRequest } from './card-requests';
import { cardActivity, openPersonalChat } from './chat';
import { onCommand } from './commands';
import { saveAccounts, userIdsOf } from './directory';
import { messageAnswer } from './answers';
import type { InvokeAnswer, TeamsDeps, Turn } from './deps';
import { onConversationUpdate, onInstallationUpdate } from './install';
import { readSubmit, readInvoke, type AdaptiveCard } from './render';

const isAdaptive = (c: Card | AdaptiveCard): c is AdaptiveCard =>
  (c as AdaptiveCard).type === 'AdaptiveCard';

/** The sender as a member: known, else asked about, else as the activity describes them. */
async function senderOf(
  deps: TeamsDeps,
  a: Activity,
  where: Whereabouts,
  workspace: Turn['workspace'],
): Promise<string | null> {
  const from = a.from;
  if (!from?.id || from.id === where.ref.botId) return null;
  const found = await userIdsOf(
    deps.directory,
    workspace,
    { serviceUrl: where.ref.serviceUrl, conversationId: where.ref.conversationId },
    [from.id],
  );
  let userId = found.get(from.id) ?? null;
  if (!userId && from.aadObjectId) {
    // Teams would not say (a local tool without a roster): the activity's own words will do.
    await saveAccounts(deps.directory, workspace.id, workspace.tenantId, [
      { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    ]);
    userId = from.aadObjectId;
  }
  if (userId) await heardFrom(deps.db, workspace.id, userId, clientTimezone(a));
  return userId;
}

async function makeTurn(
  deps: TeamsDeps,
  a: Activity,
  where: Whereabouts,
  workspace: Turn['workspace'],
  answer: (x: InvokeAnswer) => void,
): Promise<Turn> {
  const userId = await senderOf(deps, a, where, workspace);
  await deps.store.remember(workspace.id, {
    ...where.ref,
    userId: where.ref.kind === 'personal' ? userId : null,
  });
  const client = () => deps.directory.connectorFor(where.ref.serviceUrl);

  async function personalChat(): Promise<string> {
    if (where.ref.kind === 'personal') return where.thread;
    const known = userId ? await deps.store.personal(workspace.id, userId) : null;
    if (known && !known.removed) return known.conversationId;
    const conversationId = await openPersonalChat(await client(), {
      botId: where.ref.botId,
      teamsId: a.from!.id!,
      tenantId: workspace.tenantId,
    });
    await deps.store.remember(workspace.id, {
      conversationId,
      kind: 'personal',
      serviceUrl: where.ref.serviceUrl,
      botId: where.ref.botId,
      teamId: null,
      name: null,
      userId,
    });
    return conversationId;
  }

  return {
    activity: a,
    where,
    workspace,
    actor:
      userId === null
        ? null
        : {
            workspaceId: workspace.id,
            userId,
            // A personal chat with the bot is nobody's audience: kudos typed there go to the
            // kudos channel, if there is one, and nothing is celebrated where only one reads.
            channelId: where.ref.kind === 'personal' ? null : where.ref.conversationId,
            requestId: `teams:${a.id ?? ''}`,
          },
    async post(card) {
      const drawn = await deps.drawing.card(workspace.id, card);
      await (
        await client()
      ).sendToConversation(where.ref.conversationId, cardActivity(drawn, card.summary));
    },
    async privately(card, summary) {
      const drawn = isAdaptive(card) ? card : await deps.drawing.card(workspace.id, card);
      const words = summary ?? (isAdaptive(card) ? '' : card.summary);
      await (await client()).sendToConversation(await personalChat(), cardActivity(drawn, words));
    },
    async replacePressed(card, summary) {
      if (!a.replyToId || !a.conversation?.id) return;
      const connector = await client();
      await connector.updateActivity(
        a.conversation.id,
        a.replyToId,
        cardActivity(card, summary, { id: a.replyToId }),
      );
      // A group's message went to each member alone: every copy reads the same now.
      for (const copy of await otherCopies(deps.db, workspace.id, a.replyToId))
        await connector
          .updateActivity(
            copy.conversationId,
            copy.ref,
            cardActivity(card, summary, { id: copy.ref }),
          )
          .catch((error: unknown) =>
            deps.logger.warn({ err: error, ...copy }, 'a copy of the pressed card was not updated'),
          );
    },
    answer,
  };
}

async function route(deps: TeamsDeps, turn: Turn): Promise<void> {
  const a = turn.activity;
  switch (a.type) {
    case 'message':
      if (a.value && typeof a.value === 'object' && !a.text?.trim())
        return onCardRequest(deps, turn, readSubmit(a.value));
      return onCommand(deps, turn);
    case 'invoke':
      if (a.name === 'adaptiveCard/action') return onCardRequest(deps, turn, readInvoke(a.value));
      // Nothing else is asked of Rapport's cards or manifest: answered, and nothing done.
      deps.logger.info({ name: a.name }, 'Teams invoke Rapport does not use answered');
      return;
    case 'installationUpdate':
      return onInstallationUpdate(deps, turn);
    case 'conversationUpdate':
      return onConversationUpdate(deps, turn);
    default:
      return;
  }
}

/**
 * One activity from Teams, whatever it is: its tenant is the workspace, its conversation is
 * remembered, a copy Teams sent before changes nothing, and every invoke gets an answer. A
 * failure is logged with its context and the sender gets an apology.
 */
export async function handleActivity(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const a = context.activity;
  let answer: InvokeAnswer = { status: 200, body: {} };
  const answerWith = (x: InvokeAnswer) => {
    answer = x;
  };
  try {
    await handle(deps, a, answerWith);
  } finally {
    if (a.type === 'invoke')
      await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: answer }));
  }
}

async function handle(deps: TeamsDeps, a: Activity, answer: (x: InvokeAnswer) => void) {
  const where = whereabouts(a);
  if (!where) {
    deps.logger.warn({ type: a.type, id: a.id }, 'Teams activity without tenant or conversation');
    return;
  }
  // Read first: an upsert on every activity would rewrite the tenant's row each time, and
  // every turn of the tenant would queue for that row's lock.
  const installed = await installedWorkspace(deps.db, 'teams', where.tenantId);
  const workspace = {
    id: installed?.id ?? (await markWorkspaceInstalled(deps.db, 'teams', where.tenantId)),
    tenantId: where.tenantId,
  };
  const context = { type: a.type, name: a.name, activityId: a.id, workspaceId: workspace.id };
  if (a.id && !(await deps.inboundEvents.first(workspace.id, `teams:${a.id}`))) {
    deps.logger.info(context, 'duplicate Teams activity ignored');
    answer(messageAnswer(summaryOf(alreadyDone())));
    return;
  }
  let turn: Turn | null = null;
  try {
    turn = await makeTurn(deps, a, where, workspace, answer);
    await route(deps, turn);
  } catch (error) {
    deps.logger.error({ err: error, ...context, userId: turn?.actor?.userId }, 'request failed');
    answer(messageAnswer(summaryOf(apology())));
    if (turn?.actor && a.type === 'message')
      await turn
        .privately(note(apology()))
        .catch((e: unknown) => deps.logger.warn({ err: e, ...context }, 'apology not delivered'));
  }
}
