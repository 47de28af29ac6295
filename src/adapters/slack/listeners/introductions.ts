import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import {
  INTRO_ANSWERS,
  INTRODUCE,
  MUTUAL_ANSWERS,
  NOT_NOW,
  readSuggestionValue,
} from '../views/network';
import { buttonAnswer } from './answer';
import { workspaceOf } from './installed-workspace';
import { safely } from './safely';

type Handler = (c: {
  deps: SlackDeps;
  workspaceId: string;
  userId: string;
  value: string;
  triggerId: string;
}) => Promise<{ ok: boolean; message: string }>;

const HANDLERS: Record<string, Handler> = {
  [INTRODUCE]: ({ deps, workspaceId, userId, value, triggerId }) => {
    const { userId: targetId, mutualId, welcome } = readSuggestionValue(value);
    return deps.useCases.introductions.request({
      workspaceId,
      requesterId: userId,
      targetId,
      mutualId,
      origin: welcome ? 'welcome' : 'suggestion',
      sourceKey: `slack:action:${triggerId}`,
    });
  },
  [NOT_NOW]: ({ deps, workspaceId, userId, value }) =>
    deps.useCases.introductions.notNow(workspaceId, userId, readSuggestionValue(value).userId),
  [INTRO_ANSWERS.accept]: ({ deps, workspaceId, userId, value }) =>
    deps.useCases.introductions.answer(workspaceId, userId, value, true),
  [INTRO_ANSWERS.decline]: ({ deps, workspaceId, userId, value }) =>
    deps.useCases.introductions.answer(workspaceId, userId, value, false),
  [MUTUAL_ANSWERS.join]: ({ deps, workspaceId, userId, value }) =>
    deps.useCases.introductions.answerMutual(workspaceId, userId, value, true),
  [MUTUAL_ANSWERS.decline]: ({ deps, workspaceId, userId, value }) =>
    deps.useCases.introductions.answerMutual(workspaceId, userId, value, false),
};

/** Suggestions' Introduce us / Not now, and the answers of the people asked. */
export function registerIntroductions(app: App, deps: SlackDeps) {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${Object.keys(HANDLERS).join('|')})$`),
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const workspace = workspaceOf(context);
      const { workspaceId, teamId } = workspace;
      const userId = body.user.id;
      const { tell, refresh } = buttonAnswer(deps, body, respond, client, workspace);
      await safely(deps, { action: action.action_id, teamId, userId }, tell, async () => {
        await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
        const result = await HANDLERS[action.action_id]!({
          deps,
          workspaceId,
          userId,
          value: action.value ?? '',
          triggerId: body.trigger_id,
        });
        await tell(result.message);
        await refresh();
      });
    },
  );
}
