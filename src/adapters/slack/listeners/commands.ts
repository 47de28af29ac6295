import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../../core/conversation';
import { busy, note } from '../../../core/messages/common';
import { safely } from '../../../inbound/safely';
import { decodeSlackCommand } from '../decode';
import type { SlackDeps } from '../deps';
import { renderCard, renderModal } from '../render';
import { uploadToDm } from '../files';
import { workspaceOf } from './installed-workspace';

/** The commands Rapport registers in its manifest; anything else is answered as unknown. */
export const COMMANDS = ['/kudos', '/followup', '/rapport'];

/** Says what the conversation answered: in public, privately, as a form, or with files. */
async function answer(
  reply: Reply,
  respond: RespondFn,
  client: WebClient,
  triggerId: string,
  userId: string,
) {
  if (reply.form)
    await client.views.open({ trigger_id: triggerId, view: renderModal(reply.form) as never });
  if (reply.public) {
    try {
      // A slash command's response_url posts in any channel, even one Rapport is not in.
      await respond({ response_type: 'in_channel', ...renderCard(reply.public) });
    } catch (error) {
      if (!reply.publicFailed) throw error;
      await respond({ response_type: 'ephemeral', ...renderCard(reply.publicFailed) });
    }
  }
  // Files go to the person's DM first, so that the answer can show a picture from one.
  const files = reply.files?.length ? await uploadToDm(client, userId, reply.files) : new Map();
  if (reply.private)
    await respond({ response_type: 'ephemeral', ...renderCard(reply.private, files) });
}

/**
 * /kudos, /followup and /rapport: acknowledged at once, then decoded and handed to the
 * conversation, which says what to answer. The work after the acknowledgement is bounded:
 * past the limit the person is told, in the acknowledgement, to try again in a minute.
 */
export function registerCommands(app: App, deps: SlackDeps) {
  for (const name of COMMANDS)
    app.command(name, async ({ command, ack, respond, client, context }) => {
      const { workspaceId } = workspaceOf(context);
      const actor = {
        workspaceId,
        userId: command.user_id,
        channelId: command.channel_id,
        requestId: `slack:command:${command.trigger_id}`,
      };
      const tell = (card: Parameters<typeof renderCard>[0]) =>
        respond({ response_type: 'ephemeral', ...renderCard(card) });
      const work = () =>
        safely(deps.logger, { command: name, workspaceId, userId: actor.userId }, tell, async () =>
          answer(
            await deps.conversation.command(actor, decodeSlackCommand(name, textOf(command))),
            respond,
            client,
            command.trigger_id,
            actor.userId,
          ),
        );
      if (!deps.inbound.admit(work)) {
        deps.logger.warn({ command: name, load: deps.inbound.load }, 'busy: command turned away');
        await ack({ response_type: 'ephemeral', ...renderCard(note(busy())) });
        return;
      }
      await ack();
    });
}

const textOf = (command: SlashCommand) => command.text ?? '';
