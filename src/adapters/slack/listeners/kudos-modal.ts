import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps';
import { sendDm } from '../dm';
import { giveKudosOnSlack } from '../kudos-flow';
import { FIELDS, KUDOS_MODAL } from '../views/kudos-modal';
import { workspaceOf } from './installed-workspace';
import { formInputs } from './form-state';
import { safely } from './safely';

function channelFrom(privateMetadata: string | undefined): string | null {
  try {
    const parsed = JSON.parse(privateMetadata ?? '{}') as { channelId?: unknown };
    return typeof parsed.channelId === 'string' ? parsed.channelId : null;
  } catch {
    return null;
  }
}

export function registerKudosModal(app: App, deps: SlackDeps) {
  app.view(KUDOS_MODAL, async ({ ack, view, body, client, context }) => {
    await ack();
    const { workspaceId, teamId } = workspaceOf(context);
    const userId = body.user.id;
    // The form has closed by now, so answers go to the giver's DM with Rapport.
    const tell = (text: string) => sendDm(client, userId, text);
    await safely(deps, { view: KUDOS_MODAL, teamId, userId }, tell, async () => {
      const form = formInputs(view);
      const { recipients: who, message: what, value: tag } = FIELDS;
      const recipients = form.input(who.block, who.action)?.selected_users ?? [];
      const message = form.text(what.block, what.action);
      const value = form.choice(tag.block, tag.action);
      await giveKudosOnSlack(
        deps,
        client,
        {
          workspaceId,
          teamId,
          userId,
          channelId: channelFrom(view.private_metadata),
          recipientIds: recipients,
          groupMentions: [],
          message: value ? `${message} #${value}` : message,
          sourceKey: `slack:view:${view.id}`,
        },
        { private: tell },
      );
    });
  });
}
