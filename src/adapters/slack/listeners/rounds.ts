import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { checkRoundChannel, type RoundChannelInput } from '../../../core/domain/rounds';
import type { CheckinResponse } from '../../../core/ports';
import type { SlackDeps } from '../deps';
import { ensureMembers } from '../directory';
import { sendDm } from '../dm';
import { membershipReply } from '../../../core/domain/round-messages';
import { channelLink, mention } from '../text';
import { ADD_ROUND, EDIT_ROUND, roundListMessage } from '../views/round-report';
import { ON, ROUND_FIELDS, ROUND_MODAL, roundChannelModal } from '../views/round-modal';
import { CHECKIN, ROUND_JOIN } from '../views/rounds';
import { workspaceOf } from './installed-workspace';
import { formInputs } from './form-state';
import { safely } from './safely';

/** The form as the admin left it; anything Slack did not send back reads as missing. */
function readRoundForm(view: Parameters<typeof formInputs>[0]): RoundChannelInput {
  const form = formInputs(view);
  const F = ROUND_FIELDS;
  return {
    channelId: form.input(F.channelId)?.selected_conversation ?? null,
    enabled: form.ticked(F.enabled, ON),
    everyWeeks: form.text(F.everyWeeks),
    weekday: form.text(F.weekday),
    hour: form.text(F.hour),
    timezone: form.text(F.timezone),
    groupSize: form.text(F.groupSize),
    repeatWindowDays: form.text(F.repeatWindowDays),
    participation: form.text(F.participation),
    leftover: form.text(F.leftover),
    checkinAfterDays: form.text(F.checkinAfterDays),
  };
}

const ANSWERS: Record<string, CheckinResponse> = {
  [CHECKIN.met]: 'met',
  [CHECKIN.not_yet]: 'not_yet',
  [CHECKIN.skip]: 'skip',
};

/** The round's buttons (join, check-in), and the admin's round channel form. */
export function registerRounds(app: App, deps: SlackDeps) {
  app.action<BlockAction<ButtonAction>>(
    ROUND_JOIN,
    async ({ ack, body, client, context, respond }) => {
      await ack();
      const { workspaceId, teamId } = workspaceOf(context);
      const userId = body.user.id;
      const tell = (text: string) =>
        respond({ response_type: 'ephemeral', replace_original: false, text });
      await safely(deps, { action: ROUND_JOIN, teamId, userId }, tell, async () => {
        await ensureMembers(deps.directory, client, workspaceId, teamId, [userId]);
        const channelId = body.channel?.id ?? null;
        const joined = await deps.useCases.rounds.join(workspaceId, userId, channelId);
        await tell(membershipReply('join', joined, channelLink));
      });
    },
  );

  for (const actionId of Object.values(CHECKIN)) {
    app.action<BlockAction<ButtonAction>>(
      actionId,
      async ({ ack, body, action, context, respond }) => {
        await ack();
        const { workspaceId, teamId } = workspaceOf(context);
        const userId = body.user.id;
        const tell = (text: string) =>
          respond({ response_type: 'ephemeral', replace_original: false, text });
        await safely(deps, { action: actionId, teamId, userId }, tell, async () => {
          const result = await deps.useCases.respondToCheckin(
            workspaceId,
            action.value ?? '',
            userId,
            ANSWERS[actionId]!,
          );
          if (!result.ok) return tell(result.message);
          if (result.response === 'met')
            // Everyone in the group sees it is settled; the buttons go.
            return respond({
              replace_original: true,
              text: `:tada: ${mention(userId)} says you met. That's recorded: nice work, all of you!`,
            });
          return tell(
            result.response === 'not_yet'
              ? "No problem, there's still time. Press *We met* once you have."
              : "Okay, you're skipping this one. See you next round!",
          );
        });
      },
    );
  }

  // "Add a round" (a new channel) and "Change" (a channel's value), from a message or from
  // inside the admin's settings form, where the round's form goes on top of it.
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${ADD_ROUND}|${EDIT_ROUND})$`),
    async ({ ack, body, action, client, context }) => {
      await ack();
      const { workspaceId, teamId } = workspaceOf(context);
      const userId = body.user.id;
      const tell = (text: string) => sendDm(client, userId, text);
      await safely(deps, { action: action.action_id, teamId, userId }, tell, async () => {
        const channelId = action.action_id === EDIT_ROUND ? (action.value ?? null) : null;
        const found = await deps.useCases.roundAdmin.settingsFor(workspaceId, userId, channelId);
        if (!found.ok) return tell(found.message);
        const view = roundChannelModal(found.settings);
        if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
        else await client.views.open({ trigger_id: body.trigger_id, view });
      });
    },
  );

  app.view(ROUND_MODAL, async ({ ack, view, body, client, context }) => {
    const input = readRoundForm(view);
    const check = checkRoundChannel(input);
    if (!check.ok) {
      const errors = Object.fromEntries(
        Object.entries(check.errors).map(([f, m]) => [
          ROUND_FIELDS[f as keyof typeof ROUND_FIELDS],
          m,
        ]),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const { workspaceId, teamId } = workspaceOf(context);
    const userId = body.user.id;
    const tell = (text: string) => sendDm(client, userId, text);
    await safely(deps, { view: ROUND_MODAL, teamId, userId }, tell, async () => {
      const saved = await deps.useCases.roundAdmin.save(workspaceId, userId, input);
      if (!saved.ok) return tell('message' in saved ? saved.message : 'The round was not saved.');
      if (!('channel' in saved)) return;
      const listed = await deps.useCases.roundAdmin.list(workspaceId, userId);
      await tell(`Saved the intro round in ${channelLink(saved.channel.channelId)}.`);
      if (listed.ok) {
        const { channel } = await client.conversations.open({ users: userId });
        await client.chat.postMessage({
          ...roundListMessage(listed.channels),
          channel: channel!.id!,
        });
      }
    });
  });
}
