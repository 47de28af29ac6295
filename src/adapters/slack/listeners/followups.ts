import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import {
  followupSetReply,
  reminderAnswerReply,
  type ReminderAction,
} from '../../../core/domain/followup-messages';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import { findSlackMentions, mention } from '../text';
import { followupList, REMINDER_ACTIONS } from '../views/followups';
import { buttonAnswer } from './answer';
import { workspaceOf } from './installed-workspace';
import { safely } from './safely';

const ACTION_OF = Object.fromEntries(
  Object.entries(REMINDER_ACTIONS).map(([action, id]) => [id, action as ReminderAction]),
);

/** /followup @person <when> [about …], /followup list, and a reminder's buttons. */
export function registerFollowups(app: App, deps: SlackDeps) {
  app.command('/followup', async ({ command, ack, client, respond, context }) => {
    await ack();
    const { workspaceId, teamId } = workspaceOf(context);
    const userId = command.user_id;
    const tell = (text: string) => respond({ response_type: 'ephemeral', text });
    await safely(deps, { command: '/followup', teamId, userId }, tell, async () => {
      const mentions = findSlackMentions(command.text);
      await ensureMembers(deps.directory, client, workspaceId, teamId, [
        userId,
        ...mentions.filter((m) => m.kind === 'person').map((m) => m.userId),
      ]);
      if (command.text.trim().toLowerCase() === 'list') {
        const listed = await deps.useCases.followups.list(workspaceId, userId);
        if (!listed.ok) return tell(listed.message);
        return respond({ response_type: 'ephemeral', ...followupList(listed.reminders) });
      }
      const set = await deps.useCases.followups.set({
        workspaceId,
        userId,
        text: command.text,
        mentions,
        sourceKey: `slack:command:${command.trigger_id}`,
      });
      return tell(
        set.ok
          ? followupSetReply(mention(set.other.userId), set.due, set.zone, set.about)
          : set.message,
      );
    });
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${Object.values(REMINDER_ACTIONS).join('|')})$`),
    async ({ ack, body, action, client, context, respond }) => {
      await ack();
      const workspace = workspaceOf(context);
      const { workspaceId, teamId } = workspace;
      const userId = body.user.id;
      const { tell, refresh, fromHome } = buttonAnswer(deps, body, respond, client, workspace);
      await safely(deps, { action: action.action_id, teamId, userId }, tell, async () => {
        const what = ACTION_OF[action.action_id]!;
        const answer = await deps.useCases.followups.answer(
          workspaceId,
          userId,
          action.value ?? '',
          what,
        );
        if (!answer.ok) return tell(answer.message);
        const text = reminderAnswerReply(
          what,
          mention(answer.other.userId),
          answer.due,
          answer.zone,
        );
        // In the reminder's DM the buttons give way to the answer; under /followup list
        // (a private message of several reminders) or on the Home tab it comes as a note.
        if (fromHome || (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral) {
          await tell(text);
          return refresh();
        }
        return respond({ replace_original: true, text });
      });
    },
  );
}
